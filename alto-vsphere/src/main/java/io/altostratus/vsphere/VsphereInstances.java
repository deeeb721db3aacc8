package io.altostratus.vsphere;

import io.altostratus.core.config.PublicKeyFiles;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.PropertySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Instances are the datacenter's VMs that are not templates, ids their MoRefs.
 * <ul>
 *   <li><b>Launch</b> clones the template into the zone's resource pool (on the configured datastore, else the
 *       template's) with the size's vCPUs and memory and the guest configuration ({@link GuestConfig}), grows the
 *       boot disk when asked, then powers the VM on.</li>
 *   <li><b>Readiness</b>: a powered-on VM is {@code pending} until VMware Tools reports a usable address, for at
 *       most {@code tools_timeout_s} after power-on; then it is {@code running} with the address, or
 *       {@code running} without one and the reason "VMware Tools not reporting on vm-N", so a wait for an address
 *       that runs out of time says why.</li>
 *   <li><b>Stop</b> asks Tools to shut the guest down and powers the VM off after {@code shutdown_timeout_s}; a
 *       forced stop (or a guest without Tools) powers off at once. <b>Reboot</b> asks Tools, and resets the VM
 *       when the guest has no Tools.</li>
 *   <li><b>Tags</b> live in the annotation ({@link AnnotationTags}); the {@code Name} tag is the VM's name.</li>
 *   <li><b>Terminate</b> takes the VM's volumes (First Class Disks) off it first, so they outlive it.</li>
 * </ul>
 */
final class VsphereInstances {
    static final String IMAGE_KEY = "alto:image";
    static final String KEY_NAME_KEY = "alto:key";
    static final String NAME_KEY = "alto:name";
    static final String SEED_KEY = "alto:seed";

    private final VsphereSession session;
    private final VsphereImages images;
    private final GuestConfig guestConfig;
    private final PublicKeyFiles keys;

    VsphereInstances(VsphereSession session, VsphereImages images) {
        this.session = session;
        this.images = images;
        this.guestConfig = new GuestConfig(session);
        this.keys = new PublicKeyFiles("vsphere", session.settings().keysDir(), session.stateDir());
    }

    private Clock clock() {
        return session.clock();
    }

    // ---- launch -----------------------------------------------------------------------------------------------

