package io.altostratus.gateway.eks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bindings read from the marshallers' constants are those the marshallers produce, for every operation. */
class EksOperationsTest {
    @Test
    void bothWaysOfReadingTheModelAgree() {
        var all = EksOperations.instance().all();
        assertThat(all).hasSizeGreaterThan(50);
        for (EksOperation op : all) {
            assertThat(EksOperations.marshalled(op)).as(op.name()).isEqualTo(op);
        }
    }
}
