package io.altostratus.core.placement;

import java.util.Objects;

/**
 * One place a launch may land: a cloud, a region, a zone (null when the cloud has none or lets the provider pick)
 * and an instance type, with its on-demand price there where known.
 *
 * @param provider     the provider name ({@code aws}, {@code gcp}, ...) as the session opener knows it
 * @param region       the region
 * @param zone         the zone, or null
 * @param instanceType the provider's type name
 * @param pricePerHour on-demand USD per hour, or null when unknown
 */
public record Candidate(String provider, String region, String zone, String instanceType, Double pricePerHour) {
    public Candidate {
        requireName("provider", provider);
        requireName("region", region);
        requireName("instanceType", instanceType);
        if (zone != null && zone.isBlank()) {
            throw new IllegalArgumentException("a candidate's zone is a name or null, not blank");
        }
        if (pricePerHour != null && !(pricePerHour >= 0)) {
            throw new IllegalArgumentException("a price cannot be negative: " + pricePerHour);
        }
    }

    /** Where this candidate is, without the type: {@code aws/us-east-1/us-east-1a} or {@code gcp/us-central1}. */
    public String place() {
        return zone == null ? provider + "/" + region : provider + "/" + region + "/" + zone;
    }

    @Override
    public String toString() {
        return place() + " " + instanceType + (pricePerHour == null ? " (unpriced)" : " $" + pricePerHour + "/h");
    }

    private static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a candidate's " + what + " must not be blank");
        }
    }
}
