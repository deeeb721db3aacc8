package io.altostratus.core.wait;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs a provider's calls with its retry policy, in one place: transient failures are retried with capped
 * exponential backoff and jitter, at most {@code maxAttempts} tries; everything else fails at once as an
 * {@link AltoException}. What differs per provider, which of its client's failures are transient and what they mean
 * portably, comes in as {@link Failures}. Time passes through an injected {@link Sleeper} and clock, so tests see
 * every delay without sleeping.
 */
public final class Retrier {
    /** Told about every retry; tests record them, the CLI could show them. */
    @FunctionalInterface
    public interface Listener {
        void retrying(String operation, String code, int attempt, Duration delay);

        Listener NONE = (operation, code, attempt, delay) -> {
        };
    }

    /**
     * How one provider's client fails.
     *
     * @param type        the exceptions the client throws for failed calls; any other exception (a bug, say)
     *                    propagates unchanged
     * @param isTransient whether a failed call may succeed unchanged a moment later
     * @param translate   a failed call of an operation as the portable error, with the backend's own code
     */
    public record Failures<E extends RuntimeException>(Class<E> type, Predicate<? super E> isTransient,
                                                       BiFunction<String, ? super E, AltoException> translate) {
        public Failures {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(isTransient, "isTransient");
            Objects.requireNonNull(translate, "translate");
        }
    }

    /** Reads of something just made at most, whatever the clock says. */
    static final int MAX_VISIBILITY_TRIES = 30;

    private final int maxAttempts;
    private final Failures<?> failures;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Listener listener;

    public Retrier(int maxAttempts, Failures<?> failures, Backoff backoff, Sleeper sleeper, Clock clock,
                   RandomGenerator random, Listener listener) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.failures = Objects.requireNonNull(failures, "failures");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public Clock clock() {
        return clock;
    }

    /** What this retrier sleeps on, for a caller that waits on the same time source (tests pass a manual clock). */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Runs {@code call}, retrying transient failures; a final failure comes back translated. */
    public <T> T call(String operation, Supplier<T> call) {
        return call(operation, call, failures);
    }

    private <T, E extends RuntimeException> T call(String operation, Supplier<T> call, Failures<E> failures) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (AltoException e) {
                // Already portable, and already retried when it comes from a call made inside this one.
                throw e;
            } catch (RuntimeException e) {
                if (!failures.type().isInstance(e)) {
                    throw e;
                }
                E failure = failures.type().cast(e);
                AltoException translated = failures.translate().apply(operation, failure);
                if (!failures.isTransient().test(failure) || attempt + 1 >= maxAttempts) {
                    throw translated;
                }
                retryAfterPause(operation, translated.providerCode(), attempt);
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
                // The attempt bound keeps a clock that never moves (a test's, or a stuck one) from looping forever.
                if (e.code() != ErrorCode.NOT_FOUND || !clock.instant().isBefore(visibleBy)
                        || attempt + 1 >= MAX_VISIBILITY_TRIES) {
                    throw e;
                }
                retryAfterPause(operation, e.providerCode(), attempt);
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
                retryAfterPause(operation, e.providerCode(), attempt);
            }
        }
    }

    /**
     * Sleeps the backoff delay of step {@code step} between polls of something that is not failing (an operation
     * still running): the same backoff as retries, but the listener, which hears only about retries, is not told.
     */
    public void pauseBeforePoll(String operation, int step) {
        sleep(operation, backoff.delay(step, random));
    }

    private void retryAfterPause(String operation, String code, int attempt) {
        Duration delay = backoff.delay(attempt, random);
        listener.retrying(operation, code, attempt + 1, delay);
        sleep(operation, delay);
    }

    private void sleep(String operation, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, operation + ": interrupted while backing off", e);
        }
    }
}
