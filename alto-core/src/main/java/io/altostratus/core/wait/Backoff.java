package io.altostratus.core.wait;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": each delay is half the capped exponential value plus a random part of
 * the other half, so concurrent waiters spread out but never poll faster than half the nominal rate.
 *
 * @param initial    first delay
 * @param max        cap for any delay
 * @param multiplier growth per attempt, at least 1
 * @param jitter     whether to randomise
 */
public record Backoff(Duration initial, Duration max, double multiplier, boolean jitter) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("backoff needs non-negative delays and a multiplier >= 1");
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 1.6, true);
    }

    /** The delay before attempt {@code attempt} (0-based) would be retried. */
    public Duration delay(int attempt, RandomGenerator random) {
        double nominal = initial.toNanos() * Math.pow(multiplier, Math.min(attempt, 64));
        long capped = (long) Math.min(nominal, (double) max.toNanos());
        if (!jitter || capped <= 1) {
            return Duration.ofNanos(capped);
        }
        long half = capped / 2;
        return Duration.ofNanos(half + random.nextLong(capped - half + 1));
    }
}
