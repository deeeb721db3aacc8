package io.altostratus.gateway.identity;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A decorator that lets EC2 clients use EC2 instance type names over a backend whose sizes have other names, by an
 * {@link InstanceTypeMap}: launches and type changes are asked for in the backend's size, and everything read back
 * (instances, instance attributes, the type list and the per-zone offerings) speaks EC2's names again. Names the map
 * does not mention pass through unchanged, so over a backend whose types are EC2's the decorator changes nothing.
 *
 * <p>Like {@link Latency} the wrapper is a {@link Proxy}, so every SPI method present and future reaches the
 * delegate's own implementation. What it translates is decided by the values involved rather than by a list of
 * method names: every {@link LaunchSpec} and {@link InstanceChange} argument is translated to backend sizes, and
 * every {@link Instance}, {@code List<Instance>}, {@link InstanceAttributes} and {@code List<InstanceType>} result
 * (and the instances a {@link PartialLaunchException} carries) back to EC2 names, so a new SPI method that returns
 * instances is covered without a change here. The one result of another shape is
 * {@link ComputeProvider#instanceTypeOfferingsByZone()}, translated by name; an SPI method that took a bare type
 * name as a {@code String} would need adding here.
 */
public final class TypeMapping {
    private static final String OFFERINGS = "instanceTypeOfferingsByZone";

    /** How a method's result is read back, decided once per method from its declared return type. */
    private enum Result { AS_IS, INSTANCE, INSTANCES, ATTRIBUTES, TYPES, OFFERINGS_BY_ZONE }

    private static final Map<Method, Result> RESULTS = new ConcurrentHashMap<>();

    private TypeMapping() {
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
        if (map.isEmpty()) {
            return delegate;
        }
        return (ComputeProvider) Proxy.newProxyInstance(ComputeProvider.class.getClassLoader(),
                new Class<?>[] {ComputeProvider.class}, new Handler(delegate, map));
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

    private static Result resultOf(Method method) {
        if (method.getName().equals(OFFERINGS) && method.getParameterCount() == 0) {
            return Result.OFFERINGS_BY_ZONE;
        }
        Class<?> raw = method.getReturnType();
        if (raw == Instance.class) {
            return Result.INSTANCE;
        }
        if (raw == InstanceAttributes.class) {
            return Result.ATTRIBUTES;
        }
        if (List.class.isAssignableFrom(raw) && method.getGenericReturnType() instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            if (element == Instance.class) {
                return Result.INSTANCES;
            }
            if (element == InstanceType.class) {
                return Result.TYPES;
            }
        }
        return Result.AS_IS;
    }

    private record Handler(ComputeProvider delegate, InstanceTypeMap map) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            Object[] forward = args == null ? null : args.clone();
            if (forward != null) {
                for (int i = 0; i < forward.length; i++) {
                    forward[i] = toBackend(forward[i]);
                }
            }
            Object result;
            try {
                result = method.invoke(delegate, forward);
            } catch (InvocationTargetException e) {
                throw fromBackend(e.getCause());
            }
            return switch (RESULTS.computeIfAbsent(method, TypeMapping::resultOf)) {
                case AS_IS -> result;
                case INSTANCE -> result == null ? null : toEc2((Instance) result);
                case INSTANCES -> result == null ? null : toEc2Instances((List<?>) result);
                case ATTRIBUTES -> result == null ? null : toEc2((InstanceAttributes) result);
                case TYPES -> result == null ? null : toEc2Types((List<?>) result);
                case OFFERINGS_BY_ZONE -> result instanceof Map<?, ?> byZone ? toEc2Offerings(byZone) : result;
            };
        }

        private Object toBackend(Object arg) {
            if (arg instanceof LaunchSpec spec && spec.instanceType() != null) {
                String size = map.backendSize(spec.instanceType());
                return size.equals(spec.instanceType()) ? spec : spec.toBuilder().instanceType(size).build();
            }
            if (arg instanceof InstanceChange change && change.instanceType() != null) {
                return new InstanceChange(map.backendSize(change.instanceType()), change.disableApiTermination(),
                        change.userData());
            }
            return arg;
        }

        private Throwable fromBackend(Throwable thrown) {
            // A partial launch carries instances that exist: the caller must see them under the names it asked for.
            if (thrown instanceof PartialLaunchException partial && partial.getCause() instanceof AltoException failure) {
                PartialLaunchException translated = new PartialLaunchException(partial.requested(),
                        toEc2Instances(partial.launched()), failure);
                translated.setStackTrace(partial.getStackTrace());
                return translated;
            }
            return thrown;
        }

        private Instance toEc2(Instance instance) {
            String ec2 = map.ec2Type(instance.instanceType());
            return Objects.equals(ec2, instance.instanceType()) ? instance
                    : instance.toBuilder().instanceType(ec2).build();
        }

        private InstanceAttributes toEc2(InstanceAttributes attributes) {
            String ec2 = map.ec2Type(attributes.instanceType());
            return Objects.equals(ec2, attributes.instanceType()) ? attributes
                    : new InstanceAttributes(attributes.instanceId(), ec2, attributes.disableApiTermination(),
                    attributes.userData());
        }

        private List<Instance> toEc2Instances(List<?> instances) {
            List<Instance> out = new ArrayList<>(instances.size());
            for (Object instance : instances) {
                out.add(toEc2((Instance) instance));
            }
            return Collections.unmodifiableList(out);
        }

        private List<InstanceType> toEc2Types(List<?> types) {
            List<InstanceType> out = new ArrayList<>(types.size());
            for (Object item : types) {
                InstanceType type = (InstanceType) item;
                for (String name : map.listedNames(type.name())) {
                    out.add(name.equals(type.name()) ? type : renamed(type, name));
                }
            }
            return Collections.unmodifiableList(out);
        }

        private static InstanceType renamed(InstanceType type, String name) {
            return new InstanceType(name, type.vcpus(), type.memoryMiB(), type.gpus(), type.gpuModel(),
                    type.architectures(), type.pricePerHour(), type.burstable(), type.currentGeneration(),
                    type.networkPerformance(), type.localStorageGiB());
        }

        private Map<String, Set<String>> toEc2Offerings(Map<?, ?> byZone) {
            Map<String, Set<String>> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> zone : byZone.entrySet()) {
                Set<String> names = new LinkedHashSet<>();
                for (Object size : (Set<?>) zone.getValue()) {
                    names.addAll(map.listedNames((String) size));
                }
                out.put((String) zone.getKey(), Collections.unmodifiableSet(names));
            }
            return Collections.unmodifiableMap(out);
        }

        private Object objectMethod(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "TypeMapping[" + map.size() + " types over " + delegate + "]";
            };
        }
    }
}
