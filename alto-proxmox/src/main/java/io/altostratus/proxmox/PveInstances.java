package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.config.PublicKeyFiles;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.proxmox.internal.GuestAddresses;
import io.altostratus.proxmox.internal.PveException;
import io.altostratus.proxmox.internal.PveTags;
import io.altostratus.proxmox.internal.SshKeyEncoding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Instances are QEMU VMs that are not templates, ids {@code node/vmid}. A launch clones the template (full clone by
 * default, onto {@code storage}), sizes it (cores, memory, boot disk), gives cloud-init its user, keys, DHCP and user
 * data ({@link UserDataSnippets}), then starts it. Addresses come from the QEMU guest agent only: when none answers, the instance has no address
 * and its state reason says "no QEMU guest agent answering on node/vmid", so a wait for an address that runs out of
 * time says why.
 */
final class PveInstances {
    /** Description-block keys the provider keeps for itself; they are not shown as tags. */
    static final String IMAGE_KEY = "alto:image";
    static final String KEY_NAME_KEY = "alto:key";
    static final String NAME_KEY = "alto:name";

    private final PveSession session;
    private final Vms vms;
    private final PveImages images;
    private final PublicKeyFiles keys;
    private final UserDataSnippets userData;

    PveInstances(PveSession session, Vms vms, PveImages images) {
        this.session = session;
        this.vms = vms;
        this.images = images;
        this.userData = new UserDataSnippets(session);
        this.keys = new PublicKeyFiles("proxmox", session.settings().keysDir(), session.stateDir());
    }

    // ---- launch -----------------------------------------------------------------------------------------------

