package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;

class SnapshotActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String volume(int size) {
        return gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(size)).volumeId();
    }

    private CreateSnapshotResponse snapshot(String volumeId, String description, String... tagKeyValues) {
        return gw.client().createSnapshot(r -> r.volumeId(volumeId).description(description)
                .tagSpecifications(tags(ResourceType.SNAPSHOT, tagKeyValues)));
    }

    private List<String> idsMatching(Filter... filters) {
        return gw.client().describeSnapshots(r -> r.ownerIds("self").filters(filters)).snapshots().stream()
                .map(Snapshot::snapshotId).toList();
    }

    @Test
    void createSnapshotAnswersTheSnapshotAtTopLevelAndCompletes() {
        String vol = volume(12);
        CreateSnapshotResponse created = snapshot(vol, "nightly", "Name", "backup");

        assertThat(created.snapshotId()).matches("snap-[0-9a-f]{17}");
        assertThat(created.volumeId()).isEqualTo(vol);
        assertThat(created.volumeSize()).isEqualTo(12);
        assertThat(created.ownerId()).isEqualTo(gw.account());
        assertThat(created.description()).isEqualTo("nightly");
        assertThat(created.startTime()).isNotNull();
        assertThat(created.progress()).matches("\\d{1,3}%");
        assertThat(created.state()).isIn(SnapshotState.PENDING, SnapshotState.COMPLETED);
        assertThat(created.encrypted()).isFalse();
        assertThat(created.tags()).extracting(Tag::key).containsExactly("Name");

        Snapshot described = gw.client().describeSnapshots(r -> r.snapshotIds(created.snapshotId())).snapshots().get(0);
        // Transitions take no time in the harness, so the snapshot has completed by now.
        assertThat(described.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(described.progress()).isEqualTo("100%");
        assertThat(described.startTime()).isEqualTo(created.startTime());
        assertThat(described.volumeSize()).isEqualTo(12);
        assertThat(described.storageTierAsString()).isEqualTo("standard");
    }

    @Test
    void snapshotsOfEncryptedVolumesAreEncryptedAndRestoreToVolumes() {
        String vol = gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(3).encrypted(true)).volumeId();
        String snap = snapshot(vol, "secret").snapshotId();
        String plain = snapshot(volume(2), "plain").snapshotId();

        assertThat(idsMatching(filter("encrypted", "true"))).containsExactly(snap);
        assertThat(idsMatching(filter("encrypted", "false"))).containsExactly(plain);

        var restored = gw.client().createVolume(r -> r.availabilityZone("us-east-1b").snapshotId(snap));
        assertThat(restored.snapshotId()).isEqualTo(snap);
        assertThat(restored.size()).isEqualTo(3);
        assertThat(gw.client().describeVolumes(r -> r.filters(filter("snapshot-id", snap))).volumes())
                .singleElement().satisfies(v -> assertThat(v.volumeId()).isEqualTo(restored.volumeId()));
    }

    @Test
    void createSnapshotRefusesUnknownVolumesAndForeignTagTypes() {
        assertThat(code(() -> gw.client().createSnapshot(r -> r.volumeId("vol-0123456789abcdef0"))))
                .isEqualTo("InvalidVolume.NotFound");
        assertThat(code(() -> gw.client().createSnapshot(r -> r.volumeId("volume"))))
                .isEqualTo("InvalidVolumeID.Malformed");
        String vol = volume(1);
        assertThat(code(() -> gw.client().createSnapshot(r -> r.volumeId(vol)
                .tagSpecifications(tags(ResourceType.VOLUME, "a", "b"))))).isEqualTo("InvalidParameterValue");
        assertThat(gw.client().describeSnapshots().snapshots()).isEmpty();
    }

    @Test
    void describeByIdsOwnersAndRestorableUsers() {
        String snap = snapshot(volume(1), "one").snapshotId();

        assertThat(code(() -> gw.client().describeSnapshots(r -> r.snapshotIds("snap-zz"))))
                .isEqualTo("InvalidSnapshotID.Malformed");
        Ec2Exception unknown = ec2Error(() -> gw.client().describeSnapshots(r -> r.snapshotIds(snap,
                "snap-0123456789abcdef0")));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("snap-0123456789abcdef0");
        assertThat(code(() -> gw.client().describeSnapshots(r -> r.snapshotIds(snap).maxResults(5))))
                .isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> gw.client().describeSnapshots(r -> r.maxResults(1001))))
                .isEqualTo("InvalidParameterValue");

        assertThat(gw.client().describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
        assertThat(gw.client().describeSnapshots(r -> r.ownerIds(gw.account())).snapshots()).hasSize(1);
        assertThat(gw.client().describeSnapshots(r -> r.ownerIds("amazon")).snapshots()).isEmpty();
        assertThat(gw.client().describeSnapshots(r -> r.restorableByUserIds("self")).snapshots()).hasSize(1);
        assertThat(gw.client().describeSnapshots(r -> r.restorableByUserIds("all")).snapshots()).isEmpty();
    }

    @Test
    void filtersCombineAsEc2Says() {
        String small = volume(1);
        String big = volume(50);
        String a = snapshot(small, "daily backup", "env", "prod").snapshotId();
        String b = snapshot(big, "weekly backup", "env", "dev").snapshotId();
        String c = snapshot(big, "manual").snapshotId();

        assertThat(idsMatching(filter("volume-id", big))).containsExactlyInAnyOrder(b, c);
        assertThat(idsMatching(filter("description", "*backup"))).containsExactlyInAnyOrder(a, b);
        assertThat(idsMatching(filter("description", "*backup"), filter("volume-size", "50"))).containsExactly(b);
        assertThat(idsMatching(filter("tag:env", "prod", "dev"))).containsExactlyInAnyOrder(a, b);
        assertThat(idsMatching(filter("tag-key", "env"), filter("tag-value", "d?v"))).containsExactly(b);
        assertThat(idsMatching(filter("status", "completed"), filter("progress", "100%")))
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(idsMatching(filter("owner-id", gw.account()), filter("snapshot-id", c))).containsExactly(c);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(idsMatching(filter("start-time", today + "*"))).hasSize(3);
        assertThat(idsMatching(filter("status", "error"))).isEmpty();
    }

    @Test
    void pagesWalkEverySnapshotOnce() {
        String vol = volume(1);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(snapshot(vol, "n" + i).snapshotId());
        }
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        gw.client().describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(5)).forEach(page -> {
            sizes.add(page.snapshots().size());
            page.snapshots().forEach(s -> seen.add(s.snapshotId()));
        });

        assertThat(sizes).containsExactly(5, 2);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
    }

    @Test
    void deleteSnapshotUnlessAnImageUsesIt() {
        String snap = snapshot(volume(1), "doomed").snapshotId();
        assertThat(code(() -> gw.client().deleteSnapshot(r -> r.snapshotId(snap).dryRun(true))))
                .isEqualTo("DryRunOperation");
        gw.client().deleteSnapshot(r -> r.snapshotId(snap));
        assertThat(code(() -> gw.client().describeSnapshots(r -> r.snapshotIds(snap))))
                .isEqualTo("InvalidSnapshot.NotFound");
        assertThat(code(() -> gw.client().deleteSnapshot(r -> r.snapshotId(snap))))
                .isEqualTo("InvalidSnapshot.NotFound");

        Instance instance = gw.launch("us-east-1a");
        Image image = gw.cloud().createImage(instance.id(), "golden", "golden image", Map.of());
        assertThat(image.snapshotIds()).isNotEmpty();
        String used = image.snapshotIds().get(0);
        Ec2Exception inUse = ec2Error(() -> gw.client().deleteSnapshot(r -> r.snapshotId(used)));
        assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.InUse");
        assertThat(inUse.awsErrorDetails().errorMessage()).contains(image.id());
    }

    @Test
    void dryRunAndIsolation() {
        String vol = volume(1);
        Ec2Exception dry = ec2Error(() -> gw.client().createSnapshot(r -> r.volumeId(vol).dryRun(true)));
        assertThat(dry.statusCode()).isEqualTo(412);
        assertThat(dry.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(gw.client().describeSnapshots().snapshots()).isEmpty();

        String snap = snapshot(vol, "mine").snapshotId();
        assertThat(gw.otherAccount().describeSnapshots().snapshots()).isEmpty();
        assertThat(gw.otherAccount().describeSnapshots(r -> r.ownerIds(gw.account())).snapshots()).isEmpty();
        assertThat(code(() -> gw.otherAccount().describeSnapshots(r -> r.snapshotIds(snap))))
                .isEqualTo("InvalidSnapshot.NotFound");
        assertThat(code(() -> gw.otherAccount().deleteSnapshot(r -> r.snapshotId(snap))))
                .isEqualTo("InvalidSnapshot.NotFound");
        assertThat(code(() -> gw.otherAccount().createSnapshot(r -> r.volumeId(vol))))
                .isEqualTo("InvalidVolume.NotFound");
    }
}
