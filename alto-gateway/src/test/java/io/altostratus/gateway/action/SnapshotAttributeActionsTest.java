package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.OperationType;

/** Snapshot attributes through the SDK: create-volume permissions granted, withdrawn and reset; EC2's errors. */
class SnapshotAttributeActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String snapshotId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void snapshot() {
        String volume = ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(4)).volumeId();
        snapshotId = ec2().createSnapshot(r -> r.volumeId(volume)).snapshotId();
    }

    private java.util.List<CreateVolumePermission> permissions() {
        return ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission"))
                .createVolumePermissions();
    }

    @Test
    void createVolumePermissionsAreGrantedWithdrawnAndReset() {
        assertThat(permissions()).isEmpty();
        ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().userId("123456789012").build(),
                        CreateVolumePermission.builder().userId("210987654321").build())));
        assertThat(permissions()).extracting(CreateVolumePermission::userId)
                .containsExactly("123456789012", "210987654321");

        // The older form: OperationType with UserId.N and UserGroup.N.
        ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission")
                .operationType(OperationType.REMOVE).userIds("123456789012"));
        ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission")
                .operationType(OperationType.ADD).groupNames("all"));
        var now = ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission"));
        assertThat(now.snapshotId()).isEqualTo(snapshotId);
        assertThat(now.createVolumePermissions()).extracting(CreateVolumePermission::userId)
                .containsExactly("210987654321", null);
        assertThat(now.createVolumePermissions()).extracting(CreateVolumePermission::groupAsString)
                .containsExactly(null, "all");

        assertDryRun(() -> ec2().resetSnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission").dryRun(true)));
        assertThat(permissions()).hasSize(2);
        ec2().resetSnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission"));
        assertThat(permissions()).isEmpty();
        assertThat(ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("productCodes"))
                .productCodes()).isEmpty();
    }

    @Test
    void errorsAreEc2s() {
        ec2Error(() -> ec2().describeSnapshotAttribute(r -> r.snapshotId("snap-0123456789abcdef0")
                .attribute("createVolumePermission")), "InvalidSnapshot.NotFound");
        ec2Error(() -> ec2().describeSnapshotAttribute(r -> r.snapshotId("snapshot-1")
                .attribute("createVolumePermission")), "InvalidSnapshotID.Malformed");
        ec2Error(() -> ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("description")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId)), "MissingParameter");
        ec2Error(() -> ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission").operationType(OperationType.ADD).userIds("12345")),
                "InvalidUserID.Malformed");
        ec2Error(() -> ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission").operationType(OperationType.ADD).groupNames("admins")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission")), "MissingParameter");
        assertDryRun(() -> ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group("all").build()))
                .dryRun(true)));
        assertThat(permissions()).isEmpty();
        // Another account does not see this account's snapshot.
        ec2Error(() -> gw.otherAccount().describeSnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute("createVolumePermission")), "InvalidSnapshot.NotFound");
    }
}
