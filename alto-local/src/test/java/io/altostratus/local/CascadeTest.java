package io.altostratus.local;

import static io.altostratus.local.TestClouds.groups;
import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.networks;
import static io.altostratus.local.TestClouds.snapshots;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes with an instance or a network, and what blocks deleting them. */
class CascadeTest {
    private final TestClouds clouds = new TestClouds();
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private static AltoException error(ThrowingCallable call) {
        return catchThrowableOfType(AltoException.class, call);
    }

    private Volume volume(String id) {
        return volumes(cloud).volumes().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
    }

    private Subnet subnet(String id) {
        return networks(cloud).subnets().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void terminationDeletesWhatGoesWithTheInstanceAndDetachesTheRest() {
        Instance instance = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .disk(DiskSpec.of(5))
                .disk(new DiskSpec(null, 6, "gp2", 0, null, false))
                .rootVolumeSizeGiB(20).build()).get(0);
        assertThat(instance.blockDevices()).extracting(BlockDevice::deviceName)
                .containsExactly("/dev/sda1", "/dev/sdf", "/dev/sdg");
        String root = instance.blockDevices().get(0).volumeId();
        String scratch = instance.blockDevices().get(1).volumeId();
        String kept = instance.blockDevices().get(2).volumeId();
        assertThat(volume(root).sizeGiB()).isEqualTo(20);
        Volume extra = volumes(cloud).createVolume(VolumeSpec.of(instance.zone(), 3));
        assertThat(volumes(cloud).attachVolume(extra.id(), instance.id(), null).attachment().device())
                .isEqualTo("/dev/sdh");
        NetworkInterface second = interfaces(cloud)
                .createNetworkInterface(new InterfaceSpec(instance.subnetId(), null, List.of(),
                "second", Map.of()));
        interfaces(cloud).attachNetworkInterface(second.id(), instance.id(), 1);
        long freeBefore = subnet(instance.subnetId()).availableIps();

        cloud.terminate(List.of(instance.id()));

        assertThat(volume(root)).as("root volume (delete on termination)").isNull();
        assertThat(volume(scratch)).as("extra volume with delete on termination").isNull();
        assertThat(volume(kept).state()).isEqualTo("available");
        assertThat(volume(kept).attachment()).isNull();
        assertThat(volume(extra.id()).state()).isEqualTo("available");
        assertThat(interfaces(cloud).networkInterfaces()).extracting(NetworkInterface::id).containsExactly(second.id());
        assertThat(interfaces(cloud).networkInterfaces().get(0).attachment()).isNull();
        assertThat(subnet(instance.subnetId()).availableIps()).as("primary address given back").isEqualTo(freeBefore + 1);
        assertThat(cloud.instance(instance.id()).publicIp()).isNull();
    }

    @Test
    void networkDeletionNeedsCascadeForItsPartsAndAnyLiveInstanceBlocksEvenThat() {
        var vpc = networks(cloud).createNetwork(new NetworkSpec("lab", "10.20.0.0/16", Map.of()));
        Subnet a = networks(cloud)
                .createSubnet(new SubnetSpec(vpc.id(), "10.20.1.0/24", "us-east-1a", "a", true, Map.of()));
        assertThat(error(() -> networks(cloud)
                .createSubnet(new SubnetSpec(vpc.id(), "10.20.1.128/25", null, null, false, Map.of())))
                .providerCode()).isEqualTo("InvalidSubnet.Conflict");
        assertThat(error(() -> networks(cloud)
                .createSubnet(new SubnetSpec(vpc.id(), "10.21.0.0/24", null, null, false, Map.of())))
                .providerCode()).isEqualTo("InvalidSubnet.Range");
        SecurityGroup web = groups(cloud).createSecurityGroup(new SecurityGroupSpec(vpc.id(), "web", null, Map.of()));
        assertThat(web.egress()).containsExactly(SecurityRule.allowAll());
        SecurityGroup defaultGroup = groups(cloud).securityGroups().stream()
                .filter(g -> g.networkId().equals(vpc.id()) && g.name().equals("default")).findFirst().orElseThrow();

        // A group of the default VPC is not in this one.
        String otherVpcGroup = groups(cloud).securityGroups().stream().filter(g -> !g.networkId().equals(vpc.id()))
                .findFirst().orElseThrow().id();
        assertThat(error(() -> cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .subnetId(a.id()).securityGroupId(otherVpcGroup).build())).providerCode()).isEqualTo("InvalidGroup.NotFound");

