package io.altostratus.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.InstanceState;
import io.altostratus.gcp.GceLabels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented tables: GCE statuses, error reasons and codes, names and labels. */
class GceConvertTest {
    @Test
    void everyGceStatusMapsAsDocumented() {
        Map<String, InstanceState> expected = Map.of(
                "PROVISIONING", InstanceState.PENDING,
                "STAGING", InstanceState.PENDING,
                "REPAIRING", InstanceState.PENDING,
                "RUNNING", InstanceState.RUNNING,
                "STOPPING", InstanceState.STOPPING,
                "TERMINATED", InstanceState.STOPPED,
                "SUSPENDING", InstanceState.SUSPENDED,
                "SUSPENDED", InstanceState.SUSPENDED,
                "SOMETHING_NEW", InstanceState.ERROR);
        expected.forEach((status, state) -> assertThat(GceConvert.state(status)).as(status).isEqualTo(state));
    }

    @Test
    void errorReasonsAndOperationCodesMapToPortableCodes() {
        assertThat(GceErrors.codeOf("ZONE_RESOURCE_POOL_EXHAUSTED", 503)).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(GceErrors.codeOf("ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", 0))
                .isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(GceErrors.codeOf("resourcesExhausted", 0)).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(GceErrors.codeOf("QUOTA_EXCEEDED", 403)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(GceErrors.codeOf("RESOURCE_ALREADY_EXISTS", 409)).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(GceErrors.codeOf("RESOURCE_NOT_READY", 400)).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(GceErrors.codeOf("notFound", 404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(GceErrors.codeOf("rateLimitExceeded", 403)).isEqualTo(ErrorCode.THROTTLED);
        assertThat(GceErrors.codeOf(null, 401)).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(GceErrors.codeOf("forbidden", 403)).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(GceErrors.codeOf("somethingNew", 500)).isEqualTo(ErrorCode.PROVIDER_ERROR);
    }

    @Test
    void instanceIdsAreZoneSlashName() {
        GceNames.InstanceRef ref = GceNames.instance("us-central1-a/web-1");
        assertThat(ref.zone()).isEqualTo("us-central1-a");
        assertThat(ref.name()).isEqualTo("web-1");
        assertThat(ref.id()).isEqualTo("us-central1-a/web-1");
        assertThat(GceNames.isInstanceId("us-central1/web-1")).isFalse();
        assertThat(GceNames.isInstanceId("us-central1-a/web-")).isFalse();
        assertThat(GceNames.isInstanceId("us-central1-a/" + "a".repeat(64))).isFalse();
        assertThat(GceNames.isRegion("us-east1")).isTrue();
        assertThat(GceNames.isRegion("us-east-1")).isFalse();
    }

    @Test
    void imageIdsTakeSelfLinksAndFamilies() {
        assertThat(GceNames.image("https://www.googleapis.com/compute/v1/projects/debian-cloud/global/images/debian-12-x"))
                .isEqualTo(new GceNames.ImageRef("debian-cloud", "debian-12-x", false));
        assertThat(GceNames.image("projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64"))
                .isEqualTo(new GceNames.ImageRef("ubuntu-os-cloud", "ubuntu-2404-lts-amd64", true));
    }

    @Test
    void labelsFollowGcesRulesAndLeaveNameOut() {
        assertThat(GceLabels.of(Map.of("Name", "Web Server", "team", "infra", "env", "")))
                .containsOnlyKeys("team", "env");
        AltoException e = catchThrowableOfType(AltoException.class, () -> GceLabels.of(Map.of("Team", "infra")));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.getMessage()).contains("'Team'");
    }
}
