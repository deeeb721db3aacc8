package io.altostratus.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.io.IOException;

/**
 * Lambda's error responses as {@link AltoException}s. Lambda answers a failed call with
 * {@code {"error": {"code", "message", "suggestion"}}}; its {@code code} (e.g. {@code global/invalid-api-key}) is
 * kept as the provider code, and the HTTP status decides the portable one, since Lambda documents its codes as
 * open-ended.
 */
final class LambdaErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For the {@link Retrier}: 429, 5xx and no answer at all are worth another try; the rest are final. */
    static final Retrier.Failures<LambdaHttpException> FAILURES = new Retrier.Failures<>(LambdaHttpException.class,
            e -> e.status == 429 || e.status >= 500 || e.status == 0, (operation, e) -> of(e));

    private LambdaErrors() {
    }

    static AltoException of(LambdaHttpException e) {
        if (e.status == 0) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "ConnectionFailed", e.body, e);
        }
        return of(e.status, e.body);
    }

    /** The exception for a non-2xx answer with this status and body. */
    static AltoException of(int status, String body) {
        String code = null;
        String message = null;
        String suggestion = null;
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
            code = text(error, "code");
            message = text(error, "message");
            suggestion = text(error, "suggestion");
        } catch (IOException notJson) {
            // A proxy's HTML page or an empty body: the status alone says what happened.
        }
        StringBuilder text = new StringBuilder("Lambda API answered HTTP ").append(status);
        if (code != null) {
            text.append(" ").append(code);
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        if (suggestion != null) {
            text.append(" (").append(suggestion).append(")");
        }
        return new AltoException(codeOf(status), code != null ? code : "HTTP" + status, text.toString());
    }

    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCode.AUTH_FAILURE;
            case 429 -> ErrorCode.THROTTLED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 400 -> ErrorCode.INVALID_PARAMETER;
            default -> ErrorCode.PROVIDER_ERROR;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
