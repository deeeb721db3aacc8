package io.altostratus.core.spec;

/**
 * Ask for spot (preemptible) capacity.
 *
 * @param maxPricePerHour the most to pay in USD per hour, or null for the on-demand price cap
 * @param persistent      whether the request outlives an interruption (one-time when false)
 */
public record SpotOptions(Double maxPricePerHour, boolean persistent) {
    public SpotOptions {
        if (maxPricePerHour != null && !(maxPricePerHour > 0)) {
            throw new IllegalArgumentException("spot max price must be positive, got " + maxPricePerHour);
        }
    }

    public static SpotOptions oneTime() {
        return new SpotOptions(null, false);
    }
}
