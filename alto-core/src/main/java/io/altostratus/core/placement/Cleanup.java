package io.altostratus.core.placement;

/** What became of what a failed attempt made, as a listing of its place showed afterwards. */
public enum Cleanup {
    /** The listing found nothing the attempt made (or no launch was sent: the session could not be opened). */
    NOTHING_LEFT,
    /** The attempt made instances; they were terminated and the listing shows them going or gone. */
    CLEANED,
    /** The place could not be listed (the failure was often the reason: refused credentials), so nobody knows. */
    UNVERIFIED,
    /** Instances of the attempt are still alive after termination was asked for twice. */
    LEAKED;

    /** Whether the listing proved that nothing of the attempt is left running. */
    public boolean verified() {
        return this == NOTHING_LEFT || this == CLEANED;
    }
}
