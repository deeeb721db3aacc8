package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.gateway.pve.PveTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU VMs and templates: the front's record of each VMID over the backend instance (or, for a template, image)
 * behind it. Every change that touches the backend runs as a task; a VM with a {@code lock} refuses them.
 */
public final class Vms {
    static final int MIN_VMID = 100;
    static final int MAX_VMID = 999_999_999;
    private static final Duration BACKEND_WAIT = Duration.ofMinutes(10);
    private static final Set<String> INTEGER_KEYS = Set.of("cores", "sockets", "vcpus", "balloon", "onboot", "numa",
            "protection", "template", "kvm", "acpi", "cpuunits");
    private static final Pattern CONFIG_KEY = Pattern.compile("name|cores|sockets|vcpus|memory|balloon|tags|"
            + "description|ciuser|cipassword|sshkeys|citype|ciupgrade|cicustom|nameserver|searchdomain|agent|boot|"
            + "onboot|cpu|scsihw|ostype|machine|bios|vga|numa|kvm|acpi|protection|cpuunits|hotplug|"
            + "(ipconfig|net|scsi|virtio|ide|sata|serial|efidisk|unused)\\d+");
    private static final Pattern DISK_KEY = Pattern.compile("(scsi|virtio|sata|ide)\\d+");
    private static final Pattern NEW_DISK = Pattern.compile("([a-zA-Z][\\w.-]*):(\\d+)(,.*)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]?)");

    private final Kept kept;
    private final Backend backend;
    private final Tasks tasks;
    private final Clock clock;
    private final List<PveTemplate> seeds;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    public Vms(Kept kept, Backend backend, Tasks tasks, Clock clock, List<PveTemplate> seeds) {
        this.kept = kept;
        this.backend = backend;
        this.tasks = tasks;
        this.clock = clock;
        this.seeds = List.copyOf(seeds);
    }

    /** Puts the configured templates in an account's cluster the first time the account is seen. */
    public void seed(String account) {
        if (!seeded.add(account)) {
            return;
        }
        for (PveTemplate t : seeds) {
            Image image = backend.cloud(account).image(t.image());
            Map<String, String> config = new LinkedHashMap<>();
            config.put("name", t.name());
            config.put("cores", Integer.toString(t.cores()));
            config.put("memory", Long.toString(t.memoryMiB()));
            config.put("agent", t.agent() ? "1" : "0");
            config.put("ostype", "l26");
            config.put("scsihw", "virtio-scsi-pci");
            config.put("scsi0", "local-lvm:base-" + t.vmid() + "-disk-0,size=" + Math.max(1, image.rootSizeGiB())
                    + "G");
            config.put("net0", "virtio=" + mac(t.vmid()) + ",bridge=vmbr0");
            config.put("ide2", "local-lvm:vm-" + t.vmid() + "-cloudinit,media=cdrom");
            config.put("template", "1");
            if (image.distro() != null) {
                config.put("tags", "alto-distro-" + tagPart(image.distro())
                        + (image.release() == null ? "" : ";alto-release-" + tagPart(image.release())));
            }
            kept.putNew(account, new Kept.Vm(t.vmid(), t.node() != null ? t.node() : backend.nodes(account).get(0),
                    true, null, image.id(), config, null, null));
        }
    }

    public void forgetSeeds() {
        seeded.clear();
    }

