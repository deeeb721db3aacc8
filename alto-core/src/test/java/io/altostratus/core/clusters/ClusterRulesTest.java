package io.altostratus.core.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ClusterRulesTest {

    private static AltoException invalid(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.providerCode()).isEqualTo(ClusterRules.INVALID_CODE);
        return e;
    }

    @Test
    void clusterNamesFollowEksRules() {
        for (String ok : List.of("a", "9", "prod_1", "web-2", "A".repeat(100))) {
            assertThatCode(() -> ClusterRules.checkClusterName(ok)).as(ok).doesNotThrowAnyException();
        }
        for (String bad : List.of("", "-a", "_a", "a b", "a.b", "é", "A".repeat(101))) {
            assertThat(invalid(() -> ClusterRules.checkClusterName(bad)).getMessage()).as(bad)
                    .contains("1 to 100 characters");
        }
        invalid(() -> ClusterRules.checkClusterName(null));
    }

    @Test
    void poolNamesStopAtSixtyThreeCharacters() {
        assertThatCode(() -> ClusterRules.checkPoolName("p".repeat(63))).doesNotThrowAnyException();
        invalid(() -> ClusterRules.checkPoolName("p".repeat(64)));
    }

    @Test
    void versionsAreMajorDotMinor() {
        assertThatCode(() -> ClusterRules.checkVersion("1.31")).doesNotThrowAnyException();
        for (String bad : List.of("1", "1.31.2", "v1.31", "1.031", "1.x", " 1.31")) {
            invalid(() -> ClusterRules.checkVersion(bad));
        }
        assertThat(ClusterRules.compareVersions("1.9", "1.10")).as("numeric, not textual").isNegative();
        assertThat(ClusterRules.compareVersions("2.0", "1.33")).isPositive();
    }

    @Test
    void upgradesMoveExactlyOneMinorVersion() {
        assertThatCode(() -> ClusterRules.checkUpgradeStep("c", "1.30", "1.31")).doesNotThrowAnyException();
        assertThat(invalid(() -> ClusterRules.checkUpgradeStep("c", "1.30", "1.32")).getMessage())
                .contains("one minor version at a time").contains("1.31");
        invalid(() -> ClusterRules.checkUpgradeStep("c", "1.30", "1.30"));
        invalid(() -> ClusterRules.checkUpgradeStep("c", "1.30", "1.29"));
        invalid(() -> ClusterRules.checkUpgradeStep("c", "1.33", "2.0"));
    }

    @Test
    void poolsNeverRunNewerThanTheirControlPlane() {
        assertThatCode(() -> ClusterRules.checkPoolVersion("c", "1.31", "1.29")).doesNotThrowAnyException();
        invalid(() -> ClusterRules.checkPoolVersion("c", "1.31", "1.32"));
    }

    @Test
    void sizesAreOrdered() {
        assertThatCode(() -> NodePoolSpec.of("p", "t", 0)).doesNotThrowAnyException();
        assertThat(invalid(() -> new NodePoolSpec("p", "t", 3, 1, 2, null, null, null, null)).getMessage())
                .contains("desired (3) <= max (2)");
        invalid(() -> new NodePoolSpec("p", "t", 1, 2, 3, null, null, null, null));
        invalid(() -> new NodePoolSpec("p", "t", 0, 0, 0, null, null, null, null));
        invalid(() -> new NodePoolSpec("p", "t", 0, -1, 1, null, null, null, null));
    }

    @Test
    void labelsAndTaintsFollowKubernetesSyntax() {
        assertThatCode(() -> NodePoolSpec.of("p", "t", 1).withLabels(Map.of("example.com/role", "web", "tier", "")))
                .doesNotThrowAnyException();
        invalid(() -> NodePoolSpec.of("p", "t", 1).withLabels(Map.of("-bad", "x")));
        invalid(() -> NodePoolSpec.of("p", "t", 1).withLabels(Map.of("Bad_Prefix/role", "x")));
        invalid(() -> NodePoolSpec.of("p", "t", 1).withLabels(Map.of("role", "has space")));
        invalid(() -> new Taint("k", "v".repeat(64), TaintEffect.NO_EXECUTE));
        assertThat(new Taint("dedicated", "gpu", TaintEffect.NO_SCHEDULE)).hasToString("dedicated=gpu:NoSchedule");
        assertThat(TaintEffect.parse("NO_EXECUTE")).isEqualTo(TaintEffect.NO_EXECUTE);
        assertThat(TaintEffect.parse("preferNoSchedule")).isEqualTo(TaintEffect.PREFER_NO_SCHEDULE);
        invalid(() -> TaintEffect.parse("Evict"));
    }

    @Test
    void aSpecNamesEachPoolOnce() {
        assertThat(invalid(() -> ClusterSpec.builder("c").nodePool(NodePoolSpec.of("p", "t", 1))
                .nodePool(NodePoolSpec.of("p", "u", 2)).build()).getMessage()).contains("twice");
    }
}
