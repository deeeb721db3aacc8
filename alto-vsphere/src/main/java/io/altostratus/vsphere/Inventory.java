package io.altostratus.vsphere;

import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.PropertySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's datacenter in one property-collector round: its VMs and templates ({@link VmView#PROPERTIES}),
 * hosts, compute resources (clusters, or a standalone host's) with the datastores each sees, datastores, networks
 * and folders. A listing of any
 * size is this one call (plus ContinueRetrievePropertiesEx pages past 1,000 objects), never a call per VM.
 */
record Inventory(List<VmView> vms, Map<MoRef, String> zoneOfHost, Map<String, MoRef> poolOfZone,
                 Map<String, MoRef> datastores, Map<String, MoRef> networks, Map<String, MoRef> folders,
                 Map<String, List<MoRef>> datastoresOfZone) {

    static final List<PropertySpec> SPECS = List.of(
            new PropertySpec("VirtualMachine", VmView.PROPERTIES),
            PropertySpec.of("HostSystem", "name", "parent"),
            PropertySpec.of("ComputeResource", "name", "resourcePool", "datastore"),
            PropertySpec.of("Datastore", "name"),
            PropertySpec.of("Network", "name"),
            PropertySpec.of("Folder", "name", "childType"));

    static Inventory read(VsphereSession session) {
        MoRef dc = session.datacenter().ref();
        List<ObjectContent> all = session.call("inventory", () -> session.vim().inventory(dc, SPECS));
        return of(all);
    }

    static Inventory of(List<ObjectContent> all) {
        List<VmView> vms = new ArrayList<>();
        Map<MoRef, MoRef> hostParent = new LinkedHashMap<>();
        Map<MoRef, String> computeName = new LinkedHashMap<>();
        Map<String, MoRef> pools = new LinkedHashMap<>();
        Map<String, MoRef> datastores = new LinkedHashMap<>();
        Map<String, MoRef> networks = new LinkedHashMap<>();
        Map<String, MoRef> folders = new LinkedHashMap<>();
        Map<String, List<MoRef>> zoneStores = new LinkedHashMap<>();
        for (ObjectContent o : all) {
            switch (o.obj().type()) {
                case "VirtualMachine" -> vms.add(VmView.of(o));
                case "HostSystem" -> hostParent.put(o.obj(), o.ref("parent"));
                case "ComputeResource", "ClusterComputeResource" -> {
                    String name = o.text("name", o.obj().value());
                    computeName.put(o.obj(), name);
                    if (o.ref("resourcePool") != null) {
                        pools.put(name, o.ref("resourcePool"));
                    }
                    List<MoRef> stores = new ArrayList<>();
                    if (o.prop("datastore") != null) {
                        o.prop("datastore").all("ManagedObjectReference").forEach(n -> stores.add(n.moRef()));
                    }
                    zoneStores.put(name, stores);
                }
                case "Datastore" -> datastores.put(o.text("name", o.obj().value()), o.obj());
                case "Network", "DistributedVirtualPortgroup", "OpaqueNetwork" ->
                        networks.put(o.text("name", o.obj().value()), o.obj());
                case "Folder" -> {
                    if (o.prop("childType") != null && o.prop("childType").children().stream()
                            .anyMatch(c -> c.text().equals("VirtualMachine"))) {
                        folders.put(o.text("name", o.obj().value()), o.obj());
                    }
                }
                default -> { }
            }
        }
        Map<MoRef, String> zoneOfHost = new LinkedHashMap<>();
        hostParent.forEach((host, parent) -> zoneOfHost.put(host, computeName.get(parent)));
        vms.sort(Comparator.comparing((VmView v) -> number(v.ref().value())).thenComparing(v -> v.ref().value()));
        return new Inventory(vms, zoneOfHost, pools, datastores, networks, folders, zoneStores);
    }

    /** The zone (cluster, or standalone host) a VM runs in, or null. */
    String zoneOf(VmView vm) {
        return vm.host() == null ? null : zoneOfHost.get(vm.host());
    }

    /** {@code vm-42} sorts as 42, so listings come in creation order. */
    static long number(String moRefValue) {
        int dash = moRefValue.lastIndexOf('-');
        try {
            return Long.parseLong(moRefValue.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
