package io.altostratus.gateway.gce.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One backend question asked of many regions (or zones) at once: account-wide listings would otherwise pay the
 * backend's round trip once per region, one after another. Answers come back in the order of the inputs, so a listing
 * reads the same whatever order the backend answers in.
 */
final class Fanout {
    /**
     * At most this many backend calls of one listing run at once: every region of the GCP catalog (or AWS) in one
     * wave, every zone in two or three, few enough that one listing does not flood the backend or its rate limits.
     */
    static final int MAX_PARALLEL = 32;

    private Fanout() {
    }

    /**
     * {@code ask} applied to every input, at most {@link #MAX_PARALLEL} at a time on virtual threads, answers in input
     * order. One input runs on the caller's thread. The first failure (in input order) is thrown as it was thrown.
     */
    static <I, O> List<O> map(List<I> inputs, Function<? super I, ? extends O> ask) {
        if (inputs.size() <= 1) {
            return inputs.stream().<O>map(ask).toList();
        }
        Semaphore permits = new Semaphore(MAX_PARALLEL);
        List<Future<O>> answers = new ArrayList<>(inputs.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (I input : inputs) {
                answers.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return ask.apply(input);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<O> out = new ArrayList<>(inputs.size());
            for (Future<O> answer : answers) {
                out.add(join(answer, threads));
            }
            return out;
        }
    }

    /** Two independent answers. */
    record Both<A, B>(A first, B second) {
    }

    /** {@code first} on a virtual thread while {@code second} runs on the caller's; failures as {@link #map}'s. */
    static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<A> a = threads.submit(first::get);
            B b;
            try {
                b = second.get();
            } catch (RuntimeException | Error e) {
                threads.shutdownNow();
                throw e;
            }
            return new Both<>(join(a, threads), b);
        }
    }

    private static <O> O join(Future<O> answer, ExecutorService threads) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            // The rest of the listing is of no use once one part failed.
            threads.shutdownNow();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted",
                    "interrupted while waiting for the backend's answers", e);
        }
    }
}
