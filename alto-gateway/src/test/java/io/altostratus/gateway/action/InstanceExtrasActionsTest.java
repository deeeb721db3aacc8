package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.VolumeIoSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetPasswordDataResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceMonitoring;
import software.amazon.awssdk.services.ec2.model.InstanceTagNotificationAttribute;
import software.amazon.awssdk.services.ec2.model.PlacementStrategy;

/**
 * Instance settings beside launch through the SDK: monitoring (shown by DescribeInstances), placement changes while
 * stopped, ResetInstanceAttribute, GetPasswordData, event notification tags and volume I/O attributes.
 */
class InstanceExtrasActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private Instance describe(String id) {
        return ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void monitoringPlacementResetAndPassword() {
        String id = gw.launch("us-east-1a").id();
        assertThat(describe(id).monitoring().stateAsString()).isEqualTo("disabled");
        InstanceMonitoring on = ec2().monitorInstances(r -> r.instanceIds(id)).instanceMonitorings().get(0);
        assertThat(on.instanceId()).isEqualTo(id);
        assertThat(on.monitoring().stateAsString()).isEqualTo("pending");
        assertThat(describe(id).monitoring().stateAsString()).isEqualTo("enabled");
        assertThat(ec2().unmonitorInstances(r -> r.instanceIds(id)).instanceMonitorings().get(0).monitoring()
                .stateAsString()).isEqualTo("disabling");
        assertThat(describe(id).monitoring().stateAsString()).isEqualTo("disabled");
        ec2Error(() -> ec2().monitorInstances(r -> r.instanceIds("i-0123456789abcdef0")),
                "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2().monitorInstances(r -> r.instanceIds("bogus")), "InvalidInstanceID.Malformed");
        assertDryRun(() -> ec2().monitorInstances(r -> r.instanceIds(id).dryRun(true)));

        ec2().createPlacementGroup(r -> r.groupName("parts").strategy(PlacementStrategy.PARTITION).partitionCount(3));
        // Only a stopped instance moves.
        ec2Error(() -> ec2().modifyInstancePlacement(r -> r.instanceId(id).groupName("parts")),
                "IncorrectInstanceState");
        ec2Error(() -> ec2().resetInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.KERNEL)),
                "IncorrectInstanceState");
        ec2().resetInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.SOURCE_DEST_CHECK));
        ec2Error(() -> ec2().resetInstanceAttribute(r -> r.instanceId(id)
                .attribute(InstanceAttributeName.INSTANCE_TYPE)), "InvalidParameterValue");

        ec2().stopInstances(r -> r.instanceIds(id));
        assertThat(ec2().modifyInstancePlacement(r -> r.instanceId(id).groupName("parts").partitionNumber(2))
                .returnValue()).isTrue();
        Instance moved = describe(id);
        assertThat(moved.placement().groupName()).isEqualTo("parts");
        assertThat(moved.placement().partitionNumber()).isEqualTo(2);
        ec2Error(() -> ec2().modifyInstancePlacement(r -> r.instanceId(id).groupName("parts").partitionNumber(9)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyInstancePlacement(r -> r.instanceId(id).groupName("nope")),
                "InvalidPlacementGroup.Unknown");
        ec2().modifyInstancePlacement(r -> r.instanceId(id).groupName(""));
        assertThat(describe(id).placement().groupName()).isEmpty();
        ec2().resetInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.RAMDISK));

        GetPasswordDataResponse password = ec2().getPasswordData(r -> r.instanceId(id));
        assertThat(password.instanceId()).isEqualTo(id);
        assertThat(password.passwordData()).isEmpty();
        assertThat(password.timestamp()).isNotNull();
        ec2Error(() -> ec2().getPasswordData(r -> r.instanceId("i-0123456789abcdef0")),
                "InvalidInstanceID.NotFound");
    }

    @Test
    void eventNotificationTagsAndVolumeIo() {
        InstanceTagNotificationAttribute none = ec2().describeInstanceEventNotificationAttributes(r -> { })
                .instanceTagAttribute();
        assertThat(none.includeAllTagsOfInstance()).isFalse();
        assertThat(none.instanceTagKeys()).isEmpty();
        ec2().registerInstanceEventNotificationAttributes(r -> r.instanceTagAttribute(a -> a
                .instanceTagKeys("team", "env")));
        assertThat(ec2().describeInstanceEventNotificationAttributes(r -> { }).instanceTagAttribute()
                .instanceTagKeys()).containsExactly("team", "env");
        InstanceTagNotificationAttribute removed = ec2().deregisterInstanceEventNotificationAttributes(r -> r
                .instanceTagAttribute(a -> a.instanceTagKeys("team"))).instanceTagAttribute();
        assertThat(removed.instanceTagKeys()).containsExactly("team");
        assertThat(ec2().describeInstanceEventNotificationAttributes(r -> { }).instanceTagAttribute()
                .instanceTagKeys()).containsExactly("env");
        ec2Error(() -> ec2().registerInstanceEventNotificationAttributes(r -> r.instanceTagAttribute(a -> a
                .includeAllTagsOfInstance(true).instanceTagKeys("x"))), "InvalidParameterCombination");

        String volume = ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        VolumeIoSettings io = gw.cloud().extension(VolumeIoSettings.class).orElseThrow();
        assertThat(io.autoEnableIo(volume)).isFalse();
        ec2().modifyVolumeAttribute(r -> r.volumeId(volume).autoEnableIO(v -> v.value(true)));
        // DescribeVolumeAttribute (VolumeActions) does not read the setting yet; the backend holds it.
        assertThat(io.autoEnableIo(volume)).isTrue();
        ec2().enableVolumeIO(r -> r.volumeId(volume));
        ec2Error(() -> ec2().enableVolumeIO(r -> r.volumeId("vol-0123456789abcdef0")), "InvalidVolume.NotFound");
        ec2Error(() -> ec2().modifyVolumeAttribute(r -> r.volumeId(volume)), "MissingParameter");
        assertDryRun(() -> ec2().modifyVolumeAttribute(r -> r.volumeId(volume).autoEnableIO(v -> v.value(false))
                .dryRun(true)));
    }
}
