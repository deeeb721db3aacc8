package io.altostratus.core.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Volume;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private final ManualClock clock = new ManualClock();
    private final Waiter waiter = Waiter.builder().clock(clock).sleeper(clock).timeout(Duration.ofMinutes(1)).build();

    private static Volume volume(String state) {
        return new Volume("vol-1", null, "z", 8, "gp3", 0, false, null, state, null, null, null);
    }

    /** Each poll takes the next step: a volume state, or null for "not found". */
    private static Supplier<Volume> script(String... states) {
        Deque<String> steps = new ArrayDeque<>(List.of(states));
        return () -> {
            String s = steps.size() > 1 ? steps.poll() : steps.peek();
            if (s == null || s.equals("gone")) {
                throw AltoException.notFound("InvalidVolume.NotFound", "vol-1 does not exist");
            }
            return volume(s);
        };
    }

    @Test
    void theFirstMatchingAcceptorDecidesAndUnmatchedValuesRetry() {
        java.time.Instant start = clock.instant();
        Volume v = waiter.await("vol-1 available", script("creating", "creating", "available"),
                Conditions.volumeAvailable(), Volume::state);
        assertThat(v.state()).isEqualTo("available");
        assertThat(clock.instant()).as("it slept between polls").isAfter(start);
    }

    @Test
    void aFailureAcceptorEndsTheWaitAtOnce() {
        assertThatThrownBy(() -> waiter.await("vol-1 available", script("creating", "error"),
                Conditions.volumeAvailable(), Volume::state))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("error");
    }

    @Test
    void anErrorAcceptorCanMeanSuccessAndTheLastValueIsReturned() {
        Volume last = waiter.await("vol-1 deleted", script("deleting", "gone"), Conditions.volumeDeleted(),
                v -> v == null ? "gone" : v.state());
        assertThat(last.state()).isEqualTo("deleting");
    }

    @Test
    void anErrorNoAcceptorCoversEndsTheWaitWithThatError() {
        assertThatThrownBy(() -> waiter.await("vol-1 available", script("gone"), Conditions.volumeAvailable(),
                v -> v == null ? "gone" : v.state()))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void timeOutNamesTheLastValue() {
        java.time.Instant start = clock.instant();
        assertThatThrownBy(() -> waiter.await("vol-1 in use", script("available"), Conditions.volumeInUse(),
                Volume::state))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("available");
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(1)));
    }

    @Test
    void anAcceptorMatchesAValueOrAnErrorNeverBoth() {
        assertThatThrownBy(() -> new Acceptor<String>(Outcome.SUCCESS, v -> true, e -> true, "both"))
                .isInstanceOf(IllegalArgumentException.class);
        Condition<String> c = Condition.<String>of("x", Acceptor.success("x", "x"::equals))
                .first(Acceptor.<String>failure("y", "y"::equals));
        assertThat(c.judge("y")).isEqualTo(Outcome.FAILURE);
        assertThat(c.judge("z")).isEqualTo(Outcome.RETRY);
    }
}
