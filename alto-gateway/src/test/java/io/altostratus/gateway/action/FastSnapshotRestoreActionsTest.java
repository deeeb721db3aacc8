package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresResponse;

/** Fast snapshot restores through the SDK: per snapshot and zone, successful and unsuccessful lists, filters. */
class FastSnapshotRestoreActionsTest {
    private static final String MISSING = "snap-0123456789abcdef0";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void enableDescribeAndDisablePerZone() {
        String volume = ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        String snapshot = ec2().createSnapshot(r -> r.volumeId(volume)).snapshotId();

        EnableFastSnapshotRestoresResponse enabled = ec2().enableFastSnapshotRestores(r -> r
                .sourceSnapshotIds(snapshot, MISSING).availabilityZones("us-east-1a", "us-east-1b"));
        assertThat(enabled.successful()).hasSize(2).allSatisfy(s -> {
            assertThat(s.snapshotId()).isEqualTo(snapshot);
            assertThat(s.stateAsString()).isEqualTo("enabling");
            assertThat(s.ownerId()).isEqualTo(gw.account());
            assertThat(s.enablingTime()).isNotNull();
        });
        assertThat(enabled.unsuccessful()).singleElement().satisfies(u -> {
            assertThat(u.snapshotId()).isEqualTo(MISSING);
            assertThat(u.fastSnapshotRestoreStateErrors()).hasSize(2)
                    .allSatisfy(e -> assertThat(e.error().code()).isEqualTo("InvalidSnapshot.NotFound"));
        });

        // Transitions take no time in the harness: enabling has passed through optimizing to enabled.
        assertThat(ec2().describeFastSnapshotRestores(r -> { }).fastSnapshotRestores()).hasSize(2).allSatisfy(d -> {
            assertThat(d.stateAsString()).isEqualTo("enabled");
            assertThat(d.optimizingTime()).isNotNull();
            assertThat(d.enabledTime()).isNotNull();
        });
        assertThat(ec2().describeFastSnapshotRestores(r -> r.filters(filter("availability-zone", "us-east-1b")))
                .fastSnapshotRestores()).extracting(DescribeFastSnapshotRestoreSuccessItem::availabilityZone)
                .containsExactly("us-east-1b");
        assertThat(ec2().describeFastSnapshotRestores(r -> r.filters(filter("snapshot-id", MISSING)))
                .fastSnapshotRestores()).isEmpty();
        var page = ec2().describeFastSnapshotRestores(r -> r.maxResults(1));
        assertThat(page.fastSnapshotRestores()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();
        // Enabling again answers the current state.
        assertThat(ec2().enableFastSnapshotRestores(r -> r.sourceSnapshotIds(snapshot)
                .availabilityZones("us-east-1a")).successful()).singleElement()
                .satisfies(s -> assertThat(s.stateAsString()).isEqualTo("enabled"));

        DisableFastSnapshotRestoresResponse disabled = ec2().disableFastSnapshotRestores(r -> r
                .sourceSnapshotIds(snapshot).availabilityZones("us-east-1a", "us-east-1c"));
        assertThat(disabled.successful()).singleElement().satisfies(s -> {
            assertThat(s.availabilityZone()).isEqualTo("us-east-1a");
            assertThat(s.stateAsString()).isEqualTo("disabling");
        });
        assertThat(disabled.unsuccessful()).singleElement().satisfies(u -> assertThat(
                u.fastSnapshotRestoreStateErrors()).singleElement().satisfies(e -> {
                    assertThat(e.availabilityZone()).isEqualTo("us-east-1c");
                    assertThat(e.error().code()).isEqualTo("IncorrectState");
                }));
        assertThat(ec2().describeFastSnapshotRestores(r -> r.filters(filter("state", "disabled")))
                .fastSnapshotRestores()).singleElement()
                .satisfies(d -> assertThat(d.availabilityZone()).isEqualTo("us-east-1a"));
        assertThat(gw.otherAccount().describeFastSnapshotRestores(r -> { }).fastSnapshotRestores()).isEmpty();
    }

    @Test
    void refusesWhatEc2Refuses() {
        ec2Error(() -> ec2().enableFastSnapshotRestores(r -> r.sourceSnapshotIds(MISSING)), "MissingParameter");
        ec2Error(() -> ec2().enableFastSnapshotRestores(r -> r.availabilityZones("us-east-1a")), "MissingParameter");
        ec2Error(() -> ec2().enableFastSnapshotRestores(r -> r.sourceSnapshotIds("snap-zz")
                .availabilityZones("us-east-1a")), "InvalidSnapshotID.Malformed");
        ec2Error(() -> ec2().enableFastSnapshotRestores(r -> r.sourceSnapshotIds(MISSING)
                .availabilityZones("mars-1a")), "InvalidParameterValue");
        ec2Error(() -> ec2().describeFastSnapshotRestores(r -> r.filters(filter("volume-id", "x"))),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().enableFastSnapshotRestores(r -> r.sourceSnapshotIds(MISSING)
                .availabilityZones("us-east-1a").dryRun(true)));
        assertDryRun(() -> ec2().describeFastSnapshotRestores(r -> r.dryRun(true)));
    }
}
