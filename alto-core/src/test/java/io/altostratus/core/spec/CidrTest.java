package io.altostratus.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void parsesAndFormats() {
        Cidr c = Cidr.parse("172.31.16.0/20");
        assertThat(c.toString()).isEqualTo("172.31.16.0/20");
        assertThat(c.size()).isEqualTo(4096);
        assertThat(Cidr.format(c.last())).isEqualTo("172.31.31.255");
    }

    @Test
    void containmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertThat(vpc.contains(Cidr.parse("10.0.255.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.1.0.0/24"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/24").overlaps(Cidr.parse("10.0.0.128/25"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/25").overlaps(Cidr.parse("10.0.0.128/25"))).isFalse();
    }

    @Test
    void rejectsMalformedBlocks() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.1/24", "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "a.b.c.d/8",
                "10.0.0.0/x", "10.0.0.0/-1", "010.0.0.0.0/8"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void networkSpecBoundsFollowEc2() {
        assertThatThrownBy(() -> new NetworkSpec("x", "10.0.0.0/8", null)).hasMessageContaining("/16");
        assertThat(new NetworkSpec("lab", "10.0.0.0/16", null).tags()).containsEntry("Name", "lab");
    }
}
