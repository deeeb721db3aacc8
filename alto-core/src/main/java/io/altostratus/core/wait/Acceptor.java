package io.altostratus.core.wait;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule of a {@link Condition}: when a poll's value (or the error a poll failed with) matches, the wait ends
 * with SUCCESS or FAILURE, or goes on (RETRY). Exactly one of {@code value} and {@code error} is set.
 *
 * @param outcome     what a match means
 * @param value       matches a polled value, or null for an error rule
 * @param error       matches the error a poll failed with, or null for a value rule
 * @param description what the rule looks for, for messages ("state is failed")
 */
public record Acceptor<T>(Outcome outcome, Predicate<T> value, Predicate<AltoException> error, String description) {
    public Acceptor {
        Objects.requireNonNull(outcome, "outcome");
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("an acceptor matches either a value or an error");
        }
    }

    public static <T> Acceptor<T> success(String description, Predicate<T> matches) {
        return new Acceptor<>(Outcome.SUCCESS, matches, null, description);
    }

    public static <T> Acceptor<T> failure(String description, Predicate<T> matches) {
        return new Acceptor<>(Outcome.FAILURE, matches, null, description);
    }

    public static <T> Acceptor<T> retry(String description, Predicate<T> matches) {
        return new Acceptor<>(Outcome.RETRY, matches, null, description);
    }

    /** A poll failing with this portable code ends or continues the wait as {@code outcome} says. */
    public static <T> Acceptor<T> onError(ErrorCode code, Outcome outcome) {
        return new Acceptor<>(outcome, null, e -> e.code() == code, "error " + code);
    }

    boolean matchesValue(T polled) {
        return value != null && value.test(polled);
    }

    boolean matchesError(AltoException e) {
        return error != null && error.test(e);
    }
}
