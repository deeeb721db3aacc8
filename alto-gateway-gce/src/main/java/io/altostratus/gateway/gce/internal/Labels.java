package io.altostratus.gateway.gce.internal;

import io.altostratus.core.model.Tags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Labels are backend tags. Tags that cannot be labels (the {@code Name} tag, which is the instance name, and keys
 * outside Compute Engine's label rules, such as the reserved {@code gce:family}) are kept on the backend but not
 * shown as labels.
 */
public final class Labels {
    private static final Pattern KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");

    private Labels() {
    }

    public static Map<String, String> fromTags(Map<String, String> tags) {
        Map<String, String> out = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (!k.equals(Tags.NAME) && KEY.matcher(k).matches() && VALUE.matcher(v == null ? "" : v).matches()) {
                out.put(k, v == null ? "" : v);
            }
        });
        return out;
    }

    /** Checks labels against Compute Engine's rules; Google's {@code invalid} for the first that breaks one. */
    public static Map<String, String> toTags(Map<String, String> labels) {
        if (labels.size() > 64) {
            throw GceException.invalid("Invalid value for field 'labels': at most 64 labels are allowed");
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!KEY.matcher(k).matches()) {
                throw GceException.invalid("Invalid value for field 'labels': '" + k + "'. Label keys must start "
                        + "with a lowercase letter and contain only lowercase letters, digits, '_' and '-'.");
            }
            if (!VALUE.matcher(v).matches()) {
                throw GceException.invalid("Invalid value for field 'labels." + k + "': '" + v + "'. Label values "
                        + "may contain only lowercase letters, digits, '_' and '-'.");
            }
            out.put(k, v);
        });
        return out;
    }

    /** A fingerprint of the labels, so setLabels can refuse a stale one. */
    public static String fingerprint(Map<String, String> tags) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(new TreeMap<>(fromTags(tags)).toString().getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest();
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(hash, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
