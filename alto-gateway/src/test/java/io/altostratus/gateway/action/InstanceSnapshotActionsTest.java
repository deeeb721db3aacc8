package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * What a running instance offers beyond its own record, through the SDK: CreateSnapshots of its volumes, a console
 * screenshot, its network topology; and the (empty) Reserved Instances answers, checked as EC2 checks them.
 */
class InstanceSnapshotActionsTest {
    private static final String MISSING = "i-0123456789abcdef0";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private String launch(String type) {
        return ec2().runInstances(r -> r.imageId(InstanceActionsTest.AMI).instanceType(type).minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone("us-east-1a"))).instances().get(0).instanceId();
    }

    @Test
    void createSnapshotsOfEveryVolumeOfAnInstance() {
        String instance = launch("t3.micro");
        String data = ec2().createVolume(r -> r.availabilityZone("us-east-1a").size(20)
                .tagSpecifications(tags(ResourceType.VOLUME, "role", "data"))).volumeId();
        ec2().attachVolume(r -> r.instanceId(instance).volumeId(data).device("/dev/sdf"));

        CreateSnapshotsResponse all = ec2().createSnapshots(r -> r.description("nightly")
                .instanceSpecification(s -> s.instanceId(instance)).copyTagsFromSource("volume")
                .tagSpecifications(tags(ResourceType.SNAPSHOT, "backup", "nightly")));
        assertThat(all.snapshots()).hasSize(2).allSatisfy(s -> {
            assertThat(s.snapshotId()).matches("snap-[0-9a-f]{17}");
            assertThat(s.description()).isEqualTo("nightly");
            assertThat(s.ownerId()).isEqualTo(gw.account());
            assertThat(s.availabilityZone()).isEqualTo("us-east-1a");
            assertThat(s.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("backup"));
        });
        SnapshotInfo ofData = all.snapshots().stream().filter(s -> s.volumeId().equals(data)).findFirst()
                .orElseThrow();
        assertThat(ofData.volumeSize()).isEqualTo(20);
        assertThat(ofData.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("data"));
        assertThat(ec2().describeSnapshots(r -> r.ownerIds("self").filters(filter("tag:backup", "nightly")))
                .snapshots()).hasSize(2);

        List<SnapshotInfo> bootOnly = ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance)
                .excludeDataVolumeIds(data))).snapshots();
        assertThat(bootOnly).singleElement().satisfies(s -> assertThat(s.volumeId()).isNotEqualTo(data));
        assertThat(ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance)
                .excludeBootVolume(true))).snapshots()).singleElement()
                .satisfies(s -> assertThat(s.volumeId()).isEqualTo(data));

        ec2Error(() -> ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(MISSING))),
                "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId("i-bad"))),
                "InvalidInstanceID.Malformed");
        ec2Error(() -> ec2().createSnapshots(r -> r.description("x")), "MissingParameter");
        ec2Error(() -> ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance)
                .excludeDataVolumeIds("vol-0123456789abcdef0"))), "InvalidParameterValue");
        int before = ec2().describeSnapshots(r -> r.ownerIds("self")).snapshots().size();
        assertDryRun(() -> ec2().createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance))
                .dryRun(true)));
        assertThat(ec2().describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(before);
    }

    @Test
    void screenshotTopologyAndReservedInstances() {
        String instance = launch("t3.micro");
        String data = ec2().getConsoleScreenshot(r -> r.instanceId(instance)).imageData();
        byte[] jpeg = Base64.getDecoder().decode(data);
        // A JPEG starts with the SOI marker and ends with EOI.
        assertThat(jpeg).startsWith(0xFF - 256, 0xD8 - 256);
        assertThat(jpeg[jpeg.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(jpeg[jpeg.length - 1]).isEqualTo((byte) 0xD9);
        ec2Error(() -> ec2().getConsoleScreenshot(r -> r.instanceId(MISSING)), "InvalidInstanceID.NotFound");
        ec2().stopInstances(r -> r.instanceIds(instance));
        ec2Error(() -> ec2().getConsoleScreenshot(r -> r.instanceId(instance)), "IncorrectInstanceState");

        // Wherever the catalog offers it: not every zone has every type.
        var launched = ec2().runInstances(r -> r.imageId(InstanceActionsTest.AMI).instanceType("trn1.2xlarge")
                .minCount(1).maxCount(1)).instances().get(0);
        String trainer = launched.instanceId();
        String zone = launched.placement().availabilityZone();
        var topology = ec2().describeInstanceTopology(r -> { }).instances();
        assertThat(topology).singleElement().satisfies(t -> {
            assertThat(t.instanceId()).isEqualTo(trainer);
            assertThat(t.instanceType()).isEqualTo("trn1.2xlarge");
            assertThat(t.availabilityZone()).isEqualTo(zone);
            assertThat(t.networkNodes()).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("nn-"));
        });
        assertThat(ec2().describeInstanceTopology(r -> r.instanceIds(trainer)).instances().get(0).networkNodes())
                .isEqualTo(topology.get(0).networkNodes());
        assertThat(ec2().describeInstanceTopology(r -> r.filters(filter("availability-zone", zone)))
                .instances()).hasSize(1);
        assertThat(ec2().describeInstanceTopology(r -> r.filters(filter("instance-type", "p5.48xlarge")))
                .instances()).isEmpty();
        ec2Error(() -> ec2().describeInstanceTopology(r -> r.filters(filter("rack", "1"))), "InvalidParameterValue");

        assertThat(ec2().describeReservedInstances(r -> r.filters(filter("instance-type", "t3.micro")))
                .reservedInstances()).isEmpty();
        ec2Error(() -> ec2().describeReservedInstances(r -> r.filters(filter("colour", "x"))),
                "InvalidParameterValue");
        assertThat(ec2().describeReservedInstancesOfferings(r -> r.instanceType("t3.micro")
                .filters(filter("duration", "31536000"))).reservedInstancesOfferings()).isEmpty();
        ec2Error(() -> ec2().describeReservedInstancesOfferings(r -> r.instanceType("t3.gigantic")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeReservedInstancesOfferings(r -> r.filters(filter("colour", "x"))),
                "InvalidParameterValue");
    }
}
