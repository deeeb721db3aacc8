package io.altostratus.gateway.http.internal;

import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing, for query strings and form bodies alike: {@code +} is a
 * space, every {@code %} must start two hex digits, and the decoded bytes must be valid UTF-8. Lenient decoders turn
 * bad input into replacement characters and let it reach a handler; here it is an EC2 error at once.
 */
public final class QueryStrings {

    /** Counts parameters across the query string and the body of one request. */
    public static final class Budget {
        private int remaining;
        private final int limit;

        public Budget(int limit) {
            this.limit = limit;
            this.remaining = limit;
        }

        void take() {
            if (--remaining < 0) {
                throw Ec2WireException.of(WireError.INVALID_QUERY_PARAMETER,
                        "The request has more than " + limit + " parameters.");
            }
        }
    }

    private QueryStrings() {
    }

    /** Parses {@code data}; the result keeps the order sent, a repeated name keeping every value in order. */
    public static Map<String, List<String>> parse(byte[] data, Budget budget) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int length = data.length;
        int start = 0;
        while (start < length) {
            int end = indexOf(data, (byte) '&', start, length);
            if (end > start) {
                int eq = indexOf(data, (byte) '=', start, end);
                String name = decode(data, start, eq);
                if (name.isEmpty()) {
                    throw Ec2WireException.of(WireError.MALFORMED_QUERY_STRING,
                            "A parameter has an empty name.");
                }
                String value = eq == end ? "" : decode(data, eq + 1, end);
                budget.take();
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    private static int indexOf(byte[] data, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] data, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            byte b = data[i];
            plain = b != '%' && b != '+' && b >= 0;
        }
        if (plain) {
            return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(data[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(data[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw Ec2WireException.of(WireError.MALFORMED_QUERY_STRING,
                            "Malformed percent-encoding at byte " + i + ": '%' must be followed by two hex digits.");
                }
                out[n++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw Ec2WireException.of(WireError.MALFORMED_QUERY_STRING,
                    "A parameter is not valid UTF-8 once percent-decoded.");
        }
    }
}
