package io.altostratus.azure.internal;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ARM's throttling headers as last seen: {@code x-ms-ratelimit-remaining-subscription-reads} (and {@code -writes},
 * {@code -deletes}, tenant-level ones) count the calls left in the current window, and
 * {@code x-ms-ratelimit-remaining-resource} names per-resource-provider buckets
 * ({@code Microsoft.Compute/PutVM3Min;238,...}). They are kept so callers (and {@code alto}'s diagnostics) can see
 * how close a session runs to the limit; the 429 that follows exhaustion is what the retry policy acts on.
 */
public final class RateLimits {
    private static final String PREFIX = "x-ms-ratelimit-remaining-";
    private final Map<String, String> last = new TreeMap<>();

    synchronized void observe(HttpHeaders headers) {
        for (HttpHeader header : headers) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX)) {
                last.put(name.substring(PREFIX.length()), header.getValue());
            }
        }
    }

    /** The last value of each header seen, by name without the {@code x-ms-ratelimit-remaining-} prefix. */
    public synchronized Map<String, String> remaining() {
        return Map.copyOf(last);
    }

    /** The calls left in the current window for {@code subscription-reads}, {@code subscription-writes}, ...; -1 if unseen. */
    public synchronized int remaining(String bucket) {
        String value = last.get(bucket);
        if (value == null) {
            return -1;
        }
        try {
            // A header sent twice arrives joined by commas; the first is the server's.
            int comma = value.indexOf(',');
            return Integer.parseInt((comma < 0 ? value : value.substring(0, comma)).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
