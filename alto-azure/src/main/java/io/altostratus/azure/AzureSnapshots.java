package io.altostratus.azure;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@link Snapshots} as managed snapshots of the session's resource group, each a full copy of one managed disk
 * ({@code createOption: Copy} of the disk's ARM id). A snapshot id is its name ({@code alto-snap-<8 hex>}); its
 * volume is the source disk's name. Azure snapshots have no description, so it is kept in the tag
 * {@code alto-description}, which reads back as the description and not as a tag. State from provisioningState:
 * Creating is {@code pending}, Succeeded {@code completed}, Failed {@code error}; progress is
 * {@code completionPercent} where ARM gives it, else 0 or 100 by state. A disk is restored from a snapshot by
 * {@link AzureVolumes#createVolume} with its id (Copy of the snapshot).
 */
final class AzureSnapshots implements Snapshots {
    static final String DESCRIPTION_TAG = "alto-description";

    private final AzureContext context;

    AzureSnapshots(AzureContext context) {
        this.context = context;
    }

    static String armId(AzureContext context, String snapshotId) {
        return "/subscriptions/" + context.subscription() + "/resourceGroups/" + context.group()
                + "/providers/Microsoft.Compute/snapshots/" + snapshotId;
    }

    static void check(String snapshotId) {
        if (!ArmNames.isResourceName(snapshotId)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + snapshotId
                    + "' is not an azure snapshot id (a snapshot's name)");
        }
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        if (!ArmNames.isResourceName(volumeId)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + volumeId
                    + "' is not an azure volume id (a managed disk's name)");
        }
        Map<String, String> all = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        if (all.containsKey(DESCRIPTION_TAG)) {
            throw AltoException.invalid("InvalidTag", "tag " + DESCRIPTION_TAG + " is kept by alto itself");
        }
        if (description != null && !description.isEmpty()) {
            all.put(DESCRIPTION_TAG, description);
        }
        AzureTags.check(all, 0);
        DiskInner disk;
        try {
            disk = context.calls().call("disks.get", () -> context.clients().compute().getDisks()
                    .getByResourceGroup(context.group(), volumeId));
        } catch (AltoException e) {
            throw e.code() == ErrorCode.NOT_FOUND ? AzureVolumes.notFound(volumeId) : e;
        }
        String name = "alto-snap-" + UUID.randomUUID().toString().substring(0, 8);
        SnapshotInner body = new SnapshotInner().withLocation(disk.location() == null ? context.location()
                        : disk.location())
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY)
                        .withSourceResourceId(disk.id()))
                .withTags(all);
        SnapshotInner made = context.calls().await("snapshots.createOrUpdate", () -> context.clients().compute()
                .getSnapshots().beginCreateOrUpdate(context.group(), name, body));
        return convert(made != null ? made : context.calls().call("snapshots.get", () -> context.clients()
                .compute().getSnapshots().getByResourceGroup(context.group(), name)));
    }

    @Override
    public List<Snapshot> snapshots() {
        List<SnapshotInner> all;
        try {
            all = context.calls().call("snapshots.listByResourceGroup", () -> context.clients().compute()
                    .getSnapshots().listByResourceGroup(context.group()).stream().toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        return all.stream().filter(s -> s.location() == null || s.location().equalsIgnoreCase(context.location()))
                .map(this::convert).toList();
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        check(snapshotId);
        try {
            context.calls().call("snapshots.get", () -> context.clients().compute().getSnapshots()
                    .getByResourceGroup(context.group(), snapshotId));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new AltoException(ErrorCode.NOT_FOUND, "ResourceNotFound", "snapshot " + snapshotId
                        + " not found");
            }
            throw e;
        }
        context.calls().await("snapshots.delete",
                () -> context.clients().compute().getSnapshots().beginDelete(context.group(), snapshotId));
    }

    private Snapshot convert(SnapshotInner s) {
        Map<String, String> tags = new LinkedHashMap<>(s.tags() == null ? Map.of() : s.tags());
        String description = tags.remove(DESCRIPTION_TAG);
        String provisioning = s.provisioningState() == null ? "Succeeded" : s.provisioningState();
        String state = switch (provisioning.toLowerCase(Locale.ROOT)) {
            case "creating", "updating" -> "pending";
            case "failed" -> "error";
            default -> "completed";
        };
        int progress = s.completionPercent() != null ? Math.round(s.completionPercent())
                : state.equals("completed") ? 100 : 0;
        String volumeId = s.creationData() == null ? null : ArmNames.last(s.creationData().sourceResourceId());
        return new Snapshot(s.name(), volumeId, s.diskSizeGB() == null ? 0 : s.diskSizeGB(), state, progress,
                description, context.subscription(), s.timeCreated() == null ? null : s.timeCreated().toInstant(),
                tags);
    }
}