        Instance inside = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .subnetId(a.id()).securityGroupId(web.id()).build()).get(0);
        assertThat(inside.privateIp()).isEqualTo("10.20.1.4");

        assertThat(error(() -> networks(cloud).deleteNetwork(vpc.id(), false)).code())
                .isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(error(() -> networks(cloud).deleteNetwork(vpc.id(), true)).providerCode())
                .isEqualTo("DependencyViolation");
        assertThat(error(() -> networks(cloud).deleteSubnet(a.id())).code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(error(() -> groups(cloud).deleteSecurityGroup(web.id())).code())
                .isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(error(() -> groups(cloud).deleteSecurityGroup(defaultGroup.id())).providerCode())
                .isEqualTo("CannotDelete");

        cloud.terminate(List.of(inside.id()));
        NetworkInterface loose = interfaces(cloud)
                .createNetworkInterface(new InterfaceSpec(a.id(), "10.20.1.50", List.of(), null, Map.of()));
        assertThat(error(() -> interfaces(cloud)
                .createNetworkInterface(new InterfaceSpec(a.id(), "10.20.1.50", List.of(), null,
                Map.of()))).providerCode()).isEqualTo("InvalidIPAddress.InUse");
        assertThat(error(() -> networks(cloud).deleteNetwork(vpc.id(), false)).code())
                .isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);

        networks(cloud).deleteNetwork(vpc.id(), true);

        assertThat(networks(cloud).networks()).extracting(n -> n.id()).doesNotContain(vpc.id());
        assertThat(networks(cloud).subnets()).noneMatch(s -> s.networkId().equals(vpc.id()));
        assertThat(groups(cloud).securityGroups()).noneMatch(g -> g.networkId().equals(vpc.id()));
        assertThat(interfaces(cloud).networkInterfaces()).extracting(NetworkInterface::id).doesNotContain(loose.id());
    }

    @Test
    void securityGroupRulesAreSingleGrantsForDuplicatesAndRevocation() {
        SecurityGroup group = groups(cloud)
                .createSecurityGroup(new SecurityGroupSpec(null, "app", "app servers", Map.of()));
        SecurityRule both = new SecurityRule("tcp", 443, 443, List.of("10.0.0.0/8", "192.168.0.0/16"), List.of(),
                List.of(), null);
        SecurityGroup after = groups(cloud).authorize(group.id(), true, List.of(both));
        assertThat(after.ingress()).containsExactly(both);

        AltoException dup = error(() -> groups(cloud)
                .authorize(group.id(), true, List.of(SecurityRule.tcp(443, "10.0.0.0/8"))));
        assertThat(dup.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(dup.providerCode()).isEqualTo("InvalidPermission.Duplicate");

        SecurityGroup revoked = groups(cloud).revoke(group.id(), true, List.of(SecurityRule.tcp(443, "10.0.0.0/8")));
        assertThat(revoked.ingress()).containsExactly(SecurityRule.tcp(443, "192.168.0.0/16"));
        AltoException missing = error(() -> groups(cloud)
                .revoke(group.id(), true, List.of(SecurityRule.tcp(443, "10.0.0.0/8"))));
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.providerCode()).isEqualTo("InvalidPermission.NotFound");
        assertThat(error(() -> groups(cloud)
                .authorize(group.id(), true, List.of(SecurityRule.tcp(70000, "10.0.0.0/8"))))
                .providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(error(() -> groups(cloud).createSecurityGroup(new SecurityGroupSpec(null, "app", null, Map.of())))
                .providerCode()).isEqualTo("InvalidGroup.Duplicate");
    }

    @Test
    void volumesAttachOnlyInTheirZoneAndCannotBeDeletedInUse() {
        Instance instance = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .zone("us-east-1b").build()).get(0);
        Volume elsewhere = volumes(cloud).createVolume(VolumeSpec.of("us-east-1c", 1));
        assertThat(error(() -> volumes(cloud).attachVolume(elsewhere.id(), instance.id(), null)).providerCode())
                .isEqualTo("InvalidVolume.ZoneMismatch");
        assertThat(error(() -> volumes(cloud).createVolume(VolumeSpec.of("eu-west-1a", 1))).providerCode())
                .isEqualTo("InvalidZone.NotFound");

        Volume here = volumes(cloud).createVolume(VolumeSpec.of("us-east-1b", 4));
        assertThat(error(() -> volumes(cloud).attachVolume(here.id(), instance.id(), "/dev/sda1")).providerCode())
                .isEqualTo("InvalidParameterValue");
        volumes(cloud).attachVolume(here.id(), instance.id(), "/dev/sdk");
        AltoException inUse = error(() -> volumes(cloud).deleteVolume(here.id()));
        assertThat(inUse.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(inUse.providerCode()).isEqualTo("VolumeInUse");
        assertThat(error(() -> volumes(cloud).detachVolume(instance.blockDevices().get(0).volumeId(), false)).code())
                .as("root volume of a running instance").isEqualTo(ErrorCode.INVALID_STATE);

        volumes(cloud).detachVolume(here.id(), false);
        var snapshot = snapshots(cloud).createSnapshot(here.id(), "before", Map.of());
        assertThat(snapshot.state()).isEqualTo("completed"); // transitions take 0 ms here
        Volume restored = volumes(cloud)
                .createVolume(new VolumeSpec("us-east-1b", 0, null, 0, false, snapshot.id(), Map.of()));
        assertThat(restored.sizeGiB()).isEqualTo(4);
        assertThat(error(() -> volumes(cloud)
                .createVolume(new VolumeSpec("us-east-1b", 2, null, 0, false, snapshot.id(),
                Map.of()))).providerCode()).isEqualTo("InvalidParameterValue");
        volumes(cloud).deleteVolume(here.id());
        assertThat(volumes(cloud).volumes()).extracting(Volume::id).doesNotContain(here.id());
    }
}