    List<Instance> launch(LaunchSpec spec) {
        ExtraDisks.check(spec.disks());
        Image image = images.resolve(ImageRef.parse(spec.image()));
        VmRef template = VmRef.parse(image.id());
        InstanceType size = Sizes.of(spec);
        String node = spec.zone() != null && !spec.zone().isBlank() ? spec.zone() : template.node();
        String snippets = spec.userData() != null && !spec.userData().isEmpty() ? userData.storage() : null;
        String publicKey = spec.keyName() == null ? null : keys.publicKey(spec.keyName());
        List<Instance> out = new ArrayList<>();
        int count = Math.max(1, spec.count());
        for (int i = 0; i < count; i++) {
            try {
                out.add(launchOne(spec, image, template, node, size, publicKey, snippets));
            } catch (AltoException e) {
                if (out.size() >= Math.max(1, spec.minCount())) {
                    break; // enough made; the rest is not an error (EC2's MinCount)
                }
                for (Instance made : out) {
                    try {
                        vms.destroy(VmRef.parse(made.id()));
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
        }
        return out;
    }

    private Instance launchOne(LaunchSpec spec, Image image, VmRef template, String node, InstanceType size,
                               String publicKey, String snippets) {
        String name = spec.name() != null ? spec.name() : spec.tags().get(Tags.NAME);
        Map<String, String> clone = new LinkedHashMap<>();
        if (name != null) {
            clone.put("name", dnsName(name)); // every instance of a launch has its Name, as on EC2
        }
        if (session.settings().fullClone()) {
            clone.put("full", "1");
            clone.put("storage", session.settings().storage());
        } else {
            clone.put("full", "0");
        }
        VmRef vm = vms.cloneOf(template, node, clone);
        try {
            JsonNode config = vms.config(vm);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("cores", String.valueOf(size.vcpus()));
            form.put("memory", String.valueOf(size.memoryMiB()));
            form.put("ipconfig0", "ip=dhcp");
            form.put("ciuser", session.settings().ciuser() != null ? session.settings().ciuser() : user(image));
            if (publicKey != null) {
                form.put("sshkeys", SshKeyEncoding.encode(List.of(publicKey)));
            }
            if (snippets != null) {
                form.put("cicustom", userData.write(snippets, vm, spec.userData()));
            }
            if (!config.has("net0")) {
                form.put("net0", "virtio,bridge=" + session.settings().bridge());
            }
            form.putAll(ExtraDisks.config(spec.disks(), config, session.settings().storage()));
            Map<String, String> tags = new LinkedHashMap<>(spec.tags());
            tags.remove(Tags.NAME);
            tags.put(IMAGE_KEY, image.id());
            if (name != null && !dnsName(name).equals(name)) {
                tags.put(NAME_KEY, name); // Proxmox names are DNS names; the Name as given is kept here
            }
            if (spec.keyName() != null && publicKey != null && !publicKey.equals(spec.keyName().strip())) {
                tags.put(KEY_NAME_KEY, spec.keyName());
            }
            PveTags.Written written = PveTags.write(tags, PveTags.withoutBlock(config.path("description").asText(null)));
            form.put("tags", written.tags());
            form.put("description", written.description());
            // POST config is the asynchronous form (a task when disks change); PUT would do for these keys, but
            // POST answers alike on every version.
            vms.mutate("qemu.config " + vm, () -> session.client().post(vm.path() + "/config", form));
            Integer root = spec.rootVolumeSizeGiB();
            String disk = Vms.bootDisk(config);
            if (root != null && disk != null) {
                vms.mutate("qemu.resize " + vm, () -> session.client().put(vm.path() + "/resize",
                        Map.of("disk", disk, "size", root + "G")));
            }
            vms.mutate("qemu.start " + vm, () -> session.client().post(vm.path() + "/status/start", Map.of()));
            return instance(vm.id());
        } catch (RuntimeException e) {
            try {
                vms.destroy(vm);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The cloud images' usual login user, so that SSH finds the key where it expects it. */
    static String user(Image image) {
        String hint = (image.distro() != null ? image.distro() : image.name() == null ? "" : image.name())
                .toLowerCase(Locale.ROOT);
        if (hint.contains("ubuntu")) {
            return "ubuntu";
        }
        if (hint.contains("debian")) {
            return "admin";
        }
        if (hint.contains("fedora") || hint.contains("rhel") || hint.contains("amazon")) {
            return "ec2-user";
        }
        if (hint.contains("rocky")) {
            return "rocky";
        }
        return "alto";
    }

    /** Proxmox VM names must be DNS names. */
    static String dnsName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return n.isEmpty() ? "vm" : n.length() > 63 ? n.substring(0, 63) : n;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    Instance instance(String id) {
        VmRef vm = VmRef.parse(id);
        try {
            Instance found = live(vm);
            session.tombstones().reborn(vm.id());
            return found;
        } catch (AltoException e) {
            Instance buried = e.code() == ErrorCode.NOT_FOUND ? session.tombstones().find(vm.id(), clock()) : null;
            if (buried == null) {
                throw e;
            }
            return buried;
        }
    }

    private java.time.Clock clock() {
        return session.retrier().clock();
    }

    private Instance live(VmRef vm) {
        JsonNode status = session.retrier().call("qemu.status " + vm,
                () -> session.client().get(vm.path() + "/status/current"));
        JsonNode config = vms.config(vm);
        if (config.path("template").asInt(0) == 1) {
            throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", vm + " is a template, not an instance");
        }
        return convert(vm, config, status);
    }

    List<Instance> instances(InstanceQuery query) {
        query.ids().forEach(VmRef::parse); // a malformed id is INVALID_PARAMETER, not an empty answer
        List<Instance> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode r : vms.resources()) {
            if (r.path("template").asInt(0) == 1) {
                continue;
            }
            VmRef vm = new VmRef(r.path("node").asText(), r.path("vmid").asInt());
            if (!query.ids().isEmpty() && !query.ids().contains(vm.id())) {
                continue;
            }
            if (query.zone() != null && !query.zone().equals(vm.node())) {
                continue;
            }
            try {
                Instance i = convert(vm, vms.config(vm), r);
                seen.add(i.id());
                if (query.matches(i)) {
                    out.add(i);
                }
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e; // NOT_FOUND: destroyed since the listing
                }
            }
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        out.forEach(i -> listed.add(i.id()));
        for (Instance buried : session.tombstones().all(clock())) {
            if (!listed.contains(buried.id()) && (query.zone() == null || query.zone().equals(buried.zone()))
                    && query.matches(buried)) {
                out.add(buried);
            }
        }
        for (String wanted : query.ids()) {
            if (!seen.contains(wanted) && session.tombstones().find(wanted, clock()) == null) {
                throw new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", "no instance " + wanted);
            }
        }
        out.sort(java.util.Comparator.comparing(Instance::zone).thenComparingInt(i -> VmRef.parse(i.id()).vmid()));
        return out;
    }

    /** An instance from its config and its status (from {@code status/current} or a {@code /cluster/resources} entry). */
    Instance convert(VmRef vm, JsonNode config, JsonNode status) {
        String raw = status.path("status").asText("unknown");
        String lock = status.path("lock").asText(config.path("lock").asText(""));
        InstanceState state = switch (raw) {
            case "running" -> "paused".equals(status.path("qmpstatus").asText()) ? InstanceState.SUSPENDED
                    : InstanceState.RUNNING;
            case "stopped" -> lock.equals("clone") || lock.equals("create") ? InstanceState.PENDING
                    : InstanceState.STOPPED;
            case "paused", "suspended" -> InstanceState.SUSPENDED;
            default -> InstanceState.ERROR;
        };
        String reason = lock.isEmpty() ? null : "locked (" + lock + ")";
        String ip = null;
        if (state == InstanceState.RUNNING) {
            Address address = address(vm, config);
            ip = address.ip();
            reason = address.reason() != null ? address.reason() : reason;
        }
        Map<String, String> all = PveTags.read(config.path("tags").asText(null), config.path("description")
                .asText(null));
        Map<String, String> tags = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("alto:")) {
                tags.put(k, v);
            }
        });
        String name = all.getOrDefault(NAME_KEY, config.path("name").asText(null));
        if (name != null) {
            tags.put(Tags.NAME, name);
        }
        int cores = config.path("cores").asInt(1) * config.path("sockets").asInt(1);
        long memory = config.path("memory").asLong(512);
        return Instance.builder().id(vm.id()).name(name).provider("proxmox").region(session.region()).zone(vm.node())
                .state(state).rawState(lock.isEmpty() && raw.equals(state.wireName()) ? null
                        : raw + (lock.isEmpty() ? "" : " (" + lock + ")")).stateReason(reason)
                .imageId(all.get(IMAGE_KEY)).instanceType(Sizes.named(cores, memory))
                .architecture("aarch64".equals(config.path("arch").asText()) ? Architecture.ARM64 : Architecture.X86_64)
                .privateIp(ip).keyName(all.get(KEY_NAME_KEY)).tags(tags).blockDevices(ExtraDisks.of(config)).build();
    }

    /** A running VM's address from its guest agent, or why there is none. */
    record Address(String ip, String reason) {
    }

    Address address(VmRef vm, JsonNode config) {
        String none = "no QEMU guest agent answering on " + vm.id();
        if (!Vms.agentEnabled(config)) {
            return new Address(null, none + " (the VM's 'agent' option is off; enable it and install "
                    + "qemu-guest-agent in the image)");
        }
        JsonNode answer;
        try {
            answer = session.client().get(vm.path() + "/agent/network-get-interfaces",
                    session.settings().agentTimeout());
        } catch (PveException e) {
            // Proxmox says "QEMU guest agent is not running" (500), or the call hangs until our timeout.
            return new Address(null, none + " (" + e.getMessage() + "; is qemu-guest-agent installed and "
                    + "running in the guest?)");
        }
        GuestAddresses.Found found = GuestAddresses.pick(answer, Vms.net0Mac(config));
        if (found.best() == null) {
            return new Address(null, "the QEMU guest agent on " + vm.id() + " reports no usable address yet "
                    + "(only loopback or link-local)");
        }
        return new Address(found.best(), null);
    }

    // ---- state changes ----------------------------------------------------------------------------------------

    List<StateChange> start(Collection<String> ids) {
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmRef vm = VmRef.parse(id);
            InstanceState before = instanceState(vm);
            if (before != InstanceState.RUNNING) {
                vms.mutate("qemu.start " + vm, () -> session.client().post(vm.path() + "/status/start", Map.of()));
            }
            out.add(new StateChange(vm.id(), before, InstanceState.RUNNING));
        }
        return out;
    }

    /** An ACPI shutdown that Proxmox turns into a stop after {@code shutdown_timeout_s}; {@code force} stops at once. */
    List<StateChange> stop(Collection<String> ids, boolean force) {
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmRef vm = VmRef.parse(id);
            InstanceState before = instanceState(vm);
            if (before == InstanceState.RUNNING || before == InstanceState.SUSPENDED) {
                if (force) {
                    vms.mutate("qemu.stop " + vm, () -> session.client().post(vm.path() + "/status/stop", Map.of()));
                } else {
                    Map<String, String> form = Map.of("timeout",
                            String.valueOf(session.settings().shutdownTimeout().toSeconds()), "forceStop", "1");
                    vms.mutate("qemu.shutdown " + vm,
                            () -> session.client().post(vm.path() + "/status/shutdown", form));
                }
            }
            out.add(new StateChange(vm.id(), before, InstanceState.STOPPED));
        }
        return out;
    }

