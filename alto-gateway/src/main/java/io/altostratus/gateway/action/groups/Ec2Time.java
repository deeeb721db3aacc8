package io.altostratus.gateway.action.groups;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as EC2 prints them in string fields, which is also the text its time filters match (wildcards too). */
final class Ec2Time {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Ec2Time() {
    }

    /** {@code 2024-04-23T08:01:02.000Z}; null for null. */
    static String text(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
