package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.spec.LaunchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

class ImageActionsTest {
    private static final String CANONICAL = "099720109477";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void unfilteredDescribeImagesListsEveryCatalogImageWithEc2sFields() {
        List<Image> images = gw.client().describeImages().images();

        Set<String> expected = gw.cloud().images(ImageQuery.all()).stream()
                .map(io.altostratus.core.model.Image::id).collect(Collectors.toSet());
        assertThat(images).extracting(Image::imageId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(images).hasSizeGreaterThan(20);

        Image ubuntu = images.stream().filter(i -> CANONICAL.equals(i.ownerId()) && i.name().contains("noble")
                && "x86_64".equals(i.architectureAsString())).findFirst().orElseThrow();
        io.altostratus.core.model.Image core = gw.cloud().image(ubuntu.imageId());
        assertThat(ubuntu.name()).isEqualTo(core.name());
        assertThat(ubuntu.imageLocation()).isEqualTo(CANONICAL + "/" + core.name());
        assertThat(ubuntu.imageOwnerAlias()).isNull();
        assertThat(ubuntu.stateAsString()).isEqualTo("available");
        assertThat(ubuntu.publicLaunchPermissions()).isTrue();
        assertThat(ubuntu.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .startsWith(core.creationDate().toString().substring(0, 10));
        assertThat(ubuntu.rootDeviceTypeAsString()).isEqualTo("ebs");
        assertThat(ubuntu.rootDeviceName()).isEqualTo(core.rootDeviceName());
        assertThat(ubuntu.virtualizationTypeAsString()).isEqualTo("hvm");
        assertThat(ubuntu.hypervisorAsString()).isEqualTo("xen");
        assertThat(ubuntu.enaSupport()).isTrue();
        assertThat(ubuntu.imageTypeAsString()).isEqualTo("machine");
        assertThat(ubuntu.platformDetails()).isEqualTo("Linux/UNIX");
        assertThat(ubuntu.usageOperation()).isEqualTo("RunInstances");
        assertThat(ubuntu.bootModeAsString()).isEqualTo("uefi-preferred");
        assertThat(ubuntu.hasTags()).isTrue();
        assertThat(ubuntu.blockDeviceMappings()).singleElement().satisfies(m -> {
            assertThat(m.deviceName()).isEqualTo(core.rootDeviceName());
            assertThat(m.ebs().snapshotId()).matches("snap-[0-9a-f]{17}");
            assertThat(m.ebs().volumeSize()).isEqualTo(core.rootSizeGiB());
            assertThat(m.ebs().volumeTypeAsString()).isEqualTo("gp3");
            assertThat(m.ebs().deleteOnTermination()).isTrue();
        });
        // The derived root snapshot is stable from one call to the next.
        Image again = gw.client().describeImages(r -> r.imageIds(ubuntu.imageId())).images().get(0);
        assertThat(again.blockDeviceMappings().get(0).ebs().snapshotId())
                .isEqualTo(ubuntu.blockDeviceMappings().get(0).ebs().snapshotId());

        Image amazon = images.stream().filter(i -> "amazon".equals(i.imageOwnerAlias())).findFirst().orElseThrow();
        assertThat(amazon.imageLocation()).isEqualTo("amazon/" + amazon.name());
        assertThat(images).filteredOn(i -> "arm64".equals(i.architectureAsString()))
                .isNotEmpty().allSatisfy(i -> assertThat(i.bootModeAsString()).isEqualTo("uefi"));
    }

    @Test
    void ownersSelectByAliasAccountIdAndSelf() {
        String mine = makeImage("mine-1", Map.of()).imageId();

        List<Image> amazon = gw.client().describeImages(r -> r.owners("amazon")).images();
        List<Image> canonical = gw.client().describeImages(r -> r.owners(CANONICAL)).images();
        List<Image> self = gw.client().describeImages(r -> r.owners("self")).images();
        List<Image> both = gw.client().describeImages(r -> r.owners("self", CANONICAL)).images();

        assertThat(amazon).isNotEmpty().allSatisfy(i -> assertThat(i.imageOwnerAlias()).isEqualTo("amazon"));
        assertThat(canonical).isNotEmpty().allSatisfy(i -> {
            assertThat(i.ownerId()).isEqualTo(CANONICAL);
            assertThat(i.name()).startsWith("ubuntu/");
        });
        assertThat(self).extracting(Image::imageId).containsExactly(mine);
        assertThat(self.get(0).ownerId()).isEqualTo(gw.account());
        assertThat(self.get(0).publicLaunchPermissions()).isFalse();
        assertThat(both).hasSize(canonical.size() + 1);
        assertCode(() -> gw.client().describeImages(r -> r.owners("canonical-ish")), "InvalidUserID.Malformed", 400);
    }

    @Test
    void executableByAllMeansPublicImages() {
        makeImage("private-one", Map.of());

        List<Image> all = gw.client().describeImages(r -> r.executableUsers("all")).images();
        List<Image> self = gw.client().describeImages(r -> r.executableUsers("self")).images();

        assertThat(all).isNotEmpty().allSatisfy(i -> assertThat(i.publicLaunchPermissions()).isTrue());
        assertThat(all).extracting(Image::name).doesNotContain("private-one");
        // self means images others shared with this account; owning an image is not being shared it.
        assertThat(self).isEmpty();
    }

    @Test
    void unknownAndMalformedIdsAreEc2Errors() {
        assertCode(() -> gw.client().describeImages(r -> r.imageIds("ami-0123456789abcdef0")),
                "InvalidAMIID.NotFound", 400);
        assertCode(() -> gw.client().describeImages(r -> r.imageIds("ami-nothex")), "InvalidAMIID.Malformed", 400);
        assertCode(() -> gw.client().describeImages(r -> r.imageIds("i-0123456789abcdef0")),
                "InvalidAMIID.Malformed", 400);
    }

    @Test
    void filtersAndTheirValuesCombineAsInEc2() {
        makeImage("tagged-web", Map.of("role", "web", "env", "prod"));
        makeImage("tagged-db", Map.of("role", "db"));

        List<Image> noble = gw.client().describeImages(r -> r.filters(
                filter("name", "ubuntu/images/*noble*"), filter("architecture", "arm64"))).images();
        assertThat(noble).isNotEmpty().allSatisfy(i -> {
            assertThat(i.name()).contains("noble");
            assertThat(i.architectureAsString()).isEqualTo("arm64");
        });

        int everything = gw.client().describeImages().images().size();
        int eitherArch = gw.client().describeImages(r -> r.filters(filter("architecture", "x86_64", "arm64")))
                .images().size();
        assertThat(eitherArch).isEqualTo(everything);

        assertThat(names(gw.client().describeImages(r -> r.filters(filter("tag:role", "web", "db")))))
                .containsExactlyInAnyOrder("tagged-web", "tagged-db");
        assertThat(names(gw.client().describeImages(r -> r.filters(filter("tag:role", "w?b"),
                filter("tag-key", "env")))))
                .containsExactly("tagged-web");
        assertThat(names(gw.client().describeImages(r -> r.filters(filter("tag-value", "prod")))))
                .containsExactly("tagged-web");
        assertThat(names(gw.client().describeImages(r -> r.filters(filter("is-public", "false")))))
                .containsExactlyInAnyOrder("tagged-web", "tagged-db");
        assertThat(gw.client().describeImages(r -> r.filters(filter("owner-alias", "amazon"),
                filter("platform-details", "Linux/UNIX"), filter("root-device-type", "ebs"),
                filter("virtualization-type", "hvm"), filter("image-type", "machine"), filter("state", "available"),
                filter("description", "Amazon Linux*"))).images())
                .isNotEmpty().allSatisfy(i -> assertThat(i.description()).startsWith("Amazon Linux"));

        Image one = gw.client().describeImages(r -> r.owners(CANONICAL)).images().get(0);
        String snapshot = one.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(gw.client().describeImages(r -> r.filters(filter("block-device-mapping.snapshot-id", snapshot),
                filter("root-device-name", one.rootDeviceName()), filter("owner-id", CANONICAL),
                filter("image-id", one.imageId()))).images()).extracting(Image::imageId).containsExactly(one.imageId());
        assertCode(() -> gw.client().describeImages(r -> r.filters(filter("flavour", "x"))),
                "InvalidParameterValue", 400);
    }

    @Test
    void thePaginatorWalksEveryImageOnce() {
        List<String> all = gw.client().describeImages().images().stream().map(Image::imageId).toList();

        List<String> walked = new ArrayList<>();
        int pages = 0;
        for (DescribeImagesResponse page : gw.client().describeImagesPaginator(r -> r.maxResults(10))) {
            assertThat(page.images()).hasSizeLessThanOrEqualTo(10);
            page.images().forEach(i -> walked.add(i.imageId()));
            pages++;
        }

        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 9) / 10);
    }

