package io.altostratus.catalog.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshCallsTest {
    /** A client failure that is transient when its message says so. */
    private static final class Flaky extends RuntimeException {
        Flaky(String message) {
            super(message);
        }
    }

    private static Retrier retrier(Sleeper backoff) {
        Retrier.Failures<Flaky> failures = new Retrier.Failures<>(Flaky.class, e -> e.getMessage().equals("busy"),
                (operation, e) -> new AltoException(ErrorCode.PROVIDER_ERROR, e.getMessage(), operation + " failed"));
        return new Retrier(5, failures, new Backoff(Duration.ZERO, Duration.ZERO, 2.0, false), backoff,
                Clock.systemUTC(), new Random(1), Retrier.Listener.NONE);
    }

    @Test
    void neverMoreCallsInFlightThanTheBound() throws Exception {
        RefreshCalls calls = new RefreshCalls(3, null);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeIn = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                answers.add(threads.submit(() -> calls.call(1, () -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    threeIn.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    inFlight.decrementAndGet();
                    return n;
                })));
            }
            assertThat(threeIn.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // time for a fourth call to get in, were the bound not kept
            assertThat(inFlight.get()).isEqualTo(3);
            release.countDown();
            for (int i = 0; i < answers.size(); i++) {
                assertThat(RefreshCalls.join(answers.get(i))).isEqualTo(i);
            }
        }
        assertThat(most.get()).isEqualTo(3);
        assertThat(calls.stats(Duration.ZERO, 0, 0, 0, 0).calls()).isEqualTo(12);
    }

    @Test
    void aRetriedCallCountsOnceWithEveryAttemptAndHoldsAPermitOnlyPerAttempt() {
        RefreshCalls calls = new RefreshCalls(1, null);
        AtomicInteger tries = new AtomicInteger();
        // With one permit, a call made during the backoff would never get one if the waiting call kept it.
        Retrier retrier = retrier(delay -> calls.call(1, () -> null));
        String answer = calls.call(1, retrier, "list", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new Flaky("busy");
            }
            return "page";
        });
        assertThat(answer).isEqualTo("page");
        assertThatThrownBy(() -> calls.call(1, retrier, "get", () -> {
            throw new Flaky("gone");
        })).isInstanceOf(AltoException.class);

        CatalogRefresher.Stats stats = calls.stats(Duration.ZERO, 0, 0, 0, 0);
        assertThat(stats.calls()).as("a call is one call however often it is tried; two more made in backoffs")
                .isEqualTo(4);
        assertThat(stats.attempts()).as("three of list, one of get; the calls in backoffs count none of their own")
                .isEqualTo(4);
    }

    @Test
    void attemptsOfACallThatRetriesInsideItAreCountedByWhoeverSeesThem() {
        RefreshCalls calls = new RefreshCalls(2, null);
        calls.call(1, () -> {
            calls.attempted();
            calls.attempted();
            return null;
        });
        CatalogRefresher.Stats stats = calls.stats(Duration.ZERO, 0, 0, 0, 0);
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(stats.attempts()).isEqualTo(2);
    }

    @Test
    void theCriticalPathIsTheLongestChainOfDependentCallsNotTheirNumber() throws Exception {
        RefreshCalls calls = new RefreshCalls(8, null);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Four independent chains side by side; the longest is three pages after a first call.
            List<Future<Integer>> chains = new ArrayList<>();
            for (int pages = 1; pages <= 4; pages++) {
                int length = pages;
                chains.add(threads.submit(() -> {
                    int depth = 0;
                    for (int page = 0; page < length; page++) {
                        calls.call(++depth, () -> null);
                    }
                    return depth;
                }));
            }
            for (Future<Integer> chain : chains) {
                RefreshCalls.join(chain);
            }
        }
        CatalogRefresher.Stats stats = calls.stats(Duration.ofSeconds(1), 0, 0, 0, 0);
        assertThat(stats.calls()).isEqualTo(1 + 2 + 3 + 4);
        assertThat(stats.criticalPath()).isEqualTo(4);
        assertThat(stats.criticalPathBound(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void progressIsToldAfterEveryCallAndEveryRegionFinished() {
        List<String> updates = new ArrayList<>();
        RefreshCalls calls = new RefreshCalls(1, (done, started, regionsDone, regionsTotal) ->
                updates.add(done + "/" + started + " " + regionsDone + "/" + regionsTotal));
        calls.regionsTotal(2);
        calls.call(1, () -> null);
        calls.regionDone();
        calls.call(2, () -> null);
        calls.regionDone();
        assertThat(updates).containsExactly("1/1 0/2", "1/1 1/2", "2/2 1/2", "2/2 2/2");
    }

    @Test
    void aCallOnAnInterruptedThreadIsNotMade() {
        RefreshCalls calls = new RefreshCalls(1, null);
        AtomicInteger made = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> calls.call(1, made::incrementAndGet)).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(made.get()).isZero();
        assertThat(calls.stats(Duration.ZERO, 0, 0, 0, 0).calls()).isZero();
    }

    @Test
    void aFailureOnAnotherThreadIsRethrownAsItWasThrown() {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Object> failed = threads.submit(() -> {
                throw new AltoException(ErrorCode.NOT_FOUND, "gone");
            });
            assertThatThrownBy(() -> RefreshCalls.join(failed)).isInstanceOf(AltoException.class).hasMessage("gone");
        }
    }
}
