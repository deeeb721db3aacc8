package io.altostratus.local;

import static io.altostratus.local.TestClouds.ext;
import static io.altostratus.local.TestClouds.networks;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.DhcpOptions;
import io.altostratus.core.ec2.DhcpOptionsSets;
import io.altostratus.core.ec2.VolumeModification;
import io.altostratus.core.ec2.VolumeModifications;
import io.altostratus.core.ec2.VpcPeeringConnection;
import io.altostratus.core.ec2.VpcPeeringConnections;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local cloud's timed EC2 states and stored defaults that the gateway's harness (instant transitions) cannot
 * show: peering requests settling and expiring, volume modifications moving through their states, and the default
 * DHCP options set once deleted.
 */
class PeeringDhcpAndVolumeModificationTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "60000");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private String vpc(String cidr) {
        return networks(cloud).createNetwork(new NetworkSpec(null, cidr, Map.of())).id();
    }

    private VpcPeeringConnection peering(String id) {
        return ext(cloud, VpcPeeringConnections.class).vpcPeeringConnections().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void peeringRequestsSettleThenExpireAfterAWeek() {
        VpcPeeringConnections peerings = ext(cloud, VpcPeeringConnections.class);
        String id = peerings.createVpcPeeringConnection(vpc("10.1.0.0/16"), vpc("10.2.0.0/16"), Map.of()).id();
        assertThat(peering(id).status()).isEqualTo(VpcPeeringConnection.INITIATING);
        AltoException early = catchThrowableOfType(AltoException.class, () -> peerings.acceptVpcPeeringConnection(id));
        assertThat(early.code()).isEqualTo(ErrorCode.INVALID_STATE);

        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(peering(id).status()).isEqualTo(VpcPeeringConnection.PENDING_ACCEPTANCE);
        clouds.clock.advance(Duration.ofDays(7));
        assertThat(peering(id).status()).isEqualTo("expired");
        // Ended connections stay listed for two hours, then are gone.
        clouds.clock.advance(Duration.ofHours(3));
        assertThat(peering(id)).isNull();
    }

    @Test
    void volumeModificationsMoveThroughTheirStates() {
        String volume = volumes(cloud).createVolume(new VolumeSpec("us-east-1a", 8, "gp3", 0, false, null,
                Map.of())).id();
        VolumeModifications mods = ext(cloud, VolumeModifications.class);
        mods.modifyVolume(volume, 16, null, null);
        assertThat(single(mods).state()).isEqualTo(VolumeModification.MODIFYING);
        assertThat(volumes(cloud).volumes(List.of(volume)).get(0).sizeGiB()).isEqualTo(16);
        AltoException busy = catchThrowableOfType(AltoException.class, () -> mods.modifyVolume(volume, 32, null,
                null));
        assertThat(busy.providerCode()).isEqualTo("IncorrectModificationState");

        clouds.clock.advance(Duration.ofSeconds(90));
        VolumeModification optimizing = single(mods);
        assertThat(optimizing.state()).isEqualTo(VolumeModification.OPTIMIZING);
        assertThat(optimizing.progress()).isBetween(50L, 99L);
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(single(mods).state()).isEqualTo(VolumeModification.COMPLETED);
        assertThat(single(mods).endTime()).isNotNull();
        mods.modifyVolume(volume, 32, null, null);
        assertThat(single(mods).originalSize()).isEqualTo(16);
    }

    private static VolumeModification single(VolumeModifications mods) {
        assertThat(mods.volumeModifications()).hasSize(1);
        return mods.volumeModifications().get(0);
    }

    @Test
    void theDefaultSetOnceDeletedLeavesNewVpcsWithoutOptions() {
        DhcpOptionsSets sets = ext(cloud, DhcpOptionsSets.class);
        String before = vpc("10.3.0.0/16");
        String defaultSet = sets.vpcDhcpOptions().get(before);
        assertThat(sets.dhcpOptions()).extracting(DhcpOptions::id).containsExactly(defaultSet);
        AltoException used = catchThrowableOfType(AltoException.class, () -> sets.deleteDhcpOptions(defaultSet));
        assertThat(used.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);

        // Every VPC (the default VPC too) must leave it first.
        sets.vpcDhcpOptions().keySet().forEach(v -> sets.associateDhcpOptions(DhcpOptions.NONE, v));
        sets.deleteDhcpOptions(defaultSet);
        assertThat(sets.dhcpOptions()).isEmpty();
        String after = vpc("10.4.0.0/16");
        assertThat(sets.vpcDhcpOptions()).containsEntry(after, DhcpOptions.NONE).containsEntry(before,
                DhcpOptions.NONE);
        // Another account's default set is its own.
        try (LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            assertThat(ext(other, DhcpOptionsSets.class).dhcpOptions()).singleElement()
                    .satisfies(o -> assertThat(o.id()).isNotEqualTo(defaultSet));
        }
    }
}
