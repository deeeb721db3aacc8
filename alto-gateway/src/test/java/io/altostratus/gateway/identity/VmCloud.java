package io.altostratus.gateway.identity;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A small cloud with ids of its own shape ({@code vm-<uuid>}, {@code img-...}, {@code net-...}) and only the core
 * SPI, as most non-EC2 providers are: the gateway must show it through EC2-shaped ids. Its machines live in this
 * object, so a test can restart the gateway over the same cloud. States change at once, except that a terminated
 * machine stays {@code TERMINATING} until {@link #finishTerminations()}.
 */
final class VmCloud implements ProviderFactory {
    static final String NAME = "vmcloud";
    static final String IMAGE = "img-debian-12";
    static final String NETWORK = "net-main";
    static final String SUBNET = "sn-main-a";

    private final Map<String, Map<String, Instance>> byAccount = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test cloud with non-EC2 ids";
    }

    @Override
    public ComputeProvider open(ProviderContext context) {
        return new Session(context.region(), context.account());
    }

    /** Every machine of an account, as the cloud itself names them. */
    synchronized List<Instance> machines(String account) {
        return List.copyOf(byAccount.getOrDefault(account, Map.of()).values());
    }

    synchronized void finishTerminations() {
        for (Map<String, Instance> machines : byAccount.values()) {
            machines.replaceAll((id, i) -> i.state() == InstanceState.TERMINATING
                    ? i.toBuilder().state(InstanceState.TERMINATED).build() : i);
        }
    }

    private final class Session implements ComputeProvider {
        private final String region;
        private final String account;

        Session(String region, String account) {
            this.region = region;
            this.account = account;
        }

        private Map<String, Instance> machines() {
            return byAccount.computeIfAbsent(account, a -> new LinkedHashMap<>());
        }

        @Override public String name() { return NAME; }
        @Override public String region() { return region; }
        @Override public Optional<Scope> scope() { return Optional.empty(); }
        @Override public Set<Capability> traits() { return Set.of(); }
        @Override public Duration consistencyGrace() { return Duration.ZERO; }
        @Override public List<Region> regions() { return List.of(new Region(region, region, null, false)); }
        @Override public List<Zone> zones() { return List.of(new Zone(region + "a", "vz1", region, "available")); }

        @Override
        public List<InstanceType> instanceTypes() {
            return List.of(new InstanceType("t3.micro", 2, 1024, 0, null, List.of(Architecture.X86_64), 0.01, true,
                    true, null, 0));
        }

        @Override
        public Map<String, Set<String>> instanceTypeOfferingsByZone() {
            return ComputeProvider.everyTypeInEveryZone(this);
        }

        private Image image() {
            return new Image(IMAGE, "debian-12", "Debian 12", "vmcloud", "vmcloud", "debian", "12",
                    Architecture.X86_64, Image.AVAILABLE, true, "/dev/vda", 8, List.of(), null,
                    Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        }

        @Override
        public List<Image> images(ImageQuery query) {
            return query.ids().isEmpty() || query.ids().contains(IMAGE) ? List.of(image()) : List.of();
        }

        @Override
        public Image resolveImage(ImageRef ref) {
            if (ref.isAlias() || IMAGE.equals(ref.id())) {
                return image();
            }
            throw AltoException.notFound("ImageNotFound", "no image " + ref.id());
        }

        @Override
        public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
            throw AltoException.unsupported(NAME, "images of machines");
        }

        @Override
        public void deleteImage(String imageId, boolean deleteSnapshots) {
            throw AltoException.unsupported(NAME, "deleting images");
        }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            resolveImage(ImageRef.parse(spec.image()));
            synchronized (VmCloud.this) {
                List<Instance> made = new ArrayList<>();
                for (int n = 0; n < spec.count(); n++) {
                    Instance vm = Instance.builder().id("vm-" + UUID.randomUUID()).provider(NAME).region(region)
                            .zone(region + "a").state(InstanceState.RUNNING).imageId(IMAGE)
                            .instanceType(spec.instanceType()).architecture(Architecture.X86_64)
                            .privateIp("10.9.0." + (machines().size() + 10)).vpcId(NETWORK).subnetId(SUBNET)
                            .tags(spec.tags()).launchTime(Instant.now()).build();
                    machines().put(vm.id(), vm);
                    made.add(vm.toBuilder().state(InstanceState.PENDING).build());
                }
                return made;
            }
        }

        @Override
        public Instance instance(String id) {
            synchronized (VmCloud.this) {
                Instance vm = machines().get(id);
                if (vm == null) {
                    throw AltoException.notFound("VmNotFound", "no machine " + id);
                }
                return vm;
            }
        }

        @Override
        public List<Instance> instances(InstanceQuery query) {
            synchronized (VmCloud.this) {
                for (String id : query.ids()) {
                    instance(id);
                }
                return machines().values().stream().filter(query::matches).toList();
            }
        }

        @Override
        public Page<Instance> instances(InstanceQuery query, PageRequest page) {
            return Page.of(instances(query), page, Instance::id);
        }

        private List<StateChange> move(Collection<String> ids, InstanceState to) {
            synchronized (VmCloud.this) {
                List<StateChange> out = new ArrayList<>();
                for (String id : ids) {
                    Instance vm = instance(id);
                    machines().put(id, vm.toBuilder().state(to).build());
                    out.add(new StateChange(id, vm.state(), to));
                }
                return out;
            }
        }

        @Override public List<StateChange> start(Collection<String> ids) { return move(ids, InstanceState.RUNNING); }
        @Override public List<StateChange> stop(Collection<String> ids, boolean force) { return move(ids, InstanceState.STOPPED); }
        @Override public void reboot(Collection<String> ids) { move(ids, InstanceState.RUNNING); }
        @Override public List<StateChange> terminate(Collection<String> ids) { return move(ids, InstanceState.TERMINATING); }

        @Override
        public void tag(String resourceId, Map<String, String> tags) {
            synchronized (VmCloud.this) {
                Instance vm = instance(resourceId);
                Map<String, String> all = new LinkedHashMap<>(vm.tags());
                all.putAll(tags);
                machines().put(resourceId, vm.toBuilder().tags(all).name(all.get("Name")).build());
            }
        }

        @Override
        public void untag(String resourceId, Collection<String> keys) {
            synchronized (VmCloud.this) {
                Instance vm = instance(resourceId);
                Map<String, String> all = new LinkedHashMap<>(vm.tags());
                all.keySet().removeAll(keys);
                machines().put(resourceId, vm.toBuilder().tags(all).build());
            }
        }

        @Override
        public void close() {
        }
    }
}
