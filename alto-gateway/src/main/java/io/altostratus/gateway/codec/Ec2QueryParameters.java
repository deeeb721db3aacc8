package io.altostratus.gateway.codec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body or a URL query string into EC2 Query parameters. */
public final class Ec2QueryParameters {
    private Ec2QueryParameters() {
    }

    /**
     * The parameters in the order sent; a name given several times keeps every value in order (the decoder uses the
     * first). Malformed percent-escapes are an {@code InvalidParameterValue}.
     */
    public static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameters.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Ec2CodecException(Ec2ProtocolError.INVALID_PARAMETER_VALUE,
                    "Malformed percent-encoding in (" + Messages.quoteable(text) + ").");
        }
    }
}
