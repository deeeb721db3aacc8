package io.altostratus.core.spi.decorate;

/** The kinds of fault a {@link FaultPlan} injects, named as in its spec string. */
public enum FaultKind {
    /** The backend rate-limits the call ({@code THROTTLED}). */
    THROTTLE,
    /** The backend fails the call with a server error ({@code PROVIDER_ERROR}). */
    ERROR,
    /** A resource just made is not visible yet ({@code NOT_FOUND}). */
    EVENTUAL,
    /** A launch meets a capacity shortage ({@code INSUFFICIENT_CAPACITY}). */
    CAPACITY,
    /** A launch meets a used-up account limit ({@code QUOTA_EXCEEDED}). */
    QUOTA;

    /** The name in a spec string and in counts, e.g. {@code throttle}. */
    public String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
