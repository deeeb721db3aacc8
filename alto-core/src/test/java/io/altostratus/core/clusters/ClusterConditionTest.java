package io.altostratus.core.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Outcome;
import org.junit.jupiter.api.Test;

class ClusterConditionTest {

    @Test
    void activeWaitsThroughCreatingAndUpdatingAndGivesUpOnFailedOrDeleting() {
        assertThat(ClusterCondition.ACTIVE.judge(ClusterState.CREATING)).isEqualTo(Outcome.RETRY);
        assertThat(ClusterCondition.ACTIVE.judge(ClusterState.UPDATING)).isEqualTo(Outcome.RETRY);
        assertThat(ClusterCondition.ACTIVE.judge(ClusterState.ACTIVE)).isEqualTo(Outcome.SUCCESS);
        assertThat(ClusterCondition.ACTIVE.judge(ClusterState.FAILED)).isEqualTo(Outcome.FAILURE);
        assertThat(ClusterCondition.ACTIVE.judge(ClusterState.DELETING)).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void deletedSucceedsOnNotFoundAndFailsWhenNothingIsBeingDeleted() {
        var condition = ClusterCondition.DELETED.clusterCondition();

        assertThat(condition.judge(AltoException.notFound("ResourceNotFoundException", "gone")))
                .hasValue(Outcome.SUCCESS);
        assertThat(condition.judge(new AltoException(ErrorCode.THROTTLED, "slow down"))).isEmpty();
        assertThat(ClusterCondition.DELETED.judge(ClusterState.DELETING)).isEqualTo(Outcome.RETRY);
        assertThat(ClusterCondition.DELETED.judge(ClusterState.ACTIVE)).isEqualTo(Outcome.FAILURE);
        assertThat(ClusterCondition.DELETED.judge(NodePoolState.FAILED)).isEqualTo(Outcome.FAILURE);
        assertThat(ClusterCondition.ACTIVE.clusterCondition()
                .judge(AltoException.notFound("ResourceNotFoundException", "gone"))).as("not found ends other waits")
                .isEmpty();
    }

    @Test
    void transitionalStatesCannotBeWaitedFor() {
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> ClusterCondition.forState(ClusterState.UPDATING));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(ClusterCondition.parse(" Ready ")).isEqualTo(ClusterCondition.ACTIVE);
        assertThat(ClusterCondition.parse("deleted")).isEqualTo(ClusterCondition.DELETED);
        assertThat(catchThrowableOfType(AltoException.class, () -> ClusterCondition.parse("creating")).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
