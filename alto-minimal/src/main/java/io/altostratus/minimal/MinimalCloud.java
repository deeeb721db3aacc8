package io.altostratus.minimal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Scope;
import io.altostratus.minimal.MinimalState.Data;
import io.altostratus.minimal.MinimalState.MadeImage;
import io.altostratus.minimal.MinimalState.Vm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A session on the minimal cloud for one account: the core SPI and nothing more. It implements no
 * {@link io.altostratus.core.spi.Extension}, so {@link Capability#of} finds none and the façade answers
 * {@code UNSUPPORTED} for volumes, networks, key pairs and the rest; its one trait is {@link Capability#CLIENT_TOKEN}.
 *
 * <p>Instances are pending, stopping or terminating for {@code transition} after the call that put them there and
 * then settle; the state is worked out from the stored time and the session's clock on every read. Terminated
 * instances stay listed for an hour. Launch options this cloud cannot honour (spot, key pairs, networks, disks, user
 * data, ...) fail with {@code UNSUPPORTED} rather than being dropped.
 */
public final class MinimalCloud implements ComputeProvider {
    static final String NAME = "minimal";
    private static final Duration TERMINATED_RETENTION = Duration.ofHours(1);

    private final String account;
    private final Clock clock;
    private final Duration transition;
    private final MinimalState state;

    MinimalCloud(String account, Clock clock, Duration transition, MinimalState state) {
        this.account = account;
        this.clock = clock;
        this.transition = transition;
        this.state = state;
    }

    // ---- who and where ----------------------------------------------------------------------------------------

    @Override public String name() { return NAME; }
    @Override public String region() { return MinimalCatalog.REGION; }
    @Override public Optional<Scope> scope() { return Optional.empty(); }
    @Override public Set<Capability> traits() { return Set.of(Capability.CLIENT_TOKEN); }
    @Override public Duration consistencyGrace() { return Duration.ZERO; }
    @Override public List<Region> regions() { return MinimalCatalog.REGIONS; }
    @Override public List<Zone> zones() { return MinimalCatalog.ZONES; }
    @Override public List<InstanceType> instanceTypes() { return MinimalCatalog.TYPES; }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return ComputeProvider.everyTypeInEveryZone(this);
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return state.read(d -> {
            query.ids().forEach(id -> findImage(d, id));
            return Stream.concat(MinimalCatalog.IMAGES.stream(), d.images.values().stream().map(this::view))
                    .filter(query::matchesIgnoringOwner)
                    .filter(i -> query.owners().isEmpty() || query.owners().contains(i.ownerId())
                            || (query.owners().contains("self") && account.equals(i.ownerId())))
                    .toList();
        });
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return state.read(d -> resolve(d, ref));
    }

    /** An alias means one of the public images, never one somebody made from it. */
    private Image resolve(Data d, ImageRef ref) {
        if (!ref.isAlias()) {
            return findImage(d, ref.id());
        }
        boolean latest = "latest".equalsIgnoreCase(ref.release());
        return MinimalCatalog.IMAGES.stream()
                .filter(i -> i.distro().equalsIgnoreCase(ref.distro()) && i.architecture() == ref.architecture())
                .filter(i -> latest || i.release().equalsIgnoreCase(ref.release()))
                .max(Comparator.comparing(Image::creationDate))
                .orElseThrow(() -> AltoException.notFound("ImageNotFound", "no public image matches " + ref));
    }

    private Image findImage(Data d, String id) {
        MinimalIds.checkImageId(id);
        Optional<Image> builtIn = MinimalCatalog.IMAGES.stream().filter(i -> i.id().equals(id)).findFirst();
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        MadeImage made = d.images.get(id);
        if (made == null) {
            throw MinimalIds.imageNotFound(id);
        }
        return view(made);
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        checkTags(tags);
        if (name == null || name.isBlank()) {
            throw AltoException.invalid("InvalidImageName", "an image needs a name");
        }
        return state.update(d -> {
            Instant now = clock.instant();
            Vm vm = findVm(d, instanceId, now);
            InstanceState current = effective(vm, now);
            if (current != InstanceState.RUNNING && current != InstanceState.STOPPED) {
                throw incorrectState(vm.id(), current, "imaged");
            }
            if (d.images.values().stream().anyMatch(i -> i.name().equals(name))) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, "DuplicateImageName",
                        "an image named " + name + " already exists");
            }
            Image source = imageIfAny(d, vm.imageId());
            MadeImage made = new MadeImage(MinimalIds.newImageId(), name, description, vm.id(),
                    source == null ? null : source.distro(), source == null ? null : source.release(),
                    vm.architecture(), now, now.plus(transition), tags);
            d.images.put(made.id(), made);
            return view(made);
        });
    }

    private Image imageIfAny(Data d, String id) {
        try {
            return findImage(d, id);
        } catch (AltoException gone) {
            return null; // the image an instance came from may have been deleted since
        }
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        // There are no snapshots behind images here, so deleteSnapshots has nothing to do.
        state.update(d -> {
            MadeImage made = d.images.get(MinimalIds.checkImageId(imageId));
            if (made == null) {
                findImage(d, imageId); // NOT_FOUND, unless it is a public image
                throw notYours(imageId);
            }
            return d.images.remove(imageId);
        });
    }

    private Image view(MadeImage m) {
        String imageState = clock.instant().isBefore(m.availableAt()) ? Image.PENDING : Image.AVAILABLE;
        return new Image(m.id(), m.name(), m.description(), account, null, m.distro(), m.release(),
                m.architecture(), imageState, false, "root", 8, List.of(), m.sourceInstanceId(), m.created(),
                m.tags());
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        refuseWhatThisCloudLacks(spec);
        checkTags(spec.tags());
        String zone = spec.zone();
        if (zone != null && MinimalCatalog.ZONES.stream().noneMatch(z -> z.name().equals(zone))) {
            throw AltoException.invalid("UnknownZone", "there is no zone " + zone + " in " + region());
        }
        return state.update(d -> {
            Instant now = clock.instant();
            if (spec.clientToken() != null) {
                List<Instance> earlier = d.instances.values().stream()
                        .filter(vm -> spec.clientToken().equals(vm.clientToken()))
                        .map(vm -> view(vm, now)).toList();
                if (!earlier.isEmpty()) {
                    return earlier; // a retry of a launch that already happened makes nothing new
                }
            }
            Image image = resolve(d, parse(spec.image()));
            if (!Image.AVAILABLE.equals(image.state())) {
                throw new AltoException(ErrorCode.INVALID_STATE, "ImageNotAvailable",
                        "image " + image.id() + " is " + image.state());
            }
            if (spec.architecture() != null && spec.architecture() != image.architecture()) {
                throw AltoException.invalid("ArchitectureMismatch", "image " + image.id() + " is for "
                        + image.architecture() + ", not " + spec.architecture());
            }
            InstanceType type = chooseType(spec, image);
            List<Instance> launched = new ArrayList<>();
            for (int i = 0; i < spec.count(); i++) {
                long n = d.launched++;
                String where = zone != null ? zone
                        : MinimalCatalog.ZONES.get((int) (n % MinimalCatalog.ZONES.size())).name();
                Vm vm = new Vm(MinimalIds.newInstanceId(), where, image.id(), type.name(), image.architecture(),
                        privateIp(n), InstanceState.PENDING, now.plus(transition), now, spec.clientToken(),
                        spec.tags());
                d.instances.put(vm.id(), vm);
                launched.add(view(vm, now));
            }
            return launched;
        });
    }

    /** Launch options that need something this cloud does not have fail instead of being dropped silently. */
    private static void refuseWhatThisCloudLacks(LaunchSpec spec) {
        lacks(spec.spot() != null, "spot instances");
        lacks(spec.metadataOptions() != null, "instance metadata options");
        lacks(spec.keyName() != null, "key pairs");
        lacks(spec.subnetId() != null, "networks (subnetId)");
        lacks(!spec.securityGroupIds().isEmpty(), "security groups");
        lacks(!spec.disks().isEmpty() || spec.rootVolumeSizeGiB() != null || !spec.volumeTags().isEmpty(), "volumes");
        lacks(!spec.interfaceTags().isEmpty(), "network interfaces");
        lacks(spec.disableApiTermination(), "termination protection");
        lacks(spec.userData() != null, "user data (no guest runs here)");
    }

    private static void lacks(boolean asked, String what) {
        if (asked) {
            throw AltoException.unsupported(NAME, what);
        }
    }

    private static ImageRef parse(String image) {
        try {
            return ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            throw AltoException.invalid("MalformedImageId", e.getMessage());
        }
    }

    private static InstanceType chooseType(LaunchSpec spec, Image image) {
        if (spec.instanceType() != null) {
            InstanceType type = MinimalCatalog.TYPES.stream().filter(t -> t.name().equals(spec.instanceType()))
                    .findFirst().orElseThrow(() -> AltoException.invalid("UnknownInstanceType",
                            "there is no instance type " + spec.instanceType() + " (small, medium, large)"));
            if (!type.supports(image.architecture())) {
                throw AltoException.invalid("ArchitectureMismatch",
                        type.name() + " does not run " + image.architecture());
            }
            return type;
        }
        List<InstanceType> fitting = new TypeQuery(spec.minVcpus(), spec.minMemoryMiB(), null, image.architecture(),
                null).select(MinimalCatalog.TYPES);
        if (fitting.isEmpty()) {
            throw AltoException.invalid("UnknownInstanceType", "no instance type has " + spec.minVcpus()
                    + " vCPUs and " + spec.minMemoryMiB() + " MiB");
        }
        return fitting.get(0);
    }

    /** Addresses are handed out in launch order and never reused. */
    private static String privateIp(long n) {
        long host = n + 16;
        return "10." + ((host >> 16) & 255) + "." + ((host >> 8) & 255) + "." + (host & 255);
    }

    @Override
    public Instance instance(String id) {
        return state.read(d -> {
            Instant now = clock.instant();
            return view(findVm(d, id, now), now);
        });
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return state.read(d -> {
            Instant now = clock.instant();
            query.ids().forEach(id -> findVm(d, id, now));
            return d.instances.values().stream().filter(vm -> !expired(vm, now)).map(vm -> view(vm, now))
                    .filter(query::matches).toList();
        });
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return change(ids, "started", s -> switch (s) {
            case STOPPED -> InstanceState.PENDING;
            case PENDING, RUNNING -> s;
            default -> null;
        });
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        if (force) {
            // No FORCE_STOP trait: the façade refuses first, and so does the provider when called directly.
            throw AltoException.unsupported(NAME, "forced stop");
        }
        return change(ids, "stopped", s -> switch (s) {
            case RUNNING -> InstanceState.STOPPING;
            case STOPPING, STOPPED -> s;
            default -> null;
        });
    }

    @Override
    public void reboot(Collection<String> ids) {
        change(ids, "rebooted", s -> s == InstanceState.RUNNING ? s : null);
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return change(ids, "terminated", s -> s == InstanceState.TERMINATED ? s : InstanceState.TERMINATING);
    }

    /**
     * Moves every instance to {@code next(its state)}, or changes none when one of them cannot go anywhere from
     * where it is ({@code next} answers null): the whole call is checked before anything is stored.
     */
    private List<StateChange> change(Collection<String> ids, String verb, UnaryOperator<InstanceState> next) {
        return state.update(d -> {
            Instant now = clock.instant();
            List<Vm> vms = new LinkedHashSet<>(ids).stream().map(id -> findVm(d, id, now)).toList();
            for (Vm vm : vms) {
                if (next.apply(effective(vm, now)) == null) {
                    throw incorrectState(vm.id(), effective(vm, now), verb);
                }
            }
            List<StateChange> changes = new ArrayList<>();
            for (Vm vm : vms) {
                InstanceState from = effective(vm, now);
                InstanceState to = next.apply(from);
                Vm after = to == from ? vm : vm.withState(to, now.plus(transition));
                d.instances.put(vm.id(), after);
                changes.add(new StateChange(vm.id(), from, effective(after, now)));
            }
            d.instances.values().removeIf(vm -> expired(vm, now));
            return changes;
        });
    }

    private Vm findVm(Data d, String id, Instant now) {
        Vm vm = d.instances.get(MinimalIds.checkInstanceId(id));
        if (vm == null || expired(vm, now)) {
            throw MinimalIds.instanceNotFound(id);
        }
        return vm;
    }

    /** The state as of {@code now}: a transitional state has become its successor once its time is up. */
    private static InstanceState effective(Vm vm, Instant now) {
        if (!vm.state().isTransitional() || now.isBefore(vm.settlesAt())) {
            return vm.state();
        }
        return switch (vm.state()) {
            case PENDING -> InstanceState.RUNNING;
            case STOPPING -> InstanceState.STOPPED;
            default -> InstanceState.TERMINATED;
        };
    }

    private static boolean expired(Vm vm, Instant now) {
        return effective(vm, now) == InstanceState.TERMINATED
                && !now.isBefore(vm.settlesAt().plus(TERMINATED_RETENTION));
    }

    private Instance view(Vm vm, Instant now) {
        // rawState stays null: this cloud's words for its states are the portable ones.
        return Instance.builder().id(vm.id()).name(vm.tags().get(Tags.NAME)).provider(NAME).region(region())
                .zone(vm.zone()).state(effective(vm, now)).imageId(vm.imageId()).instanceType(vm.instanceType())
                .architecture(vm.architecture()).privateIp(vm.privateIp()).clientToken(vm.clientToken())
                .tags(vm.tags()).launchTime(vm.launchTime()).build();
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        checkTags(tags);
        retag(resourceId, current -> Tags.merge(current, tags));
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        retag(resourceId, current -> {
            Map<String, String> left = new LinkedHashMap<>(current);
            keys.forEach(left::remove);
            return left;
        });
    }

    /** Instances and the images this account made take tags; the id's prefix says which. */
    private void retag(String id, Function<Map<String, String>, Map<String, String>> change) {
        state.update(d -> {
            if (id != null && id.startsWith("vm-")) {
                Vm vm = findVm(d, id, clock.instant());
                return d.instances.put(vm.id(), vm.withTags(change.apply(vm.tags())));
            }
            if (id != null && id.startsWith("img-")) {
                MadeImage made = d.images.get(MinimalIds.checkImageId(id));
                if (made == null) {
                    findImage(d, id);
                    throw notYours(id);
                }
                return d.images.put(id, made.withTags(change.apply(made.tags())));
            }
            throw AltoException.invalid("MalformedResourceId", "'" + id + "' is neither an instance nor an image id");
        });
    }

    private static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw AltoException.invalid("InvalidTag", "tags need a key and a value: " + key + "=" + value);
            }
        });
    }

    // ---- errors and the rest ----------------------------------------------------------------------------------

    private static AltoException incorrectState(String id, InstanceState current, String verb) {
        return new AltoException(ErrorCode.INVALID_STATE, "IncorrectState",
                "instance " + id + " is " + current + " and cannot be " + verb);
    }

    private static AltoException notYours(String imageId) {
        return new AltoException(ErrorCode.AUTH_FAILURE, "PublicImage",
                imageId + " is a public image; only images made by this account can be changed");
    }

    @Override
    public void close() {
        // Nothing to release: the state outlives sessions, and files are closed after every call.
    }
}
