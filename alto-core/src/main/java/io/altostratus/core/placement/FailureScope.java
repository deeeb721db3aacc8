package io.altostratus.core.placement;

import io.altostratus.core.error.AltoException;

/**
 * How much of the candidate list one failed attempt rules out. The walk skips every later candidate in a blocked
 * place; {@link #REQUEST} ends the walk.
 */
public enum FailureScope {
    /** Only this candidate: the failure says nothing about the place (a server error, a throttle, a timeout). */
    CANDIDATE,
    /** The zone (the region when the candidate names no zone): the place is out of capacity. */
    ZONE,
    /** The region: an account limit there, or an id that only exists in another region. */
    REGION,
    /** The whole cloud: the credentials, the account, or the request as this cloud reads it. */
    CLOUD,
    /** Nothing more may be tried: cleanup could not be verified, so another attempt could add to a leak. */
    REQUEST;

    /**
     * The default rule, one line per error code.
     * <ul>
     *   <li>{@code INSUFFICIENT_CAPACITY}: the zone. Other zones and regions may have room.</li>
     *   <li>{@code QUOTA_EXCEEDED}: the region. Quotas (EC2 vCPU limits, GCE regional CPUs, Azure family cores) are
     *       per region and account.</li>
     *   <li>{@code AUTH_FAILURE}: the cloud. Bad keys, an expired token or a disabled or unverified account fail
     *       every region alike.</li>
     *   <li>{@code INVALID_PARAMETER} and {@code UNSUPPORTED}: the cloud. The image alias, the key name or an option
     *       is wrong as this cloud reads it, so every other place of the same cloud would refuse it too; another
     *       cloud translates the request afresh and may take it. Stopping the whole walk would be wrong for a
     *       request that only one cloud cannot express.</li>
     *   <li>{@code NOT_FOUND}: the region. Image, subnet and security-group ids belong to one region.</li>
     *   <li>Anything else (throttling the provider's own retries did not get past, server errors, timeouts, states):
     *       this candidate only.</li>
     * </ul>
     */
    public static FailureScope of(AltoException failure) {
        return switch (failure.code()) {
            case INSUFFICIENT_CAPACITY -> ZONE;
            case QUOTA_EXCEEDED, NOT_FOUND -> REGION;
            case AUTH_FAILURE, INVALID_PARAMETER, UNSUPPORTED -> CLOUD;
            case ALREADY_EXISTS, INVALID_STATE, DEPENDENCY_VIOLATION, THROTTLED, TIMEOUT, PROVIDER_ERROR -> CANDIDATE;
        };
    }

    /** The words a report uses: {@code zone blocked}, {@code region blocked}, ... */
    public String describe() {
        return switch (this) {
            case CANDIDATE -> "next candidate";
            case ZONE -> "zone blocked";
            case REGION -> "region blocked";
            case CLOUD -> "cloud blocked";
            case REQUEST -> "walk stopped";
        };
    }
}
