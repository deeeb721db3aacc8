package io.altostratus.gateway.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bodies the front writes itself: EC2's XML error document and the small JSON answers of its own endpoints. */
public final class Responses {
    public static final String XML = "text/xml;charset=UTF-8";
    public static final String JSON = "application/json";

    private Responses() {
    }

    /** {@code <Response><Errors><Error><Code>..</Code><Message>..</Message></Error></Errors><RequestID>..}. */
    public static byte[] errorXml(String code, String message, String requestId) {
        StringBuilder out = new StringBuilder(160 + message.length());
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>");
        escapeXml(code, out);
        out.append("</Code><Message>");
        escapeXml(message, out);
        out.append("</Message></Error></Errors><RequestID>");
        escapeXml(requestId, out);
        out.append("</RequestID></Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A flat JSON object of string values; values that look like numbers stay strings for simplicity. */
    public static byte[] json(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(64);
        out.append('{');
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            escapeJson(key, out);
            out.append(':');
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value); // JSON numbers and booleans, not strings, so scripts can compare them
            } else {
                escapeJson(String.valueOf(value), out);
            }
        });
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes markup and drops what XML 1.0 cannot carry at all (most control characters, lone surrogates). */
    static void escapeXml(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void escapeJson(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
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
