package io.altostratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaGpusTest {
    @Test
    void namesTheVendorModelAndMemory() {
        assertThat(LambdaGpus.model(1, "A10 (24 GB PCIe)", null)).isEqualTo("NVIDIA A10 24GB");
        assertThat(LambdaGpus.model(8, "H100 (80 GB SXM5)", null)).isEqualTo("NVIDIA H100 80GB");
        assertThat(LambdaGpus.model(1, "RTX A6000 (48 GB)", null)).isEqualTo("NVIDIA RTX A6000 48GB");
        assertThat(LambdaGpus.model(8, "Tesla V100 (16 GB)", null)).isEqualTo("NVIDIA Tesla V100 16GB");
        assertThat(LambdaGpus.model(1, "B200", null)).isEqualTo("NVIDIA B200");
    }

    @Test
    void fallsBackToTheTypesDescription() {
        assertThat(LambdaGpus.model(8, null, "8x A100 (80 GB SXM4)")).isEqualTo("NVIDIA A100 80GB");
        assertThat(LambdaGpus.model(2, " ", "2x A6000 (48 GB)")).isEqualTo("NVIDIA A6000 48GB");
    }

    @Test
    void noGpusNoModel() {
        assertThat(LambdaGpus.model(0, "A10 (24 GB PCIe)", null)).isNull();
        assertThat(LambdaGpus.model(1, null, null)).isNull();
    }
}
