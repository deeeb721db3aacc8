package io.altostratus.proxmox.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our tags on a Proxmox VM. Proxmox tags are bare words ({@code tags: a;b}, lowercase {@code [a-z0-9_][a-z0-9_+.-]*});
 * a tag with a value, or a key Proxmox would not take as a tag, goes into a block of the VM's {@code description}
 * between the lines {@code # alto-tags} and {@code # end-alto-tags}, one {@code key=value} a line. The rest of the
 * description (the user's notes) is kept as it was.
 */
public final class PveTags {
    public static final String BEGIN = "# alto-tags";
    public static final String END = "# end-alto-tags";

    private PveTags() {
    }

    /** The VM's tags as one map: Proxmox tags with an empty value, then the description block's pairs. */
    public static Map<String, String> read(String pveTags, String description) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : splitTags(pveTags)) {
            out.put(t, "");
        }
        out.putAll(block(description));
        return out;
    }

    /** The Proxmox tags in a {@code tags} value (separated by {@code ;}, {@code ,} or spaces). */
    public static List<String> splitTags(String pveTags) {
        List<String> out = new ArrayList<>();
        if (pveTags == null) {
            return out;
        }
        for (String t : pveTags.split("[;, ]+")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return out;
    }

    /** The pairs of the description's block. */
    public static Map<String, String> block(String description) {
        Map<String, String> out = new LinkedHashMap<>();
        if (description == null) {
            return out;
        }
        boolean in = false;
        for (String line : description.lines().toList()) {
            String t = line.strip();
            if (t.equals(BEGIN)) {
                in = true;
            } else if (t.equals(END)) {
                in = false;
            } else if (in && !t.isEmpty()) {
                int eq = t.indexOf('=');
                out.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
            }
        }
        return out;
    }

    /** Whether Proxmox takes the key as a bare tag. */
    public static boolean isPveTag(String key) {
        return key.matches("[a-z0-9_][a-z0-9_+.\\-]*");
    }

    /** The {@code tags} and {@code description} values that hold {@code tags} (other description text kept). */
    public record Written(String tags, String description) {
    }

    public static Written write(Map<String, String> tags, String oldDescription) {
        Set<String> bare = new LinkedHashSet<>();
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue();
            if (v.isEmpty() && isPveTag(e.getKey())) {
                bare.add(e.getKey());
            } else {
                pairs.put(e.getKey(), v);
            }
        }
        StringBuilder description = new StringBuilder(withoutBlock(oldDescription));
        if (!pairs.isEmpty()) {
            if (!description.isEmpty() && description.charAt(description.length() - 1) != '\n') {
                description.append('\n');
            }
            description.append(BEGIN).append('\n');
            pairs.forEach((k, v) -> description.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
            description.append(END).append('\n');
        }
        return new Written(String.join(";", bare), description.toString());
    }

    /** The description without our block: the user's own notes. */
    public static String withoutBlock(String description) {
        if (description == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : description.lines().toList()) {
            String t = line.strip();
            if (t.equals(BEGIN)) {
                in = true;
            } else if (t.equals(END)) {
                in = false;
            } else if (!in) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
