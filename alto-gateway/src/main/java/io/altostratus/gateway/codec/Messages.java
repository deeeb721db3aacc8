package io.altostratus.gateway.codec;

/** Makes client-supplied text fit into a one-line error message. */
final class Messages {
    private static final int MAX_ECHO = 80;

    private Messages() {
    }

    /**
     * The text shortened to a bounded length, with control characters and unpaired surrogates replaced, so that an
     * error message stays one readable line whatever the client sent.
     */
    static String quoteable(String text) {
        if (text == null) {
            return "";
        }
        int limit = Math.min(text.length(), MAX_ECHO);
        StringBuilder out = new StringBuilder(limit + 3);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !pairedAt(text, i, limit)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_ECHO) {
            out.append("...");
        }
        return out.toString();
    }

    private static boolean pairedAt(String text, int i, int limit) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < limit && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
