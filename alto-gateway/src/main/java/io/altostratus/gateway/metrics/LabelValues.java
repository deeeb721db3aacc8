package io.altostratus.gateway.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The values one label may take, capped: every distinct value is a time series Prometheus keeps, and callers choose
 * some of them (an unknown EC2 action, a made-up account in permissive mode). Past the cap, and for values that are
 * not plain names, the value is {@code other}.
 */
final class LabelValues {
    static final String OTHER = "other";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    LabelValues(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null) {
            return "-";
        }
        if (seen.contains(value)) {
            return value;
        }
        if (!PLAIN.matcher(value).matches()) {
            return OTHER;
        }
        synchronized (seen) {
            if (seen.size() < max) {
                seen.add(value);
                return value;
            }
        }
        return OTHER;
    }
}
