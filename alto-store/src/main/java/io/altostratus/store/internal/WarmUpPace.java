package io.altostratus.store.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a mirror's load gives way to the calls a warming store answers meanwhile. Loading a large state keeps a core
 * busy decoding rows (and, on PostgreSQL, the server's backend another one sending them), so on a small machine the
 * first requests after a restart waited for CPU behind it: measured on 2 cores at 100,000 instances on PostgreSQL, a
 * restarted server's first answer came 3.4-4.0 s after start with the load running and 1.4-1.5 s with it held back.
 *
 * <p>The load calls {@link #run()} between batches of rows; while calls have reached the direct store within the
 * last {@link #QUIET_NANOS} (half a second) it waits, so the first requests run alone and the load resumes in the
 * gaps. Waiting is capped at {@link #MAX_WAIT_NANOS} (two seconds) in all: the pace is for a restart's first
 * answers, and a longer hold costs more than it gives under steady load, where every call it holds back is one the
 * direct store answers more slowly than the mirror would (with ten seconds, a server restarted at 1,000 instances
 * and grown to 10,000 at once answered its pages in 93-117 ms instead of 28-42 ms, its heap three times the size).
 */
final class WarmUpPace implements Runnable {
    /** How long after the last direct call the load stays held: a request's own work outlasts its store calls. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long quietNanos;
    private final long maxWaitNanos;
    private volatile long lastForeground = Long.MIN_VALUE;
    private volatile boolean released;
    private long waited; // only the loading thread reads and writes it

    WarmUpPace() {
        this(QUIET_NANOS, MAX_WAIT_NANOS);
    }

    WarmUpPace(long quietNanos, long maxWaitNanos) {
        this.quietNanos = quietNanos;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Called for every call the direct store answers while the mirror loads. */
    void foreground() {
        lastForeground = System.nanoTime();
    }

    /** Lets the load run at full speed from now on (the store is closing, or the mirror took over). */
    void release() {
        released = true;
    }

    /** Total time the load has waited so far; for tests. */
    long waitedNanos() {
        return waited;
    }

    @Override
    public void run() {
        while (!released && waited < maxWaitNanos) {
            long last = lastForeground;
            long sinceForeground = System.nanoTime() - last;
            if (last == Long.MIN_VALUE || sinceForeground >= quietNanos) {
                return;
            }
            long start = System.nanoTime();
            LockSupport.parkNanos(Math.min(STEP_NANOS, quietNanos - sinceForeground));
            waited += System.nanoTime() - start;
        }
    }
}
