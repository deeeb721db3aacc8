package io.altostratus.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchSpecTest {
    @Test
    void nameBecomesTheNameTagAndMinCountDefaultsToCount() {
        LaunchSpec spec = LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").name("web")
                .tag("role", "web").count(3).build();
        assertThat(spec.tags()).containsEntry("Name", "web").containsEntry("role", "web");
        assertThat(spec.minCount()).isEqualTo(3);
    }

    @Test
    void nameTagAloneFillsName() {
        LaunchSpec spec = LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").tag("Name", "db").build();
        assertThat(spec.name()).isEqualTo("db");
    }

    @Test
    void rejectsWhatCanNeverLaunch() {
        assertThatThrownBy(() -> LaunchSpec.builder().instanceType("t3.micro").build()).hasMessageContaining("image");
        assertThatThrownBy(() -> LaunchSpec.builder().image("ubuntu:24.04").build()).hasMessageContaining("instance type");
        assertThatThrownBy(() -> LaunchSpec.builder().image("x").instanceType("t").count(0).build())
                .hasMessageContaining("count");
        assertThatThrownBy(() -> LaunchSpec.builder().image("x").instanceType("t").count(2).minCount(3).build())
                .hasMessageContaining("minCount");
        assertThatThrownBy(() -> LaunchSpec.builder().image("x").instanceType("t").userData("x".repeat(16 * 1024 + 1)).build())
                .hasMessageContaining("user data");
        assertThatThrownBy(() -> LaunchSpec.builder().image("x").instanceType("t").clientToken("x".repeat(65)).build())
                .hasMessageContaining("client token");
    }

    @Test
    void requirementsInsteadOfATypeAreEnough() {
        LaunchSpec spec = LaunchSpec.builder().image("debian:12").minVcpus(4).minMemoryMiB(16384).build();
        assertThat(spec.instanceType()).isNull();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }
}
