package io.altostratus.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InstanceStateTest {
    @Test
    void portableNamesParseCaseInsensitivelyAndEc2sShuttingDownIsTerminating() {
        assertThat(InstanceState.TERMINATING.wireName()).isEqualTo("terminating");
        assertThat(InstanceState.parse("TERMINATING")).isEqualTo(InstanceState.TERMINATING);
        assertThat(InstanceState.parse("shutting-down")).isEqualTo(InstanceState.TERMINATING);
        assertThat(InstanceState.parse("SHUTTING_DOWN")).isEqualTo(InstanceState.TERMINATING);
        assertThat(InstanceState.parse(" Running ")).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceState.parse("suspended")).isEqualTo(InstanceState.SUSPENDED);
        assertThatThrownBy(() -> InstanceState.parse("asleep")).hasMessageContaining("asleep");
    }

    @Test
    void onlyPendingStoppingAndTerminatingChangeByThemselves() {
        assertThat(java.util.Arrays.stream(InstanceState.values()).filter(InstanceState::isTransitional))
                .containsExactly(InstanceState.PENDING, InstanceState.STOPPING, InstanceState.TERMINATING);
    }

    @Test
    void jsonUsesLowercaseWireNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(InstanceState.TERMINATING)).isEqualTo("\"terminating\"");
        assertThat(json.readValue("\"stopped\"", InstanceState.class)).isEqualTo(InstanceState.STOPPED);
        assertThat(json.readValue("\"shutting-down\"", InstanceState.class)).isEqualTo(InstanceState.TERMINATING);
        assertThat(json.writeValueAsString(Architecture.ARM64)).isEqualTo("\"arm64\"");
    }

    @Test
    void theRawStateWinsInStateNameAndDetailsAreFoundByType() {
        Instance i = Instance.builder().id("x").state(InstanceState.TERMINATING).rawState("shutting-down").build();
        assertThat(i.stateName()).isEqualTo("shutting-down");
        assertThat(i.toBuilder().rawState(null).build().stateName()).isEqualTo("terminating");
        ProviderDetails mine = new ProviderDetails() { };
        Instance withDetails = i.toBuilder().details(mine).build();
        assertThat(withDetails.details(ProviderDetails.class)).containsSame(mine);
        assertThat(withDetails.details(io.altostratus.core.ec2.Ec2InstanceDetails.class)).isEmpty();
    }
}
