package io.altostratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.testing.FakeProvider;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudWaitTest {
    /** Answers instance() from a script of states; null in the script means "not found". */
    private static class ScriptedProvider extends FakeProvider {
        private final Deque<Optional<InstanceState>> script = new ArrayDeque<>();
        private final Duration grace;
        int polls;

        ScriptedProvider(Duration grace, InstanceState... states) {
            this.grace = grace;
            for (InstanceState s : states) {
                script.add(Optional.ofNullable(s));
            }
        }

        @Override public String name() { return "scripted"; }
        @Override public Duration consistencyGrace() { return grace; }
        @Override public List<Instance> instances(InstanceQuery query) { return List.of(instance("i-1")); }

        @Override
        public Instance instance(String id) {
            polls++;
            Optional<InstanceState> next = script.size() > 1 ? script.poll() : script.peek();
            if (next.isEmpty()) {
                throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            return Instance.builder().id(id).state(next.get()).build();
        }
    }

    private final ManualClock clock = new ManualClock();

    private Cloud cloud(ComputeProvider provider) {
        return new Cloud(provider, Waiter.builder().clock(clock).sleeper(clock));
    }

    @Test
    void notFoundBeforeFirstSightingIsRetriedWithinTheProvidersGrace() {
        ScriptedProvider p = new ScriptedProvider(Duration.ofSeconds(30), null, null, InstanceState.PENDING,
                InstanceState.RUNNING);
        Instance running = cloud(p).waitFor("i-1", InstanceCondition.RUNNING, Duration.ofMinutes(1));
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(p.polls).isEqualTo(4);
    }

    @Test
    void notFoundFailsAtOnceForAStronglyConsistentProvider() {
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, (InstanceState) null);
        assertThatThrownBy(() -> cloud(p).waitFor("i-1", InstanceCondition.RUNNING, Duration.ofMinutes(1)))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(p.polls).isEqualTo(1);
    }

    @Test
    void notFoundAfterTheGraceIsReported() {
        ScriptedProvider p = new ScriptedProvider(Duration.ofSeconds(5), (InstanceState) null);
        assertThatThrownBy(() -> cloud(p).waitFor("i-1", InstanceCondition.RUNNING, Duration.ofMinutes(1)))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(p.polls).isGreaterThan(1);
    }

    @Test
    void anInstanceThatDisappearsAfterBeingSeenCountsAsTerminated() {
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, InstanceState.TERMINATING, null);
        Instance gone = cloud(p).waitFor("i-1", InstanceCondition.TERMINATED, Duration.ofMinutes(1));
        assertThat(gone.state()).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    void waitingForRunningOnATerminatingInstanceFailsWithoutWaitingOut() {
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, InstanceState.TERMINATING);
        java.time.Instant start = clock.instant();
        assertThatThrownBy(() -> cloud(p).waitFor("i-1", InstanceCondition.RUNNING, Duration.ofMinutes(10)))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void aTimeoutSaysTheProvidersReasonBesideTheState() {
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, InstanceState.RUNNING) {
            @Override
            public Instance instance(String id) {
                return super.instance(id).toBuilder().stateReason("no QEMU guest agent answering on pve1/100").build();
            }
        };
        assertThatThrownBy(() -> cloud(p).waitFor("pve1/100", InstanceCondition.HAS_ADDRESS, Duration.ofMinutes(1)))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("(last seen: running; no QEMU guest agent answering on pve1/100)");
    }

    @Test
    void unsupportedCapabilitiesFailLoudly() {
        Cloud c = cloud(new ScriptedProvider(Duration.ZERO, InstanceState.RUNNING));
        assertThatThrownBy(() -> c.stop(List.of("i-1"), true))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("scripted");
        assertThatThrownBy(() -> c.require(KeyPairs.class))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("key pairs");
    }

    @Test
    void imagesAreAwaitedWithTheSameWaiterAndFailWhenTheyFail() {
        java.util.Deque<String> states = new ArrayDeque<>(List.of("pending", "pending", "available"));
        FakeProvider p = new FakeProvider() {
            @Override
            public List<Image> images(ImageQuery query) {
                assertThat(query.ids()).containsExactly("img-1");
                String state = states.size() > 1 ? states.poll() : states.peek();
                return List.of(new Image("img-1", "n", null, null, null, null, null, null, state, false, null, 8,
                        null, null, null, null));
            }
        };
        assertThat(cloud(p).waitForImage("img-1", Duration.ofMinutes(5)).state()).isEqualTo("available");
        states.clear();
        states.add("failed");
        assertThatThrownBy(() -> cloud(p).waitForImage("img-1", Duration.ofMinutes(5)))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("failed");
    }
}
