package io.altostratus.gateway.arm.internal;

import io.altostratus.store.StateStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the front keeps in the gateway's {@link StateStore}, per subscription (the store's account): resource groups,
 * the VM name to backend instance mapping, the resources only ARM has (NICs, public IPs, VNets, NSGs: the request
 * body in the model's normal form) and long-running operations. Names are matched case-insensitively, as ARM does,
 * and kept as first written.
 */
public final class Kept {
    public static final String GROUP_KIND = "arm-resource-group";
    public static final String VM_KIND = "arm-virtual-machine";
    public static final String RESOURCE_KIND = "arm-resource";
    public static final String OPERATION_KIND = "arm-operation";

    /** A resource group as created: its name's casing, location and tags. */
    public record Group(String name, String location, Map<String, String> tags, boolean deleting) {
        public Group {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /**
     * A virtual machine: its ARM identity and the backend instance behind it.
     *
     * @param body        the create request in the model's normal form, without secrets (customData, passwords)
     * @param stoppedBy   {@code deallocate} or {@code powerOff}: the action that last stopped it, so a stopped
     *                    instance shows as deallocated or stopped
     * @param deleting    set by DELETE until the backend reports the instance gone
     */
    public record Vm(String group, String name, String location, String region, String instanceId, String vmId,
                     String body, String stoppedBy, boolean deleting, String timeCreated) {
        public Vm withStoppedBy(String action) {
            return new Vm(group, name, location, region, instanceId, vmId, body, action, deleting, timeCreated);
        }

        public Vm withBody(String newBody) {
            return new Vm(group, name, location, region, instanceId, vmId, newBody, stoppedBy, deleting, timeCreated);
        }

        public Vm markedDeleting() {
            return new Vm(group, name, location, region, instanceId, vmId, body, stoppedBy, true, timeCreated);
        }
    }

    /**
     * A resource only ARM has (networkInterfaces, publicIPAddresses, virtualNetworks, networkSecurityGroups): the
     * body in the model's normal form and, for a virtual network, the backend network and subnets behind it.
     *
     * @param backend backend ids by role ({@code network}, {@code subnet/<name>}), empty when the backend has no
     *                networks
     */
    public record Resource(String type, String group, String name, String location, String body, String guid,
                           Map<String, String> backend) {
        public Resource {
            backend = backend == null ? Map.of() : Map.copyOf(backend);
        }
    }

    /**
     * A long-running operation.
     *
     * @param kind        create, start, deallocate, powerOff, restart, delete, deleteGroup, createDisk
     * @param instanceIds the backend instances whose state decides when it is done (for createDisk: the resource's
     *                    type, group and name)
     * @param status      InProgress until a poll sees the target state, then Succeeded or Failed (kept)
     * @param regions     the regions the instances are in (empty: the operation's location)
     * @param cleanup     backend resources to delete once it has succeeded ({@code kind|region|id}), for what
     *                    the backend refuses to delete while the instances are still going
     */
    public record Operation(String id, String namespace, String location, String kind, List<String> instanceIds,
                            String startTime, String endTime, String status, String errorCode, String errorMessage,
                            List<String> regions, List<String> cleanup) {
        public Operation {
            instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
            regions = regions == null || regions.isEmpty() ? List.of(location) : List.copyOf(regions);
            cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
        }

        public Operation finish(String newStatus, String end, String code, String message) {
            return new Operation(id, namespace, location, kind, instanceIds, startTime, end, newStatus, code,
                    message, regions, cleanup);
        }
    }

    private final StateStore store;

    public Kept(StateStore store) {
        this.store = store;
    }

    static String key(String... parts) {
        return String.join("/", parts).toLowerCase(Locale.ROOT);
    }

    public Optional<Group> group(String subscription, String name) {
        return store.read(v -> v.get(GROUP_KIND, subscription, key(name), Group.class));
    }

    public List<Group> groups(String subscription) {
        return store.read(v -> v.list(GROUP_KIND, subscription, Group.class));
    }

    public void putGroup(String subscription, Group group) {
        store.write(tx -> {
            tx.put(GROUP_KIND, subscription, key(group.name()), group);
            return null;
        });
    }

    public void deleteGroup(String subscription, String name) {
        store.write(tx -> {
            tx.delete(GROUP_KIND, subscription, key(name));
            return null;
        });
    }

    public Optional<Vm> vm(String subscription, String group, String name) {
        return store.read(v -> v.get(VM_KIND, subscription, key(group, name), Vm.class));
    }

    public List<Vm> vms(String subscription) {
        return store.read(v -> v.list(VM_KIND, subscription, Vm.class));
    }

    public void putVm(String subscription, Vm vm) {
        store.write(tx -> {
            tx.put(VM_KIND, subscription, key(vm.group(), vm.name()), vm);
            return null;
        });
    }

    public void deleteVm(String subscription, String group, String name) {
        store.write(tx -> {
            tx.delete(VM_KIND, subscription, key(group, name));
            return null;
        });
    }

    public Optional<Resource> resource(String subscription, String type, String group, String name) {
        return store.read(v -> v.get(RESOURCE_KIND, subscription, key(type, group, name), Resource.class));
    }

    public List<Resource> resources(String subscription) {
        return store.read(v -> v.list(RESOURCE_KIND, subscription, Resource.class));
    }

    public void putResource(String subscription, Resource resource) {
        store.write(tx -> {
            tx.put(RESOURCE_KIND, subscription, key(resource.type(), resource.group(), resource.name()), resource);
            return null;
        });
    }

    public void deleteResource(String subscription, String type, String group, String name) {
        store.write(tx -> {
            tx.delete(RESOURCE_KIND, subscription, key(type, group, name));
            return null;
        });
    }

    public Optional<Operation> operation(String subscription, String id) {
        return store.read(v -> v.get(OPERATION_KIND, subscription, key(id), Operation.class));
    }

    public void putOperation(String subscription, Operation operation) {
        store.write(tx -> {
            tx.put(OPERATION_KIND, subscription, key(operation.id()), operation);
            return null;
        });
    }
}
