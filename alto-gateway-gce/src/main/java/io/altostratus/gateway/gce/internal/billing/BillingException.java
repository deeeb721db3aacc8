package io.altostratus.gateway.gce.internal.billing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A failure of the Cloud Billing front, answered as Google's APIs answer (not Compute Engine's older document):
 * {@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}}, the HTTP status with its canonical
 * status name.
 */
final class BillingException extends RuntimeException {
    private final int httpStatus;
    private final String status;

    BillingException(int httpStatus, String status, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    static BillingException invalidArgument(String message) {
        return new BillingException(400, "INVALID_ARGUMENT", message);
    }

    static BillingException notFound(String message) {
        return new BillingException(404, "NOT_FOUND", message);
    }

    static BillingException unauthenticated(String message) {
        return new BillingException(401, "UNAUTHENTICATED", message);
    }

    int httpStatus() {
        return httpStatus;
    }

    String status() {
        return status;
    }

    byte[] document() {
        String body = "{\"error\":{\"code\":" + httpStatus + ",\"message\":" + quote(getMessage())
                + ",\"status\":" + quote(status) + "}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text == null ? "" : text)) + '"';
    }
}
