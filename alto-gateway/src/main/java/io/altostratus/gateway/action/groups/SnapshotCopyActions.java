package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SnapshotCopies;
import io.altostratus.core.model.Snapshot;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CopySnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CopySnapshotResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** CopySnapshot, from this region or another of the same account. */
public final class SnapshotCopyActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CopySnapshotRequest.class, this::copy);
    }

    CopySnapshotResponse copy(ActionContext ctx, CopySnapshotRequest request) {
        if (request.sourceSnapshotId() == null) {
            throw missing("SourceSnapshotId");
        }
        if (request.sourceRegion() == null) {
            throw missing("SourceRegion");
        }
        Checks.checkId(request.sourceSnapshotId(), Ec2IdKind.SNAPSHOT);
        // The SDKs add DestinationRegion and a PresignedUrl for a copy across regions; the request's own signature
        // already proves the caller, so the URL is not needed, but the destination must be where the call went.
        if (request.destinationRegion() != null && !request.destinationRegion().equals(ctx.region())) {
            throw Checks.invalid("DestinationRegion " + request.destinationRegion() + " is not the region this "
                    + "request was sent to (" + ctx.region() + ")");
        }
        if (Boolean.TRUE.equals(request.encrypted()) || request.kmsKeyId() != null) {
            throw Checks.unsupportedParameter("Encrypted or KmsKeyId");
        }
        if (request.destinationOutpostArn() != null || request.destinationAvailabilityZone() != null
                || request.completionDurationMinutes() != null) {
            throw Checks.unsupportedParameter("DestinationOutpostArn, DestinationAvailabilityZone or "
                    + "CompletionDurationMinutes");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.SNAPSHOT);
        SnapshotCopies copies = Checks.extension(ctx.cloud(), SnapshotCopies.class);
        dryRun(request.dryRun());
        Snapshot copy = copies.copySnapshot(request.sourceRegion(), request.sourceSnapshotId(),
                request.description(), tags);
        return CopySnapshotResponse.builder().snapshotId(copy.id()).tags(SdkTags.toSdk(copy.tags())).build();
    }
}
