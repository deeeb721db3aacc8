package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeModification;

/** ModifyVolume and DescribeVolumesModifications through the SDK. */
class VolumeModificationActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private String volume() {
        return ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(8).volumeType("gp2")).volumeId();
    }

    private Volume describe(String id) {
        return ec2().describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    @Test
    void sizeTypeAndIopsChangeInPlace() {
        String id = volume();
        VolumeModification mod = ec2().modifyVolume(r -> r.volumeId(id).size(20).volumeType("gp3"))
                .volumeModification();
        assertThat(mod.modificationStateAsString()).isEqualTo("modifying");
        assertThat(mod.originalSize()).isEqualTo(8);
        assertThat(mod.targetSize()).isEqualTo(20);
        assertThat(mod.originalVolumeTypeAsString()).isEqualTo("gp2");
        assertThat(mod.targetVolumeTypeAsString()).isEqualTo("gp3");
        assertThat(mod.originalIops()).isEqualTo(100);
        assertThat(mod.targetIops()).isEqualTo(3000);
        assertThat(mod.progress()).isZero();

        Volume changed = describe(id);
        assertThat(changed.size()).isEqualTo(20);
        assertThat(changed.volumeTypeAsString()).isEqualTo("gp3");
        // Transitions take no time in the harness: it reads as completed.
        VolumeModification done = ec2().describeVolumesModifications(r -> r.volumeIds(id)).volumesModifications()
                .get(0);
        assertThat(done.modificationStateAsString()).isEqualTo("completed");
        assertThat(done.progress()).isEqualTo(100L);
        assertThat(done.endTime()).isNotNull();

        ec2().modifyVolume(r -> r.volumeId(id).iops(6000));
        assertThat(describe(id).iops()).isEqualTo(6000);
        assertThat(ec2().describeVolumesModifications(r -> r.filters(filter("target-iops", "6000")))
                .volumesModifications()).singleElement().satisfies(m -> {
                    assertThat(m.volumeId()).isEqualTo(id);
                    assertThat(m.originalIops()).isEqualTo(3000);
                });
    }

    @Test
    void filtersAndErrors() {
        String a = volume();
        String b = volume();
        String untouched = volume();
        ec2().modifyVolume(r -> r.volumeId(a).size(30));
        ec2().modifyVolume(r -> r.volumeId(b).volumeType("st1").size(125));
        assertThat(ec2().describeVolumesModifications(r -> r.filters(filter("target-volume-type", "st1")))
                .volumesModifications()).extracting(VolumeModification::volumeId).containsExactly(b);
        assertThat(ec2().describeVolumesModifications(r -> r.filters(filter("modification-state", "completed")))
                .volumesModifications()).hasSize(2);
        // A volume never modified has no record, and asking for it is no error.
        assertThat(ec2().describeVolumesModifications(r -> r.volumeIds(untouched)).volumesModifications())
                .isEmpty();

        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId(a).size(10)), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId(a).size(30)), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId(a).volumeType("io2")), "MissingParameter");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId(a).volumeType("floppy")), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId(a).iops(5000)), "InvalidParameterCombination");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId("vol-0123456789abcdef0").size(50)),
                "InvalidVolume.NotFound");
        ec2Error(() -> ec2().describeVolumesModifications(r -> r.volumeIds("vol-0123456789abcdef0")),
                "InvalidVolume.NotFound");
        ec2Error(() -> ec2().modifyVolume(r -> r.volumeId("snap-0123456789abcdef0").size(50)),
                "InvalidVolumeID.Malformed");
        assertDryRun(() -> ec2().modifyVolume(r -> r.volumeId(a).size(40).dryRun(true)));
        assertDryRun(() -> ec2().describeVolumesModifications(r -> r.dryRun(true)));
        assertThat(describe(a).size()).isEqualTo(30);
        ec2().deleteVolume(r -> r.volumeId(a));
        assertThat(ec2().describeVolumesModifications(r -> { }).volumesModifications())
                .extracting(VolumeModification::volumeId).containsExactly(b);
    }
}