    List<Instance> launch(LaunchSpec spec) {
        refuseWhatVsphereLacks(spec);
        Image image = images.resolve(ImageRef.parse(spec.image()));
        var size = Sizes.of(spec);
        Inventory inventory = Inventory.read(session);
        VmView template = images.template(inventory, image.id());
        String zone = spec.zone() != null && !spec.zone().isBlank() ? spec.zone() : inventory.zoneOf(template);
        MoRef pool = zone == null ? null : inventory.poolOfZone().get(zone);
        if (pool == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidZone", "no zone (cluster or host) '" + zone
                    + "' in datacenter " + session.datacenter().name() + "; zones: " + inventory.poolOfZone()
                    .keySet());
        }
        MoRef datastore = datastore(inventory, template);
        MoRef folder = folder(inventory);
        String publicKey = spec.keyName() == null ? null : keys.publicKey(spec.keyName());
        String mode = template.annotation() == null ? null : AnnotationTags.read(template.annotation())
                .get(VsphereImages.GUEST_CONFIG_TAG);
        mode = mode == null ? session.settings().guestConfig() : mode.toLowerCase(Locale.ROOT);
        Set<String> taken = new HashSet<>();
        inventory.vms().forEach(v -> taken.add(v.name()));
        List<Instance> out = new ArrayList<>();
        int count = Math.max(1, spec.count());
        for (int i = 0; i < count; i++) {
            try {
                out.add(launchOne(spec, image, template, inventory, pool, datastore, folder, size.vcpus(),
                        size.memoryMiB(), publicKey, mode, taken));
            } catch (AltoException e) {
                if (out.size() >= Math.max(1, spec.minCount())) {
                    break; // enough made; the rest is not an error (EC2's MinCount)
                }
                for (Instance made : out) {
                    try {
                        destroy(VmIds.vm(made.id()), made.tags());
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
        }
        return out;
    }

    /** Fail, don't drop: what a vSphere launch cannot honour fails before anything is made. */
    private void refuseWhatVsphereLacks(LaunchSpec spec) {
        String provider = "vsphere";
        if (spec.spot() != null) {
            throw AltoException.unsupported(provider, "spot capacity");
        }
        if (spec.metadataOptions() != null) {
            throw AltoException.unsupported(provider, "instance metadata options");
        }
        if (spec.subnetId() != null && !spec.subnetId().isBlank()) {
            throw AltoException.unsupported(provider, "subnets (instances join the template's network)");
        }
        if (!spec.securityGroupIds().isEmpty()) {
            throw AltoException.unsupported(provider, "security groups");
        }
        if (!spec.disks().isEmpty()) {
            throw AltoException.unsupported(provider, "extra disks at launch");
        }
        if (!spec.volumeTags().isEmpty()) {
            throw AltoException.unsupported(provider, "volume tags");
        }
        if (!spec.interfaceTags().isEmpty()) {
            throw AltoException.unsupported(provider, "network interface tags");
        }
        if (spec.disableApiTermination()) {
            throw AltoException.unsupported(provider, "termination protection");
        }
    }

    private MoRef datastore(Inventory inventory, VmView template) {
        String wanted = session.settings().datastore();
        if (wanted != null) {
            MoRef ds = inventory.datastores().get(wanted);
            if (ds == null) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] no datastore '"
                        + wanted + "' (there are " + inventory.datastores().keySet() + ")");
            }
            return ds;
        }
        if (!template.datastores().isEmpty()) {
            return template.datastores().get(0);
        }
        return inventory.datastores().values().stream().findFirst().orElseThrow(() -> new AltoException(
                ErrorCode.INVALID_PARAMETER, "NoDatastore", "no datastore in " + session.datacenter().name()));
    }

    private MoRef folder(Inventory inventory) {
        String wanted = session.settings().folder();
        if (wanted == null) {
            return session.datacenter().vmFolder();
        }
        MoRef f = inventory.folders().get(wanted);
        if (f == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] no VM folder '"
                    + wanted + "' (there are " + inventory.folders().keySet() + ")");
        }
        return f;
    }

    private Instance launchOne(LaunchSpec spec, Image image, VmView template, Inventory inventory, MoRef pool,
                               MoRef datastore, MoRef folder, int cpus, long memoryMiB, String publicKey,
                               String mode, Set<String> taken) {
        String name = spec.name() != null ? spec.name() : spec.tags().get(Tags.NAME);
        String vmName = vmName(name, taken);
        String instanceUuid = java.util.UUID.randomUUID().toString();
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.remove(Tags.NAME);
        tags.put(IMAGE_KEY, image.id());
        if (name != null && !name.equals(vmName)) {
            tags.put(NAME_KEY, name);
        }
        if (spec.keyName() != null && publicKey != null && !publicKey.equals(spec.keyName().strip())) {
            tags.put(KEY_NAME_KEY, spec.keyName());
        }
        String hostname = GuestConfig.hostname(name != null ? name : vmName);
        byte[] userData = spec.userData() == null ? null : spec.userData().getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        boolean nocloud = VsphereSettings.NOCLOUD.equals(mode);
        Map<String, String> extraConfig = nocloud ? Map.of()
                : GuestConfig.guestinfo(instanceUuid, hostname, publicKey, userData);
        String datastoreName = null;
        for (Map.Entry<String, MoRef> e : inventory.datastores().entrySet()) {
            if (e.getValue().equals(datastore)) {
                datastoreName = e.getKey();
            }
        }
        if (nocloud && datastoreName == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoDatastore", "datastore " + datastore.value()
                    + " is not in datacenter " + session.datacenter().name() + ": set datastore in [vsphere]");
        }
        String seed = nocloud ? GuestConfig.seedPath(datastoreName, instanceUuid) : null;
        if (seed != null) {
            tags.put(SEED_KEY, seed);
        }
        String annotation = AnnotationTags.write(AnnotationTags.text(template.annotation()), tags);
        MoRef vm = cloneWithFreeName(template, folder, vmName, b -> {
                    b.open("location").ref("datastore", datastore).ref("pool", pool).close();
                    b.element("template", "false");
                    b.open("config").element("instanceUuid", instanceUuid).element("annotation", annotation)
                            .element("numCPUs", cpus).element("memoryMB", memoryMiB);
                    extraConfig.forEach((k, v) -> b.open("extraConfig").element("key", k).string("value", v)
                            .close());
                    b.close();
                    b.element("powerOn", "false");
                });
        try {
            VmView made = view(vm);
            if (seed != null) {
                guestConfig.uploadSeed(seed, instanceUuid, hostname, publicKey, userData);
            }
            reconfigureAfterClone(made, cpus, memoryMiB, annotation, spec.rootVolumeSizeGiB(), seed);
            session.run("PowerOnVM_Task " + vm.value(), () -> session.vim().powerOn(vm));
            return instance(vm.value());
        } catch (RuntimeException e) {
            try {
                destroy(vm, tags);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Clones under {@code name}, or, when another client took that name in the folder meanwhile (DuplicateName), under
     * the name with a short random suffix; the Name tag keeps the name asked for.
     */
    private MoRef cloneWithFreeName(VmView template, MoRef folder, String name,
                                    java.util.function.Consumer<io.altostratus.vsphere.internal.SoapBody> spec) {
        try {
            return session.call("CloneVM_Task " + template.ref().value(), () -> session.vim().cloneVm(
                    template.ref(), folder, name, spec));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            String other = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            return session.call("CloneVM_Task " + template.ref().value(), () -> session.vim().cloneVm(
                    template.ref(), folder, other, spec));
        }
    }

    /**
     * What the clone did not take: a size the clone spec's config did not apply (vcsim copies the template's),
     * the annotation, a bigger boot disk, the seed ISO's CD-ROM. One ReconfigVM_Task, or none when nothing is left.
     */
    private void reconfigureAfterClone(VmView vm, int cpus, long memoryMiB, String annotation, Integer rootGiB,
                                       String seedIso) {
        VmView.Device disk = vm.firstDisk();
        boolean grow = rootGiB != null && disk != null && disk.capacityKiB() < rootGiB * 1024L * 1024L;
        boolean resize = vm.cpus() != cpus || vm.memoryMiB() != memoryMiB;
        boolean note = !annotation.equals(vm.annotation());
        if (!grow && !resize && !note && seedIso == null) {
            return;
        }
        VmView.Device cdrom = vm.firstCdrom();
        VmView.Device ide = vm.devices().stream().filter(d -> "VirtualIDEController".equals(d.kind())).findFirst()
                .orElse(null);
        if (seedIso != null && cdrom == null && ide == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "NoCdromController", vm.ref().value() + " has no "
                    + "CD-ROM and no IDE controller to attach the NoCloud seed to");
        }
        session.run("ReconfigVM_Task " + vm.ref().value(), () -> session.vim().reconfigure(vm.ref(), b -> {
            if (note) {
                b.element("annotation", annotation);
            }
            if (resize) {
                b.element("numCPUs", cpus).element("memoryMB", memoryMiB);
            }
            if (grow) {
                long kib = rootGiB * 1024L * 1024L;
                b.open("deviceChange").element("operation", "edit");
                b.open("device", "VirtualDisk").element("key", disk.key());
                deviceInfo(b, disk.label(), "Hard disk");
                b.open("backing", "VirtualDiskFlatVer2BackingInfo").element("fileName", disk.fileName() == null
                        ? "" : disk.fileName()).element("diskMode", disk.diskMode() == null ? "persistent"
                        : disk.diskMode()).close();
                b.element("controllerKey", disk.controllerKey()).element("unitNumber", disk.unitNumber())
                        .element("capacityInKB", kib).element("capacityInBytes", kib * 1024L);
                b.close().close();
            }
            if (seedIso != null) {
                b.open("deviceChange").element("operation", cdrom == null ? "add" : "edit");
                b.open("device", "VirtualCdrom").element("key", cdrom == null ? -100 : cdrom.key());
                deviceInfo(b, cdrom == null ? null : cdrom.label(), "CD/DVD drive 1");
                b.open("backing", "VirtualCdromIsoBackingInfo").element("fileName", seedIso).close();
                // Connected at power-on: cloud-init looks for the cidata volume during the first boot.
                b.open("connectable").element("startConnected", "true").element("allowGuestControl", "true")
                        .element("connected", "false").close();
                b.element("controllerKey", cdrom == null ? ide.key() : cdrom.controllerKey());
                b.element("unitNumber", cdrom == null ? 0 : cdrom.unitNumber());
                b.close().close();
            }
        }));
    }

    /** The device's label, sent with every edit: vcsim's edit needs a deviceInfo (real hosts accept one). */
    private static void deviceInfo(io.altostratus.vsphere.internal.SoapBody b, String label, String fallback) {
        b.open("deviceInfo").element("label", label == null || label.isBlank() ? fallback : label)
                .element("summary", "").close();
    }

    /** vSphere names are unique per folder; a second VM of one name gets a suffix, the Name tag keeps the name. */
    private static synchronized String vmName(String name, Set<String> taken) {
        String base = name == null || name.isBlank() ? "alto" : name.strip();
        base = base.length() > 70 ? base.substring(0, 70) : base;
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "-" + n;
        }
        taken.add(candidate);
        return candidate;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    private VmView view(MoRef vm) {
        List<ObjectContent> found = session.call("RetrievePropertiesEx " + vm.value(), () -> session.vim()
                .objects(List.of(vm), List.of(new PropertySpec("VirtualMachine", VmView.PROPERTIES))));
        if (found.isEmpty()) {
            throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", "no instance " + vm.value());
        }
        return VmView.of(found.get(0));
    }

    Instance instance(String id) {
        MoRef ref = VmIds.vm(id);
        VmView vm;
        try {
            vm = view(ref);
        } catch (AltoException e) {
            Instance buried = e.code() == ErrorCode.NOT_FOUND ? session.tombstones().find(id, clock()) : null;
            if (buried != null) {
                return buried;
            }
            throw e.code() == ErrorCode.NOT_FOUND ? new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound",
                    "no instance " + id, e) : e;
        }
        if (vm.template()) {
            throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", id + " is a template, not an instance");
        }
        return convert(vm, zoneOf(vm));
    }

    /** The zone of one VM: its host's compute resource, from a cached map refreshed on a miss. */
    private volatile Map<MoRef, String> zones = Map.of();

    private String zoneOf(VmView vm) {
        if (vm.host() == null) {
            return null;
        }
        String z = zones.get(vm.host());
        if (z == null) {
            MoRef dc = session.datacenter().ref();
            Inventory places = Inventory.of(session.call("places", () -> session.vim().inventory(dc,
                    Inventory.SPECS.subList(1, 3))));
            zones = places.zoneOfHost();
            z = zones.get(vm.host());
        }
        return z;
    }

    List<Instance> instances(InstanceQuery query) {
        query.ids().forEach(VmIds::vm);
        Inventory inventory = Inventory.read(session);
        zones = inventory.zoneOfHost();
        List<Instance> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (VmView vm : inventory.vms()) {
            if (vm.template()) {
                continue;
            }
            String id = vm.ref().value();
            if (!query.ids().isEmpty() && !query.ids().contains(id)) {
                continue;
            }
            String zone = inventory.zoneOf(vm);
            if (query.zone() != null && !query.zone().equals(zone)) {
                continue;
            }
            seen.add(id);
            Instance i = convert(vm, zone);
            if (query.matches(i)) {
                out.add(i);
            }
        }
        for (Instance buried : session.tombstones().all(clock())) {
            if (!seen.contains(buried.id()) && (query.ids().isEmpty() || query.ids().contains(buried.id()))
                    && (query.zone() == null || query.zone().equals(buried.zone())) && query.matches(buried)) {
                out.add(buried);
                seen.add(buried.id());
            }
        }
        for (String wanted : query.ids()) {
            if (!seen.contains(wanted)) {
                throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", "no instance " + wanted);
            }
        }
        out.sort(java.util.Comparator.comparingLong((Instance i) -> Inventory.number(i.id()))
                .thenComparing(Instance::id));
        return out;
    }

    /** An instance from its VM: power state and Tools' report give the state, the address and the reason. */
    Instance convert(VmView vm, String zone) {
        String raw = vm.powerState();
        InstanceState state;
        String reason = null;
        String ip = null;
        switch (raw) {
            case "poweredOn" -> {
                ip = vm.address();
                if (ip != null) {
                    state = InstanceState.RUNNING;
                } else {
                    Duration toolsTimeout = session.settings().toolsTimeout();
                    Instant boot = vm.bootTime();
                    boolean waiting = boot != null && clock().instant().isBefore(boot.plus(toolsTimeout));
                    state = waiting ? InstanceState.PENDING : InstanceState.RUNNING;
                    reason = waiting ? "waiting for VMware Tools on " + vm.ref().value() + " to report an address"
                            : vm.toolsRunning() ? "VMware Tools on " + vm.ref().value() + " reports no usable address "
                            + "(only link-local or none)"
                            : "VMware Tools not reporting on " + vm.ref().value() + " (is open-vm-tools installed "
                            + "and running in the guest?)";
                }
            }
            case "poweredOff" -> state = InstanceState.STOPPED;
            case "suspended" -> state = InstanceState.SUSPENDED;
            default -> {
                state = InstanceState.ERROR;
                reason = "unknown power state " + raw;
            }
        }
        Map<String, String> all = AnnotationTags.read(vm.annotation());
        Map<String, String> tags = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("alto:")) {
                tags.put(k, v);
            }
        });
        String name = all.getOrDefault(NAME_KEY, vm.name());
        tags.put(Tags.NAME, name);
        return Instance.builder().id(vm.ref().value()).name(name).provider("vsphere").region(session.region())
                .zone(zone).state(state).rawState(raw).stateReason(reason).imageId(all.get(IMAGE_KEY))
                .instanceType(Sizes.named(vm.cpus(), vm.memoryMiB())).architecture(Architecture.X86_64)
                .privateIp(ip).keyName(all.get(KEY_NAME_KEY)).launchTime(vm.bootTime()).tags(tags)
                .blockDevices(volumesOf(vm)).build();
    }

    /**
     * The First Class Disks on the VM ({@link VsphereVolumes}), named by the {@code vDiskId} the server (or the
     * attach) records on the disk; the VM's own disks are not volumes of their own and are left out.
     */
    private static List<BlockDevice> volumesOf(VmView vm) {
        return vm.devices().stream().filter(d -> d.isDisk() && d.diskId() != null)
                .map(d -> new BlockDevice(ScsiUnits.device(d.unitNumber()), d.diskId(), false)).toList();
    }

    // ---- state changes ----------------------------------------------------------------------------------------

    /** The states of the ids, all checked before anything changes (a call that fails changed nothing). */
    private Map<String, VmView> live(Collection<String> ids, boolean allowBuried) {
        List<MoRef> refs = ids.stream().map(VmIds::vm).toList();
        Map<String, VmView> out = new LinkedHashMap<>();
        try {
            List<ObjectContent> found = session.call("RetrievePropertiesEx", () -> session.vim().objects(refs,
                    List.of(new PropertySpec("VirtualMachine", VmView.PROPERTIES))));
            found.forEach(o -> out.put(o.obj().value(), VmView.of(o)));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // One of them is gone, and the collector refuses the whole call for it: read them one by one.
            for (MoRef ref : refs) {
                try {
                    out.put(ref.value(), view(ref));
                } catch (AltoException gone) {
                    if (gone.code() != ErrorCode.NOT_FOUND) {
                        throw gone;
                    }
                }
            }
        }
        for (String id : ids) {
            VmView vm = out.get(id);
            if (vm == null || vm.template()) {
                if (session.tombstones().find(id, clock()) != null) {
                    if (!allowBuried) {
                        throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", id
                                + " is terminated");
                    }
                    continue;
                }
                throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", "no instance " + id);
            }
        }
        return out;
    }

    private static InstanceState power(VmView vm) {
        return switch (vm.powerState()) {
            case "poweredOn" -> InstanceState.RUNNING;
            case "suspended" -> InstanceState.SUSPENDED;
            default -> InstanceState.STOPPED;
        };
    }

    List<StateChange> start(Collection<String> ids) {
        Map<String, VmView> vms = live(ids, false);
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmView vm = vms.get(id);
            InstanceState before = power(vm);
            if (before != InstanceState.RUNNING) {
                session.run("PowerOnVM_Task " + id, () -> session.vim().powerOn(vm.ref()));
            }
            out.add(new StateChange(id, before, before == InstanceState.RUNNING ? InstanceState.RUNNING
                    : InstanceState.PENDING));
        }
        return out;
    }

    /** A guest shutdown through Tools, waited for up to {@code shutdown_timeout_s}, then a power-off. */
    List<StateChange> stop(Collection<String> ids, boolean force) {
        Map<String, VmView> vms = live(ids, false);
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmView vm = vms.get(id);
            InstanceState before = power(vm);
            if (before != InstanceState.STOPPED) {
                if (force || before == InstanceState.SUSPENDED || !vm.toolsRunning() || !shutdownGuest(vm)) {
                    powerOff(vm.ref());
                }
            }
            out.add(new StateChange(id, before, InstanceState.STOPPED));
        }
        return out;
    }

    /** Asks the guest to shut down and waits for it; false when it did not go down in time. */
    private boolean shutdownGuest(VmView vm) {
        try {
            session.run("ShutdownGuest " + vm.ref().value(), () -> session.vim().shutdownGuest(vm.ref()));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.INVALID_STATE || e.code() == ErrorCode.UNSUPPORTED) {
                return false; // Tools went away, or the VM is off already: power off settles it
            }
            throw e;
        }
        Instant deadline = clock().instant().plus(session.settings().shutdownTimeout());
        for (int step = 0; clock().instant().isBefore(deadline); step++) {
            String power = session.call("RetrievePropertiesEx " + vm.ref().value(), () -> session.vim()
                    .object(vm.ref(), "runtime.powerState")).text("runtime.powerState", "poweredOn");
            if (power.equals("poweredOff")) {
                return true;
            }
            session.retrier().pauseBeforePoll("ShutdownGuest " + vm.ref().value(), Math.min(step, 4));
        }
        return false;
    }

    private void powerOff(MoRef vm) {
        try {
            session.run("PowerOffVM_Task " + vm.value(), () -> session.vim().powerOff(vm));
        } catch (AltoException e) {
            if (!"InvalidPowerState".equals(e.providerCode())) {
                throw e; // InvalidPowerState: it went down by itself meanwhile
            }
        }
    }

    /** A guest reboot through Tools; a guest without Tools (or a host without RebootGuest) is reset instead. */
    void reboot(Collection<String> ids) {
        Map<String, VmView> vms = live(ids, false);
        for (String id : ids) {
            if (power(vms.get(id)) != InstanceState.RUNNING) {
                throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", id
                        + " is not running, so it cannot be rebooted");
            }
        }
        for (String id : ids) {
            VmView vm = vms.get(id);
            boolean soft = vm.toolsRunning();
            if (soft) {
                try {
                    session.run("RebootGuest " + id, () -> session.vim().rebootGuest(vm.ref()));
                } catch (AltoException e) {
                    if (e.code() != ErrorCode.INVALID_STATE && e.code() != ErrorCode.UNSUPPORTED) {
                        throw e;
                    }
                    soft = false; // ToolsUnavailable, or MethodNotFound (vcsim 0.24 has no RebootGuest)
                }
            }
            if (!soft) {
                session.run("ResetVM_Task " + id, () -> session.vim().reset(vm.ref()));
            }
        }
    }

    List<StateChange> terminate(Collection<String> ids) {
        Map<String, VmView> vms = live(ids, true);
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmView vm = vms.get(id);
            if (vm == null) {
                out.add(new StateChange(id, InstanceState.TERMINATED, InstanceState.TERMINATED));
                continue; // terminated already: terminating again is no error, as on EC2
            }
            Instance last = convert(vm, zoneOf(vm));
            keepVolumes(vm);
            destroy(vm.ref(), AnnotationTags.read(vm.annotation()));
            session.tombstones().bury(last, clock());
            out.add(new StateChange(id, last.state(), InstanceState.TERMINATED));
        }
        return out;
    }

    /**
     * Takes the VM's First Class Disks ({@link VsphereVolumes}) off it, keeping their files, so that destroying the
     * VM leaves them, as terminating an EC2 instance leaves its attached EBS volumes. Destroy_Task removes every
     * disk with its file: vcsim does so regardless, and a real server does so for a disk made without
     * {@code keepAfterDeleteVm}. One reconfiguration for all of them; none when the VM has none.
     */
    private void keepVolumes(VmView vm) {
        List<VmView.Device> volumes = vm.devices().stream().filter(d -> d.isDisk() && d.diskId() != null).toList();
        if (volumes.isEmpty()) {
            return;
        }
        try {
            session.run("ReconfigVM_Task " + vm.ref().value(), () -> session.vim().reconfigure(vm.ref(), b -> {
                for (VmView.Device d : volumes) {
                    b.open("deviceChange").element("operation", "remove");
                    b.open("device", "VirtualDisk").element("key", d.key());
                    deviceInfo(b, d.label(), "Hard disk");
                    b.open("backing", "VirtualDiskFlatVer2BackingInfo").element("fileName", d.fileName())
                            .element("diskMode", d.diskMode() == null ? "persistent" : d.diskMode()).close();
                    b.element("controllerKey", d.controllerKey()).element("unitNumber", d.unitNumber())
                            .element("capacityInKB", d.capacityKiB());
                    b.close().close();
                }
            }));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e; // NOT_FOUND: the VM went meanwhile, and destroy() takes that as done
            }
        }
    }

    /** Powers the VM off if it runs, destroys it with its disks, and deletes its seed ISO if it had one. */
    private void destroy(MoRef vm, Map<String, String> tags) {
        try {
            String power = session.call("RetrievePropertiesEx " + vm.value(), () -> session.vim().object(vm,
                    "runtime.powerState")).text("runtime.powerState", "poweredOff");
            if (!power.equals("poweredOff")) {
                powerOff(vm);
            }
            try {
                session.run("Destroy_Task " + vm.value(), () -> session.vim().destroy(vm));
            } catch (AltoException lost) {
                if (!"ConnectionLost".equals(lost.providerCode())) {
                    throw lost;
                }
                // The answer never came: the VM may be gone already. Look before destroying again.
                session.call("RetrievePropertiesEx " + vm.value(), () -> session.vim().object(vm, "name"));
                session.run("Destroy_Task " + vm.value(), () -> session.vim().destroy(vm));
            }
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e; // NOT_FOUND: another caller destroyed it meanwhile, which is what was asked
            }
        }
        String seed = tags.get(SEED_KEY);
        if (seed != null) {
            guestConfig.deleteSeed(seed);
        }
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    void tag(String resourceId, Map<String, String> changes) {
        MoRef ref = VmIds.vm(resourceId);
        VmView vm = view(ref);
        Map<String, String> merged = new LinkedHashMap<>(AnnotationTags.read(vm.annotation()));
        String rename = null;
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getKey().equals(Tags.NAME) && !vm.template()) {
                rename = e.getValue();
                merged.remove(NAME_KEY);
            } else {
                merged.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
        }
        write(vm, merged, rename);
    }

    void untag(String resourceId, Collection<String> keys) {
        MoRef ref = VmIds.vm(resourceId);
        VmView vm = view(ref);
        Map<String, String> merged = new LinkedHashMap<>(AnnotationTags.read(vm.annotation()));
        keys.forEach(merged::remove);
        write(vm, merged, null);
    }

    private void write(VmView vm, Map<String, String> tags, String rename) {
        String annotation = AnnotationTags.write(AnnotationTags.text(vm.annotation()), tags);
        session.run("ReconfigVM_Task " + vm.ref().value(), () -> session.vim().reconfigure(vm.ref(), b -> {
            if (rename != null) {
                b.element("name", rename);
            }
            b.element("annotation", annotation);
        }));
    }
}
