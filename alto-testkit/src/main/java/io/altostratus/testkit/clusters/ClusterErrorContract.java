package io.altostratus.testkit.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.error.ErrorCode;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Bad input and missing things: names that break the rules ({@code INVALID_PARAMETER} before anything is made),
 * versions not on offer, clusters and pools that do not exist ({@code NOT_FOUND} from every call), names in use
 * ({@code ALREADY_EXISTS}).
 */
public interface ClusterErrorContract extends ClustersContract {

    /** Names every backend must refuse: empty, a bad first character, bad characters, too long. */
    List<String> BAD_NAMES = List.of("", "-lead", "_lead", "has space", "dot.ted", "ünïcode", "x".repeat(101));

    @Test
    default void badClusterNamesAreRefusedByEveryCall(ClustersSession s) {
        Clusters c = s.clusters();
        SoftAssertions soft = new SoftAssertions();
        for (String bad : BAD_NAMES) {
            check(soft, s, "create '" + bad + "'", () -> c.create(ClusterSpec.builder(bad).build()));
            check(soft, s, "get '" + bad + "'", () -> c.get(bad));
            check(soft, s, "delete '" + bad + "'", () -> c.delete(bad));
            check(soft, s, "upgrade '" + bad + "'", () -> c.upgrade(bad, "1.30"));
            check(soft, s, "kubeconfig '" + bad + "'", () -> c.kubeconfig(bad));
            check(soft, s, "nodePools '" + bad + "'", () -> c.nodePools(bad));
        }
        soft.assertAll();
        assertThat(c.list()).extracting(Cluster::name).as("clusters left by refused creates")
                .noneMatch(BAD_NAMES::contains);
    }

    @Test
    default void badPoolNamesAreRefused(ClustersSession s) {
        String name = s.name("badpool");
        s.createActive(s.spec("badpool").build());
        SoftAssertions soft = new SoftAssertions();
        for (String bad : List.of("", "-lead", "has space", "x".repeat(64))) {
            check(soft, s, "addNodePool '" + bad + "'", () -> s.clusters().addNodePool(name,
                    new NodePoolSpec(bad, s.fixture().nodeInstanceType(), 1, 1, 1, null, null, null, null)));
            check(soft, s, "nodePool '" + bad + "'", () -> s.clusters().nodePool(name, bad));
            check(soft, s, "deleteNodePool '" + bad + "'", () -> s.clusters().deleteNodePool(name, bad));
        }
        soft.assertAll();
        assertThat(s.clusters().nodePools(name)).isEmpty();
    }

    private static void check(SoftAssertions soft, ClustersSession s, String call, ThrowingCallable callable) {
        soft.check(() -> {
            try {
                s.expectError(ErrorCode.INVALID_PARAMETER, callable);
            } catch (AssertionError e) {
                throw new AssertionError(call + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    default void versionsNotOnOfferAreRefused(ClustersSession s) {
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.create(s.spec("v1").version("1.x").build()));
        s.expectError(ErrorCode.INVALID_PARAMETER, () -> s.create(s.spec("v2").version("9.99").build()));

        assertThat(s.clusters().get(s.name("v1"))).isEmpty();
        assertThat(s.clusters().get(s.name("v2"))).isEmpty();
    }

    @Test
    default void missingClusterIsNotFoundForEveryCall(ClustersSession s) {
        Clusters c = s.clusters();
        String missing = s.name("missing");

        assertThat(c.get(missing)).isEmpty();
        SoftAssertions soft = new SoftAssertions();
        notFound(soft, s, "require", () -> c.require(missing));
        notFound(soft, s, "delete", () -> c.delete(missing));
        notFound(soft, s, "upgrade", () -> c.upgrade(missing, c.defaultVersion().version()));
        notFound(soft, s, "update", () -> c.update(missing, "00000000-0000-4000-8000-000000000000"));
        notFound(soft, s, "kubeconfig", () -> c.kubeconfig(missing));
        notFound(soft, s, "addNodePool", () -> c.addNodePool(missing, s.pool("p", 1, 1, 1)));
        notFound(soft, s, "nodePools", () -> c.nodePools(missing));
        notFound(soft, s, "nodePool", () -> c.nodePool(missing, "p"));
        notFound(soft, s, "scaleNodePool", () -> c.scaleNodePool(missing, "p", 1, 1, 1));
        notFound(soft, s, "upgradeNodePool", () -> c.upgradeNodePool(missing, "p", null));
        notFound(soft, s, "deleteNodePool", () -> c.deleteNodePool(missing, "p"));
        soft.assertAll();
    }

    @Test
    default void missingNodePoolIsNotFound(ClustersSession s) {
        Clusters c = s.clusters();
        String name = s.name("nopool");
        s.createActive(s.spec("nopool").build());

        assertThat(c.nodePool(name, "absent")).isEmpty();
        SoftAssertions soft = new SoftAssertions();
        notFound(soft, s, "requireNodePool", () -> c.requireNodePool(name, "absent"));
        notFound(soft, s, "scaleNodePool", () -> c.scaleNodePool(name, "absent", 1, 1, 1));
        notFound(soft, s, "upgradeNodePool", () -> c.upgradeNodePool(name, "absent", null));
        notFound(soft, s, "deleteNodePool", () -> c.deleteNodePool(name, "absent"));
        soft.assertAll();
    }

    private static void notFound(SoftAssertions soft, ClustersSession s, String call, ThrowingCallable callable) {
        soft.check(() -> {
            try {
                s.expectError(ErrorCode.NOT_FOUND, callable);
            } catch (AssertionError e) {
                throw new AssertionError(call + ": " + e.getMessage(), e);
            }
        });
    }

    @Test
    default void clusterNameInUseIsAlreadyExists(ClustersSession s) {
        String name = s.name("dup");
        Cluster first = s.create(s.spec("dup").build());

        s.expectError(ErrorCode.ALREADY_EXISTS, () -> s.clusters().create(s.spec("dup").tag("second", "yes").build()));

        assertThat(s.clusters().require(name).tags()).as("the first cluster is untouched").doesNotContainKey("second");
        assertThat(s.clusters().require(name).id()).isEqualTo(first.id());
    }

    @Test
    default void poolNameInUseIsAlreadyExists(ClustersSession s) {
        String name = s.name("duppool");
        s.createActive(s.spec("duppool").build());
        s.clusters().addNodePool(name, s.pool("p", 1, 1, 1));

        s.expectError(ErrorCode.ALREADY_EXISTS, () -> s.clusters().addNodePool(name, s.pool("p", 2, 2, 2)));

        assertThat(s.clusters().requireNodePool(name, "p").desired()).isEqualTo(1);
    }

    @Test
    default void nameOfADeletedClusterCanBeUsedAgain(ClustersSession s) {
        String name = s.name("again");
        Cluster first = s.createActive(s.spec("again").build());
        s.clusters().delete(name);
        s.awaitCluster(name, ClusterCondition.DELETED);

        Cluster second = s.createActive(s.spec("again").build());

        assertThat(second.name()).isEqualTo(name);
        assertThat(s.clusters().nodePools(name)).isEmpty();
        assertThat(second.createdAt()).isAfterOrEqualTo(first.createdAt());
    }

}
