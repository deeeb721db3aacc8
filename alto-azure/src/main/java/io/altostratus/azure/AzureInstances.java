package io.altostratus.azure;

import io.altostratus.core.spi.Fan;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading and changing VMs of the session's resource group.
 *
 * <p><b>Reads.</b> A list is three calls whatever the number of VMs: the group's VMs with
 * {@code $expand=instanceView} (power state included; the SDK follows {@code nextLink}), the group's network
 * interfaces and its public IPs, joined in memory (NIC {@code virtualMachine.id} to the VM, the NIC's public IP id to
 * the address); the last two are skipped when there is no VM. One instance is one GET with
 * {@code $expand=instanceView} plus the same two lists.
 *
 * <p><b>Changes.</b> Every id and state is checked (one list) before anything changes. stop is deallocate (disks kept,
 * no compute billing), a forced stop is power-off without shutdown (Azure keeps billing compute for a VM that is only
 * stopped), start is start, reboot is restart, terminate deletes the VM and then its NIC, public IP and OS disk by
 * name: they are created with {@code deleteOption: Delete}, and the explicit deletes (404s when ARM already took
 * them) make sure an endpoint that ignores the option leaks nothing. Each change waits for its operation.
 */
final class AzureInstances {
    /** Tags of ours that do not read back as user tags. */
    static final String TOKEN_TAG = "alto-client-token";
    static final String KEY_TAG = "alto-key-name";
    static final String IMAGE_TAG = "alto-image";
    /**
     * The instance's name beside the {@code Name} tag: an endpoint that names VMs after their instances may not echo
     * {@code Name} (ours does not), while a VM name must be unique and so cannot carry a name shared by a batch.
     */
    static final String NAME_TAG = "alto-name";
    private static final Pattern ARM_SIZE = Pattern.compile("Standard_[A-Z]+[0-9]+[a-oq-z]*p[a-z]*_v[0-9]+",
            Pattern.CASE_INSENSITIVE);

    private final AzureContext context;

    AzureInstances(AzureContext context) {
        this.context = context;
    }

    private String scope() {
        return context.subscription() + "/" + context.group();
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    Instance instance(String id) {
        ArmNames.vm(id);
        VirtualMachineInner vm;
        try {
            vm = context.calls().call("virtualMachines.get", () -> context.clients().compute().getVirtualMachines()
                    .getByResourceGroupWithResponse(context.group(), id, InstanceViewTypes.INSTANCE_VIEW,
                            Context.NONE).getValue());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return context.tombstones().find(scope(), id, context.clock().instant())
                        .orElseThrow(() -> notFound(id));
            }
            throw e;
        }
        return join(List.of(vm)).get(0);
    }

