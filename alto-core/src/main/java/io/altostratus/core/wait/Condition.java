package io.altostratus.core.wait;

import io.altostratus.core.error.AltoException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a wait waits for, as data: acceptors tried in order on each poll's value (or the error it failed with). A
 * value no acceptor matches means "not yet" (RETRY); an error no acceptor matches ends the wait with that error.
 *
 * @param name      what it is called in messages ("available", "running")
 * @param acceptors the rules, first match wins
 */
public record Condition<T>(String name, List<Acceptor<T>> acceptors) {
    public Condition {
        Objects.requireNonNull(name, "name");
        acceptors = List.copyOf(acceptors);
    }

    @SafeVarargs
    public static <T> Condition<T> of(String name, Acceptor<T>... acceptors) {
        return new Condition<>(name, List.of(acceptors));
    }

    /** The outcome for a polled value. */
    public Outcome judge(T value) {
        for (Acceptor<T> a : acceptors) {
            if (a.matchesValue(value)) {
                return a.outcome();
            }
        }
        return Outcome.RETRY;
    }

    /** The outcome for an error a poll failed with, or empty when no rule covers it (the error ends the wait). */
    public Optional<Outcome> judge(AltoException error) {
        for (Acceptor<T> a : acceptors) {
            if (a.matchesError(error)) {
                return Optional.of(a.outcome());
            }
        }
        return Optional.empty();
    }

    /** This condition with a further rule tried before the others. */
    public Condition<T> first(Acceptor<T> acceptor) {
        List<Acceptor<T>> all = new java.util.ArrayList<>();
        all.add(acceptor);
        all.addAll(acceptors);
        return new Condition<>(name, all);
    }

    @Override
    public String toString() {
        return name;
    }
}