    private static String tagPart(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.+-]", "-");
    }

    /** A deterministic locally administered MAC per VMID (PVE's own prefix is BC:24:11). */
    static String mac(int vmid) {
        return String.format(Locale.ROOT, "BC:24:11:%02X:%02X:%02X", (vmid >> 16) & 0xFF, (vmid >> 8) & 0xFF,
                vmid & 0xFF);
    }

    // ---- lookups

    public Kept.Vm vm(String account, String node, String vmidText) {
        int vmid = vmid("vmid", vmidText);
        Kept.Vm vm = kept.vm(account, vmid).orElseThrow(() -> PveException.noConfig(node, vmid));
        if (!vm.node().equals(node)) {
            throw PveException.noConfig(node, vmid);
        }
        return vm;
    }

    static int vmid(String param, String text) {
        if (text == null) {
            throw PveException.missing(param);
        }
        try {
            int v = Integer.parseInt(text);
            if (v < MIN_VMID || v > MAX_VMID) {
                throw PveException.param(param, "value must have a minimum value of " + MIN_VMID);
            }
            return v;
        } catch (NumberFormatException e) {
            throw PveException.param(param, "type check ('integer') failed - got '" + text + "'");
        }
    }

    private static void unlocked(Kept.Vm vm) {
        if (vm.lock() != null) {
            throw PveException.server("VM is locked (" + vm.lock() + ")");
        }
    }

    /** The backend instance, or null (a template, a clone not yet made, an instance gone). */
    private Instance instance(String account, Kept.Vm vm) {
        if (vm.instanceId() == null) {
            return null;
        }
        try {
            return backend.cloud(account).instance(vm.instanceId());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean running(Instance i) {
        return i != null && (i.state() == InstanceState.RUNNING || i.state() == InstanceState.STOPPING);
    }

    public int nextId(String account, String wanted) {
        if (wanted != null) {
            int vmid = vmid("vmid", wanted);
            if (kept.vm(account, vmid).isPresent()) {
                throw PveException.param("vmid", "VM " + vmid + " already exists");
            }
            return vmid;
        }
        Set<Integer> used = new java.util.HashSet<>();
        kept.vms(account).forEach(v -> used.add(v.vmid()));
        int id = MIN_VMID;
        while (used.contains(id)) {
            id++;
        }
        return id;
    }

    // ---- reads

    public ArrayNode list(String account, String node) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Kept.Vm vm : kept.vms(account)) {
            if (vm.node().equals(node)) {
                out.add(summary(account, vm, false));
            }
        }
        return out;
    }

    public List<Kept.Vm> all(String account) {
        return kept.vms(account);
    }

    /** The fields qemu list, status/current and cluster/resources share. */
    public ObjectNode summary(String account, Kept.Vm vm, boolean current) {
        Instance i = instance(account, vm);
        boolean running = running(i);
        ObjectNode n = Json.object();
        n.put("vmid", vm.vmid());
        n.put("name", vm.name());
        n.put("status", running ? "running" : "stopped");
        if (current) {
            n.put("qmpstatus", running ? "running" : "stopped");
            n.put("agent", agentEnabled(vm) ? 1 : 0);
            n.putObject("ha").put("managed", 0);
        }
        n.put("cpus", intConfig(vm, "cores", 1) * intConfig(vm, "sockets", 1));
        n.put("maxmem", memoryMiB(vm) * 1024L * 1024L);
        n.put("maxdisk", diskBytes(vm));
        n.put("mem", running ? memoryMiB(vm) * 1024L * 1024L / 4 : 0);
        n.put("cpu", 0);
        n.put("diskread", 0);
        n.put("diskwrite", 0);
        n.put("netin", 0);
        n.put("netout", 0);
        n.put("uptime", running && vm.runningSince() != null
                ? Math.max(0, (clock.millis() - vm.runningSince()) / 1000) : 0);
        if (running) {
            n.put("pid", 10_000 + vm.vmid());
        }
        if (vm.config().containsKey("tags")) {
            n.put("tags", vm.config().get("tags"));
        }
        if (vm.template()) {
            n.put("template", 1);
        }
        if (vm.lock() != null) {
            n.put("lock", vm.lock());
        }
        return n;
    }

    public ObjectNode config(String account, String node, String vmid) {
        Kept.Vm vm = vm(account, node, vmid);
        ObjectNode n = Json.object();
        vm.config().forEach((k, v) -> {
            if (INTEGER_KEYS.contains(k)) {
                try {
                    n.put(k, Long.parseLong(v));
                    return;
                } catch (NumberFormatException ignored) {
                    // fall through: kept as given
                }
            }
            n.put(k, v);
        });
        if (vm.lock() != null) {
            n.put("lock", vm.lock());
        }
        n.put("digest", digest(vm.config()));
        return n;
    }

    private static String digest(Map<String, String> config) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            new java.util.TreeMap<>(config).forEach((k, v) -> sha1.update((k + ": " + v + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode current(String account, String node, String vmid) {
        return summary(account, vm(account, node, vmid), true);
    }

    static boolean agentEnabled(Kept.Vm vm) {
        String agent = vm.config().getOrDefault("agent", "0");
        for (String part : agent.split(",")) {
            String p = part.strip();
            if (p.equals("1") || p.equals("enabled=1")) {
                return true;
            }
        }
        return false;
    }

    private static int intConfig(Kept.Vm vm, String key, int fallback) {
        try {
            return Integer.parseInt(vm.config().getOrDefault(key, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long memoryMiB(Kept.Vm vm) {
        String memory = vm.config().getOrDefault("memory", "512");
        String current = memory.startsWith("current=") ? memory.substring(8) : memory.split(",")[0];
        try {
            return Long.parseLong(current);
        } catch (NumberFormatException e) {
            return 512;
        }
    }

    private static long diskBytes(Kept.Vm vm) {
        for (String key : List.of("scsi0", "virtio0", "sata0", "ide0")) {
            String disk = vm.config().get(key);
            if (disk != null && !disk.contains("media=cdrom")) {
                return sizeBytes(option(disk, "size"));
            }
        }
        return 0;
    }

    static String option(String propertyString, String key) {
        for (String part : propertyString.split(",")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    static long sizeBytes(String size) {
        if (size == null) {
            return 0;
        }
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        return (long) (v * (1L << shift));
    }

    // ---- changes

    public String clone(String account, String user, String node, String vmidText, Map<String, String> p) {
        Kept.Vm source = vm(account, node, vmidText);
        int newid = vmid("newid", p.get("newid"));
        String target = p.get("target") != null ? backend.node(account, p.get("target")) : node;
        boolean full = p.get("full") == null ? !source.template() : bool("full", p.get("full"));
        if (!source.template() && !full) {
            throw PveException.param("full", "linked clone feature is only available for templates");
        }
        if (source.lock() != null && !source.lock().equals("clone")) {
            unlocked(source);
        }
        Map<String, String> config = source.mutableConfig();
        config.remove("template");
        config.put("name", p.getOrDefault("name", "Copy-of-VM-" + source.name()));
        if (p.containsKey("description")) {
            config.put("description", p.get("description"));
        }
        String storage = p.getOrDefault("storage", "local-lvm");
        for (Map.Entry<String, String> e : List.copyOf(config.entrySet())) {
            if (DISK_KEY.matcher(e.getKey()).matches() && !e.getValue().contains("media=cdrom")) {
                String size = option(e.getValue(), "size");
                config.put(e.getKey(), storage + ":vm-" + newid + "-disk-0" + (size == null ? "" : ",size=" + size));
            }
        }
        String net0 = config.get("net0");
        config.put("net0", net0 == null ? "virtio=" + mac(newid) + ",bridge=vmbr0"
                : net0.replaceFirst("^(\\w+)=[0-9A-Fa-f:]+", "$1=" + mac(newid)));
        config.put("meta", meta());
        Kept.Vm made = new Kept.Vm(newid, target, false, null, source.imageId(), config, "clone", null);
        if (!kept.putNew(account, made)) {
            throw PveException.server("unable to create VM " + newid + ": config file already exists");
        }
        return tasks.start(account, node, "qmclone", Integer.toString(source.vmid()), user,
                launchStopped(account, made, List.of("create full clone of drive scsi0 ("
                        + source.config().getOrDefault("scsi0", "") + ")")));
    }

    /**
     * The backend side of a new VM: launch its image in its node's zone, then stop it (a new PVE VM is stopped).
     * The task runs until the instance exists and is stopped; a failure removes the VM and what was launched.
     */
    private Tasks.Work launchStopped(String account, Kept.Vm made, List<String> firstLines) {
        return new Tasks.Work() {
            private String instanceId;

            @Override
            public List<String> run() {
                Cloud cloud = backend.cloud(account);
                List<String> log = new ArrayList<>(firstLines);
                Instance launched = cloud.launch(b -> {
                    b.image(made.imageId()).zone(made.node()).name(made.name()).tag("pve-vmid",
                            Integer.toString(made.vmid()));
                    InstanceType type = type(cloud, made);
                    if (type != null) {
                        b.instanceType(type.name());
                    }
                    return b;
                }).get(0);
                instanceId = launched.id();
                kept.update(account, made.vmid(), v -> v.withInstance(instanceId));
                cloud.waitFor(instanceId, InstanceCondition.forState(InstanceState.RUNNING), BACKEND_WAIT);
                cloud.stop(List.of(instanceId), true);
                cloud.waitFor(instanceId, InstanceCondition.forState(InstanceState.STOPPED), BACKEND_WAIT);
                kept.update(account, made.vmid(), v -> v.withInstance(instanceId).withLock(null));
                return log;
            }

            @Override
            public void failed() {
                kept.deleteVm(account, made.vmid());
                if (instanceId != null) {
                    backend.cloud(account).terminate(List.of(instanceId));
                }
            }
        };
    }

    /**
     * {@code POST /nodes/{node}/qemu}: a new VM. A disk with {@code import-from} names storage content whose backend
     * image the VM boots (resolved by {@code volumeImage}); without one there is nothing to launch, so the VM has
     * no instance until it becomes a clone source (it cannot start).
     */
    public String create(String account, String user, String node, Map<String, String> p,
                         java.util.function.UnaryOperator<String> volumeImage) {
        int vmid = vmid("vmid", p.get("vmid"));
        String imageId = null;
        Map<String, String> params = new LinkedHashMap<>(p);
        params.remove("vmid");
        params.remove("start");
        params.remove("storage");
        params.remove("pool");
        int diskIndex = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            Matcher allocate = NEW_DISK.matcher(e.getValue());
            if (DISK_KEY.matcher(e.getKey()).matches() && !e.getValue().contains("import-from=")
                    && allocate.matches()) {
                // STORAGE:SIZE_IN_GiB allocates a new volume, named as PVE names it.
                params.put(e.getKey(), allocate.group(1) + ":vm-" + vmid + "-disk-" + diskIndex++ + ",size="
                        + allocate.group(2) + "G" + (allocate.group(3) == null ? "" : allocate.group(3)));
            }
            if (DISK_KEY.matcher(e.getKey()).matches() && e.getValue().contains("import-from=")) {
                imageId = volumeImage.apply(option(e.getValue(), "import-from"));
                String storage = e.getValue().split(":")[0];
                params.put(e.getKey(), storage + ":vm-" + vmid + "-disk-0,size=" + Math.max(1,
                        backend.cloud(account).image(imageId).rootSizeGiB()) + "G");
            }
        }
        Map<String, String> config = validated(params, new LinkedHashMap<>());
        if (!config.containsKey("net0")) {
            config.put("net0", "virtio=" + mac(vmid) + ",bridge=vmbr0");
        } else if (!config.get("net0").matches("^\\w+=[0-9A-Fa-f:]{17}.*")) {
            config.put("net0", config.get("net0").replaceFirst("^(\\w+)(,|$)", "$1=" + mac(vmid) + "$2"));
        }
        config.put("meta", meta());
        Kept.Vm made = new Kept.Vm(vmid, node, false, null, imageId, config, imageId == null ? null : "create",
                null);
        if (!kept.putNew(account, made)) {
            throw PveException.server("unable to create VM " + vmid + ": config file already exists");
        }
        if (imageId == null) {
            return tasks.start(account, node, "qmcreate", Integer.toString(vmid), user, List::of);
        }
        return tasks.start(account, node, "qmcreate", Integer.toString(vmid), user, launchStopped(account, made,
                List.of("importing disk '" + p.values().stream().filter(v -> v.contains("import-from="))
                        .findFirst().orElse("") + "'")));
    }

    private static InstanceType type(Cloud cloud, Kept.Vm vm) {
        try {
            Image image = cloud.image(vm.imageId());
            return cloud.cheapestType(intConfig(vm, "cores", 1) * intConfig(vm, "sockets", 1), memoryMiB(vm),
                    image.architecture());
        } catch (RuntimeException e) {
            return null; // the backend's default type
        }
    }

    static boolean bool(String param, String v) {
        return switch (v) {
            case "1", "true", "on", "yes" -> true;
            case "0", "false", "off", "no" -> false;
            default -> throw PveException.param(param, "type check ('boolean') failed - got '" + v + "'");
        };
    }

    /** Applies config changes (the keys PVE knows; {@code delete} removes). Answers the VM as changed. */
    public Kept.Vm setConfig(String account, String node, String vmidText, Map<String, String> p) {
        Kept.Vm vm = vm(account, node, vmidText);
        if (!"1".equals(p.get("skiplock"))) {
            unlocked(vm);
        }
        Map<String, String> config = validated(allocated(vm.vmid(), p, vm.config()), vm.mutableConfig());
        Kept.Vm changed = vm.withConfig(config);
        kept.update(account, vm.vmid(), v -> v.withConfig(config));
        pushTags(account, vm, changed);
        return changed;
    }

    /**
     * The {@code meta} option PVE (7.2 and later) writes on every VM it creates or clones: the QEMU version and the
     * creation time, which tells the newest of several templates. Seeded templates have none, as templates made on
     * older releases have not.
     */
    private String meta() {
        return "creation-qemu=9.2.0,ctime=" + clock.millis() / 1000;
    }

    /**
     * A config change's new disks ({@code scsi1: local-lvm:8}, PVE's STORAGE:SIZE_IN_GiB form) allocated as PVE does:
     * a volume {@code vm-VMID-disk-N} with the next free N, written back as {@code STORAGE:vm-VMID-disk-N,size=8G}.
     */
    private static Map<String, String> allocated(int vmid, Map<String, String> p, Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>(p);
        java.util.Set<String> used = new java.util.HashSet<>();
        config.values().forEach(v -> {
            Matcher m = Pattern.compile("vm-" + vmid + "-disk-(\\d+)").matcher(v);
            if (m.find()) {
                used.add(m.group(1));
            }
        });
        int next = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            Matcher allocate = NEW_DISK.matcher(e.getValue());
            if (DISK_KEY.matcher(e.getKey()).matches() && !e.getValue().contains("import-from=")
                    && allocate.matches()) {
                while (used.contains(Integer.toString(next))) {
                    next++;
                }
                used.add(Integer.toString(next));
                out.put(e.getKey(), allocate.group(1) + ":vm-" + vmid + "-disk-" + next + ",size=" + allocate.group(2)
                        + "G" + (allocate.group(3) == null ? "" : allocate.group(3)));
            }
        }
        return out;
    }

    /** PVE's parameter checks over config keys; answers {@code config} with the changes applied. */
    private static Map<String, String> validated(Map<String, String> p, Map<String, String> config) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (Set.of("node", "vmid", "digest", "skiplock", "delete", "revert", "background_delay").contains(k)) {
                continue;
            }
            if (!CONFIG_KEY.matcher(k).matches()) {
                errors.put(k, "property is not defined in schema and the schema does not allow additional "
                        + "properties");
                continue;
            }
            if (INTEGER_KEYS.contains(k) && !v.matches("\\d+")) {
                errors.put(k, "type check ('integer') failed - got '" + v + "'");
                continue;
            }
            if (k.equals("sshkeys")) {
                try {
                    java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    errors.put(k, "invalid urlencoded string: " + v);
                    continue;
                }
            }
            if (k.equals("tags") && !v.matches("[a-z0-9_+.-]*([;, ][a-z0-9_+.-]+)*")) {
                errors.put(k, "invalid format - invalid tag '" + v + "'");
                continue;
            }
            config.put(k, v);
        }
        if (p.get("delete") != null) {
            for (String k : p.get("delete").split("[,; ]")) {
                config.remove(k.strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new PveException(400, "Parameter verification failed.", errors);
        }
        return config;
    }

    /** PVE tags are bare keys; on the backend each becomes a tag with an empty value, and the name the Name tag. */
    private void pushTags(String account, Kept.Vm before, Kept.Vm after) {
        if (after.instanceId() == null) {
            return;
        }
        Set<String> old = tagSet(before.config().get("tags"));
        Set<String> now = tagSet(after.config().get("tags"));
        Map<String, String> add = new LinkedHashMap<>();
        now.forEach(t -> add.put(t, ""));
        if (!after.name().equals(before.name())) {
            add.put("Name", after.name());
        }
        Cloud cloud = backend.cloud(account);
        if (!add.isEmpty()) {
            cloud.tag(after.instanceId(), add);
        }
        old.removeAll(now);
        if (!old.isEmpty()) {
            cloud.untag(after.instanceId(), old);
        }
    }

    private static Set<String> tagSet(String tags) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (tags != null) {
            for (String t : tags.split("[;, ]")) {
                if (!t.isBlank()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    public String configTask(String account, String user, String node, String vmid, Map<String, String> p) {
        Kept.Vm vm = setConfig(account, node, vmid, p);
        return tasks.start(account, node, "qmconfig", Integer.toString(vm.vmid()), user, List::of);
    }

    public String start(String account, String user, String node, String vmidText) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        if (vm.template()) {
            throw PveException.server("you can't start a vm if it's a template");
        }
        if (vm.instanceId() == null) {
            throw PveException.server("VM " + vm.vmid() + " has no bootable disk: the backend needs an image "
                    + "(create the VM with import-from, or clone a template)");
        }
        if (running(instance(account, vm))) {
            throw PveException.server("VM " + vm.vmid() + " already running");
        }
        return tasks.start(account, node, "qmstart", Integer.toString(vm.vmid()), user, () -> {
            Cloud cloud = backend.cloud(account);
            cloud.start(List.of(vm.instanceId()));
            cloud.waitFor(vm.instanceId(), InstanceCondition.forState(InstanceState.RUNNING), BACKEND_WAIT);
            kept.update(account, vm.vmid(), v -> v.withRunningSince(clock.millis()));
            return List.of();
        });
    }

    public String stop(String account, String user, String node, String vmidText, boolean force) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        if (!running(instance(account, vm))) {
            throw PveException.server("VM " + vm.vmid() + " not running");
        }
        return tasks.start(account, node, force ? "qmstop" : "qmshutdown", Integer.toString(vm.vmid()), user, () -> {
            Cloud cloud = backend.cloud(account);
            cloud.stop(List.of(vm.instanceId()), force);
            cloud.waitFor(vm.instanceId(), InstanceCondition.forState(InstanceState.STOPPED), BACKEND_WAIT);
            kept.update(account, vm.vmid(), v -> v.withRunningSince(null));
            return List.of();
        });
    }

    public String reboot(String account, String user, String node, String vmidText) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        if (!running(instance(account, vm))) {
            throw PveException.server("VM " + vm.vmid() + " not running");
        }
        return tasks.start(account, node, "qmreboot", Integer.toString(vm.vmid()), user, () -> {
            Cloud cloud = backend.cloud(account);
            cloud.reboot(List.of(vm.instanceId()));
            cloud.waitFor(vm.instanceId(), InstanceCondition.forState(InstanceState.RUNNING), BACKEND_WAIT);
            kept.update(account, vm.vmid(), v -> v.withRunningSince(clock.millis()));
            return List.of();
        });
    }

    public String destroy(String account, String user, String node, String vmidText) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        if (running(instance(account, vm))) {
            throw PveException.server("VM " + vm.vmid() + " is running - destroy failed");
        }
        kept.lock(account, vm, "destroyed");
        return tasks.start(account, node, "qmdestroy", Integer.toString(vm.vmid()), user, new Tasks.Work() {
            @Override
            public List<String> run() {
                if (vm.instanceId() != null) {
                    Cloud cloud = backend.cloud(account);
                    cloud.terminate(List.of(vm.instanceId()));
                    cloud.waitFor(vm.instanceId(), InstanceCondition.forState(InstanceState.TERMINATED),
                            BACKEND_WAIT);
                }
                kept.deleteVm(account, vm.vmid());
                return List.of("Removing image: 100% complete...done.");
            }

            @Override
            public void failed() {
                kept.update(account, vm.vmid(), v -> v.withLock(null));
            }
        });
    }

    /** {@code qm template}: the stopped VM's disk becomes a backend image and the VM a template over it. */
    public String template(String account, String user, String node, String vmidText) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        if (vm.template()) {
            throw PveException.server("VM " + vm.vmid() + " is already a template");
        }
        if (running(instance(account, vm))) {
            throw PveException.server("You can't convert a running VM to a template");
        }
        return tasks.start(account, node, "qmtemplate", Integer.toString(vm.vmid()), user, () -> {
            Cloud cloud = backend.cloud(account);
            String imageId = vm.imageId();
            if (vm.instanceId() != null) {
                Image image = cloud.createImage(vm.instanceId(), vm.name(), "PVE template " + vm.vmid(),
                        Map.of("pve-vmid", Integer.toString(vm.vmid())));
                cloud.waitForImage(image.id(), BACKEND_WAIT);
                imageId = image.id();
                cloud.terminate(List.of(vm.instanceId()));
            }
            Map<String, String> config = vm.mutableConfig();
            config.put("template", "1");
            String tags = aliasTags(cloud, imageId, vm.imageId());
            if (tags != null) {
                Set<String> merged = tagSet(config.get("tags"));
                merged.removeIf(t -> t.startsWith("alto-distro-") || t.startsWith("alto-release-"));
                merged.addAll(tagSet(tags));
                config.put("tags", String.join(";", merged));
            }
            String templateImage = imageId;
            kept.update(account, vm.vmid(), v -> v.withConfig(config).asTemplate(templateImage));
            return List.of();
        });
    }

    /**
     * The {@code alto-distro-}/{@code alto-release-} tags that make a template answer an alias: the new image's
     * distribution, else that of the image the VM came from.
     */
    private static String aliasTags(Cloud cloud, String imageId, String sourceImageId) {
        for (String id : new String[] {imageId, sourceImageId}) {
            if (id == null) {
                continue;
            }
            try {
                Image image = cloud.image(id);
                if (image.distro() != null) {
                    return "alto-distro-" + tagPart(image.distro())
                            + (image.release() == null ? "" : ";alto-release-" + tagPart(image.release()));
                }
            } catch (RuntimeException e) {
                // an image gone: try the next
            }
        }
        return null;
    }

    public String resize(String account, String user, String node, String vmidText, Map<String, String> p) {
        Kept.Vm vm = vm(account, node, vmidText);
        unlocked(vm);
        String disk = p.get("disk");
        String size = p.get("size");
        if (disk == null) {
            throw PveException.missing("disk");
        }
        if (size == null) {
            throw PveException.missing("size");
        }
        String current = vm.config().get(disk);
        if (current == null) {
            throw PveException.server("disk '" + disk + "' does not exist");
        }
        long before = sizeBytes(option(current, "size"));
        boolean grow = size.startsWith("+");
        long wanted = sizeBytes(grow ? size.substring(1) : size);
        if (wanted < 0) {
            throw PveException.param("size", "value does not match the regex pattern");
        }
        long after = grow ? before + wanted : wanted;
        if (after < before) {
            throw PveException.server("shrinking disks is not supported");
        }
        Map<String, String> config = vm.mutableConfig();
        String sized = current.contains("size=") ? current.replaceFirst("size=[^,]*", "size=" + human(after))
                : current + ",size=" + human(after);
        config.put(disk, sized);
        kept.update(account, vm.vmid(), v -> v.withConfig(config));
        return tasks.start(account, node, "resize", Integer.toString(vm.vmid()), user, List::of);
    }

    static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "G";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "M";
        }
        return Long.toString(bytes);
    }

    /** The backend instance of a running VM, for the guest agent; null when not running. */
    public Instance runningInstance(String account, Kept.Vm vm) {
        Instance i = instance(account, vm);
        return running(i) ? i : null;
    }
}