    List<Instance> instances(InstanceQuery query) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : query.ids()) {
            wanted.add(ArmNames.vm(id));
        }
        List<Instance> live = listAll();
        Map<String, Instance> byId = new LinkedHashMap<>();
        live.forEach(i -> byId.put(i.id(), i));
        for (Instance dead : context.tombstones().all(scope(), context.location(), context.clock().instant())) {
            byId.putIfAbsent(dead.id(), dead);
        }
        for (String id : wanted) {
            if (!byId.containsKey(id)) {
                throw notFound(id);
            }
        }
        return byId.values().stream().filter(query::matches).sorted(Comparator.comparing(Instance::id)).toList();
    }

    Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    /** The live VMs of the group in this location, converted: three calls (see the class comment). */
    List<Instance> listAll() {
        List<VirtualMachineInner> vms;
        try {
            vms = context.calls().call("virtualMachines.listByResourceGroup", () -> context.clients().compute()
                    .getVirtualMachines().listByResourceGroup(context.group(), null, ExpandTypeForListVMs.INSTANCE_VIEW,
                            Context.NONE).stream().toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<VirtualMachineInner> here = vms.stream()
                .filter(vm -> vm.location() == null || vm.location().equalsIgnoreCase(context.location())).toList();
        return here.isEmpty() ? List.of() : join(here);
    }

    VirtualMachineInner raw(String id) {
        return context.calls().call("virtualMachines.get",
                () -> context.clients().compute().getVirtualMachines().getByResourceGroup(context.group(), id));
    }

    private List<Instance> join(List<VirtualMachineInner> vms) {
        List<NetworkInterfaceInner> nics = listOrEmpty("networkInterfaces.listByResourceGroup",
                () -> context.clients().network().getNetworkInterfaces().listByResourceGroup(context.group())
                        .stream().toList());
        List<PublicIpAddressInner> ips = listOrEmpty("publicIPAddresses.listByResourceGroup",
                () -> context.clients().network().getPublicIpAddresses().listByResourceGroup(context.group())
                        .stream().toList());
        Map<String, NetworkInterfaceInner> nicById = new HashMap<>();
        nics.forEach(n -> nicById.put(ArmNames.key(n.id()), n));
        Map<String, PublicIpAddressInner> ipById = new HashMap<>();
        ips.forEach(ip -> ipById.put(ArmNames.key(ip.id()), ip));
        List<Instance> out = new ArrayList<>();
        for (VirtualMachineInner vm : vms) {
            out.add(convert(vm, nicById, ipById));
        }
        return out;
    }

    private <T> List<T> listOrEmpty(String operation, java.util.function.Supplier<List<T>> call) {
        try {
            return context.calls().call(operation, call);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    Instance convert(VirtualMachineInner vm, Map<String, NetworkInterfaceInner> nicById,
                     Map<String, PublicIpAddressInner> ipById) {
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> ours = new HashMap<>();
        if (vm.tags() != null) {
            vm.tags().forEach((k, v) -> {
                if (isOurs(k)) {
                    ours.put(k, v);
                } else {
                    tags.put(k, v);
                }
            });
        }
        // The Name tag; else the name kept beside it; else the VM's own name, which is what the portal shows. The
        // Name tag always reads back, as the SPI's instances always carry their name in it.
        String name = tags.getOrDefault(Tags.NAME, ours.getOrDefault(NAME_TAG, vm.name()));
        tags.put(Tags.NAME, name);
        String size = vm.hardwareProfile() == null || vm.hardwareProfile().vmSize() == null ? null
                : vm.hardwareProfile().vmSize().toString();
        String zone = vm.zones() == null || vm.zones().isEmpty() ? null
                : ArmNames.zoneName(context.location(), vm.zones().get(0));
        Instance.Builder b = Instance.builder()
                .id(vm.name())
                .name(name)
                .provider("azure")
                .region(vm.location() == null ? context.location() : vm.location())
                .zone(zone)
                .state(AzureStates.of(vm))
                .rawState(AzureStates.raw(vm))
                .instanceType(size)
                .architecture(architectureOf(size))
                .imageId(ours.getOrDefault(IMAGE_TAG, imageId(vm)))
                .keyName(ours.get(KEY_TAG))
                .clientToken(ours.get(TOKEN_TAG))
                .spot(vm.priority() == VirtualMachinePriorityTypes.SPOT)
                .tags(tags)
                .launchTime(vm.timeCreated() == null ? null : vm.timeCreated().toInstant());
        if (vm.provisioningState() != null && vm.provisioningState().equalsIgnoreCase("Failed")) {
            b.stateReason("provisioning failed");
        }
        List<String> nicNames = new ArrayList<>();
        if (vm.networkProfile() != null && vm.networkProfile().networkInterfaces() != null) {
            for (NetworkInterfaceReference ref : vm.networkProfile().networkInterfaces()) {
                nicNames.add(ArmNames.last(ref.id()));
                NetworkInterfaceInner nic = nicById.get(ArmNames.key(ref.id()));
                boolean primary = ref.primary() == null || ref.primary()
                        || vm.networkProfile().networkInterfaces().size() == 1;
                if (nic != null && primary && nic.ipConfigurations() != null && !nic.ipConfigurations().isEmpty()) {
                    NetworkInterfaceIpConfigurationInner ipc = nic.ipConfigurations().get(0);
                    b.privateIp(ipc.privateIpAddress());
                    if (ipc.subnet() != null && ipc.subnet().id() != null) {
                        String subnet = ipc.subnet().id();
                        b.subnetId(subnet);
                        int at = subnet.toLowerCase().indexOf("/subnets/");
                        b.vpcId(at < 0 ? null : subnet.substring(0, at));
                    }
                    if (ipc.publicIpAddress() != null && ipc.publicIpAddress().id() != null) {
                        PublicIpAddressInner ip = ipById.get(ArmNames.key(ipc.publicIpAddress().id()));
                        if (ip != null) {
                            b.publicIp(ip.ipAddress());
                            if (ip.dnsSettings() != null) {
                                b.publicDnsName(ip.dnsSettings().fqdn());
                            }
                        }
                    }
                }
            }
        }
        b.networkInterfaceIds(nicNames);
        b.blockDevices(blockDevices(vm));
        return b.build();
    }

    /**
     * The OS disk at {@code /dev/sda} and the data disks at their LUN's path (see {@link AzureVolumes}), each by
     * disk name, which is its volume id; deleted with the VM when its deleteOption says so.
     */
    private static List<BlockDevice> blockDevices(VirtualMachineInner vm) {
        if (vm.storageProfile() == null) {
            return List.of();
        }
        List<BlockDevice> out = new ArrayList<>();
        OSDisk os = vm.storageProfile().osDisk();
        if (os != null) {
            String name = os.managedDisk() != null && os.managedDisk().id() != null
                    ? ArmNames.last(os.managedDisk().id()) : os.name();
            if (name != null) {
                out.add(new BlockDevice("/dev/sda", name, DiskDeleteOptionTypes.DELETE.equals(os.deleteOption())));
            }
        }
        if (vm.storageProfile().dataDisks() != null) {
            for (DataDisk d : vm.storageProfile().dataDisks()) {
                String name = d.managedDisk() != null && d.managedDisk().id() != null
                        ? ArmNames.last(d.managedDisk().id()) : d.name();
                if (name != null) {
                    out.add(new BlockDevice(AzureVolumes.LUN_PATH + d.lun(), name,
                            DiskDeleteOptionTypes.DELETE.equals(d.deleteOption())));
                }
            }
        }
        return out;
    }

    private String imageId(VirtualMachineInner vm) {
        if (vm.storageProfile() == null || vm.storageProfile().imageReference() == null) {
            return null;
        }
        ImageReference ref = vm.storageProfile().imageReference();
        if (ref.id() != null) {
            return ArmNames.isManagedImageId(ref.id())
                    ? ArmNames.managedImage(ref.id()).id() : ref.id();
        }
        if (ref.publisher() == null) {
            return null;
        }
        return ref.publisher() + ":" + ref.offer() + ":" + ref.sku() + ":"
                + (ref.version() == null ? "latest" : ref.version());
    }

    private Architecture architectureOf(String size) {
        if (size == null) {
            return null;
        }
        try {
            Optional<InstanceType> known = context.catalog().instanceType(context.location(), size);
            if (known.isPresent() && !known.get().architectures().isEmpty()) {
                return known.get().architectures().get(0);
            }
        } catch (AltoException e) {
            // A location the catalog does not know: read the name.
        }
        return ARM_SIZE.matcher(size).matches() ? Architecture.ARM64 : Architecture.X86_64;
    }

    // ---- changes ----------------------------------------------------------------------------------------------

    /** The instances behind ids, every id checked (malformed, then missing) before anything changes. */
    private List<Instance> current(Collection<String> ids) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        unique.forEach(ArmNames::vm);
        if (unique.isEmpty()) {
            return List.of();
        }
        Map<String, Instance> byId = new HashMap<>();
        instances(InstanceQuery.ids(unique)).forEach(i -> byId.put(i.id(), i));
        return unique.stream().map(byId::get).toList();
    }

    List<StateChange> start(Collection<String> ids) {
        List<Instance> now = current(ids);
        for (Instance i : now) {
            if (i.state() == InstanceState.TERMINATED || i.state() == InstanceState.TERMINATING
                    || i.state() == InstanceState.ERROR) {
                throw invalidState(i, "start");
            }
        }
        return context.inParallel(now, i -> {
            if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) {
                return new StateChange(i.id(), i.state(), i.state());
            }
            context.calls().await("virtualMachines.start",
                    () -> context.clients().compute().getVirtualMachines().beginStart(context.group(), i.id()));
            return new StateChange(i.id(), i.state(), InstanceState.RUNNING);
        });
    }

    List<StateChange> stop(Collection<String> ids, boolean force) {
        List<Instance> now = current(ids);
        for (Instance i : now) {
            if (i.state() == InstanceState.TERMINATED || i.state() == InstanceState.TERMINATING) {
                throw invalidState(i, "stop");
            }
        }
        return context.inParallel(now, i -> {
            // A VM powered off by a forced stop is STOPPED but still allocated (and billed); a plain stop of it
            // deallocates it, which is what a stop means here. A deallocated VM is left alone.
            boolean deallocated = i.rawState() != null && i.rawState().endsWith("/deallocated");
            if (i.state() == InstanceState.STOPPED && (force || deallocated)) {
                return new StateChange(i.id(), i.state(), i.state());
            }
            if (force) {
                context.calls().await("virtualMachines.powerOff", () -> context.clients().compute()
                        .getVirtualMachines().beginPowerOff(context.group(), i.id(), true, Context.NONE));
            } else {
                context.calls().await("virtualMachines.deallocate", () -> context.clients().compute()
                        .getVirtualMachines().beginDeallocate(context.group(), i.id()));
            }
            return new StateChange(i.id(), i.state(), InstanceState.STOPPED);
        });
    }

    void reboot(Collection<String> ids) {
        List<Instance> now = current(ids);
        for (Instance i : now) {
            if (i.state() != InstanceState.RUNNING) {
                throw invalidState(i, "reboot");
            }
        }
        context.inParallel(now, i -> {
            context.calls().await("virtualMachines.restart",
                    () -> context.clients().compute().getVirtualMachines().beginRestart(context.group(), i.id()));
            return null;
        });
    }

    List<StateChange> terminate(Collection<String> ids) {
        List<Instance> now = current(ids);
        return context.inParallel(now, i -> {
            if (i.state() == InstanceState.TERMINATED) {
                return new StateChange(i.id(), i.state(), i.state());
            }
            delete(i.id());
            context.tombstones().bury(scope(), i, context.clock().instant());
            return new StateChange(i.id(), i.state(), InstanceState.TERMINATED);
        });
    }

    /** Deletes a VM and then, explicitly, its NIC, public IP and OS disk (see the class comment). */
    void delete(String id) {
        try {
            context.calls().await("virtualMachines.delete",
                    () -> context.clients().compute().getVirtualMachines().beginDelete(context.group(), id));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        deleteOwnResources(id);
    }

    /** The NIC, public IP and OS disk named after a VM, each deleted if it is there (NIC first: it holds the IP). */
    void deleteOwnResources(String vm) {
        String group = context.group();
        ignoreMissing(() -> context.calls().await("networkInterfaces.delete", () -> context.clients().network()
                .getNetworkInterfaces().beginDelete(group, ArmNames.nicName(vm))));
        ignoreMissing(() -> context.calls().await("publicIPAddresses.delete", () -> context.clients().network()
                .getPublicIpAddresses().beginDelete(group, ArmNames.ipName(vm))));
        ignoreMissing(() -> context.calls().await("disks.delete", () -> context.clients().compute().getDisks()
                .beginDelete(group, ArmNames.osDiskName(vm))));
    }

    /**
     * Deletes what a failed launch made. The launch's own failure is what the caller needs to hear, so a delete that
     * fails is not thrown: its VM is returned instead, so the caller can say it still exists.
     *
     * @return the VMs that could not be deleted
     */
    List<String> deleteQuietly(List<String> vms) {
        List<Fan.Outcome<Object>> outcomes = context.eachInParallel(vms, vm -> {
            delete(vm);
            return null;
        });
        List<String> left = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            if (outcomes.get(i).failure() != null) {
                left.add(vms.get(i));
            }
        }
        return left;
    }

    /**
     * Runs a cleanup delete, taking "not there" as done: a 404, or an endpoint that has no such resource type at all
     * ({@code InvalidResourceType}: an ARM emulator without managed disks holds none to leak).
     */
    private static void ignoreMissing(Runnable call) {
        try {
            call.run();
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND && !"InvalidResourceType".equals(e.providerCode())) {
                throw e;
            }
        }
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    void tag(String id, Map<String, String> tags) {
        ArmNames.vm(id);
        VirtualMachineInner vm = rawOrNotFound(id);
        Map<String, String> merged = new LinkedHashMap<>(vm.tags() == null ? Map.of() : vm.tags());
        AzureTags.check(tags, (int) merged.keySet().stream().filter(k -> !tags.containsKey(k)).count());
        for (String key : tags.keySet()) {
            if (isOurs(key)) {
                throw AltoException.invalid("InvalidTag", "tag " + key + " is kept by alto itself");
            }
        }
        merged.putAll(tags);
        if (tags.containsKey(Tags.NAME)) {
            merged.put(NAME_TAG, tags.get(Tags.NAME));
        }
        patchTags(id, merged);
    }

    void untag(String id, Collection<String> keys) {
        ArmNames.vm(id);
        VirtualMachineInner vm = rawOrNotFound(id);
        Map<String, String> merged = new LinkedHashMap<>(vm.tags() == null ? Map.of() : vm.tags());
        boolean changed = false;
        for (String key : keys) {
            if (!isOurs(key)) {
                changed |= merged.remove(key) != null;
            }
            if (key.equals(Tags.NAME)) {
                changed |= merged.remove(NAME_TAG) != null;
            }
        }
        if (changed) {
            patchTags(id, merged);
        }
    }

    private VirtualMachineInner rawOrNotFound(String id) {
        try {
            return raw(id);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw notFound(id);
            }
            throw e;
        }
    }

    /** ARM's PATCH replaces the whole tag set, so the merged set is sent. */
    private void patchTags(String id, Map<String, String> tags) {
        context.calls().await("virtualMachines.update", () -> context.clients().compute().getVirtualMachines()
                .beginUpdate(context.group(), id, new VirtualMachineUpdateInner().withTags(tags)));
    }

    static boolean isOurs(String key) {
        return key.equals(TOKEN_TAG) || key.equals(KEY_TAG) || key.equals(IMAGE_TAG) || key.equals(NAME_TAG);
    }

    static AltoException notFound(String id) {
        return new AltoException(ErrorCode.NOT_FOUND, "ResourceNotFound", "instance " + id + " not found");
    }

    private static AltoException invalidState(Instance i, String what) {
        return new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "cannot " + what + " instance "
                + i.id() + " while it is " + i.stateName());
    }
}
