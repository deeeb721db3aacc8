package io.altostratus.cli.fake;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
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
import io.altostratus.core.spi.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small EC2-like provider: instances move pending→running, stopping→stopped and terminating→terminated
 * after {@code transition_ms} (default 5000) of the context's clock, so a test's manual clock drives them. Of the
 * extensions it offers key pairs only, so the CLI's answer to an extension a provider lacks can be tested.
 */
final class FakeProvider implements ComputeProvider, KeyPairs {
    static final Instant IMAGE_DATE = Instant.parse("2025-10-01T00:00:00Z");
    static final List<Image> IMAGES = List.of(
            image("ami-0a000000000000001", "24.04", Architecture.X86_64),
            image("ami-0a000000000000002", "24.04", Architecture.ARM64),
            image("ami-0a000000000000003", "22.04", Architecture.X86_64));
    static final List<InstanceType> TYPES = List.of(
            type("m5.large", 2, 8192, Architecture.X86_64, 0.096),
            type("t3.micro", 2, 1024, Architecture.X86_64, 0.0104),
            type("t4g.micro", 2, 1024, Architecture.ARM64, 0.0084),
            type("t3.small", 2, 2048, Architecture.X86_64, 0.0208),
            type("x9.unpriced", 1, 512, Architecture.X86_64, null));

    private final ProviderContext context;
    private final FakeCloudState state;
    private final Clock clock;
    private final Duration transition;

    FakeProvider(ProviderContext context, FakeCloudState state) {
        this.context = context;
        this.state = state;
        this.clock = context.clock();
        this.transition = Duration.ofMillis(Long.parseLong(context.setting("transition_ms", "5000")));
        synchronized (state) {
            state.opens++;
        }
    }

    private static Image image(String id, String release, Architecture arch) {
        return new Image(id, "ubuntu/images/ubuntu-" + release + "-" + arch.debianName() + "-server", null,
                "099720109477", null, "ubuntu", release, arch, Image.AVAILABLE, true, "/dev/sda1", 8, List.of(), null,
                IMAGE_DATE, Map.of());
    }

