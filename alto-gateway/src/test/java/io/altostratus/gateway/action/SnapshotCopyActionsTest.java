package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** CopySnapshot through the SDK, within a region and across regions (the SDK presigns the latter itself). */
class SnapshotCopyActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    /**
     * The request from {@code sourceRegion}, with a presigned URL of our own: the SDK's own presigning finds the
     * source region's endpoint from the client's endpoint host, which an overridden 127.0.0.1 endpoint does not
     * name, so it fails before sending. The gateway does not need the URL (the request's signature proves the
     * caller).
     */
    private static software.amazon.awssdk.services.ec2.model.CopySnapshotRequest.Builder copy(
            software.amazon.awssdk.services.ec2.model.CopySnapshotRequest.Builder r, String sourceRegion) {
        return r.sourceRegion(sourceRegion).presignedUrl("https://ec2." + sourceRegion
                + ".amazonaws.com/?Action=CopySnapshot");
    }

    private String snapshot() {
        String volume = ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(12)).volumeId();
        return ec2().createSnapshot(r -> r.volumeId(volume).description("nightly")).snapshotId();
    }

    private static Snapshot describe(Ec2Client client, String id) {
        return client.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
    }

    @Test
    void copiesWithinTheRegion() {
        String source = snapshot();
        String copy = ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source)
                .tagSpecifications(tags(ResourceType.SNAPSHOT, "Name", "copy"))).snapshotId();
        assertThat(copy).matches("snap-[0-9a-f]{17}").isNotEqualTo(source);
        Snapshot read = describe(ec2(), copy);
        assertThat(read.volumeSize()).isEqualTo(12);
        assertThat(read.description()).contains(source).contains("us-east-1");
        assertThat(read.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("copy"));
        assertThat(read.stateAsString()).isEqualTo("completed");
        String described = ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source)
                .description("mine")).snapshotId();
        assertThat(describe(ec2(), described).description()).isEqualTo("mine");
    }

    @Test
    void copiesAcrossRegions() {
        String source = snapshot();
        try (Ec2Client west = gw.client("test", "test", "us-west-2")) {
            String copy = west.copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source)).snapshotId();
            assertThat(describe(west, copy).volumeSize()).isEqualTo(12);
            // The copy lives in the destination region only.
            ec2Error(() -> ec2().describeSnapshots(r -> r.snapshotIds(copy)), "InvalidSnapshot.NotFound");
            ec2Error(() -> west.copySnapshot(r -> copy(r, "us-west-2").sourceSnapshotId(source)),
                    "InvalidSnapshot.NotFound");
        }
    }

    @Test
    void errors() {
        String source = snapshot();
        ec2Error(() -> ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId("snap-0123456789abcdef0")),
                "InvalidSnapshot.NotFound");
        ec2Error(() -> ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId("vol-0123456789abcdef0")),
                "InvalidSnapshotID.Malformed");
        ec2Error(() -> ec2().copySnapshot(r -> copy(r, "mars-north-1").sourceSnapshotId(source)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().copySnapshot(r -> r.sourceSnapshotId(source)
                .presignedUrl("https://ec2.us-east-1.amazonaws.com/")), "MissingParameter");
        ec2Error(() -> ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source).encrypted(true)),
                "UnsupportedOperation");
        ec2Error(() -> gw.otherAccount().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source)),
                "InvalidSnapshot.NotFound");
        assertDryRun(() -> ec2().copySnapshot(r -> copy(r, "us-east-1").sourceSnapshotId(source).dryRun(true)));
        assertThat(ec2().describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
    }
}
