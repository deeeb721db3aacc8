package io.altostratus.azure;

import io.altostratus.core.error.AltoException;
import java.util.List;
import java.util.function.Function;

/**
 * The session's fan-out ({@link io.altostratus.core.spi.Fan}) on its own threads and bound. ARM has no batch form of
 * VM start, deallocate or delete, so a call over many VMs is many calls.
 */
final class Fan {
    private Fan() {
    }

    /** What each item came to: its answer or its failure. */
    record Outcome<O>(O value, AltoException failure) {
    }

    /** Every call's outcome, after every call has finished. */
    static <I, O> List<Outcome<O>> each(AzureContext context, List<I> items, Function<I, O> call) {
        return io.altostratus.core.spi.Fan.each(context.fanOut(), context.inFlight(), items, call).stream()
                .map(o -> new Outcome<O>(o.value(), o.failure())).toList();
    }

    /** The answers in order. @throws AltoException the first failure in item order, after every call finished */
    static <I, O> List<O> out(AzureContext context, List<I> items, Function<I, O> call) {
        return io.altostratus.core.spi.Fan.out(context.fanOut(), context.inFlight(), items, call);
    }
}