    private static InstanceType type(String name, int vcpus, long mib, Architecture arch, Double price) {
        return new InstanceType(name, vcpus, mib, 0, null, List.of(arch), price, name.startsWith("t"), true, null, 0);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String region() {
        return context.region();
    }

    @Override
    public Optional<Scope> scope() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> traits() {
        return EnumSet.of(Capability.FORCE_STOP, Capability.CLIENT_TOKEN);
    }

    @Override
    public Duration consistencyGrace() {
        return Duration.ZERO;
    }

    @Override
    public List<Region> regions() {
        return List.of(new Region("eu-west-1", "Europe (Ireland)", null, false),
                new Region("us-east-1", "US East (N. Virginia)", null, false));
    }

    @Override
    public List<Zone> zones() {
        return List.of(new Zone(region() + "a", null, region(), null), new Zone(region() + "b", null, region(), null));
    }

    @Override
    public List<InstanceType> instanceTypes() {
        return TYPES;
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return ComputeProvider.everyTypeInEveryZone(this);
    }

    @Override
    public synchronized List<Instance> launch(LaunchSpec spec) {
        synchronized (state) {
            if (spec.clientToken() != null && state.tokens.containsKey(spec.clientToken())) {
                return state.tokens.get(spec.clientToken()).stream().map(this::current).toList();
            }
            Image image = resolveImage(ImageRef.parse(spec.image()));
            if (TYPES.stream().noneMatch(t -> t.name().equals(spec.instanceType()))) {
                throw AltoException.invalid("InvalidParameterValue", "invalid instance type '" + spec.instanceType() + "'");
            }
            Instant now = clock.instant();
            List<Instance> made = new ArrayList<>();
            for (int n = 0; n < spec.count(); n++) {
                long number = state.nextId++;
                Instance instance = Instance.builder()
                        .id(String.format("i-%017x", number))
                        .name(spec.name())
                        .provider("fake")
                        .region(region())
                        .zone(spec.zone() == null ? region() + "a" : spec.zone())
                        .state(InstanceState.PENDING)
                        .imageId(image.id())
                        .instanceType(spec.instanceType())
                        .architecture(image.architecture())
                        .privateIp("10.0." + (number >> 8 & 0xff) + "." + (number & 0xff))
                        .keyName(spec.keyName())
                        .tags(spec.tags())
                        .launchTime(now)
                        .build();
                state.instances.put(instance.id(), new FakeCloudState.Entry(instance, now));
                if (spec.userData() != null) {
                    state.userData.put(instance.id(), spec.userData());
                }
                made.add(instance);
            }
            if (spec.clientToken() != null) {
                state.tokens.put(spec.clientToken(), made.stream().map(Instance::id).toList());
            }
            return made;
        }
    }

    /** The instance as of now: a transitional state that has lasted {@code transition} has moved on. */
    private Instance current(String id) {
        FakeCloudState.Entry e = state.instances.get(id);
        if (e == null) {
            throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        Instant now = clock.instant();
        if (e.instance().state().isTransitional() && !now.isBefore(e.since().plus(transition))) {
            InstanceState next = switch (e.instance().state()) {
                case PENDING -> InstanceState.RUNNING;
                case STOPPING -> InstanceState.STOPPED;
                default -> InstanceState.TERMINATED;
            };
            e = new FakeCloudState.Entry(e.instance().toBuilder().state(next).rawState(null).build(), now);
            state.instances.put(id, e);
        }
        return e.instance();
    }

    /** The id that makes the fake fail like a provider with a bug, for the CLI's handling of the unexpected. */
    static final String BUG_ID = "i-0bad0bad0bad0bad0";

    @Override
    public Instance instance(String id) {
        if (BUG_ID.equals(id)) {
            throw new IllegalStateException("fake provider bug");
        }
        synchronized (state) {
            return current(id);
        }
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        synchronized (state) {
            for (String id : query.ids()) {
                current(id);
            }
            return List.copyOf(state.instances.keySet()).stream().map(this::current).filter(query::matches).toList();
        }
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    private List<StateChange> move(Collection<String> ids, Set<InstanceState> allowed, InstanceState to) {
        synchronized (state) {
            for (String id : ids) {
                InstanceState s = current(id).state();
                if (!allowed.contains(s)) {
                    throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                            "The instance '" + id + "' is not in a state from which it can be moved to " + to);
                }
            }
            List<StateChange> changes = new ArrayList<>();
            for (String id : ids) {
                Instance before = current(id);
                InstanceState after = before.state() == InstanceState.TERMINATED ? InstanceState.TERMINATED : to;
                // Like EC2, the fake has its own word for a terminating instance.
                Instance moved = before.toBuilder().state(after)
                        .rawState(after == InstanceState.TERMINATING ? "shutting-down" : null).build();
                state.instances.put(id, new FakeCloudState.Entry(moved, clock.instant()));
                changes.add(new StateChange(id, before.state(), after));
            }
            return changes;
        }
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return move(ids, EnumSet.of(InstanceState.STOPPED), InstanceState.PENDING);
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return move(ids, EnumSet.of(InstanceState.RUNNING, InstanceState.PENDING), InstanceState.STOPPING);
    }

    @Override
    public void reboot(Collection<String> ids) {
        move(ids, EnumSet.of(InstanceState.RUNNING), InstanceState.RUNNING);
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return move(ids, EnumSet.complementOf(EnumSet.of(InstanceState.ERROR)), InstanceState.TERMINATING);
    }

    @Override
    public List<Image> images(ImageQuery query) {
        return IMAGES.stream().filter(query::matchesIgnoringOwner).toList();
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return IMAGES.stream()
                .filter(i -> ref.isAlias()
                        ? i.distro().equals(ref.distro()) && i.release().equals(ref.release())
                        && i.architecture() == ref.architecture()
                        : i.id().equals(ref.id()))
                .findFirst()
                .orElseThrow(() -> AltoException.notFound("InvalidAMIID.NotFound",
                        "The image id '[" + ref + "]' does not exist"));
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "creating images");
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        throw AltoException.unsupported(name(), "deleting images");
    }

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        synchronized (state) {
            if (state.keys.containsKey(name)) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, "InvalidKeyPair.Duplicate",
                        "The keypair '" + name + "' already exists.");
            }
            KeyPair key = new KeyPair("key-" + name, name, "fp:" + name, type, "ssh-ed25519 AAAAfake " + name,
                    clock.instant(), tags);
            state.keys.put(name, key);
            return new CreatedKeyPair(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nfake-" + name
                    + "\n-----END OPENSSH PRIVATE KEY-----\n");
        }
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "importing key pairs");
    }

    @Override
    public List<KeyPair> keyPairs() {
        synchronized (state) {
            return List.copyOf(state.keys.values());
        }
    }

    @Override
    public void deleteKeyPair(String name) {
        synchronized (state) {
            state.keys.remove(name);
        }
    }

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        synchronized (state) {
            Instance i = current(resourceId);
            Map<String, String> merged = Tags.merge(i.tags(), tags);
            state.instances.put(resourceId, new FakeCloudState.Entry(
                    i.toBuilder().tags(merged).name(merged.get(Tags.NAME)).build(),
                    state.instances.get(resourceId).since()));
        }
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        throw AltoException.unsupported(name(), "tags");
    }

    @Override
    public void close() {
    }
}
