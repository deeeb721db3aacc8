package io.altostratus.gcp.internal;

import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs Compute Engine calls with the provider's policy, in one place:
 * <ul>
 *   <li>rate limits (HTTP 429, reason {@code rateLimitExceeded}) and 5xx are retried by the {@link Retrier}, with
 *       capped exponential backoff and jitter; everything else fails at once, translated by {@link GceErrors};</li>
 *   <li>a read of something just made treats {@code notFound} as "not visible yet" until a deadline;</li>
 *   <li>a mutating call's {@link Operation} is waited on ({@code zoneOperations.wait} or {@code globalOperations.wait},
 *       which GCE answers when the operation is DONE or after at most about two minutes) until it is DONE, and an
 *       error in it becomes the portable error.</li>
 * </ul>
 */
public final class GceCalls {
    /** Polls of one operation at most, whatever the clock says (a clock that never moves must not loop forever). */
    private static final int MAX_POLLS = 10_000;

    private final Retrier retrier;
    private final Duration operationTimeout;
    private final GceClients clients;
    private final String project;

    public GceCalls(Retrier retrier, Duration operationTimeout, GceClients clients, String project) {
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.project = Objects.requireNonNull(project, "project");
    }

    public Clock clock() {
        return retrier.clock();
    }

    /** Runs {@code call}, retrying transient failures; a final failure comes back translated. */
    public <T> T call(String operation, Supplier<T> call) {
        return retrier.call(operation, call);
    }

    /**
     * Runs {@code call} that reads something just made: {@code NOT_FOUND} means "not visible yet" until
     * {@code visibleBy} and is retried with the same backoff until then.
     */
    public <T> T callUntilVisible(String operation, Instant visibleBy, Supplier<T> call) {
        return retrier.callUntilVisible(operation, visibleBy, call);
    }

    /**
     * Sends a mutating call and waits until its operation is DONE.
     *
     * @return the DONE operation
     * @throws AltoException the operation's own error, translated; TIMEOUT when it is not DONE by the timeout
     */
    public Operation mutate(String operation, Supplier<Operation> call) {
        return await(operation, call(operation, call));
    }

    /** Waits until {@code started} is DONE (see {@link #mutate}). */
    public Operation await(String operation, Operation started) {
        Clock clock = retrier.clock();
        Instant deadline = clock.instant().plus(operationTimeout);
        Operation current = started;
        for (int poll = 0; ; poll++) {
            if (current.getStatus() == Operation.Status.DONE) {
                AltoException failed = GceErrors.of(operation, current);
                if (failed != null) {
                    throw failed;
                }
                return current;
            }
            if (!clock.instant().isBefore(deadline) || poll >= MAX_POLLS) {
                throw new AltoException(ErrorCode.TIMEOUT, current.getStatus().name(), operation + ": operation "
                        + current.getName() + " is still " + current.getStatus() + " after " + operationTimeout);
            }
            if (poll > 0) {
                // GCE's wait returns after at most about two minutes; an endpoint that answers at once must not be
                // polled in a hot loop.
                retrier.pauseBeforePoll(operation, Math.min(poll - 1, 8));
            }
            Operation pending = current;
            current = call(operation + " (wait)", () -> waitOnce(pending));
        }
    }

    private Operation waitOnce(Operation pending) {
        String zone = GceNames.last(pending.getZone());
        if (zone != null) {
            return clients.zoneOperations().wait(project, zone, pending.getName());
        }
        return clients.globalOperations().wait(project, pending.getName());
    }
}
