package io.altostratus.gateway.gce.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Compute Engine's numeric ids and RFC 3339 timestamps. */
public final class Ids {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private Ids() {
    }

    /**
     * A stable unsigned 64-bit id for a thing that has a stable name: the same input gives the same id in every
     * process and after every restart, so nothing needs storing. (Ids of created resources come from here too, over
     * the backend's own id, which is stable.)
     */
    public static long stable(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] hash = digest.digest();
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            // Google's ids are 19-20 digit numbers; keep the top bit set so ours look alike (and never 0).
            return value | Long.MIN_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String timestamp(Instant instant) {
        return RFC3339.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
