package io.altostratus.testkit.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Node pools: add (with labels and taints), scale up and down, upgrade to the control plane's version, delete; and,
 * where the fixture gives a compute session, that the pool's nodes are instances tagged with cluster and pool which
 * scaling makes and ends and deleting the pool terminates.
 */
public interface NodePoolContract extends ClustersContract {

    @Test
    default void nodePoolIsAddedScaledUpgradedAndDeleted(ClustersSession s) {
        String from = s.versionWithNext(1);
        String to = ClustersSession.next(from, 1);
        String name = s.name("np");
        s.createActive(s.spec("np").version(from).build());
        NodePoolSpec spec = s.pool("work", 2, 1, 4).withLabels(Map.of("role", "worker"))
                .withTaints(List.of(new Taint("dedicated", "ci", TaintEffect.NO_SCHEDULE)));

        NodePool added = s.clusters().addNodePool(name, spec);
        assertThat(added.state()).isIn(NodePoolState.CREATING, NodePoolState.ACTIVE);
        NodePool active = s.awaitPool(name, "work", ClusterCondition.ACTIVE);
        assertThat(active.cluster()).isEqualTo(name);
        assertThat(active.createdAt()).isNotNull();
        assertThat(active.version()).as("a pool gets the control plane's version").isEqualTo(from);
        assertThat(active.labels()).containsEntry("role", "worker");
        assertThat(active.taints()).containsExactly(new Taint("dedicated", "ci", TaintEffect.NO_SCHEDULE));
        assertThat(List.of(active.desired(), active.min(), active.max())).isEqualTo(List.of(2, 1, 4));
        if (s.fixture().nodeInstanceType() != null) {
            assertThat(active.instanceType()).isEqualTo(s.fixture().nodeInstanceType());
        }

        ClusterUpdate up = s.clusters().scaleNodePool(name, "work", 3, 1, 4);
        assertThat(up.type()).isEqualTo(UpdateType.CONFIG_UPDATE);
        assertThat(up.nodePool()).isEqualTo("work");
        assertThat(up.params()).containsEntry(ClusterUpdate.DESIRED_SIZE, "3");
        assertThat(s.awaitUpdate(name, up.id()).status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        NodePool three = s.awaitPool(name, "work", ClusterCondition.ACTIVE);
        assertThat(three.desired()).isEqualTo(3);

        ClusterUpdate down = s.clusters().scaleNodePool(name, "work", 1, 1, 2);
        s.awaitUpdate(name, down.id());
        NodePool one = s.awaitPool(name, "work", ClusterCondition.ACTIVE);
        assertThat(List.of(one.desired(), one.min(), one.max())).isEqualTo(List.of(1, 1, 2));

        s.awaitUpdate(name, s.clusters().upgrade(name, to).id());
        s.awaitCluster(name, ClusterCondition.ACTIVE);
        ClusterUpdate nodes = s.clusters().upgradeNodePool(name, "work", null);
        assertThat(nodes.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(nodes.params()).containsEntry(ClusterUpdate.VERSION, to);
        s.awaitUpdate(name, nodes.id());
        assertThat(s.awaitPool(name, "work", ClusterCondition.ACTIVE).version()).isEqualTo(to);

        NodePool deleting = s.clusters().deleteNodePool(name, "work");
        assertThat(deleting.state()).isEqualTo(NodePoolState.DELETING);
        s.awaitPool(name, "work", ClusterCondition.DELETED);
        assertThat(s.clusters().nodePool(name, "work")).isEmpty();
        assertThat(s.clusters().nodePools(name)).isEmpty();

        s.clusters().delete(name);
        s.awaitCluster(name, ClusterCondition.DELETED);
    }

    @Test
    default void poolNodesAreTaggedInstancesThatFollowTheSize(ClustersSession s) {
        ComputeProvider compute = s.compute(Account.A);
        String name = s.name("nodes");
        s.createActive(s.spec("nodes").build());
        s.clusters().addNodePool(name, s.pool("p", 2, 0, 3));

        List<String> two = s.awaitPool(name, "p", ClusterCondition.ACTIVE).nodeIds();
        assertThat(two).as("nodes of a pool of 2").hasSize(2);
        for (String id : two) {
            Instance node = compute.instance(id);
            assertThat(node.tags()).containsEntry(NodePool.CLUSTER_TAG, name).containsEntry(NodePool.POOL_TAG, "p");
            assertThat(node.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
        }

        s.awaitUpdate(name, s.clusters().scaleNodePool(name, "p", 3, 0, 3).id());
        List<String> three = s.awaitPool(name, "p", ClusterCondition.ACTIVE).nodeIds();
        assertThat(three).as("nodes after scaling to 3").hasSize(3).containsAll(two);

        s.awaitUpdate(name, s.clusters().scaleNodePool(name, "p", 0, 0, 3).id());
        assertThat(s.awaitPool(name, "p", ClusterCondition.ACTIVE).nodeIds()).as("nodes after scaling to 0").isEmpty();
        assertGone(compute, three);

        s.awaitUpdate(name, s.clusters().scaleNodePool(name, "p", 1, 0, 3).id());
        List<String> again = s.awaitPool(name, "p", ClusterCondition.ACTIVE).nodeIds();
        assertThat(again).hasSize(1);
        s.clusters().deleteNodePool(name, "p");
        s.awaitPool(name, "p", ClusterCondition.DELETED);
        assertGone(compute, again);
    }

    private static void assertGone(ComputeProvider compute, List<String> ids) {
        List<String> alive = new ArrayList<>();
        for (String id : ids) {
            try {
                InstanceState state = compute.instance(id).state();
                if (state != InstanceState.TERMINATING && state != InstanceState.TERMINATED) {
                    alive.add(id + " (" + state + ")");
                }
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        assertThat(alive).as("nodes still alive").isEmpty();
    }

    @Test
    default void poolSizesAreChecked(ClustersSession s) {
        String name = s.name("sizes");
        s.createActive(s.spec("sizes").build());
        s.clusters().addNodePool(name, s.pool("p", 1, 1, 2));
        s.awaitPool(name, "p", ClusterCondition.ACTIVE);

        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().scaleNodePool(name, "p", 3, 1, 2));
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().scaleNodePool(name, "p", 1, 2, 3));
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().scaleNodePool(name, "p", 0, -1, 0));
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().addNodePool(name, s.pool("q", 5, 0, 4)));

        NodePool p = s.clusters().requireNodePool(name, "p");
        assertThat(List.of(p.desired(), p.min(), p.max())).as("sizes after refused changes")
                .isEqualTo(List.of(1, 1, 2));
        assertThat(s.clusters().nodePool(name, "q")).isEmpty();
    }

    @Test
    default void poolNewerThanTheControlPlaneIsRefused(ClustersSession s) {
        String from = s.versionWithNext(1);
        String name = s.name("newer");
        s.createActive(s.spec("newer").version(from).build());

        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.clusters().addNodePool(name,
                s.pool("p", 1, 1, 1).withVersion(ClustersSession.next(from, 1))));
        assertThat(s.clusters().nodePools(name)).isEmpty();

        s.clusters().addNodePool(name, s.pool("p", 1, 1, 1));
        s.awaitPool(name, "p", ClusterCondition.ACTIVE);
        s.expectError(ErrorCode.INVALID_PARAMETER,
                () -> s.clusters().upgradeNodePool(name, "p", ClustersSession.next(from, 1)));
        assertThat(s.clusters().requireNodePool(name, "p").version()).isEqualTo(from);
    }
}
