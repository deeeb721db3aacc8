package io.altostratus.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InstanceStateTest {
    @Test
    void wireNamesAndCodesAreEc2s() {
        assertThat(InstanceState.SHUTTING_DOWN.wireName()).isEqualTo("shutting-down");
        assertThat(InstanceState.RUNNING.code()).isEqualTo(16);
        assertThat(InstanceState.STOPPED.code()).isEqualTo(80);
        assertThat(InstanceState.parse("SHUTTING_DOWN")).isEqualTo(InstanceState.SHUTTING_DOWN);
        assertThat(InstanceState.parse(" Running ")).isEqualTo(InstanceState.RUNNING);
        assertThatThrownBy(() -> InstanceState.parse("asleep")).hasMessageContaining("asleep");
    }

    @Test
    void jsonUsesLowercaseWireNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(InstanceState.SHUTTING_DOWN)).isEqualTo("\"shutting-down\"");
        assertThat(json.readValue("\"stopped\"", InstanceState.class)).isEqualTo(InstanceState.STOPPED);
        assertThat(json.writeValueAsString(Architecture.ARM64)).isEqualTo("\"arm64\"");
    }
}
