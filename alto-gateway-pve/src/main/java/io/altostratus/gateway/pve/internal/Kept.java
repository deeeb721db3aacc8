package io.altostratus.gateway.pve.internal;

import io.altostratus.store.StateStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the front keeps that the backend has no place for: VMs (VMID, node, config, lock) and tasks. */
public final class Kept {
    public static final String VM_KIND = "pve-vm";
    public static final String TASK_KIND = "pve-task";
    public static final String SNAPSHOT_KIND = "pve-snapshot";
    public static final String VOLUME_KIND = "pve-volume";

    /** A VM snapshot: a backend image of its instance, named as PVE names it. */
    public record Snap(int vmid, String name, String description, long snaptime, String imageId, String parent) {
        String key() {
            return vmid + "/" + name;
        }
    }

    /** Storage content the front made (download-url): {@code volid} on a node, standing for a backend image. */
    public record Volume(String node, String storage, String volid, String content, String imageId, long size,
                         long ctime) {
    }

    /**
     * A VM or template. {@code instanceId} is the backend instance (null for a template or before the clone task
     * made it); {@code imageId} the backend image a template stands for; {@code config} PVE's config keys as PVE
     * strings; {@code runningSince} epoch millis of the last start the front saw (the guest agent's boot clock).
     */
    public record Vm(int vmid, String node, boolean template, String instanceId, String imageId,
                     Map<String, String> config, String lock, Long runningSince) {
        public Vm {
            config = config == null ? Map.of() : Map.copyOf(config);
        }

        public String name() {
            return config.getOrDefault("name", "VM " + vmid);
        }

        public Vm withLock(String newLock) {
            return new Vm(vmid, node, template, instanceId, imageId, config, newLock, runningSince);
        }

        public Vm withConfig(Map<String, String> newConfig) {
            return new Vm(vmid, node, template, instanceId, imageId, newConfig, lock, runningSince);
        }

        public Vm withInstance(String newInstanceId) {
            return new Vm(vmid, node, template, newInstanceId, imageId, config, lock, runningSince);
        }

        public Vm withRunningSince(Long since) {
            return new Vm(vmid, node, template, instanceId, imageId, config, lock, since);
        }

        public Vm asTemplate(String newImageId) {
            return new Vm(vmid, node, true, null, newImageId, config, lock, null);
        }

        public Map<String, String> mutableConfig() {
            return new LinkedHashMap<>(config);
        }
    }

    /** A task as {@code tasks/{upid}/status} and {@code /log} show it. */
    public record Task(String upid, String node, String type, String id, String user, long pid, long pstart,
                       long starttime, String status, String exitstatus, List<String> log) {
        public Task {
            log = log == null ? List.of() : List.copyOf(log);
        }

        public Task finished(String exit, List<String> lines) {
            return new Task(upid, node, type, id, user, pid, pstart, starttime, "stopped", exit, lines);
        }
    }

    private final StateStore store;

    public Kept(StateStore store) {
        this.store = store;
    }

    public Optional<Vm> vm(String account, int vmid) {
        return store.read(v -> v.get(VM_KIND, account, Integer.toString(vmid), Vm.class));
    }

    public List<Vm> vms(String account) {
        return store.read(v -> v.list(VM_KIND, account, Vm.class)).stream()
                .sorted(Comparator.comparingInt(Vm::vmid)).toList();
    }

    public void put(String account, Vm vm) {
        store.write(tx -> {
            tx.put(VM_KIND, account, Integer.toString(vm.vmid()), vm);
            return null;
        });
    }

    /**
     * Changes a VM in one transaction (tasks finishing and config calls may race); nothing when it is gone.
     */
    public void update(String account, int vmid, java.util.function.UnaryOperator<Vm> change) {
        store.write(tx -> {
            tx.get(VM_KIND, account, Integer.toString(vmid), Vm.class)
                    .ifPresent(vm -> tx.put(VM_KIND, account, Integer.toString(vmid), change.apply(vm)));
            return null;
        });
    }

    /** Sets a lock on an unlocked VM, atomically; PVE's 500 when it is locked already or gone. */
    public Vm lock(String account, Vm vm, String lock) {
        return store.write(tx -> {
            Vm current = tx.get(VM_KIND, account, Integer.toString(vm.vmid()), Vm.class)
                    .orElseThrow(() -> PveException.noConfig(vm.node(), vm.vmid()));
            if (current.lock() != null) {
                throw PveException.server("VM is locked (" + current.lock() + ")");
            }
            Vm locked = current.withLock(lock);
            tx.put(VM_KIND, account, Integer.toString(vm.vmid()), locked);
            return locked;
        });
    }

    /** Puts {@code vm} unless its VMID is taken; false if it was. */
    public boolean putNew(String account, Vm vm) {
        return store.write(tx -> {
            if (tx.get(VM_KIND, account, Integer.toString(vm.vmid()), Vm.class).isPresent()) {
                return false;
            }
            tx.put(VM_KIND, account, Integer.toString(vm.vmid()), vm);
            return true;
        });
    }

    public void deleteVm(String account, int vmid) {
        store.write(tx -> {
            tx.delete(VM_KIND, account, Integer.toString(vmid));
            return null;
        });
    }

    public List<Snap> snapshots(String account, int vmid) {
        return store.read(v -> v.list(SNAPSHOT_KIND, account, Snap.class)).stream()
                .filter(s -> s.vmid() == vmid).sorted(Comparator.comparingLong(Snap::snaptime)).toList();
    }

    public void put(String account, Snap snap) {
        store.write(tx -> {
            tx.put(SNAPSHOT_KIND, account, snap.key(), snap);
            return null;
        });
    }

    public void delete(String account, Snap snap) {
        store.write(tx -> {
            tx.delete(SNAPSHOT_KIND, account, snap.key());
            return null;
        });
    }

    public List<Volume> volumes(String account) {
        return store.read(v -> v.list(VOLUME_KIND, account, Volume.class));
    }

    public void put(String account, Volume volume) {
        store.write(tx -> {
            tx.put(VOLUME_KIND, account, volume.node() + "/" + volume.volid(), volume);
            return null;
        });
    }

    public void delete(String account, Volume volume) {
        store.write(tx -> {
            tx.delete(VOLUME_KIND, account, volume.node() + "/" + volume.volid());
            return null;
        });
    }

    public Optional<Task> task(String account, String upid) {
        return store.read(v -> v.get(TASK_KIND, account, upid, Task.class));
    }

    public void put(String account, Task task) {
        store.write(tx -> {
            tx.put(TASK_KIND, account, task.upid(), task);
            return null;
        });
    }
}
