package io.altostratus.gcp;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one call per item on the session's virtual threads, at most {@code parallelism} at once, and returns the
 * answers in the items' order. GCE has no batch form of most calls (stop, start, delete, get are per instance, lists
 * are per zone), so a call over many is many calls in parallel.
 */
final class Fan {
    private Fan() {
    }

    /**
     * @throws AltoException the first failure in item order, after every call has finished (so no call is left
     *         running behind the caller's back)
     */
    static <I, O> List<O> out(GcpContext context, List<I> items, Function<I, O> call) {
        if (items.size() == 1) {
            return java.util.Collections.singletonList(call.apply(items.get(0)));
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
        List<O> out = new ArrayList<>();
        AltoException failure = null;
        for (Future<O> f : running) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add(null);
                if (failure == null) {
                    failure = e.getCause() instanceof AltoException a ? a
                            : new AltoException(ErrorCode.PROVIDER_ERROR, null, String.valueOf(e.getCause()),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }
}
