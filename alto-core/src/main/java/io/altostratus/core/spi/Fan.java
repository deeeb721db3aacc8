package io.altostratus.core.spi;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one call per item on a session's threads, at most as many at once as {@code inFlight} has permits, and returns
 * what each came to in the items' order. For providers whose cloud has no batch form of a call (start, stop, delete
 * or get one instance; list one zone), so a call over many is many calls side by side.
 *
 * <p>Every call finishes before an answer or failure is returned, so no call is left running behind the caller's back.
 * A failure that is not an {@link AltoException} becomes one with {@link ErrorCode#PROVIDER_ERROR}.
 */
public final class Fan {
    private Fan() {
    }

    /** What one item's call came to: its answer, or its failure (then the answer is null). */
    public record Outcome<O>(O value, AltoException failure) {
    }

    /**
     * Every call's outcome, in the items' order. A single item is called on the caller's thread; there a failure
     * that is not an {@link AltoException} is thrown as it is.
     *
     * @param threads  where the calls run (virtual threads: the calls mostly wait on the network)
     * @param inFlight bounds how many calls run at once
     */
    public static <I, O> List<Outcome<O>> each(ExecutorService threads, Semaphore inFlight, List<I> items,
                                               Function<? super I, ? extends O> call) {
        if (items.size() == 1) {
            try {
                return Collections.singletonList(new Outcome<>(call.apply(items.get(0)), null));
            } catch (AltoException e) {
                return Collections.singletonList(new Outcome<>(null, e));
            }
        }
        List<Future<O>> running = new ArrayList<>();
        for (I item : items) {
            running.add(threads.submit(() -> {
                inFlight.acquire();
                try {
                    return call.apply(item);
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<Outcome<O>> out = new ArrayList<>();
        for (Future<O> f : running) {
            try {
                out.add(new Outcome<>(f.get(), null));
            } catch (ExecutionException e) {
                out.add(new Outcome<>(null, e.getCause() instanceof AltoException a ? a
                        : new AltoException(ErrorCode.PROVIDER_ERROR, null, String.valueOf(e.getCause()),
                        e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "interrupted", e);
            }
        }
        return out;
    }

    /**
     * The answers in the items' order.
     *
     * @throws AltoException the first failure in item order, once every call has finished
     * @see #each
     */
    public static <I, O> List<O> out(ExecutorService threads, Semaphore inFlight, List<I> items,
                                      Function<? super I, ? extends O> call) {
        List<O> answers = new ArrayList<>();
        AltoException failure = null;
        for (Outcome<O> o : Fan.<I, O>each(threads, inFlight, items, call)) {
            answers.add(o.value());
            failure = failure == null ? o.failure() : failure;
        }
        if (failure != null) {
            throw failure;
        }
        return answers;
    }
}
