package io.altostratus.gateway.identity;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A decorator that lets EC2 clients use EC2 instance type names over a backend whose sizes have other names, by an
 * {@link InstanceTypeMap}: launches and type changes are asked for in the backend's size, and everything read back
 * (instances, pages of instances, instance attributes, the type list and the per-zone offerings) speaks EC2's names
 * again. Names the map does not mention pass through unchanged, so over a backend whose types are EC2's the
 * decorator changes nothing.
 *
 * <p>Of the extensions only {@link Ec2InstanceAttributes} carries type names, and it is the one wrapped; the others
 * pass as the backend hands them out. A new core method that takes or returns type names must be overridden here
 * ({@link ForwardingComputeProvider} forwards everything else unchanged).
 */
public final class TypeMapping extends ForwardingComputeProvider {
    private final InstanceTypeMap map;

    private TypeMapping(ComputeProvider delegate, InstanceTypeMap map) {
        super(delegate);
        this.map = map;
    }

    /** A decorator for {@code Backend}-style factories: wraps each provider it is given; identity for an empty map. */
    public static UnaryOperator<ComputeProvider> decorator(InstanceTypeMap map) {
        Objects.requireNonNull(map, "map");
        return map.isEmpty() ? UnaryOperator.identity() : provider -> wrap(provider, map);
    }

    /** {@code delegate} speaking EC2 names by {@code map}; an empty map returns {@code delegate} itself. */
    public static ComputeProvider wrap(ComputeProvider delegate, InstanceTypeMap map) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(map, "map");
        return map.isEmpty() ? delegate : new TypeMapping(delegate, map);
    }

    /**
     * Refuses a map that names a size {@code backend} does not list, so a typo fails at startup instead of at the
     * first launch. A backend that cannot list its types ({@code UNSUPPORTED}) cannot be checked and is let through;
     * any other failure to list them is rethrown.
     *
     * @param backend the undecorated provider (its own size names)
     * @throws AltoException {@code INVALID_PARAMETER} naming each unknown size and where it was written
     */
    public static void requireSizesOf(ComputeProvider backend, InstanceTypeMap map) {
        if (map.isEmpty()) {
            return;
        }
        List<InstanceType> types;
        try {
            types = backend.instanceTypes();
        } catch (AltoException e) {
            if (e.code() == ErrorCode.UNSUPPORTED) {
                return;
            }
            throw e;
        }
        map.requireSizesIn(backend.name(), types.stream().map(InstanceType::name).toList());
    }

    // ---- toward the backend: its own sizes ----------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        LaunchSpec sized = spec;
        if (spec.instanceType() != null) {
            String size = map.backendSize(spec.instanceType());
            sized = size.equals(spec.instanceType()) ? spec : spec.toBuilder().instanceType(size).build();
        }
        try {
            return toEc2(delegate.launch(sized));
        } catch (PartialLaunchException partial) {
            throw translated(partial);
        }
    }

    /** A query for EC2 type names asks for the backend sizes they stand for. */
    private InstanceQuery toBackend(InstanceQuery query) {
        if (query.types().isEmpty()) {
            return query;
        }
        Set<String> sizes = new LinkedHashSet<>();
        for (String type : query.types()) {
            sizes.add(map.backendSize(type));
        }
        return query.withTypes(sizes);
    }

    private InstanceChange toBackend(InstanceChange change) {
        if (change == null || change.instanceType() == null) {
            return change;
        }
        return new InstanceChange(map.backendSize(change.instanceType()), change.disableApiTermination(),
                change.userData());
    }

    // ---- back from the backend: EC2's names ---------------------------------------------------------------------

    @Override
    public Instance instance(String id) {
        return toEc2(delegate.instance(id));
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return toEc2(delegate.instances(toBackend(query)));
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        Page<Instance> backend = delegate.instances(toBackend(query), page);
        return new Page<>(toEc2(backend.items()), backend.nextCursor());
    }

    @Override
    public List<InstanceType> instanceTypes() {
        List<InstanceType> types = delegate.instanceTypes();
        List<InstanceType> out = new ArrayList<>(types.size());
        for (InstanceType type : types) {
            for (String name : map.listedNames(type.name())) {
                out.add(name.equals(type.name()) ? type : renamed(type, name));
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> zone : delegate.instanceTypeOfferingsByZone().entrySet()) {
            Set<String> names = new LinkedHashSet<>();
            for (String size : zone.getValue()) {
                names.addAll(map.listedNames(size));
            }
            out.put(zone.getKey(), Collections.unmodifiableSet(names));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        if (type == Ec2InstanceAttributes.class) {
            return Optional.of(type.cast(new Attributes((Ec2InstanceAttributes) extension)));
        }
        return Optional.of(extension);
    }

    /** Instance attributes with type names in EC2's words both ways. */
    private final class Attributes implements Ec2InstanceAttributes {
        private final Ec2InstanceAttributes backend;

        Attributes(Ec2InstanceAttributes backend) {
            this.backend = backend;
        }

        @Override
        public InstanceAttributes instanceAttributes(String instanceId) {
            return toEc2(backend.instanceAttributes(instanceId));
        }

        @Override
        public String userData(String instanceId) {
            return backend.userData(instanceId);
        }

        @Override
        public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
            return toEc2(backend.modifyInstance(instanceId, toBackend(change)));
        }
    }

    /** A partial launch carries instances that exist: the caller must see them under the names it asked for. */
    private PartialLaunchException translated(PartialLaunchException partial) {
        return partial.withLaunched(this::toEc2);
    }

    private Instance toEc2(Instance instance) {
        if (instance == null) {
            return null;
        }
        String ec2 = map.ec2Type(instance.instanceType());
        return Objects.equals(ec2, instance.instanceType()) ? instance
                : instance.toBuilder().instanceType(ec2).build();
    }

    private InstanceAttributes toEc2(InstanceAttributes attributes) {
        if (attributes == null) {
            return null;
        }
        String ec2 = map.ec2Type(attributes.instanceType());
        return Objects.equals(ec2, attributes.instanceType()) ? attributes
                : new InstanceAttributes(attributes.instanceId(), ec2, attributes.disableApiTermination(),
                attributes.userData());
    }

    private List<Instance> toEc2(List<Instance> instances) {
        List<Instance> out = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            out.add(toEc2(instance));
        }
        return Collections.unmodifiableList(out);
    }

    private static InstanceType renamed(InstanceType type, String name) {
        return new InstanceType(name, type.vcpus(), type.memoryMiB(), type.gpus(), type.gpuModel(),
                type.architectures(), type.pricePerHour(), type.burstable(), type.currentGeneration(),
                type.networkPerformance(), type.localStorageGiB());
    }

    @Override
    public String toString() {
        return "TypeMapping[" + map.size() + " types over " + delegate + "]";
    }
}
