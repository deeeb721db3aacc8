package io.altostratus.local;

import static io.altostratus.local.TestClouds.groups;
import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.keyPairs;
import static io.altostratus.local.TestClouds.networks;
import static io.altostratus.local.TestClouds.snapshots;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.VolumeSpec;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A region's default network, id shapes, and which ids each account sees. */
class DefaultsAndIdsTest {

    private static AltoException error(ThrowingCallable call) {
        return catchThrowableOfType(AltoException.class, call);
    }

    @Test
    void everyRegionGetsADefaultVpcWithOneDefaultSubnetPerZoneAndADefaultGroup() {
        try (TestClouds clouds = new TestClouds()) {
            for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
                try (LocalCloud cloud = clouds.open(TestClouds.ACCOUNT, region)) {
                    List<Network> networks = networks(cloud).networks();
                    assertThat(networks).singleElement().satisfies(n -> {
                        assertThat(n.cidr()).isEqualTo("172.31.0.0/16");
                        assertThat(n.isDefault()).isTrue();
                        assertThat(n.region()).isEqualTo(region);
                    });
                    List<Subnet> subnets = networks(cloud).subnets();
                    List<String> zones = cloud.zones().stream().map(Zone::name).toList();
                    assertThat(subnets).extracting(Subnet::zone).containsExactlyInAnyOrderElementsOf(zones);
                    for (int i = 0; i < zones.size(); i++) {
                        String zone = zones.get(i);
                        Subnet s = subnets.stream().filter(x -> x.zone().equals(zone)).findFirst().orElseThrow();
                        assertThat(s.cidr()).isEqualTo("172.31." + (16 * i) + ".0/20");
                        assertThat(s.defaultForZone()).isTrue();
                        assertThat(s.mapPublicIpOnLaunch()).isTrue();
                    }
                    SecurityGroup group = groups(cloud).securityGroups().get(0);
                    assertThat(group.name()).isEqualTo("default");
                    assertThat(group.egress()).containsExactly(SecurityRule.allowAll());
                    assertThat(group.ingress()).singleElement().satisfies(r -> assertThat(r.groupIds())
                            .containsExactly(group.id()));
                }
            }
            assertThat(clouds.open().regions()).hasSize(30);
        }
    }

    @Test
    void idsLookLikeEc2sAndMalformedOrMissingOnesFailWithEc2Codes() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance i = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0);
            assertThat(i.id()).matches("i-[0-9a-f]{17}");
            assertThat(i.vpcId()).matches("vpc-[0-9a-f]{17}");
            assertThat(i.subnetId()).matches("subnet-[0-9a-f]{17}");
            assertThat(i.securityGroups().get(0).id()).matches("sg-[0-9a-f]{17}");
            assertThat(i.networkInterfaceIds().get(0)).matches("eni-[0-9a-f]{17}");
            assertThat(i.blockDevices().get(0).volumeId()).matches("vol-[0-9a-f]{17}");
            assertThat(keyPairs(cloud).createKeyPair("k", null, Map.of()).keyPair().id()).matches("key-[0-9a-f]{17}");

            assertThat(error(() -> cloud.instance("vol-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidInstanceID.Malformed");
            assertThat(error(() -> cloud.instance("i-0123456789abcdefg")).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(error(() -> cloud.instance("i-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidInstanceID.NotFound");
            assertThat(error(() -> volumes(cloud).deleteVolume("vol-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidVolume.NotFound");
            assertThat(error(() -> volumes(cloud).deleteVolume("volume-1")).providerCode())
                    .isEqualTo("InvalidVolumeID.Malformed");
            assertThat(error(() -> networks(cloud).deleteSubnet("subnet-zz")).providerCode())
                    .isEqualTo("InvalidSubnetID.Malformed");
            assertThat(error(() -> networks(cloud).deleteNetwork("vpc-0123456789abcdef0", false)).providerCode())
                    .isEqualTo("InvalidVpcID.NotFound");
            assertThat(error(() -> groups(cloud).deleteSecurityGroup("sg-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidGroup.NotFound");
            assertThat(error(() -> snapshots(cloud).deleteSnapshot("snap-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidSnapshot.NotFound");
            assertThat(error(() -> interfaces(cloud).deleteNetworkInterface("eni-0123456789abcdef0")).providerCode())
                    .isEqualTo("InvalidNetworkInterfaceID.NotFound");
            assertThat(error(() -> cloud.tag("bogus-1", Map.of("a", "b"))).providerCode()).isEqualTo("InvalidID");
        }
    }

    @Test
    void anotherAccountsResourcesAreNotFoundButCatalogImagesAreShared() {
        try (TestClouds clouds = new TestClouds(); LocalCloud mine = clouds.open();
             LocalCloud theirs = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            Instance i = mine.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0);
            String zone = i.zone();
            var volume = volumes(mine).createVolume(VolumeSpec.of(zone, 1));

            assertThat(error(() -> theirs.instance(i.id())).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(() -> theirs.terminate(List.of(i.id()))).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(() -> volumes(theirs).deleteVolume(volume.id())).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(() -> theirs.tag(i.id(), Map.of("x", "y"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(networks(theirs).networks()).extracting(Network::id).doesNotContainAnyElementsOf(
                    networks(mine).networks().stream().map(Network::id).toList());
            assertThat(theirs.resolveImage(ImageRef.parse(i.imageId()))).isEqualTo(mine.resolveImage(ImageRef.parse(i.imageId())));
            // The same account in another region is another place as well.
            try (LocalCloud west = clouds.open(TestClouds.ACCOUNT, "us-west-2")) {
                assertThat(error(() -> west.instance(i.id())).code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
        }
    }

    @Test
    void unknownRegionIsRefusedAtOpen() {
        try (TestClouds clouds = new TestClouds()) {
            assertThat(error(() -> clouds.open(TestClouds.ACCOUNT, "mars-north-1")).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER);
        }
    }
}
