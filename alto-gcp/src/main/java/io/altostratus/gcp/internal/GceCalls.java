package io.altostratus.gcp.internal;

import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs Compute Engine calls with the provider's policy, in one place:
 * <ul>
 *   <li>rate limits (HTTP 429, reason {@code rateLimitExceeded}) and 5xx are retried with capped exponential backoff
 *       and jitter, at most {@code maxAttempts} tries; everything else fails at once, translated by
 *       {@link GceErrors};</li>
 *   <li>a read of something just made treats {@code notFound} as "not visible yet" until a deadline;</li>
 *   <li>a mutating call's {@link Operation} is waited on ({@code zoneOperations.wait} or {@code globalOperations.wait},
 *       which GCE answers when the operation is DONE or after at most about two minutes) until it is DONE, and an
 *       error in it becomes the portable error.</li>
 * </ul>
 * Time passes through an injected {@link Sleeper} and clock, so tests see every delay without sleeping.
 */
public final class GceCalls {
    /** Told about every retry; tests record them, the CLI could show them. */
    @FunctionalInterface
    public interface Listener {
        void retrying(String operation, String code, int attempt, Duration delay);

        Listener NONE = (operation, code, attempt, delay) -> {
        };
    }

    /** Polls of one operation at most, whatever the clock says (a clock that never moves must not loop forever). */
    private static final int MAX_POLLS = 10_000;
    /** Reads of something just made at most, whatever the clock says. */
    private static final int MAX_VISIBILITY_TRIES = 30;

    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Listener listener;
    private final Duration operationTimeout;
    private final GceClients clients;
    private final String project;

    public GceCalls(int maxAttempts, Backoff backoff, Sleeper sleeper, Clock clock, RandomGenerator random,
                    Listener listener, Duration operationTimeout, GceClients clients, String project) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = listener == null ? Listener.NONE : listener;
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.project = Objects.requireNonNull(project, "project");
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code call}, retrying transient failures; a final failure comes back translated. */
    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (AltoException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!GceErrors.isTransient(e) || attempt + 1 >= maxAttempts) {
                    throw GceErrors.translate(operation, e);
                }
                pause(operation, GceErrors.translate(operation, e).providerCode(), attempt);
            }
        }
    }

    /**
     * Runs {@code call} that reads something just made: {@code NOT_FOUND} means "not visible yet" until
     * {@code visibleBy} and is retried with the same backoff until then.
     */
    public <T> T callUntilVisible(String operation, Instant visibleBy, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(operation, call);
            } catch (AltoException e) {
                // The attempt bound keeps a clock that never moves (a test's, or a stuck one) from looping forever.
                if (e.code() != ErrorCode.NOT_FOUND || !clock.instant().isBefore(visibleBy)
                        || attempt + 1 >= MAX_VISIBILITY_TRIES) {
                    throw e;
                }
                pause(operation, e.providerCode(), attempt);
            }
        }
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
                pause(operation, current.getStatus().name(), Math.min(poll - 1, 8), false);
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

    private void pause(String operation, String code, int attempt) {
        pause(operation, code, attempt, true);
    }

    /** Backs off before the next try; only retries are told to the listener, not the polls of an operation. */
    private void pause(String operation, String code, int attempt, boolean retry) {
        Duration delay = backoff.delay(attempt, random);
        if (retry) {
            listener.retrying(operation, code, attempt + 1, delay);
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, operation + ": interrupted while backing off", e);
        }
    }
}