    @Test
    void createImageTagsTheImageAndItsSnapshotsAndRefusesADuplicateName() {
        Instance instance = launch();

        String imageId = gw.client().createImage(r -> r.instanceId(instance.id()).name("golden-1")
                .description("made in a test").noReboot(true)
                .tagSpecifications(tags(ResourceType.IMAGE, "stage", "golden"),
                        tags(ResourceType.SNAPSHOT, "from", "golden-1"))).imageId();

        Image image = gw.client().describeImages(r -> r.imageIds(imageId)).images().get(0);
        assertThat(image.name()).isEqualTo("golden-1");
        assertThat(image.description()).isEqualTo("made in a test");
        assertThat(image.ownerId()).isEqualTo(gw.account());
        assertThat(image.imageOwnerAlias()).isNull();
        assertThat(image.sourceInstanceId()).isEqualTo(instance.id());
        assertThat(image.tags()).containsExactly(Tag.builder().key("stage").value("golden").build());
        io.altostratus.core.model.Image core = gw.cloud().image(imageId);
        assertThat(image.blockDeviceMappings().get(0).ebs().snapshotId()).isEqualTo(core.snapshotIds().get(0));
        List<Snapshot> snapshots = gw.cloud().require(Snapshots.class).snapshots().stream()
                .filter(s -> core.snapshotIds().contains(s.id())).toList();
        assertThat(snapshots).isNotEmpty().allSatisfy(s -> assertThat(s.tags()).containsEntry("from", "golden-1"));

        assertCode(() -> gw.client().createImage(r -> r.instanceId(instance.id()).name("golden-1")),
                "InvalidAMIName.Duplicate", 400);
        assertCode(() -> gw.client().createImage(r -> r.instanceId("i-0123456789abcdef0").name("golden-2")),
                "InvalidInstanceID.NotFound", 400);
        assertCode(() -> gw.client().createImage(r -> r.instanceId(instance.id()).name("x")
                .tagSpecifications(tags(ResourceType.VOLUME, "a", "b"))), "InvalidParameterValue", 400);
    }

