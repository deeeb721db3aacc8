package io.altostratus.vsphere;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tags in a VM's annotation (its "Notes"), which every ESXi host and vCenter keeps and every read of the inventory
 * returns, unlike vSphere tags (vCenter's REST API only) or custom fields (vCenter only). The tags are a block after
 * the operator's own text, one {@code key=value} line each, URL-encoded so that any key or value fits on a line:
 * <pre>
 * Web server for the shop
 * #alto-tags
 * env=prod
 * alto%3Aimage=vm-12
 * </pre>
 */
final class AnnotationTags {
    static final String MARKER = "#alto-tags";

    private AnnotationTags() {
    }

    static Map<String, String> read(String annotation) {
        Map<String, String> out = new LinkedHashMap<>();
        if (annotation == null) {
            return out;
        }
        int at = annotation.indexOf(MARKER);
        if (at < 0) {
            return out;
        }
        for (String line : annotation.substring(at + MARKER.length()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(decode(line.substring(0, eq)), decode(line.substring(eq + 1).strip()));
            }
        }
        return out;
    }

    /** The operator's text, without the block. */
    static String text(String annotation) {
        if (annotation == null) {
            return "";
        }
        int at = annotation.indexOf(MARKER);
        return (at < 0 ? annotation : annotation.substring(0, at)).strip();
    }

    static String write(String text, Map<String, String> tags) {
        StringBuilder out = new StringBuilder(text == null ? "" : text.strip());
        if (tags.isEmpty()) {
            return out.toString();
        }
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(MARKER);
        tags.forEach((k, v) -> out.append('\n').append(encode(k)).append('=').append(encode(v == null ? "" : v)));
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
