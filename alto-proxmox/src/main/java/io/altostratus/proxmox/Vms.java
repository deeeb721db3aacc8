package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.proxmox.internal.PveException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The VM calls images and instances share: the cluster's VMs, a VM's config, a mutating call waited to its task's end,
 * a clone onto a fresh VMID, a destroy.
 */
final class Vms {
    /** Fresh VMIDs tried when another client takes the one {@code /cluster/nextid} gave (the race is real). */
    static final int NEXTID_TRIES = 10;
    /** Recently destroyed VMIDs skipped at most; past that the cluster is churning faster than ids age out. */
    private static final int MAX_SKIPPED_VMIDS = 10_000;

    private final PveSession session;

    Vms(PveSession session) {
        this.session = session;
    }

    /** The cluster's QEMU VMs and templates ({@code /cluster/resources?type=vm}, containers left out). */
    List<JsonNode> resources() {
        JsonNode all = session.retrier().call("cluster.resources",
                () -> session.client().get("/cluster/resources", Map.of("type", "vm")));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : all) {
            if ("qemu".equals(r.path("type").asText()) && r.has("vmid") && r.has("node")) {
                out.add(r);
            }
        }
        return out;
    }

    JsonNode config(VmRef vm) {
        return session.retrier().call("qemu.config " + vm, () -> session.client().get(vm.path() + "/config"));
    }

    /**
     * Runs a mutating call and waits for its task. A lock held by another task ({@code VM is locked (clone)}), on the
     * call or in the task's log, is retried with backoff up to {@code max_attempts}, then reported as INVALID_STATE.
     */
    void mutate(String operation, Supplier<JsonNode> call) {
        session.retrier().run(operation, () -> session.tasks().await(operation, call.get()));
    }

    /**
     * Clones {@code source} onto a fresh VMID on {@code targetNode}; VMIDs come from {@code /cluster/nextid}, and one
     * taken meanwhile by someone else ("VM 200 already exists") is replaced by the next free one.
     */
    VmRef cloneOf(VmRef source, String targetNode, Map<String, String> options) {
        for (int attempt = 1; ; attempt++) {
            int vmid = freshVmid();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("newid", String.valueOf(vmid));
            form.putAll(options);
            if (!targetNode.equals(source.node())) {
                form.put("target", targetNode);
            }
            try {
                mutate("qemu.clone " + source, () -> session.client().post(source.path() + "/clone", form));
                return new VmRef(targetNode, vmid);
            } catch (AltoException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS || attempt >= NEXTID_TRIES) {
                    throw e;
                }
                // Concurrent launches all get the same next id until one clone lands: spread them out.
                session.retrier().pauseBeforePoll("cluster.nextid", Math.min(attempt, 3));
            }
        }
    }

    /**
     * A VMID free now and not one this client destroyed within the tombstones' life. Proxmox's {@code /cluster/nextid}
     * answers the lowest free VMID, so the id of a VM destroyed a moment ago would name the next launch, and a caller
     * still holding the old id (waiting for it to be terminated, say) would act on the new machine. Past such ids,
     * {@code /cluster/nextid?vmid=N} asks whether N is free.
     */
    int freshVmid() {
        int vmid = nextid(null);
        int asked = 0;
        while (session.tombstones().holdsVmid(vmid, session.retrier().clock())) {
            int candidate = vmid + 1;
            while (true) {
                if (++asked > MAX_SKIPPED_VMIDS) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, "NoFreshVmid",
                            "no VMID after " + candidate + " is free of a recent destroy; try again later");
                }
                try {
                    vmid = nextid(candidate);
                    break;
                } catch (AltoException e) {
                    if (e.code() != ErrorCode.INVALID_PARAMETER && e.code() != ErrorCode.ALREADY_EXISTS) {
                        throw e;
                    }
                    candidate++; // taken by a VM that exists: the next one
                }
            }
        }
        return vmid;
    }

    private int nextid(Integer wanted) {
        Map<String, String> query = wanted == null ? Map.of() : Map.of("vmid", wanted.toString());
        int vmid = session.retrier().call("cluster.nextid",
                () -> session.client().get("/cluster/nextid", query)).asInt();
        if (vmid < 100) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "BadNextId", "/cluster/nextid gave no VMID");
        }
        return vmid;
    }

    /** Stops the VM if it runs, then destroys it with its disks ({@code purge=1}). */
    void destroy(VmRef vm) {
        JsonNode status = session.retrier().call("qemu.status " + vm,
                () -> session.client().get(vm.path() + "/status/current"));
        if ("running".equals(status.path("status").asText()) || "paused".equals(status.path("status").asText())) {
            mutate("qemu.stop " + vm, () -> session.client().post(vm.path() + "/status/stop", Map.of()));
        }
        mutate("qemu.destroy " + vm, () -> session.client().delete(vm.path(),
                Map.of("purge", "1", "destroy-unreferenced-disks", "1")));
    }

    /** Whether a failure says the VM is gone. */
    static boolean isGone(RuntimeException e) {
        if (e instanceof AltoException a) {
            return a.code() == ErrorCode.NOT_FOUND;
        }
        return e instanceof PveException p && p.getMessage() != null
                && p.getMessage().toLowerCase(Locale.ROOT).contains("does not exist");
    }

    /** A config flag such as {@code agent: 1} or {@code agent: enabled=1,fstrim_cloned_disks=1}. */
    static boolean agentEnabled(JsonNode config) {
        String agent = config.path("agent").asText("0").strip();
        return agent.equals("1") || agent.startsWith("1,") || agent.contains("enabled=1");
    }

    /** The MAC of net0 ({@code virtio=BC:24:11:..,bridge=vmbr0}), or null. */
    static String net0Mac(JsonNode config) {
        String net0 = config.path("net0").asText("");
        for (String part : net0.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(eq + 1).matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                return part.substring(eq + 1);
            }
        }
        return null;
    }

    /** The boot disk's config key ({@code scsi0}, {@code virtio0}, ...): from {@code boot: order=...}, else the first. */
    static String bootDisk(JsonNode config) {
        String boot = config.path("boot").asText("");
        if (boot.startsWith("order=")) {
            for (String dev : boot.substring("order=".length()).split(";")) {
                if (config.has(dev) && !config.path(dev).asText().contains("media=cdrom")) {
                    return dev;
                }
            }
        }
        String legacy = config.path("bootdisk").asText("");
        if (!legacy.isEmpty()) {
            return legacy;
        }
        for (String bus : List.of("scsi", "virtio", "sata", "ide")) {
            for (int i = 0; i < 31; i++) {
                String key = bus + i;
                if (config.has(key) && !config.path(key).asText().contains("media=cdrom")
                        && !config.path(key).asText().contains("cloudinit")) {
                    return key;
                }
            }
        }
        return null;
    }
}
