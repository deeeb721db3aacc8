package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.compute.models.ImageDiskReference;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Microsoft.Compute/disks over the backend's volumes ({@link Volumes}) and Microsoft.Compute/snapshots over its
 * snapshots ({@link Snapshots}). The ARM resource is kept by the front with the backend id; state comes from the
 * backend at each GET: a volume being made is provisioningState Creating (the SDK's poller then reads the resource
 * until Succeeded), an attached one is diskState Attached with {@code managedBy} naming the VM. The backend picks the
 * volume type: the requested SKU is kept and echoed, not passed on.
 */
public final class Disks {
    public static final String DISKS = "disks";
    public static final String SNAPSHOTS = "snapshots";

    private final Kept kept;
    private final Sessions sessions;
    private final Operations operations;

    public Disks(Kept kept, Sessions sessions, Operations operations) {
        this.kept = kept;
        this.sessions = sessions;
        this.operations = operations;
        operations.watch("createDisk", this::ready);
    }

    /** Whether the disk or snapshot an operation names ({@code [type, group, name]}) is ready, or gone. */
    private boolean ready(String subscription, Kept.Operation op) {
        List<String> target = op.instanceIds();
        return kept.resource(subscription, target.get(0), target.get(1), target.get(2))
                .map(r -> render(subscription, r.group(), r).at("/properties/provisioningState").asText()
                        .equals("Succeeded")).orElse(true);
    }

    public Reply put(ArmRequest req, String type, String group, String name) {
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        Optional<Kept.Resource> existing = kept.resource(req.subscription(), type, group, name);
        if (existing.isPresent()) {
            ObjectNode body = Json.readTree(existing.get().body());
            ObjectNode update = Json.readTree(req.body());
            if (update.has("tags")) {
                body.set("tags", update.get("tags"));
            }
            Kept.Resource r = existing.get();
            Kept.Resource updated = new Kept.Resource(type, r.group(), r.name(), r.location(), body.toString(),
                    r.guid(), r.backend());
            kept.putResource(req.subscription(), updated);
            return Reply.ok(render(req.subscription(), group, updated));
        }
        return type.equals(DISKS) ? createDisk(req, g, name) : createSnapshot(req, g, name);
    }

    private Reply createDisk(ArmRequest req, Kept.Group g, String name) {
        DiskInner model = Json.parse(req.body(), DiskInner::fromJson);
        String region = sessions.region(req.subscription(), model.location());
        Cloud cloud = sessions.cloud(req.subscription(), region);
        Volumes volumes = cloud.extension(Volumes.class).orElseThrow(() -> unsupported("disks"));
        String zone = model.zones() != null && !model.zones().isEmpty()
                ? sessions.backendZone(req.subscription(), region, model.zones().get(0))
                : sessions.zones(req.subscription(), region).stream().findFirst().map(z -> z.name())
                .orElseThrow(() -> unsupported("disks in a location without zones"));
        String snapshotId = null;
        DiskCreateOption option = model.creationData() == null ? null : model.creationData().createOption();
        if (DiskCreateOption.COPY.equals(option)) {
            Ids.Parsed source = Ids.require(model.creationData().sourceResourceId(), SNAPSHOTS,
                    "properties.creationData.sourceResourceId");
            snapshotId = kept.resource(source.subscription(), SNAPSHOTS, source.group(), source.name())
                    .map(r -> r.backend().get("snapshot")).orElseThrow(() -> ArmException.resourceNotFound(
                            Ids.COMPUTE + "/" + SNAPSHOTS, source.name(), source.group()));
        } else if (option != null && !DiskCreateOption.EMPTY.equals(option)) {
            throw ArmException.invalid("This endpoint makes disks Empty or as a Copy of a snapshot, not '"
                    + option + "'.");
        }
        int size = model.diskSizeGB() == null ? 0 : model.diskSizeGB();
        if (size < 1 && snapshotId == null) {
            throw ArmException.invalid("Required parameter 'diskSizeGB' is missing (null).");
        }
        Volume volume;
        try {
            volume = volumes.createVolume(new VolumeSpec(zone, size, null, 0, true, snapshotId,
                    model.tags() == null ? Map.of() : model.tags()));
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        } catch (IllegalArgumentException e) {
            throw ArmException.invalid(e.getMessage());
        }
        Kept.Resource r = new Kept.Resource(DISKS, g.name(), name, model.location(), Json.text(model),
                UUID.randomUUID().toString(), Map.of("volume", volume.id(), "region", region));
        kept.putResource(req.subscription(), r);
        return created(req, r, g);
    }

    /**
     * Disks and snapshots answer 200 when the backend has them ready, else 202 with an operation that is done when
     * the resource is (the SDK's poller then reads the resource).
     */
    private Reply created(ArmRequest req, Kept.Resource r, Kept.Group g) {
        ObjectNode body = render(req.subscription(), g.name(), r);
        if (body.at("/properties/provisioningState").asText().equals("Succeeded")) {
            return Reply.ok(body);
        }
        Kept.Operation op = operations.start(req.subscription(), Ids.COMPUTE, r.backend().get("region"),
                "createDisk", List.of(r.type(), r.group(), r.name()));
        return operations.accepted(Reply.of(202, body), req, op, true);
    }

