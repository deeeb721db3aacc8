package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WarmUpPaceTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void withoutCallsTheLoadNeverWaits() {
        WarmUpPace pace = new WarmUpPace(200 * MS, 1_000 * MS);
        pace.run();
        assertThat(pace.waitedNanos()).isZero();
    }

    @Test
    void aCallHoldsTheLoadUntilTheQuietPeriodHasPassed() {
        WarmUpPace pace = new WarmUpPace(100 * MS, 5_000 * MS);
        pace.foreground();
        long start = System.nanoTime();
        pace.run();
        long elapsed = System.nanoTime() - start;
        assertThat(elapsed).isGreaterThanOrEqualTo(80 * MS);
        assertThat(pace.waitedNanos()).isPositive().isLessThanOrEqualTo(elapsed);
        pace.run(); // quiet since: no more waiting
        assertThat(pace.waitedNanos()).isLessThanOrEqualTo(elapsed);
    }

    @Test
    void callsThatNeverStopHoldTheLoadOnlyUpToTheCap() throws Exception {
        WarmUpPace pace = new WarmUpPace(1_000 * MS, 150 * MS);
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread caller = Thread.ofPlatform().start(() -> {
            while (busy.get()) {
                pace.foreground();
                Thread.onSpinWait();
            }
        });
        try {
            pace.foreground();
            pace.run();
            assertThat(pace.waitedNanos()).isGreaterThanOrEqualTo(150 * MS);
            long before = pace.waitedNanos();
            pace.run(); // the cap is spent: the load runs on however busy the store is
            assertThat(pace.waitedNanos()).isEqualTo(before);
        } finally {
            busy.set(false);
            caller.join();
        }
    }

    @Test
    void aReleasedPaceNeverWaits() {
        WarmUpPace pace = new WarmUpPace(10_000 * MS, 60_000 * MS);
        pace.foreground();
        pace.release();
        pace.run();
        assertThat(pace.waitedNanos()).isZero();
    }
}