    @Test
    void dryRunValidatesAndMakesNothing() {
        Instance instance = launch();

        assertCode(() -> gw.client().createImage(r -> r.instanceId(instance.id()).name("dry").dryRun(true)),
                "DryRunOperation", 412);
        assertCode(() -> gw.client().describeImages(r -> r.dryRun(true)), "DryRunOperation", 412);
        assertCode(() -> gw.client().createImage(r -> r.instanceId("i-bad").name("dry").dryRun(true)),
                "InvalidInstanceID.Malformed", 400);

        assertThat(gw.client().describeImages(r -> r.owners("self")).images()).isEmpty();
    }

    @Test
    void deregisterImageCanDeleteItsSnapshots() {
        Image kept = makeImage("keeps-snapshots", Map.of());
        Image dropped = makeImage("drops-snapshots", Map.of());
        String keptSnapshot = kept.blockDeviceMappings().get(0).ebs().snapshotId();
        String droppedSnapshot = dropped.blockDeviceMappings().get(0).ebs().snapshotId();

        var plain = gw.client().deregisterImage(r -> r.imageId(kept.imageId()));
        var withSnapshots = gw.client().deregisterImage(r -> r.imageId(dropped.imageId())
                .deleteAssociatedSnapshots(true));

        assertThat(plain.returnValue()).isTrue();
        assertThat(withSnapshots.deleteSnapshotResults()).singleElement().satisfies(d -> {
            assertThat(d.snapshotId()).isEqualTo(droppedSnapshot);
            assertThat(d.returnCodeAsString()).isEqualTo("success");
        });
        Set<String> snapshots = gw.cloud().require(Snapshots.class)
                .snapshots().stream().map(Snapshot::id).collect(Collectors.toSet());
        assertThat(snapshots).contains(keptSnapshot).doesNotContain(droppedSnapshot);
        assertThat(gw.client().describeImages(r -> r.owners("self")).images()).isEmpty();
        assertCode(() -> gw.client().describeImages(r -> r.imageIds(kept.imageId())), "InvalidAMIID.NotFound", 400);
        assertCode(() -> gw.client().deregisterImage(r -> r.imageId(kept.imageId())), "InvalidAMIID.NotFound", 400);

        String publicImage = gw.client().describeImages(r -> r.owners("amazon")).images().get(0).imageId();
        // Someone else's public image: not the caller's to deregister (the front gives AuthFailure its own status).
        Ec2Exception notOwner = catchThrowableOfType(Ec2Exception.class,
                () -> gw.client().deregisterImage(r -> r.imageId(publicImage)));
        assertThat(notOwner.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
        assertThat(gw.client().describeImages(r -> r.imageIds(publicImage)).images()).hasSize(1);
    }

    @Test
    void imageAttributes() {
        Image mine = makeImage("attr-image", Map.of());
        Image ubuntu = gw.client().describeImages(r -> r.owners(CANONICAL)).images().get(0);

        var description = gw.client().describeImageAttribute(r -> r.imageId(mine.imageId())
                .attribute(ImageAttributeName.DESCRIPTION));
        var privatePermissions = gw.client().describeImageAttribute(r -> r.imageId(mine.imageId())
                .attribute(ImageAttributeName.LAUNCH_PERMISSION));
        var publicPermissions = gw.client().describeImageAttribute(r -> r.imageId(ubuntu.imageId())
                .attribute(ImageAttributeName.LAUNCH_PERMISSION));
        var devices = gw.client().describeImageAttribute(r -> r.imageId(ubuntu.imageId())
                .attribute(ImageAttributeName.BLOCK_DEVICE_MAPPING));
        var bootMode = gw.client().describeImageAttribute(r -> r.imageId(ubuntu.imageId())
                .attribute(ImageAttributeName.BOOT_MODE));

        assertThat(description.imageId()).isEqualTo(mine.imageId());
        assertThat(description.description().value()).isEqualTo("test image attr-image");
        assertThat(privatePermissions.hasLaunchPermissions()).isTrue();
        assertThat(privatePermissions.launchPermissions()).isEmpty();
        assertThat(publicPermissions.launchPermissions()).singleElement()
                .satisfies(p -> assertThat(p.groupAsString()).isEqualTo("all"));
        assertThat(devices.blockDeviceMappings()).extracting(BlockDeviceMapping::deviceName)
                .containsExactly(ubuntu.rootDeviceName());
        assertThat(bootMode.bootMode().value()).isEqualTo(ubuntu.bootModeAsString());
        assertCode(() -> gw.client().describeImageAttribute(r -> r.imageId(mine.imageId()).attribute("colour")),
                "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeImageAttribute(r -> r.imageId("ami-0123456789abcdef0")
                .attribute(ImageAttributeName.DESCRIPTION)), "InvalidAMIID.NotFound", 400);
    }

