package io.altostratus.azure;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one call per item on the session's virtual threads, at most {@code parallelism} at once, answers in the
 * items' order. ARM has no batch form of VM start, deallocate or delete, so a call over many VMs is many calls.
 */
final class Fan {
    private Fan() {
    }

    /** What each item came to: its answer or its failure. */
    record Outcome<O>(O value, AltoException failure) {
    }

    /** Every call's outcome, after every call has finished. */
    static <I, O> List<Outcome<O>> each(AzureContext context, List<I> items, Function<I, O> call) {
        if (items.size() == 1) {
            try {
                return Collections.singletonList(new Outcome<>(call.apply(items.get(0)), null));
            } catch (AltoException e) {
                return Collections.singletonList(new Outcome<>(null, e));
            }
        }
        List<Future<O>> running = new ArrayList<>();
        for (I item : items) {
            running.add(context.fanOut().submit(() -> {
                context.inFlight().acquire();
                try {
                    return call.apply(item);
                } finally {
                    context.inFlight().release();
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

    /** The answers in order. @throws AltoException the first failure in item order, after every call finished */
    static <I, O> List<O> out(AzureContext context, List<I> items, Function<I, O> call) {
        List<O> answers = new ArrayList<>();
        AltoException failure = null;
        for (Outcome<O> o : each(context, items, call)) {
            answers.add(o.value());
            failure = failure == null ? o.failure() : failure;
        }
        if (failure != null) {
            throw failure;
        }
        return answers;
    }
}
