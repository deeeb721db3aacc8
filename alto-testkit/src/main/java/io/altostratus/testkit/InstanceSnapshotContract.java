package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.core.wait.InstanceCondition;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshots of whole machines ({@link InstanceSnapshots}): taken, listed, reverted to, deleted, where offered. */
public interface InstanceSnapshotContract extends ProviderContract {

    @Test
    default void instanceSnapshotIsTakenListedRevertedToAndDeleted(ContractSession s) {
        InstanceSnapshots snapshots = s.offered(InstanceSnapshots.class);
        Instance instance = s.launchRunning("vmsnap");

        InstanceSnapshot taken = snapshots.snapshotInstance(instance.id(), "before the upgrade",
                Map.of(ContractSession.RUN_TAG, s.runId()));
        assertThat(taken.instanceId()).isEqualTo(instance.id());
        assertThat(taken.description()).isEqualTo("before the upgrade");
        assertThat(taken.tags()).containsEntry(ContractSession.RUN_TAG, s.runId());
        assertThat(snapshots.instanceSnapshots()).extracting(InstanceSnapshot::id).contains(taken.id());

        snapshots.revertToSnapshot(taken.id());
        // The snapshot holds no memory: the machine is stopped afterwards, and starts again.
        s.awaitState(instance.id(), InstanceCondition.STOPPED);
        s.cloud().start(List.of(instance.id()));
        s.awaitState(instance.id(), InstanceCondition.RUNNING);
        assertThat(snapshots.instanceSnapshots()).as("a snapshot stays after a revert").extracting(InstanceSnapshot::id)
                .contains(taken.id());

        snapshots.deleteInstanceSnapshot(taken.id());
        assertThat(snapshots.instanceSnapshots()).extracting(InstanceSnapshot::id).doesNotContain(taken.id());
        s.expectError(EnumSet.of(ErrorCode.NOT_FOUND), Set.of(), () -> snapshots.deleteInstanceSnapshot(taken.id()));
        s.expectError(EnumSet.of(ErrorCode.NOT_FOUND), Set.of(), () -> snapshots.revertToSnapshot(taken.id()));
    }

    @Test
    default void snapshotOfAMissingInstanceIsNotFoundAndTakesNothing(ContractSession s) {
        InstanceSnapshots snapshots = s.offered(InstanceSnapshots.class);
        String missing = s.fixture().missingId(ResourceKind.INSTANCE);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing != null, "the fixture names no missing instance id");
        int before = snapshots.instanceSnapshots().size();
        s.expectError(EnumSet.of(ErrorCode.NOT_FOUND), Set.of(),
                () -> snapshots.snapshotInstance(missing, "none", Map.of()));
        assertThat(snapshots.instanceSnapshots()).hasSize(before);
    }
}
