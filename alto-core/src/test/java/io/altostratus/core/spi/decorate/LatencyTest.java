package io.altostratus.core.spi.decorate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.testing.FakeProvider;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyTest {
    private static final Duration DELAY = Duration.ofMillis(100);

    /** One log of what happened, in order: sleeps and the delegate's calls. */
    private final List<String> events = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final Sleeper recording = d -> {
        events.add("sleep " + d.toMillis());
        clock.sleep(d);
    };

    /** A delegate that logs each call; it offers key pairs and no other extension. */
    private final class Logged extends FakeProvider implements KeyPairs {
        @Override public String name() { events.add("name"); return "logged"; }
        @Override public String region() { events.add("region"); return "r1"; }
        @Override public Set<Capability> traits() { events.add("traits"); return Set.of(Capability.FORCE_STOP); }
        @Override public List<Region> regions() { events.add("regions"); return List.of(); }
        @Override public List<Zone> zones() { events.add("zones"); return List.of(); }
        @Override public List<StateChange> terminate(Collection<String> ids) { events.add("terminate"); return List.of(); }
        @Override public void close() { events.add("close"); }

        @Override
        public Instance instance(String id) {
            events.add("instance " + id);
            if (id.equals("i-missing")) {
                throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            return Instance.builder().id(id).state(InstanceState.RUNNING).build();
        }

        @Override
        public List<KeyPair> keyPairs() {
            events.add("keyPairs");
            return List.of(new KeyPair("key-1", "mine", "fp", KeyType.ED25519, "ssh-ed25519 AAAA",
                    Instant.EPOCH, Map.of()));
        }

        @Override
        public void deleteKeyPair(String name) {
            events.add("deleteKeyPair " + name);
            throw AltoException.invalid("InvalidKeyPair.Format", "bad name " + name);
        }

        @Override
        public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyBackendCallIsDelayedOnceBeforeItIsDelegated() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, recording);
        Instant before = clock.instant();

        Instance found = slow.instance("i-1");
        slow.terminate(List.of("i-1"));

        assertThat(found.id()).isEqualTo("i-1");
        assertThat(events).containsExactly("sleep 100", "instance i-1", "sleep 100", "terminate");
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void extensionCallsAreDelayedOnceAndReachTheDelegatesExtension() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, recording);

        KeyPairs keys = slow.extension(KeyPairs.class).orElseThrow();
        assertThat(events).as("looking an extension up asks the backend nothing").isEmpty();
        List<KeyPair> listed = keys.keyPairs();

        assertThat(listed).extracting(KeyPair::name).containsExactly("mine");
        assertThat(events).containsExactly("sleep 100", "keyPairs");
    }

    @Test
    void anExtensionTheDelegateDoesNotOfferStaysAbsent() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, recording);

        assertThat(slow.extension(Volumes.class)).isEmpty();
        assertThat(Capability.of(slow)).containsExactlyInAnyOrder(Capability.KEY_PAIRS, Capability.FORCE_STOP);
        Throwable thrown = catchThrowable(() -> new Cloud(slow).require(Volumes.class));
        assertThat(thrown).isInstanceOf(AltoException.class);
        assertThat(((AltoException) thrown).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(thrown.getMessage()).contains("'logged'");
        assertThat(events).doesNotContain("sleep 100");
    }

    @Test
    void anExtensionsExceptionsComeBackUnwrapped() {
        KeyPairs keys = Latency.wrap(new Logged(), DELAY, recording).extension(KeyPairs.class).orElseThrow();

        Throwable thrown = catchThrowable(() -> keys.deleteKeyPair("x y"));

        assertThat(thrown).isInstanceOf(AltoException.class);
        assertThat(((AltoException) thrown).providerCode()).isEqualTo("InvalidKeyPair.Format");
    }

    @Test
    void theDelegatesExceptionsComeBackUnwrapped() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, recording);

        Throwable thrown = catchThrowable(() -> slow.instance("i-missing"));

        assertThat(thrown).isInstanceOf(AltoException.class);
        AltoException error = (AltoException) thrown;
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
    }

    @Test
    void identityAndCloseAreNotDelayed() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, recording);

        assertThat(slow.name()).isEqualTo("logged");
        assertThat(slow.region()).isEqualTo("r1");
        assertThat(slow.traits()).containsExactly(Capability.FORCE_STOP);
        slow.close();

        assertThat(events).containsExactly("name", "region", "traits", "close");
    }

    @Test
    void throughTheFacadeAnOptionalCallCostsOneDelay() {
        Cloud cloud = new Cloud(Latency.wrap(new Logged(), DELAY, recording), Waiter.builder().clock(clock).sleeper(clock));
        Instant before = clock.instant();

        cloud.require(KeyPairs.class).keyPairs();

        assertThat(Duration.between(before, clock.instant())).isEqualTo(DELAY);
    }

    @Test
    void zeroLatencyIsTheDelegateItself() {
        Logged delegate = new Logged();

        assertThat(Latency.wrap(delegate, Duration.ZERO, recording)).isSameAs(delegate);
        assertThat(Latency.decorator(Duration.ZERO, recording).apply(delegate)).isSameAs(delegate);
    }

    @Test
    void theDecoratorWrapsEachProviderItIsGiven() {
        ComputeProvider slow = Latency.decorator(DELAY, recording).apply(new Logged());

        slow.zones();

        assertThat(events).containsExactly("sleep 100", "zones");
        assertThat(slow.toString()).contains("100 ms");
        assertThat(slow).isEqualTo(slow).isNotEqualTo(Latency.wrap(new Logged(), DELAY, recording));
    }

    @Test
    void anInterruptedPauseFailsWithoutCallingTheBackendAndKeepsTheInterrupt() {
        ComputeProvider slow = Latency.wrap(new Logged(), DELAY, d -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> slow.regions()).isInstanceOf(AltoException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(events).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aNegativeLatencyIsRefused() {
        assertThatThrownBy(() -> Latency.wrap(new Logged(), Duration.ofMillis(-1), recording))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latency.decorator(Duration.ofMillis(-1), recording))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
