package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.checkIds;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.noPagingWithIds;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** EBS snapshots: create, delete and describe. Every snapshot belongs to the calling account; none is shared. */
public final class SnapshotActions implements ActionGroup {
    static final String MALFORMED = Checks.malformedCode(Ec2IdKind.SNAPSHOT);
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.SNAPSHOT);

    private static final FilterSet<Snapshot> FILTERS = FilterSet.<Snapshot>builder()
            .field("snapshot-id", Snapshot::snapshotId)
            .field("volume-id", Snapshot::volumeId)
            .field("status", Snapshot::stateAsString)
            .field("owner-id", Snapshot::ownerId)
            .field("owner-alias", Snapshot::ownerAlias)
            .field("description", Snapshot::description)
            .field("volume-size", Snapshot::volumeSize)
            .field("start-time", s -> Ec2Time.text(s.startTime()))
            .field("progress", Snapshot::progress)
            .field("encrypted", Snapshot::encrypted)
            .field("storage-tier", Snapshot::storageTierAsString)
            .tags(s -> SdkTags.fromSdk(s.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateSnapshotRequest.class, this::createSnapshot)
                .on(DeleteSnapshotRequest.class, this::deleteSnapshot)
                .on(DescribeSnapshotsRequest.class, this::describeSnapshots);
    }

    CreateSnapshotResponse createSnapshot(ActionContext ctx, CreateSnapshotRequest request) {
        var volume = VolumeActions.find(ctx, request.volumeId());
        if (request.description() != null && request.description().length() > 255) {
            throw Checks.invalid("The description of a snapshot may be at most 255 characters long");
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.SNAPSHOT);
        dryRun(request.dryRun());
        var created = Checks.extension(ctx.cloud(), Snapshots.class)
                .createSnapshot(volume.id(), request.description(), tags);
        Snapshot s = toSdk(ctx, created, Map.of(volume.id(), volume.encrypted()));
        return CreateSnapshotResponse.builder()
                .snapshotId(s.snapshotId()).volumeId(s.volumeId()).state(s.state()).startTime(s.startTime())
                .progress(s.progress()).ownerId(s.ownerId()).description(s.description()).volumeSize(s.volumeSize())
                .encrypted(s.encrypted()).storageTier(s.storageTier()).tags(s.tags())
                .build();
    }

    DeleteSnapshotResponse deleteSnapshot(ActionContext ctx, DeleteSnapshotRequest request) {
        String id = checkId(request.snapshotId(), Ec2IdKind.SNAPSHOT);
        if (Checks.extension(ctx.cloud(), Snapshots.class).snapshots().stream().noneMatch(s -> s.id().equals(id))) {
            throw notFound(List.of(id));
        }
        dryRun(request.dryRun());
        // An image that uses the snapshot makes the backend refuse with InvalidSnapshot.InUse.
        Checks.extension(ctx.cloud(), Snapshots.class).deleteSnapshot(id);
        return DeleteSnapshotResponse.builder().build();
    }

    DescribeSnapshotsResponse describeSnapshots(ActionContext ctx, DescribeSnapshotsRequest request) {
        List<String> ids = request.hasSnapshotIds() ? request.snapshotIds() : List.of();
        checkIds(ids, Ec2IdKind.SNAPSHOT);
        noPagingWithIds(!ids.isEmpty(), request.maxResults(), "snapshotIds");
        Map<String, Boolean> encrypted = Checks.extension(ctx.cloud(), Volumes.class).volumes().stream()
                .collect(Collectors.toMap(io.altostratus.core.model.Volume::id,
                        io.altostratus.core.model.Volume::encrypted, (a, b) -> a));
        List<Snapshot> all = Checks.extension(ctx.cloud(), Snapshots.class).snapshots().stream()
                .sorted(Comparator.comparing(io.altostratus.core.model.Snapshot::id))
                .map(s -> toSdk(ctx, s, encrypted))
                .toList();
        all = IdSelection.byIds(all, Snapshot::snapshotId, ids, SnapshotActions::notFound);
        if (request.hasOwnerIds()) {
            all = all.stream().filter(s -> isSelf(ctx, request.ownerIds(), s)).toList();
        }
        if (request.hasRestorableByUserIds()) {
            // A snapshot is restorable by its owner; nothing here is shared with other accounts or made public.
            all = all.stream().filter(s -> isSelf(ctx, request.restorableByUserIds(), s)).toList();
        }
        List<Snapshot> matching = FILTERS.apply(all, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        dryRun(request.dryRun());
        return DescribeSnapshotsResponse.builder().snapshots(page.items()).nextToken(page.nextToken()).build();
    }

    /** Whether one of the given owner or user ids names the snapshot's owner ({@code self} or its account id). */
    private static boolean isSelf(ActionContext ctx, List<String> ids, Snapshot s) {
        return ids.contains("self") || ids.contains(ctx.account()) || ids.contains(s.ownerId());
    }

    static Ec2WireException notFound(List<String> ids) {
        String list = String.join(", ", ids);
        return Ec2WireException.of(NOT_FOUND, ids.size() == 1 ? "The snapshot '" + list + "' does not exist."
                : "The snapshots '" + list + "' do not exist.");
    }

    /**
     * The EC2 form of a snapshot. The core model does not carry encryption, so it is the source volume's while the
     * volume exists (a snapshot of an encrypted volume is encrypted), and false after.
     */
    static Snapshot toSdk(ActionContext ctx, io.altostratus.core.model.Snapshot s, Map<String, Boolean> encrypted) {
        return Snapshot.builder()
                .snapshotId(s.id())
                .volumeId(s.volumeId())
                .state(s.state())
                .startTime(s.startTime())
                .progress(s.progress() + "%")
                .ownerId(s.ownerId() == null ? ctx.account() : s.ownerId())
                .description(s.description() == null ? "" : s.description())
                .volumeSize(s.sizeGiB())
                .encrypted(encrypted.getOrDefault(s.volumeId(), false))
                .storageTier("standard")
                .tags(SdkTags.toSdk(s.tags()))
                .build();
    }
}
