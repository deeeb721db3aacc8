package io.altostratus.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** IPv6 text in RFC 5952's canonical form, and block arithmetic. */
class Ipv6Test {

    @Test
    void formatsCanonically() {
        assertThat(Ipv6.canonical("2600:1F18:0000:0100:0000:0000:0000:0001")).isEqualTo("2600:1f18:0:100::1");
        assertThat(Ipv6.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6.canonical("::")).isEqualTo("::");
        assertThat(Ipv6.canonical("::1")).isEqualTo("::1");
        assertThat(Ipv6.format(BigInteger.ONE.shiftLeft(127))).isEqualTo("8000::");
    }

    @Test
    void blocksContainAndOverlap() {
        Ipv6.Block vpc = Ipv6.Block.parse("2600:1f18:ab:cd00::/56");
        Ipv6.Block subnet = Ipv6.Block.parse("2600:1f18:ab:cd42::/64");
        assertThat(vpc.contains(subnet)).isTrue();
        assertThat(subnet.contains(vpc)).isFalse();
        assertThat(vpc.overlaps(subnet)).isTrue();
        assertThat(vpc.contains(Ipv6.Block.parse("2600:1f18:ab:ce00::/64"))).isFalse();
        assertThat(subnet.contains(subnet.randomAddress())).isTrue();
        assertThat(vpc.toString()).isEqualTo("2600:1f18:ab:cd00::/56");
        assertThatThrownBy(() -> Ipv6.Block.parse("2600:1f18:ab:cd01::/56")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Ipv6.Block.parse("10.0.0.0/16")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6.Block.parse("2600::/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6.canonical("::ffff:10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vpcBlocksAreSlash56OfAmazonsSpace() {
        Ipv6.Block space = Ipv6.Block.parse("2600:1f18::/32");
        for (int i = 0; i < 50; i++) {
            Ipv6.Block block = Ipv6.randomVpcBlock();
            assertThat(block.prefixLength()).isEqualTo(56);
            assertThat(space.contains(block)).isTrue();
            assertThat(Ipv6.Block.parse(block.toString())).isEqualTo(block);
        }
    }
}
