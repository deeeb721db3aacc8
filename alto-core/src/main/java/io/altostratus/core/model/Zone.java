package io.altostratus.core.model;

import java.util.Objects;

/**
 * An availability zone.
 *
 * @param name   e.g. {@code us-east-1a}
 * @param zoneId the provider's stable zone id, e.g. {@code use1-az1}
 * @param region the region the zone belongs to
 * @param state  {@code available} unless the provider says otherwise
 */
public record Zone(String name, String zoneId, String region, String state) {
    public Zone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        zoneId = zoneId == null ? name : zoneId;
        state = state == null ? "available" : state;
    }
}