    private Reply createSnapshot(ArmRequest req, Kept.Group g, String name) {
        SnapshotInner model = Json.parse(req.body(), SnapshotInner::fromJson);
        String region = sessions.region(req.subscription(), model.location());
        if (model.creationData() == null || model.creationData().sourceResourceId() == null) {
            throw ArmException.invalid("Required parameter 'creationData.sourceResourceId' is missing (null): "
                    + "this endpoint snapshots managed disks.");
        }
        Ids.Parsed source = Ids.require(model.creationData().sourceResourceId(), DISKS,
                "properties.creationData.sourceResourceId");
        Kept.Resource disk = kept.resource(source.subscription(), DISKS, source.group(), source.name())
                .orElseThrow(() -> ArmException.resourceNotFound(Ids.COMPUTE + "/" + DISKS, source.name(),
                        source.group()));
        Cloud cloud = sessions.cloud(req.subscription(), disk.backend().get("region"));
        Snapshots snapshots = cloud.extension(Snapshots.class).orElseThrow(() -> unsupported("snapshots"));
        Snapshot snapshot;
        try {
            snapshot = snapshots.createSnapshot(disk.backend().get("volume"), "snapshot " + name,
                    model.tags() == null ? Map.of() : model.tags());
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        Kept.Resource r = new Kept.Resource(SNAPSHOTS, g.name(), name, model.location(), Json.text(model),
                UUID.randomUUID().toString(), Map.of("snapshot", snapshot.id(), "region",
                disk.backend().get("region")));
        kept.putResource(req.subscription(), r);
        return created(req, r, g);
    }

    private static ArmException unsupported(String what) {
        return new ArmException(400, "OperationNotAllowed", "This endpoint's backend has no " + what + ".");
    }

    public Reply get(ArmRequest req, String type, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        Kept.Resource r = kept.resource(req.subscription(), type, group, name)
                .filter(x -> !forgetIfGone(req.subscription(), x)).orElseThrow(() ->
                        ArmException.resourceNotFound(Ids.COMPUTE + "/" + type, name, group));
        return Reply.ok(render(req.subscription(), group, r));
    }

    public Reply list(ArmRequest req, String type, String group) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (Kept.Resource r : kept.resources(req.subscription())) {
            if (r.type().equals(type) && (group == null || Ids.same(group, r.group()))
                    && !forgetIfGone(req.subscription(), r)) {
                value.add(render(req.subscription(), group == null ? r.group() : group, r));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String type, String group, String name) {
        Optional<Kept.Resource> found = kept.resource(req.subscription(), type, group, name);
        if (found.isEmpty()) {
            return Reply.empty(204);
        }
        Kept.Resource r = found.get();
        Cloud cloud = sessions.cloud(req.subscription(), r.backend().get("region"));
        try {
            if (type.equals(DISKS)) {
                cloud.require(Volumes.class).deleteVolume(r.backend().get("volume"));
            } else {
                cloud.require(Snapshots.class).deleteSnapshot(r.backend().get("snapshot"));
            }
        } catch (AltoException e) {
            if (e.code() == ErrorCode.INVALID_STATE || e.code() == ErrorCode.DEPENDENCY_VIOLATION) {
                throw new ArmException(409, "OperationNotAllowed", "Disk " + name + " is attached to a VM and "
                        + "cannot be deleted: " + e.getMessage());
            }
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw ArmException.from(e, false);
            }
        }
        kept.deleteResource(req.subscription(), type, group, name);
        return Reply.empty(200);
    }

    /** Backend key naming the VM whose OS disk a disk resource is. */
    static final String OS_DISK_OF = "osDiskOf";

    /**
     * Makes the OS disk of a VM just created a disk resource over the backend instance's root volume, as Azure
     * makes one from the image, and points the VM's {@code osDisk.managedDisk.id} at it, so callers can read and
     * snapshot it. Nothing is made when the backend has no volumes or the instance shows no root volume.
     */
    void keepOsDisk(String subscription, String group, String region, VirtualMachineInner model, String vmName,
                    Instance instance) {
        OSDisk os = model.storageProfile().osDisk();
        if (instance.blockDevices().isEmpty() || os == null || os.name() == null
                || sessions.cloud(subscription, region).extension(Volumes.class).isEmpty()
                || kept.resource(subscription, DISKS, group, os.name()).isPresent()) {
            return;
        }
        DiskInner disk = new DiskInner().withLocation(region).withZones(model.zones())
                .withOsType(os.osType() == null ? OperatingSystemTypes.LINUX : os.osType())
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.FROM_IMAGE)
                        .withImageReference(imageOf(subscription, region, model)));
        if (os.managedDisk() != null && os.managedDisk().storageAccountType() != null) {
            disk.withSku(new DiskSku().withName(DiskStorageAccountTypes.fromString(
                    os.managedDisk().storageAccountType().toString())));
        }
        kept.putResource(subscription, new Kept.Resource(DISKS, group, os.name(), region, Json.text(disk),
                UUID.randomUUID().toString(), Map.of("volume", instance.blockDevices().get(0).volumeId(),
                "region", region, OS_DISK_OF, vmName)));
        (os.managedDisk() == null ? os.withManagedDisk(new ManagedDiskParameters()).managedDisk() : os.managedDisk())
                .withId(Ids.resource(subscription, group, Ids.COMPUTE, DISKS, os.name()));
    }

    /**
     * The image an OS disk was made from, as Azure names it: a managed image by its id, a marketplace image by its
     * platform image version path.
     */
    private static ImageDiskReference imageOf(String subscription, String region, VirtualMachineInner model) {
        ImageReference ref = model.storageProfile().imageReference();
        if (ref == null) {
            return null;
        }
        if (ref.id() != null) {
            return new ImageDiskReference().withId(ref.id());
        }
        String version = ref.exactVersion() != null ? ref.exactVersion() : ref.version();
        return new ImageDiskReference().withId("/Subscriptions/" + subscription + "/Providers/Microsoft.Compute"
                + "/Locations/" + region + "/Publishers/" + ref.publisher() + "/ArtifactTypes/VMImage/Offers/"
                + ref.offer() + "/Skus/" + ref.sku() + "/Versions/" + version);
    }

    /** Whether a disk resource is a VM's OS disk. */
    static boolean isOsDisk(Kept.Resource r) {
        return r.backend().containsKey(OS_DISK_OF);
    }

    /**
     * An OS disk whose root volume the backend has deleted (with its instance: backends delete root volumes with
     * the instance, whatever the VM's deleteOption said) is forgotten; the answer is whether it was.
     */
    private boolean forgetIfGone(String subscription, Kept.Resource r) {
        if (!isOsDisk(r) || !r.type().equals(DISKS)) {
            return false;
        }
        Cloud cloud = sessions.cloud(subscription, r.backend().get("region"));
        try {
            if (cloud.require(Volumes.class).volumes(List.of(r.backend().get("volume"))).isEmpty()) {
                kept.deleteResource(subscription, DISKS, r.group(), r.name());
                return true;
            }
        } catch (AltoException e) {
            return false;
        }
        return false;
    }

    /** The backend volume id of a disk resource id (a VM's data disk), or a 404. */
    public String volumeOf(String subscription, String diskId) {
        Ids.Parsed p = Ids.require(diskId, DISKS, "properties.storageProfile.dataDisks[].managedDisk.id");
        return kept.resource(subscription, DISKS, p.group(), p.name()).map(r -> r.backend().get("volume"))
                .orElseThrow(() -> ArmException.resourceNotFound(Ids.COMPUTE + "/" + DISKS, p.name(), p.group()));
    }

    ObjectNode render(String subscription, String group, Kept.Resource r) {
        String id = Ids.resource(subscription, group, Ids.COMPUTE, r.type(), r.name());
        ObjectNode out = Json.identify(Json.readTree(r.body()), id, r.name(), Ids.COMPUTE + "/" + r.type());
        ObjectNode props = Json.properties(out);
        props.put("uniqueId", r.guid());
        Cloud cloud = sessions.cloud(subscription, r.backend().get("region"));
        try {
            if (r.type().equals(DISKS)) {
                List<Volume> found = cloud.require(Volumes.class).volumes(List.of(r.backend().get("volume")));
                if (found.isEmpty()) {
                    props.put("provisioningState", "Failed");
                    return out;
                }
                Volume v = found.get(0);
                props.put("provisioningState", v.state().equals("creating") ? "Creating" : "Succeeded");
                props.put("diskSizeGB", v.sizeGiB());
                props.put("diskSizeBytes", (long) v.sizeGiB() << 30);
                if (v.createTime() != null) {
                    props.put("timeCreated", v.createTime().toString());
                }
                boolean attached = v.attachment() != null && v.attachment().instanceId() != null;
                props.put("diskState", attached ? "Attached" : "Unattached");
                if (attached) {
                    for (Kept.Vm vm : kept.vms(subscription)) {
                        if (vm.instanceId().equals(v.attachment().instanceId())) {
                            out.put("managedBy", Ids.resource(subscription, vm.group(), Ids.COMPUTE,
                                    VirtualMachines.TYPE, vm.name()));
                        }
                    }
                }
            } else {
                String snapshotId = r.backend().get("snapshot");
                Snapshot s = cloud.require(Snapshots.class).snapshots().stream()
                        .filter(x -> x.id().equals(snapshotId)).findFirst().orElse(null);
                props.put("provisioningState", s == null ? "Failed"
                        : s.state().equals("pending") ? "Creating" : "Succeeded");
                if (s != null) {
                    props.put("diskSizeGB", s.sizeGiB());
                    if (s.startTime() != null) {
                        props.put("timeCreated", s.startTime().toString());
                    }
                }
            }
        } catch (AltoException e) {
            props.put("provisioningState", "Failed");
        }
        return out;
    }
}
