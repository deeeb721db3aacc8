package io.altostratus.qemu;

import io.altostratus.core.ext.ImageBuilds;
import io.altostratus.cloudinit.NoCloudSeed;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
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
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.Scope;
import io.altostratus.qemu.internal.QemuImg;
import io.altostratus.store.StateStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code qemu} provider: real guests on this machine, one {@code qemu-system-x86_64} (or, for arm64 images,
 * {@code qemu-system-aarch64}) process each.
 * <ul>
 *   <li><b>Disks</b>: a qcow2 overlay on the image's base file; extra disks given at launch are qcow2 files too;
 *       volumes ({@link QemuVolumes}) are qcow2 files hot-plugged over QMP.</li>
 *   <li><b>First boot</b>: a NoCloud seed ISO (the launch's user data, meta-data with the instance id, hostname and
 *       the key pair's public key ({@link QemuKeyPairs}), DHCP network config) as a CD-ROM.</li>
 *   <li><b>Reaching the guest</b>: user-mode networking; the guest's port 22 is forwarded to a loopback port, given
 *       in {@link QemuInstanceDetails} and as the public address {@code 127.0.0.1} ({@link Capability#GUEST_ACCESS}).
 *       With {@code network = "tap:..."} or {@code "bridge:..."} a second NIC joins the user's own network
 *       ({@link QemuNetwork}); SSH still goes through the forwarded port.</li>
 *   <li><b>Architectures</b>: an image records its architecture (built, or {@code --arch} at import); arm64 guests
 *       run on the virt machine with UEFI ({@link QemuCommandLine}), on TCG unless the host is arm64 with KVM.</li>
 *   <li><b>Power</b>: QMP over a unix socket: {@code system_powerdown} to stop, {@code quit} to force, {@code
 *       system_reset} to reboot.</li>
 *   <li><b>State</b>: in the durable store, so any process sees and controls the machines. What an instance is comes
 *       from what was last asked of it and whether its process (pid and start time) still runs: a QEMU that died
 *       reads as stopped, never as running.</li>
 * </ul>
 */
public final class QemuProvider implements ComputeProvider, ConsoleOutput {
    static final String NAME = "qemu";
    static final String WANT_RUNNING = "running";
    static final String WANT_STOPPED = "stopped";
    static final String WANT_TERMINATED = "terminated";
    /** How long a launch may go without a process before it reads as failed (stopped) rather than pending. */
    private static final Duration START_GRACE = Duration.ofMinutes(3);
    private static final Duration TERMINATED_RETENTION = Duration.ofHours(1);
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);
    private static final int CONSOLE_TAIL = 64 * 1024;
    /** How many user-mode networks instances take in turn (10.3.0.0/24 to 10.255.255.0/24). */
    private static final int NETWORKS = 253 * 256;
    static final String HOST_ADDRESS = "127.0.0.1";

    private final StateStore store;
    private final boolean ownsStore;
    private final String account;
    private final QemuSettings settings;
    private final Clock clock;
    private final QemuMachines machines;
    private final QemuImages images;
    private final QemuInstanceSnapshots snapshots;
    private final QemuVolumes volumes;
    private final QemuKeyPairs keyPairs;
    private final QemuImg qemuImg;

    QemuProvider(StateStore store, boolean ownsStore, String account, QemuSettings settings, Clock clock) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.account = account;
        this.settings = settings;
        this.clock = clock;
        this.machines = new QemuMachines(settings);
        this.images = new QemuImages(store, account, settings, clock);
        this.qemuImg = new QemuImg(settings.qemuImg());
        this.snapshots = new QemuInstanceSnapshots(this);
        this.volumes = new QemuVolumes(this, QemuVolumes.DETACH_TIMEOUT);
        this.keyPairs = new QemuKeyPairs(this);
    }

    @Override public String name() { return NAME; }
    @Override public String region() { return QemuCatalog.REGION; }
    @Override public Optional<Scope> scope() { return Optional.empty(); }
    @Override public Duration consistencyGrace() { return Duration.ZERO; }

    /** Real guests over SSH; a forced stop is QMP's {@code quit}. */
    @Override
    public Set<Capability> traits() {
        return EnumSet.of(Capability.GUEST_ACCESS, Capability.FORCE_STOP, Capability.CLIENT_TOKEN);
    }

    /** The accelerator this session's machines run on. */
    public Accelerator accelerator() {
        return settings.accelerator();
    }

    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        if (type == ImageImports.class || type == ImageBuilds.class) {
            return Optional.of(type.cast(images));
        }
        if (type == InstanceSnapshots.class) {
            return Optional.of(type.cast(snapshots));
        }
        if (type == Volumes.class) {
            return Optional.of(type.cast(volumes));
        }
        if (type == KeyPairs.class) {
            return Optional.of(type.cast(keyPairs));
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override public List<Region> regions() { return QemuCatalog.REGIONS; }
    @Override public List<Zone> zones() { return QemuCatalog.ZONES; }
    @Override public List<InstanceType> instanceTypes() { return QemuCatalog.TYPES; }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return ComputeProvider.everyTypeInEveryZone(this);
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolve(ref);
    }

    /**
     * A new image of the instance's disk as it is now: a running instance's disk is copied by a QEMU backup job
     * (one point in time, as a power cut would leave it: run {@code sync} in the guest first for what was just
     * written), a stopped one's by {@code qemu-img convert}. Both flatten the overlay onto its base, so the image
     * stands alone. It keeps the source image's kernel and login user.
     */
    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        checkTags(tags);
        QemuState.Vm vm = vm(instanceId);
        InstanceState state = effective(vm);
        if (state != InstanceState.RUNNING && state != InstanceState.STOPPED) {
            throw incorrectState(vm.id(), state, "imaged");
        }
        Optional<QemuState.Img> source = images.recordIfAny(vm.imageId());
        QemuState.Img img = images.register(name, description, source.map(QemuState.Img::distro).orElse(null),
                source.map(QemuState.Img::release).orElse(null), vm.arch().wireName(),
                source.map(QemuState.Img::loginUser).orElse(null), vm.id(), null,
                source.map(QemuState.Img::append).orElse(null), source.map(s -> s.kernel() != null).orElse(false),
                tags, dir -> {
                    Path target = dir.resolve(QemuImages.DISK);
                    if (QemuMachines.alive(vm)) {
                        machines.backupRoot(vm, target, Duration.ofMinutes(30));
                    } else {
                        qemuImg.convertToQcow2(Path.of(vm.dir()).resolve(QemuCommandLine.OVERLAY), "qcow2", target);
                    }
                    QemuImages.copyBootFiles(source.orElse(null), dir);
                });
        return images.view(img);
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.delete(imageId, id -> store.read(v -> v.list(QemuState.INSTANCE, account, QemuState.Vm.class)
                .stream().anyMatch(vm -> id.equals(vm.imageId()) && !WANT_TERMINATED.equals(vm.wanted()))));
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        refuseWhatThisProviderLacks(spec);
        checkTags(spec.tags());
        if (spec.zone() != null && !QemuCatalog.ZONE.equals(spec.zone())) {
            throw AltoException.invalid("InvalidParameterValue", "there is no zone " + spec.zone() + " in "
                    + QemuCatalog.REGION + " (only " + QemuCatalog.ZONE + ")");
        }
        QemuState.Img image = images.resolveRecord(parse(spec.image()));
        Architecture arch = architecture(image);
        if (spec.architecture() != null && spec.architecture() != arch) {
            throw AltoException.invalid("InvalidParameterCombination", "image " + image.id() + " is "
                    + arch.wireName() + " and cannot run as " + spec.architecture().wireName());
        }
        QemuMachines.checkProgram(settings.qemuFor(arch), arch);
        QemuNetwork lan = settings.network();
        InstanceType type = chooseType(spec, arch);
        String publicKey = spec.keyName() == null ? null : keyPairs.publicKey(spec.keyName());
        Instant now = clock.instant();
        Launch launch = store.write(tx -> {
            if (spec.clientToken() != null) {
                List<QemuState.Vm> earlier = tx.list(QemuState.INSTANCE, account, QemuState.Vm.class).stream()
                        .filter(vm -> spec.clientToken().equals(vm.clientToken())).toList();
                if (!earlier.isEmpty()) {
                    return new Launch(earlier, false);
                }
            }
            List<QemuState.Vm> out = new ArrayList<>();
            long next = tx.get(QemuState.COUNTER, account, "networks", Long.class).orElse(0L);
            for (int i = 0; i < spec.count(); i++) {
                String id = QemuIds.newInstanceId();
                Path dir = settings.root().resolve("instances").resolve(id).toAbsolutePath();
                List<QemuState.Disk> disks = new ArrayList<>();
                char letter = 'b';
                for (DiskSpec d : spec.disks()) {
                    String device = "/dev/vd" + letter++;
                    disks.add(new QemuState.Disk(device, dir.resolve("disk-" + device.substring(5) + ".qcow2")
                            .toString(), d.sizeGiB(), d.deleteOnTermination()));
                }
                QemuState.Vm vm = new QemuState.Vm(id, QemuCatalog.ZONE, image.id(), type.name(), type.vcpus(),
                        type.memoryMiB(), dir.toString(), QemuMachines.socketPath(dir, id, "qmp").toString(), 0, 0,
                        0, WANT_RUNNING, now, spec.clientToken(), spec.keyName(), spec.tags(), now, disks,
                        (int) (next++ % NETWORKS), lan.hasLan() ? lan.toString() : null, arch.wireName());
                tx.put(QemuState.INSTANCE, account, id, vm);
                out.add(vm);
            }
            tx.put(QemuState.COUNTER, account, "networks", next);
            return new Launch(out, true);
        });
        if (!launch.fresh()) {
            return launch.vms().stream().map(this::view).toList(); // a retried client token: nothing new is made
        }
        List<QemuState.Vm> made = launch.vms();
        List<Instance> launched = new ArrayList<>();
        try {
            for (QemuState.Vm vm : made) {
                prepareDisks(vm, image, spec, publicKey);
                QemuState.Vm started = machines.start(vm, image);
                save(started);
                launched.add(view(started));
            }
        } catch (RuntimeException e) {
            // all or nothing: a launch that cannot start every machine leaves none of them behind
            for (QemuState.Vm vm : made) {
                destroy(current(vm.id()).orElse(vm));
                store.write(tx -> {
                    tx.delete(QemuState.INSTANCE, account, vm.id());
                    return null;
                });
            }
            throw e;
        }
        return launched;
    }

    /** The instances a launch stored, and whether it made them (false: a client token's earlier launch). */
    private record Launch(List<QemuState.Vm> vms, boolean fresh) {
    }

    private void prepareDisks(QemuState.Vm vm, QemuState.Img image, LaunchSpec spec, String publicKey) {
        Path dir = Path.of(vm.dir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
        long size = spec.rootVolumeSizeGiB() == null ? 0 : spec.rootVolumeSizeGiB() * (1L << 30);
        if (size > 0 && size < image.virtualSize()) {
            throw AltoException.invalid("InvalidParameterValue", "the root volume cannot be smaller than the image ("
                    + ((image.virtualSize() + (1L << 30) - 1) >> 30) + " GiB)");
        }
        qemuImg.createOverlay(Path.of(image.file()), dir.resolve(QemuCommandLine.OVERLAY), size);
        for (QemuState.Disk disk : vm.disks()) {
            qemuImg.createEmpty(Path.of(disk.file()), disk.sizeGiB() * (1L << 30));
        }
        seed(vm, spec.userData(), publicKey, clock.instant()).writeTo(dir.resolve(QemuCommandLine.SEED));
    }

    /**
     * The first-boot seed: the user data (an empty cloud-config when none), meta-data with the instance id, host
     * name and the key pair's public key when the launch named one (cloud-init gives it to the image's default
     * user, whom {@link QemuInstanceDetails#loginUser()} names), and the network config.
     */
    static NoCloudSeed seed(QemuState.Vm vm, String userData, String publicKey, Instant time) {
        NoCloudSeed.Builder seed = NoCloudSeed.builder()
                .userData((userData == null ? "#cloud-config\n{}\n" : userData).getBytes(StandardCharsets.UTF_8))
                .instanceId(vm.id())
                .hostname(hostname(vm))
                .networkConfig(vm.lanNetwork().networkConfig(vm.id()).getBytes(StandardCharsets.UTF_8))
                .time(time);
        if (publicKey != null) {
            seed.publicKey(publicKey);
        }
        return seed.build();
    }

    /** The Name tag when it is a valid host name, else the instance id. */
    static String hostname(QemuState.Vm vm) {
        String name = vm.tags().get(Tags.NAME);
        return name != null && name.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?") ? name : vm.id();
    }

    private static void refuseWhatThisProviderLacks(LaunchSpec spec) {
        lacks(spec.spot() != null, "spot instances");
        lacks(spec.metadataOptions() != null, "instance metadata options");
        lacks(spec.subnetId() != null, "networks (subnetId)");
        lacks(!spec.securityGroupIds().isEmpty(), "security groups");
        lacks(!spec.interfaceTags().isEmpty(), "network interfaces");
        lacks(!spec.volumeTags().isEmpty(), "volume tags");
        lacks(spec.disableApiTermination(), "termination protection");
        lacks(spec.disks().stream().anyMatch(d -> d.snapshotId() != null), "disks from snapshots");
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
            throw AltoException.invalid("InvalidAMIID.Malformed", e.getMessage());
        }
    }

    /** The architecture an image records (imports say it with {@code --arch}; {@code qemu-img} cannot tell). */
    static Architecture architecture(QemuState.Img image) {
        return image.architecture() == null ? Architecture.X86_64 : Architecture.parse(image.architecture());
    }

    private static InstanceType chooseType(LaunchSpec spec, Architecture arch) {
        if (spec.instanceType() != null) {
            return QemuCatalog.TYPES.stream().filter(t -> t.name().equals(spec.instanceType())).findFirst()
                    .orElseThrow(() -> AltoException.invalid("InvalidInstanceType", "there is no instance type "
                            + spec.instanceType() + " (" + String.join(", ", QemuCatalog.TYPES.stream()
                            .map(InstanceType::name).toList()) + ")"));
        }
        List<InstanceType> fitting = new TypeQuery(spec.minVcpus(), spec.minMemoryMiB(), null, arch,
                null).select(QemuCatalog.TYPES);
        if (fitting.isEmpty()) {
            throw AltoException.invalid("InvalidInstanceType", "no instance type has " + spec.minVcpus()
                    + " vCPUs and " + spec.minMemoryMiB() + " MiB");
        }
        return fitting.get(0);
    }

    @Override
    public Instance instance(String id) {
        QemuState.Vm vm = vm(id);
        Instance plain = view(vm);
        if (plain.state() != InstanceState.RUNNING) {
            return plain;
        }
        String status = machines.status(vm).orElse(null);
        QemuInstanceDetails d = (QemuInstanceDetails) plain.details();
        return plain.toBuilder().details(d.withStatus(status)).build();
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        query.ids().forEach(this::vm);
        Instant now = clock.instant();
        return store.read(v -> v.list(QemuState.INSTANCE, account, QemuState.Vm.class)).stream()
                .filter(vm -> !expired(vm, now)).map(this::view).filter(query::matches).toList();
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    /** Starts stopped instances (a new QEMU process on the same disks); running ones are left as they are. */
    @Override
    public List<StateChange> start(Collection<String> ids) {
        List<QemuState.Vm> vms = checked(ids, "started", s -> s == InstanceState.STOPPED
                || s == InstanceState.RUNNING || s == InstanceState.PENDING);
        List<StateChange> changes = new ArrayList<>();
        for (QemuState.Vm vm : vms) {
            InstanceState from = effective(vm);
            if (from != InstanceState.STOPPED) {
                changes.add(new StateChange(vm.id(), from, from));
                continue;
            }
            QemuState.Vm wanting = vm.withWanted(WANT_RUNNING, clock.instant());
            save(wanting);
            QemuState.Vm started = machines.start(wanting, images.record(vm.imageId()));
            save(started);
            changes.add(new StateChange(vm.id(), from, effective(started)));
        }
        return changes;
    }

    /**
     * Presses the power button (the guest shuts down, QEMU exits, the instance reads stopped), or with {@code force}
     * ends QEMU at once and returns once it is gone.
     */
    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        List<QemuState.Vm> vms = checked(ids, "stopped", s -> s == InstanceState.RUNNING
                || s == InstanceState.STOPPING || s == InstanceState.STOPPED || s == InstanceState.PENDING);
        List<StateChange> changes = new ArrayList<>();
        for (QemuState.Vm vm : vms) {
            InstanceState from = effective(vm);
            QemuState.Vm stopping = vm.withWanted(WANT_STOPPED, clock.instant());
            save(stopping);
            if (QemuMachines.alive(vm)) {
                if (force) {
                    machines.kill(vm, KILL_WAIT);
                } else {
                    machines.powerdown(vm);
                }
            }
            changes.add(new StateChange(vm.id(), from, effective(stopping)));
        }
        return changes;
    }

    /** A hard reset (QMP {@code system_reset}), as a reset button: the guest boots again at once. */
    @Override
    public void reboot(Collection<String> ids) {
        for (QemuState.Vm vm : checked(ids, "rebooted", s -> s == InstanceState.RUNNING)) {
            machines.reset(vm);
        }
    }

    /**
     * Ends the QEMU process, waits until it is gone, and deletes the instance directory (overlay, seed, extra disks
     * marked delete-on-termination are all in it); the instance stays listed as terminated for an hour.
     */
    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        List<QemuState.Vm> vms = checked(ids, "terminated", s -> true);
        List<StateChange> changes = new ArrayList<>();
        for (QemuState.Vm vm : vms) {
            InstanceState from = effective(vm);
            if (from != InstanceState.TERMINATED) {
                save(vm.withWanted(WANT_TERMINATED, clock.instant()));
                destroy(vm);
            }
            changes.add(new StateChange(vm.id(), from, InstanceState.TERMINATED));
        }
        purgeExpired();
        return changes;
    }

    /**
     * Kills the process and deletes the files. Attached volumes become available; extra disks given at launch that
     * are not deleted on termination are kept as volumes of their own.
     */
    private void destroy(QemuState.Vm vm) {
        if (!machines.kill(vm, KILL_WAIT)) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "ProcessWouldNotExit", "QEMU process " + vm.pid()
                    + " of " + vm.id() + " did not exit");
        }
        Path dir = Path.of(vm.dir());
        List<QemuState.Vol> kept = new ArrayList<>();
        for (QemuState.Disk disk : vm.disks()) {
            if (!disk.isVolume() && !disk.deleteOnTermination() && Files.exists(Path.of(disk.file()))) {
                String id = QemuIds.newVolumeId();
                Path file = settings.root().resolve("volumes").resolve(id + ".qcow2").toAbsolutePath();
                try {
                    Files.createDirectories(file.getParent());
                    Files.move(Path.of(disk.file()), file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep disk " + disk.file() + ": " + e.getMessage(), e);
                }
                kept.add(new QemuState.Vol(id, disk.sizeGiB(), file.toString(), clock.instant(),
                        Map.of("alto:kept-from", QemuVolumes.launchDiskId(vm, disk)), null, null, null));
            }
        }
        store.write(tx -> {
            QemuVolumes.releaseAll(tx, account, vm);
            kept.forEach(vol -> tx.put(QemuState.VOLUME, account, vol.id(), vol));
            return null;
        });
        QemuFiles.deleteTree(dir);
        QemuFiles.deleteTree(Path.of(vm.qmpSocket()));
        QemuFiles.deleteTree(QemuMachines.agentSocket(vm));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        store.write(tx -> {
            for (QemuState.Vm vm : tx.list(QemuState.INSTANCE, account, QemuState.Vm.class)) {
                if (expired(vm, now)) {
                    tx.delete(QemuState.INSTANCE, account, vm.id());
                }
            }
            return null;
        });
    }

    /** The instances, each once, after checking every one may go to where {@code allowed} says. */
    private List<QemuState.Vm> checked(Collection<String> ids, String verb,
                                       java.util.function.Predicate<InstanceState> allowed) {
        List<QemuState.Vm> vms = new LinkedHashSet<>(ids).stream().map(this::vm).toList();
        for (QemuState.Vm vm : vms) {
            InstanceState s = effective(vm);
            if (!allowed.test(s)) {
                throw incorrectState(vm.id(), s, verb);
            }
        }
        return vms;
    }

    QemuState.Vm vm(String id) {
        QemuIds.checkInstance(id);
        Instant now = clock.instant();
        return current(id).filter(vm -> !expired(vm, now)).orElseThrow(() -> AltoException.notFound(
                "InvalidInstanceID.NotFound", "instance " + id + " does not exist"));
    }

    private Optional<QemuState.Vm> current(String id) {
        return store.read(v -> v.get(QemuState.INSTANCE, account, id, QemuState.Vm.class));
    }

    void save(QemuState.Vm vm) {
        store.write(tx -> {
            tx.put(QemuState.INSTANCE, account, vm.id(), vm);
            return null;
        });
    }

    /**
     * The portable state, from what was asked and whether the process runs: a live process is running (or stopping,
     * when a stop was asked); no process is stopped, whatever was asked, except just after a launch or start that
     * has not recorded its process yet (pending).
     */
    InstanceState effective(QemuState.Vm vm) {
        return effective(vm, QemuMachines.alive(vm), clock.instant());
    }

    static InstanceState effective(QemuState.Vm vm, boolean alive, Instant now) {
        if (WANT_TERMINATED.equals(vm.wanted())) {
            return InstanceState.TERMINATED;
        }
        if (alive) {
            return WANT_STOPPED.equals(vm.wanted()) ? InstanceState.STOPPING : InstanceState.RUNNING;
        }
        if (WANT_RUNNING.equals(vm.wanted()) && vm.pid() == 0 && now.isBefore(vm.changedAt().plus(START_GRACE))) {
            return InstanceState.PENDING;
        }
        return InstanceState.STOPPED;
    }

    /**
     * Ends QEMU when a stop was asked longer than the shutdown timeout ago and the guest has not powered off (it
     * ignores ACPI, or is stuck): whichever call next looks at the instance does it, so no process has to stay
     * behind to watch.
     */
    private void forceOverdueStop(QemuState.Vm vm) {
        if (WANT_STOPPED.equals(vm.wanted())
                && clock.instant().isAfter(vm.changedAt().plus(settings.shutdownTimeout()))
                && QemuMachines.alive(vm)) {
            machines.kill(vm, KILL_WAIT);
        }
    }

    /** Why a stopped instance stopped when nobody asked: its QEMU process is gone. */
    static String stateReason(QemuState.Vm vm, InstanceState state) {
        if (state == InstanceState.STOPPED && WANT_RUNNING.equals(vm.wanted()) && vm.pid() != 0) {
            return "the QEMU process exited (the guest powered off, or QEMU crashed or was killed)";
        }
        return null;
    }

    private static boolean expired(QemuState.Vm vm, Instant now) {
        return WANT_TERMINATED.equals(vm.wanted()) && !now.isBefore(vm.changedAt().plus(TERMINATED_RETENTION));
    }

    Instance view(QemuState.Vm vm) {
        forceOverdueStop(vm);
        InstanceState state = effective(vm);
        return view(vm, state, state == InstanceState.RUNNING || state == InstanceState.STOPPING);
    }

    Instance view(QemuState.Vm vm, InstanceState state, boolean alive) {
        boolean addressed = state == InstanceState.RUNNING || state == InstanceState.STOPPING;
        String loginUser = images.recordIfAny(vm.imageId()).map(QemuState.Img::loginUser).orElse(null);
        List<BlockDevice> devices = new ArrayList<>();
        if (state != InstanceState.TERMINATED) {
            devices.add(new BlockDevice("/dev/vda", vm.id() + "/vda", true));
            vm.disks().forEach(d -> devices.add(new BlockDevice(d.device(), d.isVolume() ? d.volumeId()
                    : QemuVolumes.launchDiskId(vm, d), d.deleteOnTermination())));
        }
        Path dir = Path.of(vm.dir());
        return Instance.builder().id(vm.id()).name(vm.tags().get(Tags.NAME)).provider(NAME)
                .region(QemuCatalog.REGION).zone(vm.zone()).state(state).stateReason(stateReason(vm, state))
                .imageId(vm.imageId()).instanceType(vm.instanceType()).architecture(vm.arch())
                .privateIp(addressed ? vm.privateIp() : null).publicIp(addressed ? HOST_ADDRESS : null)
                .blockDevices(devices).keyName(vm.keyName()).clientToken(vm.clientToken()).tags(vm.tags()).launchTime(vm.launchTime())
                .details(new QemuInstanceDetails(settings.acceleratorFor(vm.arch()), alive ? vm.pid() : 0,
                        HOST_ADDRESS, vm.sshPort(), loginUser, dir, dir.resolve(QemuCommandLine.CONSOLE), null,
                        vm.lanNetwork().toString(), vm.lanNetwork().hasLan() ? QemuNetwork.mac(vm.id()) : null))
                .build();
    }

    // ---- console ----------------------------------------------------------------------------------------------

    /** The last 64 KiB of the serial console's log (every boot of the instance, appended). */
    @Override
    public String consoleOutput(String instanceId) {
        QemuState.Vm vm = vm(instanceId);
        Path log = Path.of(vm.dir()).resolve(QemuCommandLine.CONSOLE);
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - CONSOLE_TAIL);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
        }
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

    private void retag(String id, java.util.function.UnaryOperator<Map<String, String>> change) {
        if (QemuIds.isImage(id)) {
            images.retag(id, change);
            return;
        }
        if (id != null && id.startsWith("qsnap-")) {
            snapshots.retag(id, change);
            return;
        }
        if (QemuIds.isVolume(id)) {
            volumes.retag(id, change);
            return;
        }
        QemuIds.checkInstance(id);
        store.write(tx -> {
            QemuState.Vm vm = tx.get(QemuState.INSTANCE, account, id, QemuState.Vm.class)
                    .orElseThrow(() -> AltoException.notFound("InvalidInstanceID.NotFound", "instance " + id
                            + " does not exist"));
            tx.put(QemuState.INSTANCE, account, id, vm.withTags(change.apply(vm.tags())));
            return null;
        });
    }

    static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw AltoException.invalid("InvalidParameterValue", "tags need a key and a value: " + key + "="
                        + value);
            }
        });
    }

    static AltoException incorrectState(String id, InstanceState current, String verb) {
        return new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", "instance " + id + " is "
                + current.wireName() + " and cannot be " + verb);
    }

    // ---- for the extensions ---------------------------------------------------------------------------------

    StateStore store() {
        return store;
    }

    String account() {
        return account;
    }

    QemuMachines machines() {
        return machines;
    }

    QemuImg qemuImg() {
        return qemuImg;
    }

    QemuSettings settings() {
        return settings;
    }

    QemuImages imageStore() {
        return images;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
