package io.altostratus.core.placement;

import io.altostratus.core.error.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * One failed launch of the walk and what it left behind.
 *
 * @param candidate    where it was tried
 * @param code         the portable error
 * @param providerCode the cloud's own error code, or null
 * @param message      the cloud's message
 * @param scope        what the failure ruled out for the rest of the walk
 * @param cleanup      what the listing after cleanup showed
 * @param attemptTag   the value of {@link FailoverPolicy#ATTEMPT_TAG} the attempt's instances carried
 * @param terminated   ids of instances the attempt made that were terminated
 * @param leftovers    ids of instances still alive after cleanup (only for {@link Cleanup#LEAKED})
 */
public record Attempt(Candidate candidate, ErrorCode code, String providerCode, String message, FailureScope scope,
                      Cleanup cleanup, String attemptTag, List<String> terminated, List<String> leftovers) {
    public Attempt {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cleanup, "cleanup");
        terminated = terminated == null ? List.of() : List.copyOf(terminated);
        leftovers = leftovers == null ? List.of() : List.copyOf(leftovers);
    }

    /** One line for a report: place, type, error, what it blocked and the cleanup. */
    public String summary() {
        StringBuilder s = new StringBuilder()
                .append(candidate.place()).append(' ').append(candidate.instanceType()).append(": ")
                .append(providerCode != null ? providerCode : code.name());
        if (message != null && !message.isBlank()) {
            s.append(" (").append(message.strip().replace('\n', ' ')).append(')');
        }
        s.append("; ").append(scope.describe()).append("; cleanup ").append(switch (cleanup) {
            case NOTHING_LEFT -> "verified, nothing left";
            case CLEANED -> "verified, terminated " + String.join(", ", terminated);
            case UNVERIFIED -> "NOT verified (the place could not be listed; check tag " + FailoverPolicy.ATTEMPT_TAG
                    + "=" + attemptTag + ")";
            case LEAKED -> "FAILED, still alive: " + String.join(", ", leftovers);
        });
        return s.toString();
    }
}
