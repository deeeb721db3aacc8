package io.altostratus.azure.clusters;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An AKS long-running operation as its status resource says it is: the body the {@code Azure-AsyncOperation} URL
 * answers ({@code {"name", "status": "InProgress|Succeeded|Failed|Canceled", "startTime", "endTime", "error"}}).
 * The Azure SDK has no call for it (its pollers read it internally and do not say which operation they follow), so
 * it is one GET on the SDK's own HTTP pipeline: the same credentials, rate-limit headers and client.
 *
 * @param name         the operation's name as the service gives it
 * @param status       ARM's word
 * @param startTime    when it started, or null
 * @param errorCode    a failed operation's error code, or null
 * @param errorMessage a failed operation's message, or null
 */
record AksOperation(String name, String status, Instant startTime, String errorCode, String errorMessage) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** ARM's status as an update's: Succeeded, Failed and Canceled end it; anything else is still running. */
    UpdateStatus updateStatus() {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "succeeded" -> UpdateStatus.SUCCESSFUL;
            case "failed" -> UpdateStatus.FAILED;
            case "canceled", "cancelled" -> UpdateStatus.CANCELLED;
            default -> UpdateStatus.IN_PROGRESS;
        };
    }

    /**
     * Reads an operation's status.
     *
     * @throws ManagementException for an answer other than 200, carrying ARM's error (the caller's retrier decides
     *         whether to try again and translates it)
     */
    static AksOperation get(HttpPipeline pipeline, String url) {
        HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
        String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
        if (response.getStatusCode() / 100 != 2) {
            ManagementError error = error(body);
            throw new ManagementException("Status code " + response.getStatusCode() + ", "
                    + (error != null && error.getMessage() != null ? error.getMessage() : body), response, error);
        }
        return parse(body);
    }

    /** The status body; a body that is not one is PROVIDER_ERROR. */
    static AksOperation parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || text(root.get("status")) == null) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "InvalidOperationStatus",
                    "AKS answered an operation status without a status: " + abbreviate(body));
        }
        JsonNode error = root.path("error");
        return new AksOperation(text(root.get("name")), text(root.get("status")), instant(text(root.get("startTime"))),
                text(error.get("code")), text(error.get("message")));
    }

    /** ARM's error body ({@code {"error":{"code","message"}}}, or the error alone), or null. */
    private static ManagementError error(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.has("error") ? root.get("error") : root;
        String code = text(error.get("code"));
        return code == null ? null : new ManagementError(code, text(error.get("message")));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // ARM writes seven fraction digits and sometimes no offset (2021-04-09T06:58:46.2166666Z is fine).
                return Instant.parse(text.endsWith("Z") ? text : text + "Z");
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
