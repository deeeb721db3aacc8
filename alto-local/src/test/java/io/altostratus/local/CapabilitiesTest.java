package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.Ownership;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spi.Capability;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the local cloud offers beyond the core: every extension it had as calls before, and its traits. */
class CapabilitiesTest {

    @Test
    void offersItsExtensionsAndTraitsButNoGuestAccess() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            assertThat(Capability.of(cloud)).isEqualTo(EnumSet.of(
                    Capability.VOLUMES, Capability.SNAPSHOTS, Capability.KEY_PAIRS, Capability.NETWORKS,
                    Capability.SECURITY_GROUPS, Capability.NETWORK_INTERFACES, Capability.CONSOLE_OUTPUT,
                    Capability.EC2_NETWORKING, Capability.ELASTIC_IPS, Capability.SPOT,
                    Capability.INSTANCE_METADATA_OPTIONS, Capability.INSTANCE_ATTRIBUTES,
                    Capability.FORCE_STOP, Capability.CLIENT_TOKEN, Capability.EC2_IDS));
            assertThat(cloud.traits()).doesNotContain(Capability.GUEST_ACCESS);
            assertThat(cloud.scope()).isEmpty();
            assertThat(cloud.consistencyGrace()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void eachExtensionIsTheSameObjectForTheSessionAndOwnershipIsNotOffered() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            for (Class<? extends io.altostratus.core.spi.Extension> type : List.of(Volumes.class, Snapshots.class,
                    KeyPairs.class, Networks.class, SecurityGroups.class, NetworkInterfaces.class, ConsoleOutput.class,
                    Ec2Networking.class, ElasticAddresses.class, SpotRequests.class, Ec2MetadataOptions.class,
                    Ec2InstanceAttributes.class)) {
                assertThat(cloud.extension(type)).as(type.getSimpleName()).isPresent()
                        .hasValueSatisfying(ext -> assertThat(ext).isInstanceOf(type));
                assertThat(cloud.extension(type).orElseThrow()).isSameAs(cloud.extension(type).orElseThrow());
            }
            assertThat(cloud.extension(Ownership.class)).isEmpty();
        }
    }
}
