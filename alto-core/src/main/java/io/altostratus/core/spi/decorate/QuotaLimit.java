package io.altostratus.core.spi.decorate;

import java.util.Objects;

/**
 * An account limit that is used up in one region: for every launch there ({@code us-east-1}) or for one instance
 * type's launches there ({@code t3.micro@us-east-1}). Quotas are regional on every cloud we drive (EC2's instance and
 * vCPU limits, Compute Engine's regional CPUs, Azure's regional and family cores), so the place is matched against
 * the session's region only; a zone name never matches.
 *
 * @param instanceType the type as the launch names it, or null for every type
 * @param region       the region whose limit is reached
 */
public record QuotaLimit(String instanceType, String region) {
    public QuotaLimit {
        Objects.requireNonNull(region, "region");
        if (region.isBlank() || instanceType != null && instanceType.isBlank()) {
            throw new IllegalArgumentException("a quota limit needs a region and, if any, a type: '" + instanceType
                    + "@" + region + "'");
        }
    }

    /** Whether a launch of {@code type} in {@code region} runs into this limit. */
    public boolean meets(String type, String region) {
        return this.region.equals(region) && (instanceType == null || instanceType.equals(type));
    }

    @Override
    public String toString() {
        return instanceType == null ? region : instanceType + "@" + region;
    }
}
