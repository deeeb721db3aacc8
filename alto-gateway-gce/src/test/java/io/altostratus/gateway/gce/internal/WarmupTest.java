package io.altostratus.gateway.gce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;

/** The warm-up's samples are real messages: filled, printable, and read back the same. */
class WarmupTest {
    @Test
    void everySampleRoundTripsThroughTheWireForm() {
        for (Message type : Warmup.types()) {
            Message sample = Warmup.sample(type.newBuilderForType(), 4).build();
            if (!type.getDescriptorForType().getFields().isEmpty()) {
                assertThat(sample.getAllFields()).as(type.getDescriptorForType().getName()).isNotEmpty();
            }
            Message back = Json.parse(Json.print(sample), type.newBuilderForType()).build();
            assertThat(back).as(type.getDescriptorForType().getName()).isEqualTo(sample);
        }
        assertThat(Warmup.run()).isPositive();
    }

    @Test
    void samplesReachNestedTypes() {
        com.google.cloud.compute.v1.Instance instance = (com.google.cloud.compute.v1.Instance)
                Warmup.sample(com.google.cloud.compute.v1.Instance.newBuilder(), 4).build();
        assertThat(instance.getDisks(0).getInitializeParams().getSourceImage()).isEqualTo("warm-up");
        assertThat(instance.getMetadata().getItems(0).getKey()).isEqualTo("warm-up");
        assertThat(instance.getLabelsMap()).containsEntry("warm-up", "warm-up");
    }
}
