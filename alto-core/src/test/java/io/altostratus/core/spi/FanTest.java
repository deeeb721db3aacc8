package io.altostratus.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanTest {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(3);

    @AfterEach
    void shutDown() {
        threads.close();
    }

    @Test
    void answersComeInTheItemsOrderWhateverOrderTheCallsFinishIn() {
        CountDownLatch lastDone = new CountDownLatch(1);
        List<String> answers = Fan.out(threads, inFlight, List.of(0, 1, 2), i -> {
            if (i == 0) {
                await(lastDone);
            } else if (i == 2) {
                lastDone.countDown();
            }
            return "item-" + i;
        });
        assertThat(answers).containsExactly("item-0", "item-1", "item-2");
    }

    @Test
    void everyCallHoldsOneOfTheBoundsPermitsWhileItRunsAndGivesItBack() {
        List<Integer> freeWhileRunning = Fan.out(threads, inFlight, IntStream.range(0, 12).boxed().toList(),
                i -> inFlight.availablePermits());
        assertThat(freeWhileRunning).hasSize(12).allSatisfy(free -> assertThat(free).isBetween(0, 2));
        assertThat(inFlight.availablePermits()).isEqualTo(3);
    }

    @Test
    void outThrowsTheFirstFailureInItemOrderOnlyAfterEveryCallHasRun() {
        AltoException first = new AltoException(ErrorCode.NOT_FOUND, "first");
        AltoException later = new AltoException(ErrorCode.PROVIDER_ERROR, "later");
        CountDownLatch laterThrown = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AltoException thrown = catchThrowableOfType(AltoException.class, () ->
                Fan.out(threads, new Semaphore(5), List.of(0, 1, 2, 3, 4), i -> {
                    ran.incrementAndGet();
                    if (i == 1) {
                        await(laterThrown);
                        throw first;
                    }
                    if (i == 3) {
                        laterThrown.countDown();
                        throw later;
                    }
                    return i;
                }));
        assertThat(thrown).isSameAs(first);
        assertThat(ran).hasValue(5);
    }

    @Test
    void eachGivesEveryItemsAnswerOrFailureAndWrapsForeignFailures() {
        IllegalStateException foreign = new IllegalStateException("boom");
        AltoException typed = new AltoException(ErrorCode.NOT_FOUND, "gone");
        List<Fan.Outcome<String>> outcomes = Fan.each(threads, inFlight, List.of("a", "b", "c"), s -> switch (s) {
            case "a" -> throw foreign;
            case "b" -> throw typed;
            default -> s.toUpperCase();
        });
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).value()).isNull();
        assertThat(outcomes.get(0).failure().code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(outcomes.get(0).failure()).hasCause(foreign);
        assertThat(outcomes.get(1).failure()).isSameAs(typed);
        assertThat(outcomes.get(2)).isEqualTo(new Fan.Outcome<>("C", null));
    }

    @Test
    void aSingleItemRunsOnTheCallersThreadAndItsForeignFailureIsThrownAsItIs() {
        Thread caller = Thread.currentThread();
        assertThat(Fan.out(threads, inFlight, List.of("x"), s -> Thread.currentThread() == caller)).containsExactly(true);
        IllegalStateException foreign = new IllegalStateException("boom");
        assertThat(catchThrowableOfType(IllegalStateException.class, () ->
                Fan.each(threads, inFlight, List.of("x"), s -> {
                    throw foreign;
                }))).isSameAs(foreign);
        AltoException typed = new AltoException(ErrorCode.NOT_FOUND, "gone");
        assertThat(Fan.each(threads, inFlight, List.of("x"), s -> {
            throw typed;
        })).containsExactly(new Fan.Outcome<>(null, typed));
    }

    @Test
    void noItemsIsNoAnswers() {
        assertThat(Fan.out(threads, inFlight, List.<String>of(), String::length)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
