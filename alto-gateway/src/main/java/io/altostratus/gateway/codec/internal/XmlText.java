package io.altostratus.gateway.codec.internal;

/** Appends text as XML 1.0 character data. */
public final class XmlText {
    private XmlText() {
    }

    /**
     * Appends {@code text} escaped for element content. {@code &}, {@code <}, {@code >} become entities; a carriage
     * return becomes {@code &#13;} so that parsers do not fold it into a newline; characters XML 1.0 cannot carry
     * at all (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD.
     */
    public static void append(StringBuilder out, String text) {
        int length = text.length();
        int clean = 0;
        while (clean < length && isPlain(text.charAt(clean))) {
            clean++;
        }
        if (clean == length) {
            out.append(text);
            return;
        }
        out.append(text, 0, clean);
        for (int i = clean; i < length; i++) {
            char c = text.charAt(i);
            if (isPlain(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c != '&' && c != '<' && c != '>' && c < 0xD800
                || c >= 0xE000 && c < 0xFFFE;
    }
}
