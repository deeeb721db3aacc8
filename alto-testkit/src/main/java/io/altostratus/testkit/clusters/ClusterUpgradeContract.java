package io.altostratus.testkit.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** Control plane upgrades: one minor version at a time, followed as an update with an id. */
public interface ClusterUpgradeContract extends ClustersContract {

    @Test
    default void upgradeMovesOneMinorVersionAndReportsItsUpdate(ClustersSession s) {
        String from = s.versionWithNext(1);
        String to = ClustersSession.next(from, 1);
        String name = s.name("up");
        s.createActive(s.spec("up").version(from).build());

        ClusterUpdate update = s.clusters().upgrade(name, to);

        assertThat(update.id()).as("update id").isNotBlank();
        assertThat(update.cluster()).isEqualTo(name);
        assertThat(update.nodePool()).as("a control plane update names no pool").isNull();
        assertThat(update.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(update.params()).containsEntry(ClusterUpdate.VERSION, to);
        assertThat(update.status()).isIn(UpdateStatus.IN_PROGRESS, UpdateStatus.SUCCESSFUL);
        assertThat(s.clusters().update(name, update.id()).id()).isEqualTo(update.id());
        Cluster during = s.clusters().require(name);
        if (update.status() == UpdateStatus.IN_PROGRESS) {
            assertThat(during.state()).as("state while the update runs").isEqualTo(ClusterState.UPDATING);
        }

        ClusterUpdate done = s.awaitUpdate(name, update.id());
        assertThat(done.status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        Cluster after = s.awaitCluster(name, ClusterCondition.ACTIVE);
        assertThat(after.version()).isEqualTo(to);
    }

    @Test
    default void upgradeThatSkipsAMinorVersionIsRefused(ClustersSession s) {
        String from = s.versionWithNext(2);
        String name = s.name("skip");
        s.createActive(s.spec("skip").version(from).build());

        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().upgrade(name, ClustersSession.next(from, 2)));

        Cluster after = s.clusters().require(name);
        assertThat(after.version()).as("version after a refused upgrade").isEqualTo(from);
        assertThat(after.state()).isEqualTo(ClusterState.ACTIVE);
    }

    @Test
    default void upgradeToTheSameOrAnOlderVersionIsRefused(ClustersSession s) {
        String from = s.versionWithNext(1);
        String to = ClustersSession.next(from, 1);
        String name = s.name("down");
        s.createActive(s.spec("down").version(to).build());

        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().upgrade(name, to));
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().upgrade(name, from));

        assertThat(s.clusters().require(name).version()).isEqualTo(to);
    }

    @Test
    default void upgradeWhileUpgradingIsRefusedOrTheFirstIsDone(ClustersSession s) {
        String from = s.versionWithNext(2);
        String name = s.name("twice");
        s.createActive(s.spec("twice").version(from).build());
        ClusterUpdate first = s.clusters().upgrade(name, ClustersSession.next(from, 1));

        if (first.status() == UpdateStatus.IN_PROGRESS) {
            s.expectError(ErrorCode.INVALID_STATE, () -> s.clusters().upgrade(name, ClustersSession.next(from, 2)));
        }
        s.awaitUpdate(name, first.id());
        assertThat(s.awaitCluster(name, ClusterCondition.ACTIVE).version()).isEqualTo(ClustersSession.next(from, 1));
    }

    @Test
    default void unknownUpdateIdIsNotFound(ClustersSession s) {
        String name = s.name("noupd");
        s.create(s.spec("noupd").build());

        s.expectError(ErrorCode.NOT_FOUND, () -> s.clusters().update(name, "00000000-0000-4000-8000-000000000000"));
    }
}
