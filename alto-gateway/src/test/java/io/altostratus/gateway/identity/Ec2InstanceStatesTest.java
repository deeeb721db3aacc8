package io.altostratus.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.gateway.identity.Ec2InstanceStates.Ec2State;
import org.junit.jupiter.api.Test;

class Ec2InstanceStatesTest {

    private static Instance instance(InstanceState state, String raw) {
        return Instance.builder().id("x").state(state).rawState(raw).build();
    }

    @Test
    void ec2sOwnWordsAndCodesWin() {
        assertThat(Ec2InstanceStates.of(instance(InstanceState.TERMINATING, "shutting-down")))
                .isEqualTo(Ec2State.SHUTTING_DOWN);
        assertThat(Ec2State.SHUTTING_DOWN.code()).isEqualTo(32);
        assertThat(Ec2State.SHUTTING_DOWN.wireName()).isEqualTo("shutting-down");
        assertThat(Ec2State.values()).extracting(Ec2State::code).containsExactly(0, 16, 32, 48, 64, 80);
    }

    @Test
    void otherProvidersWordsFallBackToThePortableState() {
        assertThat(Ec2InstanceStates.of(instance(InstanceState.TERMINATING, null))).isEqualTo(Ec2State.SHUTTING_DOWN);
        assertThat(Ec2InstanceStates.of(instance(InstanceState.SUSPENDED, "paused"))).isEqualTo(Ec2State.STOPPED);
        assertThat(Ec2InstanceStates.of(instance(InstanceState.ERROR, "crashed"))).isEqualTo(Ec2State.STOPPED);
        assertThat(Ec2InstanceStates.of(instance(InstanceState.RUNNING, null))).isEqualTo(Ec2State.RUNNING);
        for (InstanceState s : InstanceState.values()) {
            assertThat(Ec2InstanceStates.of(s)).as(s.wireName()).isNotNull();
        }
    }

    @Test
    void filterValuesNameThePortableStatesThatReadAsThem() {
        assertThat(Ec2InstanceStates.portableStates("shutting-down")).containsExactly(InstanceState.TERMINATING);
        assertThat(Ec2InstanceStates.portableStates("stopped"))
                .containsExactlyInAnyOrder(InstanceState.STOPPED, InstanceState.SUSPENDED, InstanceState.ERROR);
        assertThat(Ec2InstanceStates.portableStates("terminating")).isEmpty();
        assertThat(Ec2InstanceStates.portableStates(null)).isEmpty();
    }
}
