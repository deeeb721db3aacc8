package io.altostratus.lambda;

/**
 * A call to Lambda's API that did not succeed, before it becomes an {@link io.altostratus.core.error.AltoException}:
 * the {@link io.altostratus.core.wait.Retrier} looks at the status to decide whether to try again.
 */
final class LambdaHttpException extends RuntimeException {
    /** The HTTP status, or 0 when no answer came (connection refused, timeout). */
    final int status;
    /** The answer's body, or the connection failure's description when no answer came. */
    final String body;

    LambdaHttpException(int status, String body, Throwable cause) {
        super("HTTP " + status, cause);
        this.status = status;
        this.body = body;
    }
}
