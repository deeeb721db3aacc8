package io.altostratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudWaitTest {
    /** Answers instance() from a script of states; null in the script means "not found". */
    private static final class ScriptedProvider implements ComputeProvider {
        private final Deque<InstanceState> script;
        private final Duration grace;
        int polls;

        ScriptedProvider(Duration grace, InstanceState... states) {
            this.grace = grace;
            this.script = new ArrayDeque<>();
            for (InstanceState s : states) {
                script.add(s == null ? InstanceState.UNKNOWN : s);
            }
        }

        @Override public String name() { return "scripted"; }
        @Override public String region() { return "r1"; }
        @Override public Set<Capability> capabilities() { return Set.of(); }
        @Override public Duration consistencyGrace() { return grace; }
        @Override public List<Region> regions() { return List.of(); }
        @Override public List<Zone> zones() { return List.of(); }
        @Override public List<InstanceType> instanceTypes() { return List.of(); }
        @Override public List<Instance> launch(LaunchSpec spec) { throw new UnsupportedOperationException(); }
        @Override public List<Instance> instances(InstanceQuery query) { return List.of(instance("i-1")); }
        @Override public List<StateChange> start(Collection<String> ids) { return List.of(); }
        @Override public List<StateChange> stop(Collection<String> ids, boolean force) { return List.of(); }
        @Override public void reboot(Collection<String> ids) { }
        @Override public List<StateChange> terminate(Collection<String> ids) { return List.of(); }
        @Override public List<Image> images(ImageQuery query) { return List.of(); }
        @Override public Image resolveImage(ImageRef ref) { throw new UnsupportedOperationException(); }

        @Override
        public Instance instance(String id) {
            polls++;
            InstanceState next = script.size() > 1 ? script.poll() : script.peek();
            if (next == InstanceState.UNKNOWN) {
                throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            return Instance.builder().id(id).state(next).build();
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
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, InstanceState.SHUTTING_DOWN, null);
        Instance gone = cloud(p).waitFor("i-1", InstanceCondition.TERMINATED, Duration.ofMinutes(1));
        assertThat(gone.state()).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    void waitingForRunningOnATerminatingInstanceFailsWithoutWaitingOut() {
        ScriptedProvider p = new ScriptedProvider(Duration.ZERO, InstanceState.SHUTTING_DOWN);
        java.time.Instant start = clock.instant();
        assertThatThrownBy(() -> cloud(p).waitFor("i-1", InstanceCondition.RUNNING, Duration.ofMinutes(10)))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void unsupportedCapabilitiesFailLoudly() {
        Cloud c = cloud(new ScriptedProvider(Duration.ZERO, InstanceState.RUNNING));
        assertThatThrownBy(() -> c.stop(List.of("i-1"), false))
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("scripted");
        assertThatThrownBy(c::keyPairs)
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
    }
}
