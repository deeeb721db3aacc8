package io.altostratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The façade passes a spot launch to a provider that launches spot capacity, whether through spot requests (the SPOT
 * extension, EC2's shape) or as a provisioning model of the instance (the SPOT_LAUNCH trait, GCE's), and refuses it
 * everywhere else before the provider is asked.
 */
class CloudSpotTest {
    /** Records launches; its traits are the test's choice. */
    private static final class Recording extends FakeProvider {
        final List<SpotOptions> launched = new ArrayList<>();
        private final Set<Capability> traits;

        Recording(Set<Capability> traits) {
            this.traits = traits;
        }

        @Override
        public Set<Capability> traits() {
            return traits;
        }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            launched.add(spec.spot());
            return List.of(Instance.builder().id("vm-1").state(InstanceState.PENDING).build());
        }
    }

    private static LaunchSpec spot() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("e2-small").spot(SpotOptions.oneTime()).build();
    }

    @Test
    void aProviderWithTheSpotLaunchTraitGetsTheSpotOptions() {
        Recording provider = new Recording(Set.of(Capability.SPOT_LAUNCH));
        new Cloud(provider).launch(spot());
        assertThat(provider.launched).containsExactly(SpotOptions.oneTime());
    }

    @Test
    void aProviderWithoutSpotIsRefusedBeforeItIsAsked() {
        Recording provider = new Recording(Set.of());
        AltoException refused = catchThrowableOfType(AltoException.class, () -> new Cloud(provider).launch(spot()));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(refused.getMessage()).contains("spot");
        assertThat(provider.launched).isEmpty();
    }
}
