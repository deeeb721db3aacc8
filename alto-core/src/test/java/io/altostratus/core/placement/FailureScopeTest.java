package io.altostratus.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class FailureScopeTest {
    private static FailureScope of(ErrorCode code) {
        return FailureScope.of(new AltoException(code, "x"));
    }

    @Test
    void capacityQuotaAndAuthBlockTypeInZoneRegionAndCloud() {
        assertThat(of(ErrorCode.INSUFFICIENT_CAPACITY)).isEqualTo(FailureScope.TYPE_IN_ZONE);
        assertThat(of(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(FailureScope.REGION);
        assertThat(of(ErrorCode.AUTH_FAILURE)).isEqualTo(FailureScope.CLOUD);
    }

    @Test
    void requestErrorsBlockTheCloudAndRegionalIdsTheRegion() {
        assertThat(of(ErrorCode.INVALID_PARAMETER)).isEqualTo(FailureScope.CLOUD);
        assertThat(of(ErrorCode.UNSUPPORTED)).isEqualTo(FailureScope.CLOUD);
        assertThat(of(ErrorCode.NOT_FOUND)).isEqualTo(FailureScope.REGION);
    }

    @Test
    void transientErrorsOnlySkipTheCandidate() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.THROTTLED, ErrorCode.PROVIDER_ERROR, ErrorCode.TIMEOUT,
                ErrorCode.INVALID_STATE}) {
            assertThat(of(code)).as(code.name()).isEqualTo(FailureScope.CANDIDATE);
        }
    }
}
