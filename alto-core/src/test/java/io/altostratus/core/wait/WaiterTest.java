package io.altostratus.core.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Waiter waiter(Duration timeout, Backoff backoff) {
        return Waiter.builder().timeout(timeout).backoff(backoff).clock(clock).sleeper(clock)
                .random(new Random(42)).build();
    }

    @Test
    void returnsTheFirstValueThatSucceeds() {
        AtomicInteger polls = new AtomicInteger();
        int value = waiter(Duration.ofMinutes(1), Backoff.defaults())
                .until("three polls", polls::incrementAndGet, v -> v >= 3 ? Outcome.SUCCESS : Outcome.RETRY,
                        String::valueOf);
        assertThat(value).isEqualTo(3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void timesOutWithTheLastValueInTheMessageAndWithoutOverrunningTheDeadline() {
        Instant start = clock.instant();
        assertThatThrownBy(() -> waiter(Duration.ofSeconds(30), Backoff.defaults())
                .until("never", () -> "pending", v -> Outcome.RETRY, v -> v))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("30 s").hasMessageContaining("pending");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failureStopsAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1), Backoff.defaults())
                .until("running", () -> { polls.incrementAndGet(); return "terminated"; },
                        v -> Outcome.FAILURE, v -> v))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(polls).hasValue(1);
    }

    @Test
    void delaysGrowAndAreCapped() {
        List<Duration> sleeps = new ArrayList<>();
        Waiter w = Waiter.builder().timeout(Duration.ofMinutes(5))
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, false))
                .clock(clock).sleeper(d -> { sleeps.add(d); clock.advance(d); }).build();
        AtomicInteger polls = new AtomicInteger();
        w.until("seven polls", polls::incrementAndGet, v -> v >= 7 ? Outcome.SUCCESS : Outcome.RETRY, String::valueOf);
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitterStaysBetweenHalfAndFullDelay() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 1.0, true);
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long ms = b.delay(3, random).toMillis();
            assertThat(ms).isBetween(500L, 1000L);
        }
    }

    @Test
    void exceptionsFromThePollPropagateUnchanged() {
        AltoException boom = AltoException.notFound("InvalidInstanceID.NotFound", "gone");
        assertThatThrownBy(() -> waiter(Duration.ofMinutes(1), Backoff.defaults())
                .until("x", () -> { throw boom; }, v -> Outcome.RETRY, String::valueOf))
                .isSameAs(boom);
    }
}
