package io.altostratus.gcp;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Portable tags as Compute Engine labels. GCE keeps tags as labels, which are stricter than EC2 tags, and the
 * provider checks them before it calls anything, so a bad tag never leaves half a change behind:
 * <ul>
 *   <li>keys are 1 to 63 characters of lowercase letters, digits, {@code _} and {@code -}, starting with a letter;</li>
 *   <li>values are 0 to 63 characters of lowercase letters, digits, {@code _} and {@code -};</li>
 *   <li>a resource carries at most 64 labels.</li>
 * </ul>
 * Google also allows lowercase non-ASCII letters; this provider keeps to ASCII so that every label it writes reads
 * back the same through every client. Nothing is lowercased or rewritten silently: {@code Team=Infra} is refused, not
 * stored as {@code team=infra}.
 *
 * <p>The {@code Name} tag is not a label: it is the instance name (see {@link GcpProvider}), so it is left out here.
 * The image family travels as the read-only tag {@link #FAMILY_TAG}.
 */
public final class GceLabels {
    /** At most this many labels on one resource. */
    public static final int MAX_LABELS = 64;
    /** At most this many characters in a key or a value. */
    public static final int MAX_LENGTH = 63;
    /** The tag an image's family is reported under (never written as a label). */
    public static final String FAMILY_TAG = "gce:family";

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    private GceLabels() {
    }

    /**
     * The labels for these tags ({@code Name} left out), in order.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidLabel) naming the first tag that breaks a rule
     */
    public static Map<String, String> of(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().equals(Tags.NAME)) {
                continue;
            }
            checkKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
            out.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        checkCount(out.size());
        return out;
    }

    /** Checks a label key alone (for untag, where a bad key can never name a label). */
    public static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidLabel",
                    "tag key '" + key + "' is not a valid GCE label key: 1 to " + MAX_LENGTH
                            + " characters of lowercase letters, digits, '_' and '-', starting with a letter");
        }
    }

    private static void checkValue(String key, String value) {
        if (value != null && !VALUE.matcher(value).matches()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidLabel",
                    "tag value '" + value + "' of '" + key + "' is not a valid GCE label value: up to " + MAX_LENGTH
                            + " characters of lowercase letters, digits, '_' and '-'");
        }
    }

    /**
     * The labels {@code change} makes of a resource's {@code current} ones, or null when it changes nothing (so no
     * call is needed).
     *
     * @throws AltoException INVALID_PARAMETER (InvalidLabel) when the result would carry more than {@link #MAX_LABELS}
     */
    public static Map<String, String> changed(Map<String, String> current, Consumer<Map<String, String>> change) {
        Map<String, String> labels = new LinkedHashMap<>(current);
        change.accept(labels);
        if (labels.equals(current)) {
            return null;
        }
        checkCount(labels.size());
        return labels;
    }

    /** Refuses more than {@link #MAX_LABELS} labels on one resource. */
    public static void checkCount(int count) {
        if (count > MAX_LABELS) {
            throw AltoException.invalid("InvalidLabel", "a GCE resource carries at most " + MAX_LABELS
                    + " labels, this would have " + count);
        }
    }
}
