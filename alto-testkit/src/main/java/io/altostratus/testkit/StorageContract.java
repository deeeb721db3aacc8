package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.VolumeSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Volumes ({@link Volumes}: create, attach, refuse to delete in use, detach, delete) and snapshots
 * ({@link Snapshots}), each where offered.
 */
public interface StorageContract extends ProviderContract {

    private static Optional<Volume> volume(ContractSession s, String id) {
        return s.cloud().require(Volumes.class).volumes().stream().filter(v -> v.id().equals(id)).findFirst();
    }

    private static Optional<Snapshot> snapshot(ContractSession s, String id) {
        return s.cloud().require(Snapshots.class).snapshots().stream().filter(v -> v.id().equals(id)).findFirst();
    }

    private static Volume awaitVolume(ContractSession s, String id, String state) {
        return s.await("volume " + id + " to be " + state, () -> volume(s, id).orElseThrow(
                () -> new AssertionError("volume " + id + " is not listed")), v -> state.equals(v.state()));
    }

    private static Volume createVolume(ContractSession s, String zone, int sizeGiB, String snapshotId) {
        Volume v = s.cloud().require(Volumes.class)
                .createVolume(new VolumeSpec(zone, sizeGiB, null, 0, false, snapshotId, s.runTags()));
        s.trackVolume(v.id());
        return v;
    }

    @Test
    default void volumeIsAttachedRefusedDeletionWhileInUseDetachedAndDeleted(ContractSession s) {
        Volumes volumes = s.offered(Volumes.class);
        Instance instance = s.launchRunning("disk");

        Volume created = createVolume(s, instance.zone(), 1, null);

        assertThat(created.zone()).isEqualTo(instance.zone());
        assertThat(created.sizeGiB()).isEqualTo(1);
        assertThat(created.tags()).containsEntry(ContractSession.RUN_TAG, s.runId());
        assertThat(created.state()).isIn("creating", "available");
        awaitVolume(s, created.id(), "available");

        volumes.attachVolume(created.id(), instance.id(), null);

        Volume inUse = awaitVolume(s, created.id(), "in-use");
        assertThat(inUse.attachment()).isNotNull();
        assertThat(inUse.attachment().instanceId()).isEqualTo(instance.id());
        assertThat(inUse.attachment().device()).isNotBlank();
        assertThat(s.cloud().instance(instance.id()).blockDevices()).extracting(BlockDevice::volumeId)
                .contains(created.id());

        s.expectError(EnumSet.of(ErrorCode.INVALID_STATE, ErrorCode.DEPENDENCY_VIOLATION), Set.of("VolumeInUse"),
                () -> volumes.deleteVolume(created.id()));
        assertThat(volume(s, created.id())).as("volume after a refused delete").isPresent();

        volumes.detachVolume(created.id(), false);

        Volume detached = awaitVolume(s, created.id(), "available");
        assertThat(detached.attachment()).isNull();
        assertThat(s.cloud().instance(instance.id()).blockDevices()).extracting(BlockDevice::volumeId)
                .doesNotContain(created.id());

        volumes.deleteVolume(created.id());

        assertThat(volume(s, created.id())).as("volume after delete")
                .satisfiesAnyOf(v -> assertThat(v).isEmpty(),
                        v -> assertThat(v.orElseThrow().state()).isIn("deleting", "deleted"));
    }

    @Test
    default void missingVolumeIsNotFound(ContractSession s) {
        Volumes volumes = s.offered(Volumes.class);
        String missing = s.missingId(ResourceKind.VOLUME);
        Instance instance = s.launchRunning("novol");

        s.expectError(ErrorCode.NOT_FOUND, "InvalidVolume.NotFound",
                () -> volumes.attachVolume(missing, instance.id(), null));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidVolume.NotFound", () -> volumes.deleteVolume(missing));
    }

    @Test
    default void snapshotCopiesAVolumeAndRestoresToANewOne(ContractSession s) {
        s.offered(Volumes.class);
        Snapshots snapshots = s.offered(Snapshots.class);
        String zone = s.cloud().zones().stream().map(Zone::name).findFirst().orElseThrow();
        Volume source = createVolume(s, zone, 2, null);
        awaitVolume(s, source.id(), "available");

        Snapshot snap = snapshots.createSnapshot(source.id(), "contract snapshot", s.runTags());
        s.trackSnapshot(snap.id());

        assertThat(snap.volumeId()).isEqualTo(source.id());
        assertThat(snap.sizeGiB()).isEqualTo(2);
        assertThat(snap.tags()).containsEntry(ContractSession.RUN_TAG, s.runId());
        Snapshot done = s.await("snapshot " + snap.id() + " to complete",
                () -> snapshot(s, snap.id()).orElseThrow(), x -> "completed".equals(x.state()));
        assertThat(done.progress()).isEqualTo(100);

        Volume restored = createVolume(s, zone, 0, snap.id());

        assertThat(restored.snapshotId()).isEqualTo(snap.id());
        assertThat(restored.sizeGiB()).as("size of a volume restored without a size").isEqualTo(2);
        awaitVolume(s, restored.id(), "available");

        snapshots.deleteSnapshot(snap.id());

        assertThat(snapshot(s, snap.id())).as("snapshot after delete").isEmpty();
        assertThat(volume(s, restored.id())).as("a restored volume outlives its snapshot").isPresent();
    }
}
