package io.altostratus.core.spi.decorate;

import java.util.Objects;

/**
 * One instance type that has no capacity in one place: a zone ({@code t3.micro@us-east-1a}) or a whole region
 * ({@code t3.micro@us-east-1}). A place is matched by name against the launch's zone and the session's region, so
 * the same entry needs no knowledge of which names are zones.
 *
 * @param instanceType the type as the launch names it (the EC2 name over a type-mapped backend)
 * @param place        a zone or region name
 */
public record CapacityShortage(String instanceType, String place) {
    public CapacityShortage {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(place, "place");
        if (instanceType.isBlank() || place.isBlank()) {
            throw new IllegalArgumentException("a capacity shortage needs a type and a place: '" + instanceType + "@"
                    + place + "'");
        }
    }

    /**
     * Whether a launch of {@code type} placed in {@code zone} (null when the launch names none) in {@code region}
     * meets this shortage. A zone entry only meets launches placed in that zone: EC2 puts an unplaced launch in a
     * zone that has room.
     */
    public boolean meets(String type, String zone, String region) {
        if (!instanceType.equals(type)) {
            return false;
        }
        return place.equals(zone) || place.equals(region);
    }

    @Override
    public String toString() {
        return instanceType + "@" + place;
    }
}
