package io.altostratus.core.placement;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.List;

/**
 * A walk that landed nowhere: every candidate failed or was blocked, or cleanup of a failed attempt could not be
 * verified and the walk stopped. It carries every attempt, so a caller can say what failed where and what (if
 * anything) was left behind.
 */
public class PlacementException extends AltoException {
    /** The provider code when cleanup left instances alive: the most urgent thing to tell a user. */
    public static final String CLEANUP_FAILED = "CleanupFailed";
    /** The provider code when the attempts failed for different reasons. */
    public static final String ALL_CANDIDATES_FAILED = "AllCandidatesFailed";

    private final List<Attempt> attempts;
    private final int skipped;

    public PlacementException(ErrorCode code, String providerCode, String message, List<Attempt> attempts,
                              int skipped) {
        super(code, providerCode, message);
        this.attempts = List.copyOf(attempts);
        this.skipped = skipped;
    }

    /** Every attempt made, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** How many candidates were passed over because their place was blocked. */
    public int skipped() {
        return skipped;
    }

    /** The attempts whose instances are still alive. */
    public List<Attempt> leaks() {
        return attempts.stream().filter(a -> a.cleanup() == Cleanup.LEAKED).toList();
    }
}
