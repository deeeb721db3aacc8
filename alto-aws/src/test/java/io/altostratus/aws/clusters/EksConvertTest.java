package io.altostratus.aws.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupHealth;
import software.amazon.awssdk.services.eks.model.Taint;

/** EKS's status words and exception names in the core's terms. */
class EksConvertTest {

    @Test
    void clusterStatuses() {
        assertThat(EksConvert.clusterState("PENDING")).isEqualTo(ClusterState.CREATING);
        assertThat(EksConvert.raw("PENDING", ClusterState.CREATING)).isEqualTo("PENDING");
        assertThat(EksConvert.clusterState("ACTIVE")).isEqualTo(ClusterState.ACTIVE);
        assertThat(EksConvert.raw("ACTIVE", ClusterState.ACTIVE)).isNull();
        assertThat(EksConvert.clusterState("FAILED")).isEqualTo(ClusterState.FAILED);
        assertThat(EksConvert.clusterState("SOMETHING_NEW")).isEqualTo(ClusterState.UPDATING);
    }

    @Test
    void failedNodegroupsAreFailedWithTheirOwnWordKept() {
        NodePool created = EksConvert.nodePool(Nodegroup.builder().clusterName("c").nodegroupName("p")
                .status("CREATE_FAILED").build());
        NodePool deleted = EksConvert.nodePool(Nodegroup.builder().clusterName("c").nodegroupName("p")
                .status("DELETE_FAILED").build());

        assertThat(created.state()).isEqualTo(NodePoolState.FAILED);
        assertThat(created.rawStatus()).isEqualTo("CREATE_FAILED");
        assertThat(deleted.state()).isEqualTo(NodePoolState.FAILED);
        assertThat(deleted.rawStatus()).isEqualTo("DELETE_FAILED");
    }

    @Test
    void degradedNodegroupIsActiveWithItsHealthIssuesInDetails() {
        NodePool p = EksConvert.nodePool(Nodegroup.builder().clusterName("c").nodegroupName("p").status("DEGRADED")
                .health(NodegroupHealth.builder().issues(i -> i.code("AsgInstanceLaunchFailures")
                        .message("Could not launch On-Demand Instances")).build())
                .taints(Taint.builder().key("gpu").effect("NO_EXECUTE").build()).build());

        assertThat(p.state()).isEqualTo(NodePoolState.ACTIVE);
        assertThat(p.rawStatus()).isEqualTo("DEGRADED");
        assertThat(p.details().get("healthIssues")).startsWith("AsgInstanceLaunchFailures: Could not launch");
        assertThat(p.taints()).singleElement().satisfies(t -> {
            assertThat(t.effect()).isEqualTo(TaintEffect.NO_EXECUTE);
            assertThat(t.value()).isEmpty();
        });
    }

    @Test
    void updateStatuses() {
        assertThat(EksConvert.updateStatus("Successful")).isEqualTo(UpdateStatus.SUCCESSFUL);
        assertThat(EksConvert.updateStatus("Cancelled")).isEqualTo(UpdateStatus.CANCELLED);
        assertThat(EksConvert.updateStatus("Failed")).isEqualTo(UpdateStatus.FAILED);
        assertThat(EksConvert.updateStatus("Whatever")).isEqualTo(UpdateStatus.IN_PROGRESS);
    }

    @Test
    void exceptionNames() {
        assertThat(EksErrors.classify("ResourceNotFoundException", 404, "No cluster found"))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(EksErrors.classify("ResourceInUseException", 409, "Cluster already exists with name: x"))
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(EksErrors.classify("ResourceInUseException", 409, "Cluster has nodegroups attached"))
                .isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(EksErrors.classify("ResourceInUseException", 409, "An update is already in progress"))
                .isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(EksErrors.classify("InvalidParameterException", 400, "bad")).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(EksErrors.classify("InvalidRequestException", 400, "state")).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(EksErrors.classify("ClientException", 400, "User is not authorized to perform"))
                .isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(EksErrors.classify("ServerException", 500, "x")).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(EksErrors.classify("ResourceLimitExceededException", 400, "x")).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(EksErrors.classify("UnsupportedAvailabilityZoneException", 400, "x"))
                .isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(EksErrors.classify("ThrottlingException", 429, "x")).isEqualTo(ErrorCode.THROTTLED);
    }
}
