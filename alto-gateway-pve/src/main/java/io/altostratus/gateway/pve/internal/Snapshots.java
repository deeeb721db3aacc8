package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * VM snapshots over the backend's images: a snapshot is an image of the VM's instance (the one whole-machine
 * point in time every backend offers through the core SPI); deleting it deletes the image. No RAM state.
 */
public final class Snapshots {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]{1,39}");
    private static final Duration WAIT = Duration.ofMinutes(10);

    private final Kept kept;
    private final Vms vms;
    private final Backend backend;
    private final Tasks tasks;
    private final Clock clock;

    public Snapshots(Kept kept, Vms vms, Backend backend, Tasks tasks, Clock clock) {
        this.kept = kept;
        this.vms = vms;
        this.backend = backend;
        this.tasks = tasks;
        this.clock = clock;
    }

    public ArrayNode list(String account, String node, String vmid) {
        Kept.Vm vm = vms.vm(account, node, vmid);
        ArrayNode out = Json.MAPPER.createArrayNode();
        String last = null;
        for (Kept.Snap s : kept.snapshots(account, vm.vmid())) {
            ObjectNode n = out.addObject();
            n.put("name", s.name());
            n.put("description", s.description());
            n.put("snaptime", s.snaptime());
            n.put("vmstate", 0);
            if (s.parent() != null) {
                n.put("parent", s.parent());
            }
            last = s.name();
        }
        ObjectNode current = out.addObject();
        current.put("name", "current");
        current.put("description", "You are here!");
        if (last != null) {
            current.put("parent", last);
        }
        return out;
    }

    public String create(String account, String user, String node, String vmidText, Map<String, String> p) {
        Kept.Vm vm = vms.vm(account, node, vmidText);
        String name = p.get("snapname");
        if (name == null) {
            throw PveException.missing("snapname");
        }
        if (!NAME.matcher(name).matches() || name.equals("current")) {
            throw PveException.param("snapname", "invalid format - invalid configuration ID '" + name + "'");
        }
        if (vm.lock() != null) {
            throw PveException.server("VM is locked (" + vm.lock() + ")");
        }
        if (vm.template() || vm.instanceId() == null) {
            throw PveException.server("snapshot feature is not available");
        }
        List<Kept.Snap> existing = kept.snapshots(account, vm.vmid());
        if (existing.stream().anyMatch(s -> s.name().equals(name))) {
            throw PveException.server("snapshot name '" + name + "' already used");
        }
        String parent = existing.isEmpty() ? null : existing.get(existing.size() - 1).name();
        kept.lock(account, vm, "snapshot");
        return tasks.start(account, node, "qmsnapshot", Integer.toString(vm.vmid()), user, new Tasks.Work() {
            @Override
            public List<String> run() {
                Cloud cloud = backend.cloud(account);
                Image image = cloud.createImage(vm.instanceId(), "pve-" + vm.vmid() + "-" + name,
                        p.getOrDefault("description", ""), Map.of("pve-vmid", Integer.toString(vm.vmid()),
                                "pve-snapshot", name));
                cloud.waitForImage(image.id(), WAIT);
                kept.put(account, new Kept.Snap(vm.vmid(), name, p.getOrDefault("description", ""),
                        clock.millis() / 1000, image.id(), parent));
                unlock(account, vm.vmid());
                return List.of("snapshotting 'drive-scsi0' (" + vm.config().getOrDefault("scsi0", "") + ")");
            }

            @Override
            public void failed() {
                unlock(account, vm.vmid());
            }
        });
    }

    public String delete(String account, String user, String node, String vmidText, String name) {
        Kept.Vm vm = vms.vm(account, node, vmidText);
        Kept.Snap snap = kept.snapshots(account, vm.vmid()).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> PveException.server("snapshot '" + name + "' does not exist"));
        if (vm.lock() != null) {
            throw PveException.server("VM is locked (" + vm.lock() + ")");
        }
        kept.lock(account, vm, "snapshot-delete");
        return tasks.start(account, node, "qmdelsnapshot", Integer.toString(vm.vmid()), user, new Tasks.Work() {
            @Override
            public List<String> run() {
                backend.cloud(account).deleteImage(snap.imageId(), true);
                kept.delete(account, snap);
                unlock(account, vm.vmid());
                return List.of();
            }

            @Override
            public void failed() {
                unlock(account, vm.vmid());
            }
        });
    }

    /**
     * {@code POST .../snapshot/{name}/rollback}: the VM's disks become the snapshot's. The backend has no disks to
     * roll back, so a new instance launched from the snapshot's image (same zone and type) replaces the VM's, and the
     * old one is terminated. The VM is stopped afterwards, as PVE leaves a VM rolled back to a snapshot without RAM;
     * {@code start=1} starts it.
     */
    public String rollback(String account, String user, String node, String vmidText, String name,
                           Map<String, String> p) {
        Kept.Vm vm = vms.vm(account, node, vmidText);
        Kept.Snap snap = kept.snapshots(account, vm.vmid()).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> PveException.server("snapshot '" + name + "' does not exist"));
        if (vm.lock() != null) {
            throw PveException.server("VM is locked (" + vm.lock() + ")");
        }
        boolean start = p.get("start") != null && Vms.bool("start", p.get("start"));
        kept.lock(account, vm, "rollback");
        return tasks.start(account, node, "qmrollback", Integer.toString(vm.vmid()), user, new Tasks.Work() {
            private String fresh;

            @Override
            public List<String> run() {
                Cloud cloud = backend.cloud(account);
                String type = cloud.instance(vm.instanceId()).instanceType();
                fresh = cloud.launch(b -> {
                    b.image(snap.imageId()).zone(vm.node()).name(vm.name()).tag("pve-vmid",
                            Integer.toString(vm.vmid()));
                    return type == null ? b : b.instanceType(type);
                }).get(0).id();
                cloud.waitFor(fresh, InstanceCondition.forState(InstanceState.RUNNING), WAIT);
                if (!start) {
                    cloud.stop(List.of(fresh), true);
                    cloud.waitFor(fresh, InstanceCondition.forState(InstanceState.STOPPED), WAIT);
                }
                kept.update(account, vm.vmid(), v -> v.withInstance(fresh).withLock(null)
                        .withRunningSince(start ? clock.millis() : null));
                cloud.terminate(List.of(vm.instanceId()));
                return List.of("rollback to snapshot '" + name + "'");
            }

            @Override
            public void failed() {
                unlock(account, vm.vmid());
                if (fresh != null) {
                    backend.cloud(account).terminate(List.of(fresh));
                }
            }
        });
    }

    private void unlock(String account, int vmid) {
        kept.update(account, vmid, v -> v.withLock(null));
    }
}