    @Test
    void anotherAccountNeverSeesThisAccountsImages() {
        Image mine = makeImage("not-yours", Map.of("secret", "yes"));

        assertThat(gw.otherAccount().describeImages().images()).extracting(Image::imageId)
                .doesNotContain(mine.imageId());
        assertThat(gw.otherAccount().describeImages(r -> r.owners(gw.account())).images()).isEmpty();
        assertThat(gw.otherAccount().describeImages(r -> r.owners("self")).images()).isEmpty();
        assertCode(() -> gw.otherAccount().describeImages(r -> r.imageIds(mine.imageId())),
                "InvalidAMIID.NotFound", 400);
        assertCode(() -> gw.otherAccount().deregisterImage(r -> r.imageId(mine.imageId())),
                "InvalidAMIID.NotFound", 400);
        assertThat(gw.client().describeImages(r -> r.imageIds(mine.imageId())).images()).hasSize(1);
    }

    private Instance launch() {
        return gw.cloud().launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").build()).get(0);
    }

    private Image makeImage(String name, Map<String, String> tags) {
        Instance instance = launch();
        io.altostratus.core.model.Image made = gw.cloud().createImage(instance.id(), name, "test image " + name, tags);
        return gw.client().describeImages(r -> r.imageIds(made.id())).images().get(0);
    }

    private static List<String> names(DescribeImagesResponse response) {
        return response.images().stream().map(Image::name).toList();
    }
}
