package io.altostratus.aws.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one EC2 call with the provider's own retry policy. The SDK's retries are switched off so that this is the only
 * place that decides: throttling, 5xx and lost connections are retried with capped exponential backoff and jitter, a
 * bounded number of times; everything else fails at once as an {@link AltoException}. Time passes through an
 * injected {@link Sleeper} and clock, so tests see every delay without sleeping.
 */
public final class Retrier {
    /** Told about every retry; tests record them, the CLI could show them. */
    @FunctionalInterface
    public interface Listener {
        void retrying(String operation, String code, int attempt, Duration delay);

        Listener NONE = (operation, code, attempt, delay) -> {
        };
    }

    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Listener listener;

    public Retrier(int maxAttempts, Backoff backoff, Sleeper sleeper, Clock clock, RandomGenerator random,
                   Listener listener) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code call}, retrying transient failures; a final failure comes back translated. */
    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (!Ec2Errors.isTransient(e) || attempt + 1 >= maxAttempts) {
                    throw Ec2Errors.translate(operation, e);
                }
                pause(operation, Ec2Errors.code(e), attempt);
            }
        }
    }

    /** {@link #call} for calls without an answer worth keeping. */
    public void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs {@code call} that reads resources just made: {@code NOT_FOUND} means "not visible yet" until
     * {@code visibleBy}, and is retried (with the same backoff) until then. Transient failures are retried as in
     * {@link #call}.
     */
    public <T> T callUntilVisible(String operation, Instant visibleBy, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(operation, call);
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND || !clock.instant().isBefore(visibleBy)) {
                    throw e;
                }
                pause(operation, e.providerCode(), attempt);
            }
        }
    }

    /**
     * Repeats {@code call} while it fails with {@code code} (e.g. a dependency that is still being released), up to
     * {@code until}; used by rollbacks and cascades, never for the caller's own requests.
     */
    public void runWhile(String operation, ErrorCode code, Instant until, Runnable call) {
        for (int attempt = 0; ; attempt++) {
            try {
                run(operation, call);
                return;
            } catch (AltoException e) {
                if (e.code() != code || !clock.instant().isBefore(until)) {
                    throw e;
                }
                pause(operation, e.providerCode(), attempt);
            }
        }
    }

    private void pause(String operation, String code, int attempt) {
        Duration delay = backoff.delay(attempt, random);
        listener.retrying(operation, code, attempt + 1, delay);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, operation + ": interrupted while backing off", e);
        }
    }
}
