package io.altostratus.gateway.auth.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The percent-encoding AWS signatures are computed over: RFC 3986 unreserved characters kept, the rest %XX. */
public final class Rfc3986 {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {
    }

    public static String encode(String text) {
        return encode(text, false);
    }

    /** Encodes, keeping {@code '/'} as is when {@code keepSlash} (for paths). */
    public static String encode(String text, boolean keepSlash) {
        int length = text.length();
        int i = 0;
        while (i < length && isUnreserved(text.charAt(i), keepSlash)) {
            i++;
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length + 16);
        out.append(text, 0, i);
        byte[] bytes = text.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && isUnreserved(c, keepSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * {@code name=value} pairs of every parameter, both encoded, sorted by encoded name then encoded value (byte
     * order), joined with {@code &}: the canonical query string of SigV4 and SigV2.
     *
     * @param skip a parameter name to leave out (the signature itself), or null
     */
    public static String canonicalQuery(List<Map<String, List<String>>> sources, String skip) {
        List<String[]> pairs = new ArrayList<>();
        for (Map<String, List<String>> source : sources) {
            source.forEach((name, values) -> {
                if (!name.equals(skip)) {
                    String encodedName = encode(name);
                    for (String value : values) {
                        pairs.add(new String[] {encodedName, encode(value)});
                    }
                }
            });
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder(pairs.size() * 24);
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c, boolean keepSlash) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
    }
}
