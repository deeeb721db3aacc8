package io.altostratus.core.wait;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Polls until a condition says success or failure, or the timeout passes. The clock, sleeper and random source
 * are injectable so tests run instantly and deterministically.
 */
public final class Waiter {
    private final Duration timeout;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Listener listener;

    /** Sees each poll; used for progress displays. */
    @FunctionalInterface
    public interface Listener {
        void polled(int attempt, Duration elapsed, Object lastValue);

        Listener NONE = (attempt, elapsed, value) -> { };
    }

    private Waiter(Builder b) {
        this.timeout = b.timeout;
        this.backoff = b.backoff;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration timeout() {
        return timeout;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Polls {@code poll} and asks {@code judge} about each value.
     *
     * @param what      what is being waited for, for messages ("i-0abc to be running")
     * @param poll      fetches the current value; an exception from it ends the wait with that exception
     * @param judge     classifies the value
     * @param describe  renders the last value for the timeout or failure message
     * @return the value that satisfied the condition
     * @throws AltoException {@code TIMEOUT} when time runs out, {@code INVALID_STATE} when the judge says FAILURE
     */
    public <T> T until(String what, Supplier<T> poll, Function<T, Outcome> judge, Function<T, String> describe) {
        return await(what, poll, new Condition<>(what, List.of(new Acceptor<>(Outcome.SUCCESS,
                v -> judge.apply(v) == Outcome.SUCCESS, null, "success"), new Acceptor<>(Outcome.FAILURE,
                v -> judge.apply(v) == Outcome.FAILURE, null, "failure"))), describe);
    }

    /**
     * Polls {@code poll} until {@code condition} says success or failure, or time runs out. An error from a poll is
     * judged by the condition's error rules; one they do not cover ends the wait with that error.
     *
     * @param what     what is being waited for, for messages ("ami-0abc to be available")
     * @param describe renders the last value for the timeout or failure message (null when no poll gave a value)
     * @return the last value polled (null when an error rule said SUCCESS before any value was seen)
     * @throws AltoException {@code TIMEOUT} when time runs out, {@code INVALID_STATE} when the condition says FAILURE
     */
    public <T> T await(String what, Supplier<T> poll, Condition<T> condition, Function<T, String> describe) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        int attempt = 0;
        T value = null;
        while (true) {
            Outcome outcome;
            try {
                value = poll.get();
                outcome = Objects.requireNonNull(condition.judge(value), "condition returned null");
            } catch (AltoException e) {
                outcome = condition.judge(e).orElseThrow(() -> e);
            }
            Instant now = clock.instant();
            listener.polled(attempt, Duration.between(start, now), value);
            switch (outcome) {
                case SUCCESS -> {
                    return value;
                }
                case FAILURE -> throw new AltoException(ErrorCode.INVALID_STATE, "WaitFailed",
                        "gave up waiting for " + what + ": " + describe.apply(value));
                case RETRY -> {
                }
            }
            if (!now.isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, "WaitTimeout",
                        "timed out after " + human(timeout) + " waiting for " + what + " (last seen: "
                                + describe.apply(value) + ")");
            }
            Duration delay = backoff.delay(attempt++, random);
            Duration left = Duration.between(now, deadline);
            if (delay.compareTo(left) > 0) {
                delay = left;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoException(ErrorCode.TIMEOUT, "Interrupted", "interrupted while waiting for " + what, e);
            }
        }
    }

    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return d.toMillis() + " ms";
        }
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    /** Builder with defaults: 10 minutes, {@link Backoff#defaults()}, the system clock and sleeper. */
    public static final class Builder {
        private Duration timeout = Duration.ofMinutes(10);
        private Backoff backoff = Backoff.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = new Random();
        private Listener listener = Listener.NONE;

        public Builder timeout(Duration v) {
            if (v == null || v.isNegative()) {
                throw new IllegalArgumentException("timeout must be zero or positive");
            }
            timeout = v;
            return this;
        }

        public Builder backoff(Backoff v) { backoff = Objects.requireNonNull(v); return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }
        public Builder sleeper(Sleeper v) { sleeper = Objects.requireNonNull(v); return this; }
        public Builder random(RandomGenerator v) { random = Objects.requireNonNull(v); return this; }
        public Builder listener(Listener v) { listener = Objects.requireNonNull(v); return this; }

        /** An independent builder with the same settings, so a shared template is never mutated. */
        public Builder copy() {
            Builder b = new Builder();
            b.timeout = timeout;
            b.backoff = backoff;
            b.clock = clock;
            b.sleeper = sleeper;
            b.random = random;
            b.listener = listener;
            return b;
        }

        public Waiter build() {
            return new Waiter(this);
        }
    }
}