    void reboot(Collection<String> ids) {
        for (String id : ids) {
            VmRef vm = VmRef.parse(id);
            if (instanceState(vm) != InstanceState.RUNNING) {
                throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", vm
                        + " is not running, so it cannot be rebooted");
            }
            vms.mutate("qemu.reboot " + vm, () -> session.client().post(vm.path() + "/status/reboot", Map.of()));
        }
    }

    List<StateChange> terminate(Collection<String> ids) {
        List<StateChange> out = new ArrayList<>();
        for (String id : ids) {
            VmRef vm = VmRef.parse(id);
            InstanceState before;
            try {
                if (session.tombstones().find(vm.id(), clock()) != null) {
                    try {
                        live(vm);
                    } catch (AltoException gone) {
                        if (gone.code() != ErrorCode.NOT_FOUND) {
                            throw gone;
                        }
                        out.add(new StateChange(vm.id(), InstanceState.TERMINATED, InstanceState.TERMINATED));
                        continue;
                    }
                }
                before = instanceState(vm);
            } catch (AltoException e) {
                if (e.code() == ErrorCode.INVALID_STATE && session.tombstones().find(vm.id(), clock()) != null) {
                    out.add(new StateChange(vm.id(), InstanceState.TERMINATED, InstanceState.TERMINATED));
                    continue; // terminated already: terminating again is no error, as on EC2
                }
                throw e;
            }
            Instance last = instance(vm.id());
            session.tombstones().retire(vm.vmid(), clock());
            vms.destroy(vm);
            session.tombstones().bury(last, clock());
            out.add(new StateChange(vm.id(), before, InstanceState.TERMINATED));
        }
        return out;
    }

    /**
     * The VM's state for a state change.
     *
     * @throws AltoException INVALID_STATE for an instance this process terminated, NOT_FOUND for one never seen
     */
    InstanceState instanceState(VmRef vm) {
        JsonNode status;
        try {
            status = session.retrier().call("qemu.status " + vm,
                    () -> session.client().get(vm.path() + "/status/current"));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND && session.tombstones().find(vm.id(), clock()) != null) {
                throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", vm
                        + " is terminated", e);
            }
            throw e;
        }
        return switch (status.path("status").asText()) {
            case "running" -> "paused".equals(status.path("qmpstatus").asText()) ? InstanceState.SUSPENDED
                    : InstanceState.RUNNING;
            case "stopped" -> InstanceState.STOPPED;
            default -> InstanceState.SUSPENDED;
        };
    }

    // ---- tags ---------------------------------------------------------------------------------------------------

    void tag(String resourceId, Map<String, String> changes) {
        VmRef vm = VmRef.parse(resourceId);
        JsonNode config = vms.config(vm);
        Map<String, String> all = PveTags.read(config.path("tags").asText(null),
                config.path("description").asText(null));
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> merged = new LinkedHashMap<>(all);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getKey().equals(Tags.NAME)) {
                form.put("name", dnsName(e.getValue()));
                if (dnsName(e.getValue()).equals(e.getValue())) {
                    merged.remove(NAME_KEY);
                } else {
                    merged.put(NAME_KEY, e.getValue());
                }
            } else {
                merged.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
        }
        write(vm, config, merged, form);
    }

    void untag(String resourceId, Collection<String> keys) {
        VmRef vm = VmRef.parse(resourceId);
        JsonNode config = vms.config(vm);
        Map<String, String> merged = new LinkedHashMap<>(PveTags.read(config.path("tags").asText(null),
                config.path("description").asText(null)));
        keys.forEach(merged::remove);
        write(vm, config, merged, new LinkedHashMap<>());
    }

    private void write(VmRef vm, JsonNode config, Map<String, String> tags, Map<String, String> form) {
        PveTags.Written written = PveTags.write(tags, PveTags.withoutBlock(config.path("description").asText(null)));
        if (written.tags().isEmpty()) {
            form.put("delete", "tags");
        } else {
            form.put("tags", written.tags());
        }
        form.put("description", written.description());
        session.retrier().call("qemu.config " + vm, () -> session.client().put(vm.path() + "/config", form));
    }
}
