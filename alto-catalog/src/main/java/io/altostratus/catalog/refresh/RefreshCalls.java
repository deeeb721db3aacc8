package io.altostratus.catalog.refresh;

import io.altostratus.core.wait.Retrier;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The API calls of one catalog refresh: at most {@code concurrency} in flight, each counted, with its attempts, and
 * placed in its chain of dependent calls, so a refresh can tell its {@link CatalogRefresher.Stats}; progress goes to
 * the listener after every call and every region finished. Safe to use from any thread.
 *
 * <p>A call's depth is its place in the longest chain of calls it had to wait for (1 for a call that waited for none,
 * n + 1 for the page after a call at depth n); the deepest call made is the refresh's critical path.
 */
public final class RefreshCalls {
    private final Semaphore permits;
    private final CatalogRefresher.Progress progress;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicInteger deepest = new AtomicInteger();
    private final AtomicInteger regionsDone = new AtomicInteger();
    private volatile int regionsTotal;

    /**
     * @param concurrency the most calls (or attempts, for retried calls) in flight at once
     * @param progress    told after every call and every region finished; may be null
     */
    public RefreshCalls(int concurrency, CatalogRefresher.Progress progress) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.permits = new Semaphore(concurrency);
        this.progress = progress;
    }

    /**
     * Makes a call whose retries, if any, happen inside it (an SDK's own retry strategy): it holds one permit for all
     * of them, and whoever sees the attempts counts them with {@link #attempted()}.
     *
     * @throws CancellationException when the calling thread is interrupted (the refresh is being aborted)
     */
    public <T> T call(int depth, Supplier<T> call) {
        abortIfInterrupted();
        acquire();
        started.incrementAndGet();
        try {
            return call.get();
        } finally {
            permits.release();
            finished(depth);
        }
    }

    /**
     * Makes a call retried by {@code retrier}, counting every attempt. The permit is held per attempt, not across a
     * retry's backoff: a throttled call waiting its turn again should not keep others from going.
     *
     * @throws CancellationException when the calling thread is interrupted (the refresh is being aborted)
     */
    public <T> T call(int depth, Retrier retrier, String operation, Supplier<T> attempt) {
        abortIfInterrupted();
        started.incrementAndGet();
        try {
            return retrier.call(operation, () -> {
                acquire();
                try {
                    attempts.incrementAndGet();
                    return attempt.get();
                } finally {
                    permits.release();
                }
            });
        } finally {
            finished(depth);
        }
    }

    /** Counts one attempt (an HTTP request) of a call made with {@link #call(int, Supplier)}. */
    public void attempted() {
        attempts.incrementAndGet();
    }

    /** How many regions the refresh covers, once it knows. */
    public void regionsTotal(int regions) {
        regionsTotal = regions;
    }

    /** One region has all its answers. */
    public void regionDone() {
        regionsDone.incrementAndGet();
        report();
    }

    /** What the calls so far measured, with what the refresh itself counted. */
    public CatalogRefresher.Stats stats(Duration wall, int regions, int types, int offers, int images) {
        return new CatalogRefresher.Stats(done.get(), attempts.get(), deepest.get(), wall, regions, types, offers,
                images);
    }

    /**
     * The answer of a call submitted to another thread; its failure is rethrown as it was thrown there, so an
     * {@code AltoException} reaches the refresh's caller unwrapped.
     */
    public static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("refresh aborted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        }
    }

    private static void abortIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("refresh aborted");
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("refresh aborted");
        }
    }

    private void finished(int depth) {
        done.incrementAndGet();
        deepest.accumulateAndGet(depth, Math::max);
        report();
    }

    private void report() {
        if (progress != null) {
            progress.update(done.get(), started.get(), regionsDone.get(), regionsTotal);
        }
    }
}
