package io.altostratus.core.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetrierTest {
    /** A backend failure as a client would throw it: whether it is worth repeating, and the backend's own code. */
    static final class BackendFailure extends RuntimeException {
        final boolean transientFailure;
        final ErrorCode code;
        final String providerCode;

        BackendFailure(boolean transientFailure, ErrorCode code, String providerCode) {
            super(providerCode);
            this.transientFailure = transientFailure;
            this.code = code;
            this.providerCode = providerCode;
        }
    }

    static final Retrier.Failures<BackendFailure> FAILURES = new Retrier.Failures<>(BackendFailure.class,
            f -> f.transientFailure, (operation, f) -> new AltoException(f.code, f.providerCode,
            operation + ": " + f.getMessage(), f));

    private static final BackendFailure THROTTLED = new BackendFailure(true, ErrorCode.THROTTLED, "SlowDown");
    private static final BackendFailure NOT_FOUND = new BackendFailure(false, ErrorCode.NOT_FOUND, "NoSuchThing");

    private final ManualClock clock = new ManualClock();
    /** Every pause asked for, in order; each moves the manual clock on by its length. */
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> retries = new ArrayList<>();

    private Retrier retrier(int maxAttempts, Backoff backoff) {
        return retrier(maxAttempts, backoff, d -> {
            sleeps.add(d);
            clock.advance(d);
        });
    }

    private Retrier retrier(int maxAttempts, Backoff backoff, Sleeper sleeper) {
        return new Retrier(maxAttempts, FAILURES, backoff, sleeper, clock, new Random(7),
                (operation, code, attempt, delay) -> retries.add(operation + " " + code + " #" + attempt + " " + delay));
    }

    private static Backoff fixed(Duration initial, Duration max) {
        return new Backoff(initial, max, 2.0, false);
    }

    /** A call that fails with {@code failure} {@code times} times, then answers "done". */
    private static Supplier<String> failing(BackendFailure failure, int times, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw failure;
            }
            return "done";
        };
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String answer = retrier(6, fixed(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .call("Describe", failing(THROTTLED, 2, calls));
        assertThat(answer).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(retries).containsExactly("Describe SlowDown #1 PT0.1S", "Describe SlowDown #2 PT0.2S");
    }

    @Test
    void triesAtMostMaxAttemptsThenThrowsTheTranslatedFailure() {
        AtomicInteger calls = new AtomicInteger();
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> retrier(4, fixed(Duration.ofMillis(100), Duration.ofSeconds(1)))
                        .call("Describe", failing(THROTTLED, Integer.MAX_VALUE, calls)));
        assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
        assertThat(e.providerCode()).isEqualTo("SlowDown");
        assertThat(e).hasMessage("Describe: SlowDown").hasCause(THROTTLED);
        assertThat(calls).hasValue(4);
        assertThat(sleeps).hasSize(3);
        assertThat(retries).hasSize(3);
    }

    @Test
    void aFailureThatIsNotTransientFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> retrier(6, Backoff.defaults()).call("Describe", failing(NOT_FOUND, 1, calls)));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void whatIsNotTheClientsFailureOrIsAlreadyPortablePropagatesUnchangedAndUntried() {
        IllegalStateException bug = new IllegalStateException("a bug");
        AltoException portable = new AltoException(ErrorCode.THROTTLED, "Inner", "retried inside already");
        AtomicInteger calls = new AtomicInteger();
        Retrier retrier = retrier(6, Backoff.defaults());
        assertThat(catchThrowable(() -> retrier.run("Describe", () -> {
            calls.incrementAndGet();
            throw bug;
        }))).isSameAs(bug);
        assertThat(catchThrowable(() -> retrier.run("Describe", () -> {
            calls.incrementAndGet();
            throw portable;
        }))).isSameAs(portable);
        assertThat(calls).hasValue(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void delaysGrowExponentiallyUpToTheCap() {
        retrier(8, fixed(Duration.ofMillis(100), Duration.ofMillis(1000)))
                .call("Describe", failing(THROTTLED, 7, new AtomicInteger()));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(1000));
    }

    @Test
    void jitteredDelaysStayBetweenHalfAndAllOfTheCappedValue() {
        int attempts = 200;
        retrier(attempts, new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, true))
                .call("Describe", failing(THROTTLED, attempts - 1, new AtomicInteger()));
        assertThat(sleeps).hasSize(attempts - 1);
        for (int i = 0; i < sleeps.size(); i++) {
            long capped = Math.min(100L << Math.min(i, 10), 1000L);
            assertThat(sleeps.get(i)).as("delay %d", i)
                    .isBetween(Duration.ofMillis(capped / 2), Duration.ofMillis(capped));
        }
        assertThat(sleeps.stream().distinct().count()).as("jitter spreads the delays").isGreaterThan(10);
    }

    @Test
    void notFoundIsRetriedWithinTheVisibilityGrace() {
        AtomicInteger calls = new AtomicInteger();
        Instant visibleBy = clock.instant().plusSeconds(10);
        String answer = retrier(6, fixed(Duration.ofMillis(500), Duration.ofSeconds(2)))
                .callUntilVisible("Describe", visibleBy, failing(NOT_FOUND, 3, calls));
        assertThat(answer).isEqualTo("done");
        assertThat(calls).hasValue(4);
        assertThat(retries).containsExactly("Describe NoSuchThing #1 PT0.5S", "Describe NoSuchThing #2 PT1S",
                "Describe NoSuchThing #3 PT2S");
    }

    @Test
    void notFoundAfterTheGraceIsFinal() {
        AtomicInteger calls = new AtomicInteger();
        Instant visibleBy = clock.instant().plusSeconds(3);
        AltoException e = catchThrowableOfType(AltoException.class,
                () -> retrier(6, fixed(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                        .callUntilVisible("Describe", visibleBy, failing(NOT_FOUND, Integer.MAX_VALUE, calls)));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(calls).as("at 0, 1, 2 and 3 s; at 3 s the grace is over").hasValue(4);
        assertThat(clock.instant()).isEqualTo(visibleBy);
    }

    @Test
    void notFoundOfSomethingNotJustMadeIsFinalAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        AltoException e = catchThrowableOfType(AltoException.class, () -> retrier(6, Backoff.defaults())
                .callUntilVisible("Describe", Instant.MIN, failing(NOT_FOUND, Integer.MAX_VALUE, calls)));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theGraceIsBoundedInTriesWhenTheClockDoesNotMove() {
        AtomicInteger calls = new AtomicInteger();
        Retrier stuck = retrier(6, Backoff.defaults(), sleeps::add);
        catchThrowableOfType(AltoException.class, () -> stuck.callUntilVisible("Describe",
                clock.instant().plusSeconds(60), failing(NOT_FOUND, Integer.MAX_VALUE, calls)));
        assertThat(calls).hasValue(Retrier.MAX_VISIBILITY_TRIES);
    }

    @Test
    void runWhileRepeatsWhileTheCodeLastsAndUntilTheDeadline() {
        BackendFailure inUse = new BackendFailure(false, ErrorCode.DEPENDENCY_VIOLATION, "InUse");
        AtomicInteger calls = new AtomicInteger();
        Retrier retrier = retrier(6, fixed(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        retrier.runWhile("Delete", ErrorCode.DEPENDENCY_VIOLATION, clock.instant().plusSeconds(60),
                () -> failing(inUse, 5, calls).get());
        assertThat(calls).hasValue(6);

        AtomicInteger late = new AtomicInteger();
        AltoException e = catchThrowableOfType(AltoException.class, () -> retrier.runWhile("Delete",
                ErrorCode.DEPENDENCY_VIOLATION, clock.instant().plusSeconds(2),
                () -> failing(inUse, Integer.MAX_VALUE, late).get()));
        assertThat(e.providerCode()).isEqualTo("InUse");
        assertThat(late).hasValue(3);
    }

    @Test
    void pausesBeforePollsBackOffWithoutCountingAsRetries() {
        Retrier retrier = retrier(6, fixed(Duration.ofMillis(100), Duration.ofSeconds(1)));
        retrier.pauseBeforePoll("Insert", 0);
        retrier.pauseBeforePoll("Insert", 3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(800));
        assertThat(retries).isEmpty();
    }
}
