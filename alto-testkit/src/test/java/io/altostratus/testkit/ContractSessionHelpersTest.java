package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContractSessionHelpersTest {
    private final ManualClock clock = new ManualClock();

    private Waiter waiter(Duration timeout) {
        return Waiter.builder().clock(clock).sleeper(clock).timeout(timeout).build();
    }

    @Test
    void eventuallyRetriesUntilTheAssertionHoldsWhileTimePasses() {
        Instant start = clock.instant();
        Instant readyAt = start.plusSeconds(30);
        AtomicInteger attempts = new AtomicInteger();

        ContractSession.eventually(waiter(Duration.ofMinutes(5)), "ready", () -> {
            attempts.incrementAndGet();
            assertThat(clock.instant()).isAfterOrEqualTo(readyAt);
        });

        assertThat(attempts.get()).isGreaterThan(1);
        assertThat(clock.instant()).isAfterOrEqualTo(readyAt).isBefore(start.plus(Duration.ofMinutes(5)));
    }

    @Test
    void eventuallyPassesAtOnceWithoutMovingTimeWhenTheAssertionHolds() {
        Instant start = clock.instant();

        ContractSession.eventually(waiter(Duration.ofMinutes(5)), "ready", () -> assertThat(1).isEqualTo(1));

        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void eventuallyThrowsTheLastAssertionFailureWhenTimeRunsOut() {
        Instant start = clock.instant();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> ContractSession.eventually(waiter(Duration.ofSeconds(20)), "never", () -> {
            int n = attempts.incrementAndGet();
            throw new AssertionError("attempt " + n);
        })).isInstanceOf(AssertionError.class).hasMessage("attempt " + attempts.get());

        assertThat(clock.instant()).isEqualTo(start.plusSeconds(20));
    }

    @Test
    void eventuallyDoesNotSwallowOtherExceptions() {
        assertThatThrownBy(() -> ContractSession.eventually(waiter(Duration.ofSeconds(20)), "boom", () -> {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "boom");
        })).isInstanceOf(AltoException.class).hasMessage("boom");
    }

    @Test
    void expectErrorAcceptsTheRightCodeAndReturnsTheException() {
        AltoException thrown = AltoException.notFound("InvalidInstanceID.NotFound", "gone");

        AltoException e = ContractSession.expectError(true, EnumSet.of(ErrorCode.NOT_FOUND),
                Set.of("InvalidInstanceID.NotFound"), () -> {
                    throw thrown;
                });

        assertThat(e).isSameAs(thrown);
    }

    @Test
    void expectErrorFailsOnAWrongCodeNoExceptionOrAForeignException() {
        assertThatThrownBy(() -> ContractSession.expectError(false, EnumSet.of(ErrorCode.NOT_FOUND), Set.of(), () -> {
            throw AltoException.invalid("InvalidInstanceID.Malformed", "bad");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("INVALID_PARAMETER");
        assertThatThrownBy(() -> ContractSession.expectError(false, EnumSet.of(ErrorCode.NOT_FOUND), Set.of(), () -> {
        })).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractSession.expectError(false, EnumSet.of(ErrorCode.NOT_FOUND), Set.of(), () -> {
            throw new IllegalStateException("not an AltoException");
        })).isInstanceOf(AssertionError.class);
    }

    @Test
    void expectErrorChecksTheEc2CodeOnlyWhenAsked() {
        AltoException wrongEc2Code = AltoException.notFound("InvalidAMIID.NotFound", "gone");

        ContractSession.expectError(false, EnumSet.of(ErrorCode.NOT_FOUND), Set.of("InvalidInstanceID.NotFound"),
                () -> {
                    throw wrongEc2Code;
                });
        assertThatThrownBy(() -> ContractSession.expectError(true, EnumSet.of(ErrorCode.NOT_FOUND),
                Set.of("InvalidInstanceID.NotFound"), () -> {
                    throw wrongEc2Code;
                })).isInstanceOf(AssertionError.class).hasMessageContaining("InvalidAMIID.NotFound");
    }
}
