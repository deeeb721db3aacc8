package io.altostratus.cloudinit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes maps, lists, strings, numbers and booleans as block-style YAML that YAML 1.1 readers (PyYAML, which
 * cloud-init uses) and YAML 1.2 readers read back to exactly the same values. Written by hand rather than with a
 * general YAML library because cloud-init user data must never carry tags or anchors and every string that a
 * YAML 1.1 reader would turn into something else ({@code yes}, {@code on}, {@code 0755}, {@code 12:30},
 * {@code 1e3}, {@code ~}) must be quoted; here a string is written plain only when it is obviously a string.
 */
public final class YamlWriter {
    /** Plain only when it starts with a letter or slash and holds no character YAML gives a meaning to. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z/][A-Za-z0-9_./@+=,-]*(?: [A-Za-z0-9_./@+=,-]+)*");
    /** Words YAML 1.1 reads as booleans or null (case as the 1.1 spec lists them; checked case-insensitively). */
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    private final StringBuilder out = new StringBuilder();

    private YamlWriter() {
    }

    /** The YAML document for one top-level map, ending in a newline. */
    public static String document(Map<String, ?> root) {
        YamlWriter w = new YamlWriter();
        if (root.isEmpty()) {
            return "{}\n";
        }
        w.map(root, 0, "");
        return w.out.toString();
    }

    /** One scalar as YAML would write it inline (a quoted or plain string, a number, a boolean, null). */
    public static String scalar(Object value) {
        if (value instanceof String s && s.indexOf('\n') >= 0) {
            return doubleQuoted(s);
        }
        return inlineScalar(value);
    }

    // firstPrefix replaces the indentation of the first line: "- " when the map is a list item.
    private void map(Map<?, ?> map, int indent, String firstPrefix) {
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("YAML keys must be strings, not " + e.getKey());
            }
            String lead = first ? firstPrefix : " ".repeat(indent);
            first = false;
            out.append(lead).append(inlineScalar(key)).append(':');
            value(e.getValue(), indent);
        }
    }

    // firstPrefix replaces the indentation of the first line, as for maps: nested lists read "- - a".
    private void list(List<?> list, int indent, String firstPrefix) {
        boolean first = true;
        for (Object item : list) {
            String lead = (first ? firstPrefix : " ".repeat(indent)) + "-";
            first = false;
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                map(m, indent + 2, lead + " ");
            } else if (item instanceof List<?> l && !l.isEmpty()) {
                list(l, indent + 2, lead + " ");
            } else {
                out.append(lead);
                value(item, indent);
            }
        }
    }

    // Writes what follows "key:" or "-" (no space yet), for a node whose parent sits at column `indent`.
    private void value(Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            map(m, indent + 2, " ".repeat(indent + 2));
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            out.append('\n');
            list(l, indent + 2, " ".repeat(indent + 2));
        } else if (v instanceof String s && literalBlockFits(s)) {
            literalBlock(s, indent + 2);
        } else {
            out.append(' ').append(inlineScalar(v)).append('\n');
        }
    }

    private void literalBlock(String s, int indent) {
        String body = s;
        String chomp;
        if (!s.endsWith("\n")) {
            chomp = "-";
        } else if (s.endsWith("\n\n")) {
            chomp = "+";
        } else {
            chomp = "";
            body = s.substring(0, s.length() - 1);
        }
        if (chomp.equals("+")) {
            body = s.substring(0, s.length() - 1);
        }
        out.append(" |").append(chomp).append('\n');
        String pad = " ".repeat(indent);
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append(pad).append(line);
            }
            out.append('\n');
        }
    }

    /**
     * A literal block keeps text readable (scripts, files); it cannot hold characters that need escaping, a
     * first line starting with a space (the indentation would be misread), or lines of only spaces (which a
     * reader may take as more-indented content or strip).
     */
    private static boolean literalBlockFits(String s) {
        if (s.indexOf('\n') < 0 || s.startsWith(" ") || s.startsWith("\n") || s.startsWith("\t")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && !(c >= 0x20 && c <= 0x7E) && !printableBeyondAscii(s, i)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        for (String line : s.split("\n", -1)) {
            if (!line.isEmpty() && line.isBlank()) {
                return false;
            }
            // A trailing space or tab survives in a literal block, but editors and diff tools eat it; quote instead.
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableBeyondAscii(String s, int i) {
        char c = s.charAt(i);
        if (c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
            return false; // line breaks to YAML 1.1 and a byte-order mark: always escaped
        }
        if (c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
            return true;
        }
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static String inlineScalar(Object v) {
        return switch (v) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short sh -> sh.toString();
            case Byte b -> b.toString();
            case BigInteger bi -> bi.toString();
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case BigDecimal bd -> bd.toPlainString().contains(".") ? bd.toPlainString() : bd.toPlainString() + ".0";
            case String s -> string(s);
            case Map<?, ?> m when m.isEmpty() -> "{}";
            case List<?> l when l.isEmpty() -> "[]";
            default -> throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as YAML");
        };
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String s = Double.toString(d);
        // Java writes 1.0E10; YAML 1.1 floats need a sign on the exponent and a dot in the mantissa.
        return s.replace("E-", "e-").replace("E", "e+");
    }

    private static String string(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return doubleQuoted(s);
    }

    private static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 0 -> b.append("\\0");
                default -> {
                    if (c >= 0x20 && c <= 0x7E || printableBeyondAscii(s, i)) {
                        b.append(c);
                        if (Character.isHighSurrogate(c)) {
                            b.append(s.charAt(++i));
                        }
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate at index " + i + " cannot be written");
                    } else {
                        b.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
