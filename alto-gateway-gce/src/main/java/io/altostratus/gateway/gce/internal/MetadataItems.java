package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An instance's metadata items: checked against Compute Engine's rules, and fingerprinted over every key and value
 * (unlike labels, metadata values are free text such as {@code user-data}, so nothing is left out of the hash).
 */
public final class MetadataItems {
    /** Compute Engine's rule for metadata keys. */
    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    /** Compute Engine's bound on one value (256 KB) and on all of an instance's metadata (512 KB). */
    private static final int MAX_VALUE = 256 * 1024;
    private static final int MAX_TOTAL = 512 * 1024;

    private MetadataItems() {
    }

    /** The items of a request's metadata, in the request's order; Google's {@code invalid} for a broken rule. */
    public static Map<String, String> of(Metadata metadata, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        long total = 0;
        for (Items item : metadata.getItemsList()) {
            String key = item.getKey();
            if (!KEY.matcher(key).matches()) {
                throw GceException.invalid("Invalid value for field '" + field + ".items.key': '" + key
                        + "'. Must be a match of regex '[a-zA-Z0-9-_]{1,128}'");
            }
            if (out.containsKey(key)) {
                throw GceException.invalid("Invalid value for field '" + field + ".items': Metadata has duplicate "
                        + "keys: '" + key + "'.");
            }
            String value = item.getValue();
            int size = value.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_VALUE) {
                throw GceException.invalid("Invalid value for field '" + field + ".items.value': value of key '"
                        + key + "' exceeds the limit of " + MAX_VALUE + " bytes.");
            }
            total += size + key.length();
            out.put(key, value);
        }
        if (total > MAX_TOTAL) {
            throw GceException.invalid("Invalid value for field '" + field + "': metadata exceeds the limit of "
                    + MAX_TOTAL + " bytes.");
        }
        return out;
    }

    /** The fingerprint a write must quote: a hash of every item, independent of order. */
    public static String fingerprint(Map<String, String> items) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(items).forEach((k, v) -> {
                // Lengths first, so no two different item sets hash the same text.
                digest.update((k.length() + ":" + k + v.length() + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(v.getBytes(StandardCharsets.UTF_8));
            });
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest.digest(), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Google's answer to a write quoting a fingerprint that is not the current one (or none). */
    public static GceException staleFingerprint() {
        return new GceException(412, "conditionNotMet",
                "Supplied fingerprint does not match current metadata fingerprint.");
    }
}
