package io.altostratus.core.wait;

/** What one poll of a waiter says. */
public enum Outcome {
    /** The condition holds: stop and return. */
    SUCCESS,
    /** The condition can never hold (e.g. waiting for running on a terminated instance): stop and fail. */
    FAILURE,
    /** Not yet: poll again after a backoff delay. */
    RETRY
}
