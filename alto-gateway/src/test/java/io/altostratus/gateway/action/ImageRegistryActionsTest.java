package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * RegisterImage, CopyImage, launch permissions, descriptions and deprecation through the SDK: what DescribeImages
 * and DescribeImageAttribute then say, launches from a registered image, and EC2's errors.
 */
class ImageRegistryActionsTest {
    /** One of moto's default images, which the local cloud lists as a public image of the AWS catalog. */
    private static final String PUBLIC_IMAGE = "ami-12c6146b";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private String snapshot(Ec2Client client, int size) {
        String volume = client.createVolume(r -> r.availabilityZone(zone(client)).size(size)).volumeId();
        return client.createSnapshot(r -> r.volumeId(volume)).snapshotId();
    }

    private static String zone(Ec2Client client) {
        return client.describeAvailabilityZones().availabilityZones().get(0).zoneName();
    }

    private String register(Ec2Client client, String name, String snapshotId) {
        return client.registerImage(r -> r.name(name).rootDeviceName("/dev/xvda").architecture("arm64")
                .bootMode("uefi").enaSupport(true).virtualizationType("hvm")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.snapshotId(snapshotId).volumeSize(12).volumeType("gp3")).build())
                .tagSpecifications(tags(ResourceType.IMAGE, "team", "infra"))).imageId();
    }

    private Image image(String id) {
        return ec2().describeImages(r -> r.imageIds(id)).images().get(0);
    }

    @Test
    void registeredImageDescribesAsAskedAndLaunches() {
        String snapshotId = snapshot(ec2(), 8);
        String imageId = register(ec2(), "my-arm-image", snapshotId);
        assertThat(imageId).matches("ami-[0-9a-f]{17}");

        Image image = image(imageId);
        assertThat(image.stateAsString()).isEqualTo("available");
        assertThat(image.name()).isEqualTo("my-arm-image");
        assertThat(image.ownerId()).isEqualTo(gw.account());
        assertThat(image.architectureAsString()).isEqualTo("arm64");
        assertThat(image.bootModeAsString()).isEqualTo("uefi");
        assertThat(image.enaSupport()).isTrue();
        assertThat(image.publicLaunchPermissions()).isFalse();
        assertThat(image.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(image.blockDeviceMappings()).singleElement().satisfies(m -> {
            assertThat(m.deviceName()).isEqualTo("/dev/xvda");
            assertThat(m.ebs().snapshotId()).isEqualTo(snapshotId);
            assertThat(m.ebs().volumeSize()).isEqualTo(12);
        });
        assertThat(image.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("infra"));
        assertThat(ec2().describeImages(r -> r.owners("self").filters(filter("tag:team", "infra"))).images())
                .extracting(Image::imageId).containsExactly(imageId);

        var reservation = ec2().runInstances(r -> r.imageId(imageId).instanceType("t4g.micro").minCount(1)
                .maxCount(1));
        var instance = reservation.instances().get(0);
        assertThat(instance.imageId()).isEqualTo(imageId);
        String rootVolume = instance.blockDeviceMappings().get(0).ebs().volumeId();
        var volume = ec2().describeVolumes(r -> r.volumeIds(rootVolume)).volumes().get(0);
        assertThat(volume.snapshotId()).isEqualTo(snapshotId);
        assertThat(volume.size()).isEqualTo(12);
    }

    @Test
    void registerImageErrors() {
        String snapshotId = snapshot(ec2(), 8);
        register(ec2(), "taken", snapshotId);
        ec2Error(() -> register(ec2(), "taken", snapshotId), "InvalidAMIName.Duplicate");
        ec2Error(() -> register(ec2(), "other", "snap-0123456789abcdef0"), "InvalidSnapshot.NotFound");
        ec2Error(() -> ec2().registerImage(r -> r.rootDeviceName("/dev/xvda")), "MissingParameter");
        ec2Error(() -> ec2().registerImage(r -> r.name("no-root").rootDeviceName("/dev/sda1")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.snapshotId(snapshotId)).build())), "InvalidBlockDeviceMapping");
        ec2Error(() -> ec2().registerImage(r -> r.name("small").rootDeviceName("/dev/xvda")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.snapshotId(snapshotId).volumeSize(2)).build())), "InvalidParameterValue");
        assertDryRun(() -> ec2().registerImage(r -> r.name("dry").rootDeviceName("/dev/xvda").dryRun(true)
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.snapshotId(snapshotId)).build())));
        assertThat(ec2().describeImages(r -> r.owners("self")).images()).extracting(Image::name)
                .containsExactly("taken");
    }

    @Test
    void copyImageMakesANewImageFromThisOrAnotherRegion() {
        String source = register(ec2(), "source-image", snapshot(ec2(), 8));
        String copy = ec2().copyImage(r -> r.sourceImageId(source).sourceRegion("us-east-1").name("the-copy")
                .description("copied")).imageId();
        assertThat(copy).isNotEqualTo(source).matches("ami-[0-9a-f]{17}");
        Image copied = image(copy);
        assertThat(copied.stateAsString()).isEqualTo("available");
        assertThat(copied.name()).isEqualTo("the-copy");
        assertThat(copied.description()).isEqualTo("copied");
        assertThat(copied.architectureAsString()).isEqualTo("arm64");
        assertThat(copied.bootModeAsString()).isEqualTo("uefi");
        assertThat(copied.blockDeviceMappings().get(0).ebs().snapshotId()).isNotEqualTo(
                image(source).blockDeviceMappings().get(0).ebs().snapshotId());

        try (Ec2Client west = gw.client("test", "test", "us-west-2")) {
            String far = register(west, "west-image", snapshot(west, 8));
            String here = ec2().copyImage(r -> r.sourceImageId(far).sourceRegion("us-west-2").name("from-west"))
                    .imageId();
            assertThat(image(here).ownerId()).isEqualTo(gw.account());
            ec2Error(() -> west.describeImages(r -> r.imageIds(here)), "InvalidAMIID.NotFound");
        }
        // A public image copies into an image of the account.
        String ownCopy = ec2().copyImage(r -> r.sourceImageId(PUBLIC_IMAGE).sourceRegion("us-east-1")
                .name("my-moto-copy")).imageId();
        assertThat(image(ownCopy).ownerId()).isEqualTo(gw.account());

        ec2Error(() -> ec2().copyImage(r -> r.sourceImageId("ami-0123456789abcdef0").sourceRegion("us-east-1")
                .name("x-copy")), "InvalidAMIID.NotFound");
        ec2Error(() -> ec2().copyImage(r -> r.sourceImageId(source).sourceRegion("us-east-1")), "MissingParameter");
        ec2Error(() -> ec2().copyImage(r -> r.sourceImageId(source).sourceRegion("us-east-1").name("the-copy")),
                "InvalidAMIName.Duplicate");
        assertDryRun(() -> ec2().copyImage(r -> r.sourceImageId(source).sourceRegion("us-east-1").name("dry")
                .dryRun(true)));
    }

    @Test
    void launchPermissionsShareAndPublishAnImage() {
        String imageId = register(ec2(), "shared-image", snapshot(ec2(), 8));
        ec2().modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(
                LaunchPermission.builder().userId(GatewayHarness.OTHER_ACCOUNT).build())));
        assertThat(launchPermissions(imageId)).extracting(LaunchPermission::userId)
                .containsExactly(GatewayHarness.OTHER_ACCOUNT);
        assertThat(ec2().describeImages(r -> r.executableUsers(GatewayHarness.OTHER_ACCOUNT)).images())
                .extracting(Image::imageId).containsExactly(imageId);
        assertThat(image(imageId).publicLaunchPermissions()).isFalse();
        // The account it is shared with sees it and launches it, but may not change it.
        Ec2Client other = gw.otherAccount();
        assertThat(other.describeImages(r -> r.imageIds(imageId)).images()).singleElement()
                .satisfies(i -> assertThat(i.ownerId()).isEqualTo(gw.account()));
        assertThat(other.describeImages(r -> r.executableUsers("self")).images()).extracting(Image::imageId)
                .containsExactly(imageId);
        assertThat(other.runInstances(r -> r.imageId(imageId).instanceType("t4g.micro").minCount(1).maxCount(1))
                .instances().get(0).imageId()).isEqualTo(imageId);
        ec2Error(() -> other.modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(
                LaunchPermission.builder().group("all").build()))), "AuthFailure");

        ec2().modifyImageAttribute(r -> r.imageId(imageId).attribute("launchPermission")
                .operationType(OperationType.ADD).userGroups("all"));
        assertThat(image(imageId).publicLaunchPermissions()).isTrue();
        assertThat(ec2().describeImages(r -> r.owners("self").filters(filter("is-public", "true"))).images())
                .extracting(Image::imageId).containsExactly(imageId);
        assertThat(ec2().describeImages(r -> r.owners("self").executableUsers("all")).images())
                .extracting(Image::imageId).containsExactly(imageId);

        ec2().modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.remove(
                LaunchPermission.builder().group("all").build())));
        assertThat(launchPermissions(imageId)).extracting(LaunchPermission::userId)
                .containsExactly(GatewayHarness.OTHER_ACCOUNT);
        assertDryRun(() -> ec2().resetImageAttribute(r -> r.imageId(imageId).attribute("launchPermission")
                .dryRun(true)));
        ec2().resetImageAttribute(r -> r.imageId(imageId).attribute("launchPermission"));
        assertThat(launchPermissions(imageId)).isEmpty();
        ec2Error(() -> other.describeImages(r -> r.imageIds(imageId)), "InvalidAMIID.NotFound");

        // Public images answer their launch permission; they are not the account's to change.
        assertThat(launchPermissions(PUBLIC_IMAGE)).extracting(LaunchPermission::groupAsString)
                .containsExactly("all");
        ec2Error(() -> ec2().modifyImageAttribute(r -> r.imageId(PUBLIC_IMAGE).launchPermission(p -> p.add(
                LaunchPermission.builder().userId(GatewayHarness.OTHER_ACCOUNT).build()))), "AuthFailure");
        ec2Error(() -> ec2().modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(
                LaunchPermission.builder().userId("12").build()))), "InvalidUserID.Malformed");
        ec2Error(() -> ec2().modifyImageAttribute(r -> r.imageId("ami-0123456789abcdef0").launchPermission(p ->
                p.add(LaunchPermission.builder().group("all").build()))), "InvalidAMIID.NotFound");
        ec2Error(() -> ec2().modifyImageAttribute(r -> r.imageId(imageId)), "MissingParameter");
    }

    private List<LaunchPermission> launchPermissions(String imageId) {
        return ec2().describeImageAttribute(r -> r.imageId(imageId).attribute("launchPermission"))
                .launchPermissions();
    }

    @Test
    void descriptionAndDeprecationChange() {
        String imageId = register(ec2(), "aging-image", snapshot(ec2(), 8));
        ec2().modifyImageAttribute(r -> r.imageId(imageId).description(d -> d.value("now described")));
        assertThat(image(imageId).description()).isEqualTo("now described");
        assertThat(ec2().describeImageAttribute(r -> r.imageId(imageId).attribute("description")).description()
                .value()).isEqualTo("now described");

        Instant at = Instant.now().plus(30, ChronoUnit.DAYS).plusSeconds(17);
        assertThat(ec2().enableImageDeprecation(r -> r.imageId(imageId).deprecateAt(at)).returnValue()).isTrue();
        assertThat(Instant.parse(image(imageId).deprecationTime())).isEqualTo(at.truncatedTo(ChronoUnit.MINUTES));
        assertThat(ec2().describeImages(r -> r.owners("self").filters(filter("deprecation-time",
                image(imageId).deprecationTime()))).images()).hasSize(1);
        assertThat(ec2().disableImageDeprecation(r -> r.imageId(imageId)).returnValue()).isTrue();
        assertThat(image(imageId).deprecationTime()).isNull();

        ec2Error(() -> ec2().enableImageDeprecation(r -> r.imageId(imageId)
                .deprecateAt(Instant.now().minusSeconds(60))), "InvalidParameterValue");
        ec2Error(() -> ec2().enableImageDeprecation(r -> r.imageId(imageId)), "MissingParameter");
        ec2Error(() -> ec2().disableImageDeprecation(r -> r.imageId("ami-0123456789abcdef0")),
                "InvalidAMIID.NotFound");
        ec2Error(() -> ec2().disableImageDeprecation(r -> r.imageId(PUBLIC_IMAGE)), "AuthFailure");
        assertDryRun(() -> ec2().enableImageDeprecation(r -> r.imageId(imageId).deprecateAt(at).dryRun(true)));
        assertThat(image(imageId).deprecationTime()).isNull();
    }
}
