package io.altostratus.gcp.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import io.altostratus.gcp.internal.GceErrors;

/**
 * GKE's errors as portable ones. GKE answers in Google's error JSON as Compute Engine does, so
 * {@link GceErrors} reads them; what differs is GKE's use of the google.rpc status alone (no {@code errors[].reason}):
 * {@code FAILED_PRECONDITION}, sent with HTTP 400 while another operation runs on the cluster, is a state problem,
 * not a bad parameter.
 */
final class GkeErrors {
    /** For the {@link Retrier}: rate limits, 5xx and lost connections are retried, the rest translated here. */
    static final Retrier.Failures<RuntimeException> FAILURES =
            new Retrier.Failures<>(RuntimeException.class, GceErrors::isTransient, GkeErrors::translate);

    private GkeErrors() {
    }

    static AltoException translate(String operation, Throwable thrown) {
        AltoException e = GceErrors.translate(operation, thrown);
        if ("FAILED_PRECONDITION".equals(e.providerCode()) && e.code() != ErrorCode.INVALID_STATE) {
            return new AltoException(ErrorCode.INVALID_STATE, e.providerCode(), e.getMessage(), thrown);
        }
        return e;
    }
}
