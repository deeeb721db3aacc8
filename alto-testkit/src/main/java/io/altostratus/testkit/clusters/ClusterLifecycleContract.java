package io.altostratus.testkit.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.testkit.ProviderFixture.Account;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A cluster's life: versions on offer, create, get, list, wait until active, kubeconfig, delete, wait until deleted;
 * what one account makes the other does not see.
 */
public interface ClusterLifecycleContract extends ClustersContract {

    @Test
    default void versionsAreOfferedOldestFirstWithExactlyOneDefault(ClustersSession s) {
        List<KubernetesVersion> versions = s.clusters().versions();

        assertThat(versions).as("versions on offer").isNotEmpty();
        assertThat(versions).filteredOn(KubernetesVersion::isDefault).as("default versions").hasSize(1);
        for (int i = 1; i < versions.size(); i++) {
            assertThat(io.altostratus.core.clusters.ClusterRules.compareVersions(versions.get(i - 1).version(),
                    versions.get(i).version())).as("%s before %s", versions.get(i - 1), versions.get(i)).isNegative();
        }
        assertThat(s.clusters().defaultVersion()).isIn(versions);
    }

    @Test
    default void createdClusterIsListedBecomesActiveAndIsDeleted(ClustersSession s) {
        Clusters c = s.clusters();
        String name = s.name("life");

        Cluster made = s.create(s.spec("life").tag("team", "contract").build());
        assertThat(made.name()).isEqualTo(name);
        assertThat(made.state()).as("state right after create").isIn(ClusterState.CREATING, ClusterState.ACTIVE);
        assertThat(made.id()).as("provider id").isNotBlank();
        assertThat(made.version()).as("version without asking").isEqualTo(c.defaultVersion().version());
        assertThat(c.get(name)).as("get after create").isPresent();
        assertThat(c.list()).extracting(Cluster::name).as("list after create").contains(name);

        Cluster active = s.awaitCluster(name, ClusterCondition.ACTIVE);
        assertThat(active.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(active.endpoint()).as("endpoint of an active cluster").isNotBlank();
        assertThat(URI.create(active.endpoint()).getScheme()).isEqualTo("https");
        assertThat(active.tags()).containsEntry("team", "contract");
        assertThat(active.region()).isEqualTo(c.region());
        assertThat(active.createdAt()).isNotNull();

        Cluster deleting = c.delete(name);
        assertThat(deleting.state()).as("state right after delete").isEqualTo(ClusterState.DELETING);
        s.awaitCluster(name, ClusterCondition.DELETED);
        assertThat(c.get(name)).as("get after deletion").isEmpty();
        assertThat(c.list()).extracting(Cluster::name).as("list after deletion").doesNotContain(name);
    }

    @Test
    default void clusterRunsTheVersionAskedFor(ClustersSession s) {
        String version = s.clusters().versions().get(0).version();

        Cluster active = s.createActive(s.spec("ver").version(version).build());

        assertThat(active.version()).isEqualTo(version);
    }

    @Test
    default void clusterMadeWithPoolsHasThem(ClustersSession s) {
        String name = s.name("pools");
        s.create(s.spec("pools").nodePool(s.pool("a", 1, 1, 2)).nodePool(s.pool("b", 2, 0, 3)).build());

        s.awaitCluster(name, ClusterCondition.ACTIVE);
        NodePool a = s.awaitPool(name, "a", ClusterCondition.ACTIVE);
        NodePool b = s.awaitPool(name, "b", ClusterCondition.ACTIVE);

        assertThat(s.clusters().nodePools(name)).extracting(NodePool::name).containsExactlyInAnyOrder("a", "b");
        assertThat(List.of(a.desired(), a.min(), a.max())).isEqualTo(List.of(1, 1, 2));
        assertThat(List.of(b.desired(), b.min(), b.max())).isEqualTo(List.of(2, 0, 3));
    }

    @Test
    default void kubeconfigPointsAtTheClusterEndpoint(ClustersSession s) {
        String name = s.name("kube");
        Cluster active = s.createActive(s.spec("kube").build());

        Kubeconfig config = s.clusters().kubeconfig(name);

        assertThat(config.server()).isEqualTo(active.endpoint());
        assertThat(config.certificateAuthority()).isEqualTo(active.certificateAuthority());
        assertThat(config.yaml()).contains("kind: Config", "current-context:", active.endpoint());
        assertThat(config.auth()).isNotNull();
        if (config.auth() instanceof KubeAuth.Exec exec) {
            assertThat(config.yaml()).contains("exec:", exec.command());
        } else {
            assertThat(config.yaml()).contains("token:");
        }
    }

    @Test
    default void deletingAClusterThatHasNodePoolsIsRefused(ClustersSession s) {
        String name = s.name("inuse");
        s.createActive(s.spec("inuse").build());
        s.clusters().addNodePool(name, s.pool("p", 1, 1, 1));
        s.awaitPool(name, "p", ClusterCondition.ACTIVE);

        s.expectError(ErrorCode.DEPENDENCY_VIOLATION, () -> s.clusters().delete(name));

        assertThat(s.clusters().require(name).state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(s.clusters().nodePools(name)).hasSize(1);
    }

    @Test
    default void concurrentCreatesOfOneNameMakeOneCluster(ClustersSession s) throws Exception {
        String name = s.name("race");
        int threads = 6;
        List<Callable<String>> creates = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String tag = Integer.toString(i);
            creates.add(() -> {
                try {
                    return s.create(s.spec("race").tag("thread", tag).build()).tags().get("thread");
                } catch (AltoException e) {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    return null;
                }
            });
        }
        List<String> winners = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<String> f : pool.invokeAll(creates)) {
                if (f.get() != null) {
                    winners.add(f.get());
                }
            }
        }

        assertThat(winners).as("creates that succeeded").hasSize(1);
        assertThat(s.clusters().list()).filteredOn(c -> c.name().equals(name)).hasSize(1);
        assertThat(s.clusters().require(name).tags()).containsEntry("thread", winners.get(0));
    }

    @Test
    default void anotherAccountDoesNotSeeTheCluster(ClustersSession s) {
        String name = s.name("mine");
        s.create(s.spec("mine").build());
        Clusters other = s.open(Account.B);

        assertThat(other.get(name)).isEmpty();
        assertThat(other.list()).extracting(Cluster::name).doesNotContain(name);
        s.expectError(ErrorCode.NOT_FOUND, () -> other.delete(name));
        assertThat(s.clusters().get(name)).as("still there for its owner").isPresent();
    }

    @Test
    default void anotherSessionOfTheAccountSeesTheCluster(ClustersSession s) {
        String name = s.name("shared");
        s.create(s.spec("shared").tags(Map.of("k", "v")).build());

        Clusters again = s.open(Account.A);

        assertThat(again.get(name)).map(Cluster::tags).hasValue(Map.of("k", "v"));
    }
}
