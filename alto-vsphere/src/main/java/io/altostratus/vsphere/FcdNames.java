package io.altostratus.vsphere;

import io.altostratus.core.model.Tags;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A volume's tags in its First Class Disk's name. vim25's vCenter disk manager keeps nothing else of the caller's
 * that every server returns with the disk: disk metadata ({@code VslmCreateSpec.metadata},
 * {@code RetrieveVStorageObjectMetadata}) is newer than 6.5 and absent from vcsim, and vSphere tags on disks need
 * vCenter's tagging service. So the name is the {@code Name} tag (else {@code alto-volume}), for people looking in
 * the vSphere client, followed by every tag, URL-encoded on one line:
 * <pre>
 * data #alto-tags Name=data&amp;env=prod&amp;alto%3Azone=DC0_C0
 * </pre>
 * A disk made outside Altostratus has no block; its whole name is its {@code Name} tag. Tags are set when the
 * volume is made (renaming a disk, {@code RenameVStorageObject}, is not in vcsim either).
 */
final class FcdNames {
    static final String MARKER = " #alto-tags ";
    static final String UNNAMED = "alto-volume";

    private FcdNames() {
    }

    static String write(Map<String, String> tags) {
        StringBuilder out = new StringBuilder(tags.getOrDefault(Tags.NAME, UNNAMED));
        if (tags.isEmpty()) {
            return out.toString();
        }
        out.append(MARKER);
        String separator = "";
        for (Map.Entry<String, String> e : tags.entrySet()) {
            out.append(separator).append(encode(e.getKey())).append('=')
                    .append(encode(e.getValue() == null ? "" : e.getValue()));
            separator = "&";
        }
        return out.toString();
    }

    static Map<String, String> read(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        if (name == null || name.isEmpty()) {
            return out;
        }
        // The last marker: the block is URL-encoded (a space is '+'), so only a Name can hold the marker's text.
        int at = name.lastIndexOf(MARKER);
        if (at < 0) {
            out.put(Tags.NAME, name);
            return out;
        }
        for (String pair : name.substring(at + MARKER.length()).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return out;
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
