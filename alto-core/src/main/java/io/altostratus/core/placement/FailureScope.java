package io.altostratus.core.placement;

import io.altostratus.core.error.AltoException;

/**
 * How much of the candidate list one failed attempt rules out. The walk skips every later candidate in a blocked
 * place ({@link #TYPE_IN_ZONE}: only later candidates of the same type there); {@link #REQUEST} ends the walk.
 */
public enum FailureScope {
    /** Only this candidate: the failure says nothing about the place (a server error, a throttle, a timeout). */
    CANDIDATE,
    /**
     * This instance type in this zone (in the region when the candidate names no zone): the cloud is out of that
     * type there. Other types of the same zone, and the same type in other zones, are still tried.
     */
    TYPE_IN_ZONE,
    /** The zone (the region when the candidate names no zone) for every type: the place itself is unusable. */
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
     *   <li>{@code INSUFFICIENT_CAPACITY}: that type in that zone ({@link #TYPE_IN_ZONE}). Every cloud keeps its
     *       capacity per type (hardware family) per zone, and says so: EC2's {@code InsufficientInstanceCapacity} is
     *       for the requested type in the requested Availability Zone, and EC2 itself suggests another type or
     *       another zone; GCE's {@code ZONE_RESOURCE_POOL_EXHAUSTED} (and {@code ..._WITH_DETAILS}) names the zone,
     *       and in practice the shortage is of one machine type's pool there, while other series in the same zone
     *       launch; Azure's {@code SkuNotAvailable} and {@code AllocationFailed} / {@code ZonalAllocationFailed} are
     *       for one VM size in one region or zone, and Azure suggests another size or zone. So a shortage of type A
     *       in zone 1 says nothing about type B in zone 1, nor about type A in zone 2.</li>
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
            case INSUFFICIENT_CAPACITY -> TYPE_IN_ZONE;
            case QUOTA_EXCEEDED, NOT_FOUND -> REGION;
            case AUTH_FAILURE, INVALID_PARAMETER, UNSUPPORTED -> CLOUD;
            case ALREADY_EXISTS, INVALID_STATE, DEPENDENCY_VIOLATION, THROTTLED, TIMEOUT, PROVIDER_ERROR -> CANDIDATE;
        };
    }

    /** The words a report uses: {@code zone blocked}, {@code region blocked}, ... */
    public String describe() {
        return switch (this) {
            case CANDIDATE -> "next candidate";
            case TYPE_IN_ZONE -> "type blocked in zone";
            case ZONE -> "zone blocked";
            case REGION -> "region blocked";
            case CLOUD -> "cloud blocked";
            case REQUEST -> "walk stopped";
        };
    }
}
