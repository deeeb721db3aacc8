package io.altostratus.gateway.metrics;

import java.time.Instant;

/**
 * One answered request, as the access log writes it.
 *
 * @param time      when the request arrived
 * @param requestId the id the answer carried
 * @param api       which API served it ({@code ec2}, {@code gce}, ..., {@code alto} for the gateway's own endpoints)
 * @param account   the authenticated account, or {@code -}
 * @param action    the operation, or the HTTP method when the front named none
 * @param status    the HTTP status sent, or 0 when none was (the client went away)
 * @param millis    from arrival to the last byte written
 */
public record AccessLogEntry(Instant time, String requestId, String api, String account, String action, int status,
                             double millis) {

    /** One JSON object on one line, e.g. {@code {"time":"...","requestId":"...","api":"ec2",...,"ms":1.25}}. */
    public String toJson() {
        StringBuilder out = new StringBuilder(160);
        out.append("{\"time\":");
        quote(time.toString(), out);
        out.append(",\"requestId\":");
        quote(requestId, out);
        out.append(",\"api\":");
        quote(api, out);
        out.append(",\"account\":");
        quote(account, out);
        out.append(",\"action\":");
        quote(action, out);
        out.append(",\"status\":").append(status);
        out.append(",\"ms\":").append(Math.round(millis * 1000) / 1000.0);
        return out.append('}').toString();
    }

    private static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
