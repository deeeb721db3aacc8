package io.altostratus.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs ARM calls with the provider's policy, in one place:
 * <ul>
 *   <li>429, 5xx and a 409 while another operation runs on the resource are retried by the shared {@link Retrier}
 *       (capped exponential backoff with jitter, {@code max_attempts} tries); a 429's {@code Retry-After} is honoured
 *       first, capped at {@code retry_max_ms}, so the wait is the server's delay plus the backoff. Everything else
 *       fails at once, translated by {@link ArmErrors}.</li>
 *   <li>A long-running operation (PUT 201/202 with {@code Azure-AsyncOperation} or {@code Location}) is polled by
 *       us, one {@link SyncPoller#poll()} at a time, never by the SDK's own waiting: between polls we sleep the
 *       operation's {@code Retry-After} (capped at {@code retry_max_ms}; when ARM says 0 or nothing, the backoff
 *       step) through the injected {@link Sleeper}, so tests pass no real time, and stop at
 *       {@code operation_timeout_s} on the injected clock ({@code TIMEOUT}). A Failed operation's error is the
 *       call's error.</li>
 * </ul>
 */
public final class ArmCalls {
    /** Polls of one operation at most, whatever the clock says (a clock that never moves must not loop forever). */
    private static final int MAX_POLLS = 10_000;

    private final Retrier retrier;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final Duration maxDelay;
    private final Duration operationTimeout;

    /**
     * @param maxAttempts the retrier's tries per call: the server's delay is not waited after the last one
     */
    public ArmCalls(Retrier retrier, int maxAttempts, Sleeper sleeper, Duration maxDelay, Duration operationTimeout) {
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.maxAttempts = maxAttempts;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
    }

    public Clock clock() {
        return retrier.clock();
    }

    /** Runs {@code call}, retrying transient failures; a final failure comes back translated. */
    public <T> T call(String operation, Supplier<T> call) {
        int[] attempt = {0};
        return retrier.call(operation, () -> honouringRetryAfter(operation, call, ++attempt[0]));
    }

    public void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Starts a long-running operation and waits until it ends.
     *
     * @return the operation's final result (the resource for a PUT, null for a delete or an action)
     * @throws AltoException the operation's own error, translated; TIMEOUT when it has not ended by the timeout
     */
    public <R> R await(String operation, Supplier<SyncPoller<PollResult<R>, R>> begin) {
        SyncPoller<PollResult<R>, R> poller = call(operation, begin);
        Instant deadline = clock().instant().plus(operationTimeout);
        for (int poll = 0; ; poll++) {
            PollResponse<PollResult<R>> response = call(operation + " (poll)", poller::poll);
            LongRunningOperationStatus status = response.getStatus();
            if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                return call(operation + " (result)", poller::getFinalResult);
            }
            if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
                PollResult.Error error = response.getValue() == null ? null : response.getValue().getError();
                throw ArmErrors.ofOperation(operation, error == null ? 0 : error.getResponseStatusCode(),
                        error == null ? null : error.getResponseBody(),
                        error == null ? "the operation ended " + status : error.getMessage());
            }
            if (!clock().instant().isBefore(deadline) || poll >= MAX_POLLS) {
                throw new AltoException(ErrorCode.TIMEOUT, status.toString(), operation
                        + ": the operation is still " + status + " after " + operationTimeout);
            }
            Duration retryAfter = response.getRetryAfter();
            if (retryAfter != null && !retryAfter.isZero() && !retryAfter.isNegative()) {
                sleep(operation, min(retryAfter, maxDelay));
            } else {
                retrier.pauseBeforePoll(operation, Math.min(poll, 8));
            }
        }
    }

    /** Runs one attempt; a transient failure with a {@code Retry-After} waits it (capped) unless it was the last. */
    private <T> T honouringRetryAfter(String operation, Supplier<T> call, int attempt) {
        try {
            return call.get();
        } catch (HttpResponseException e) {
            if (ArmErrors.isTransient(e) && attempt < maxAttempts) {
                Duration retryAfter = ArmErrors.retryAfter(e);
                if (retryAfter != null && retryAfter.isPositive()) {
                    sleep(operation, min(retryAfter, maxDelay));
                }
            }
            throw e;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(String operation, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, operation + ": interrupted while waiting", e);
        }
    }
}
