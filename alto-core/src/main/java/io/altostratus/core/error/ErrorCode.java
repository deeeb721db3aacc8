package io.altostratus.core.error;

/** What went wrong, in terms every provider shares. The provider's own code travels beside it. */
public enum ErrorCode {
    /** The resource does not exist (or is not visible to this account). */
    NOT_FOUND,
    /** A resource with that name or token already exists. */
    ALREADY_EXISTS,
    /** An argument is malformed or out of range. */
    INVALID_PARAMETER,
    /** The operation is not valid in the resource's current state (e.g. start a terminated instance). */
    INVALID_STATE,
    /** Other resources still depend on this one. */
    DEPENDENCY_VIOLATION,
    /** The provider is rate limiting; retrying later may succeed. */
    THROTTLED,
    /** The provider has no capacity for this request in this place. */
    INSUFFICIENT_CAPACITY,
    /** Credentials are missing, wrong or lack permission. */
    AUTH_FAILURE,
    /** An account limit would be exceeded. */
    QUOTA_EXCEEDED,
    /** A wait ran out of time. */
    TIMEOUT,
    /** The provider does not offer this operation. */
    UNSUPPORTED,
    /** Anything else the provider reported, or a failure inside the provider adapter. */
    PROVIDER_ERROR;

    /** Whether repeating the same call later may succeed without any change by the caller. */
    public boolean isRetryable() {
        return this == THROTTLED || this == INSUFFICIENT_CAPACITY;
    }
}
