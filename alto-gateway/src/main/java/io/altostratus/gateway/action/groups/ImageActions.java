package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ImageDevice;
import io.altostratus.core.ec2.ImageRegistry;
import io.altostratus.core.ec2.ImageSettings;
import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotReturnCode;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ProductCode;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Machine images: DescribeImages over the backend's images (for the local cloud, the catalog's public images of the
 * region plus the account's own), CreateImage, DeregisterImage and DescribeImageAttribute.
 *
 * <p>The core model knows less than EC2 says about an image; the rest is what EC2 answers for the Linux EBS-backed
 * HVM images every backend here offers: root device type {@code ebs}, virtualization {@code hvm}, ENA support,
 * platform details {@code Linux/UNIX}. Images the backend made no snapshot for (public catalog images) get a
 * snapshot id derived from the image id, so the same image always shows the same root snapshot.
 */
public final class ImageActions implements ActionGroup {
    private static final Set<String> OWNER_ALIASES = Set.of("amazon", "aws-marketplace", "aws-backup-vault");

    private static final FilterSet<Image> FILTERS = FilterSet.<Image>builder()
            .field("architecture", Image::architectureAsString)
            .field("block-device-mapping.delete-on-termination", i -> ebs(i, EbsBlockDevice::deleteOnTermination))
            .field("block-device-mapping.device-name", i -> i.blockDeviceMappings().stream()
                    .map(BlockDeviceMapping::deviceName).toList())
            .field("block-device-mapping.snapshot-id", i -> ebs(i, EbsBlockDevice::snapshotId))
            .field("block-device-mapping.volume-size", i -> ebs(i, EbsBlockDevice::volumeSize))
            .field("block-device-mapping.volume-type", i -> ebs(i, EbsBlockDevice::volumeTypeAsString))
            .field("block-device-mapping.encrypted", i -> ebs(i, EbsBlockDevice::encrypted))
            .field("creation-date", Image::creationDate)
            .field("deprecation-time", Image::deprecationTime)
            .field("description", Image::description)
            .field("ena-support", Image::enaSupport)
            .field("hypervisor", Image::hypervisorAsString)
            .field("image-id", Image::imageId)
            .field("image-type", Image::imageTypeAsString)
            .field("is-public", Image::publicLaunchPermissions)
            .field("kernel-id", Image::kernelId)
            .field("manifest-location", Image::imageLocation)
            .field("name", Image::name)
            .field("owner-alias", Image::imageOwnerAlias)
            .field("owner-id", Image::ownerId)
            .field("platform", Image::platformAsString)
            .field("platform-details", Image::platformDetails)
            .field("product-code", i -> i.productCodes().stream().map(ProductCode::productCodeId).toList())
            .field("product-code.type", i -> i.productCodes().stream().map(ProductCode::productCodeTypeAsString)
                    .toList())
            .field("ramdisk-id", Image::ramdiskId)
            .field("root-device-name", Image::rootDeviceName)
            .field("root-device-type", Image::rootDeviceTypeAsString)
            .field("source-instance-id", Image::sourceInstanceId)
            .field("state", Image::stateAsString)
            .field("state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code())
            .field("state-reason-message", i -> i.stateReason() == null ? null : i.stateReason().message())
            .field("sriov-net-support", Image::sriovNetSupport)
            .field("usage-operation", Image::usageOperation)
            .field("virtualization-type", Image::virtualizationTypeAsString)
            .tags(i -> SdkTags.fromSdk(i.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeImagesRequest.class, this::describeImages)
                .on(CreateImageRequest.class, this::createImage)
                .on(DeregisterImageRequest.class, this::deregisterImage)
                .on(DescribeImageAttributeRequest.class, this::describeImageAttribute);
    }

    DescribeImagesResponse describeImages(ActionContext ctx, DescribeImagesRequest request) {
        List<String> ids = request.hasImageIds() ? request.imageIds() : List.of();
        for (String id : ids) {
            Checks.checkId(id, Ec2IdKind.IMAGE);
        }
        List<String> owners = request.hasOwners() ? request.owners() : List.of();
        owners.forEach(ImageActions::checkUser);
        List<String> users = request.hasExecutableUsers() ? request.executableUsers() : List.of();
        users.forEach(ImageActions::checkUser);
        Checks.dryRun(request.dryRun());

        // One call to the backend for every image; owners and launch permissions are EC2 notions judged here.
        List<io.altostratus.core.model.Image> found = ctx.cloud().images(
                new ImageQuery(Set.copyOf(ids), null, null, null, null, null, null));
        Map<String, ImageSettings> settings = settings(ctx, List.of());
        List<Image> images = new ArrayList<>(found.size());
        for (io.altostratus.core.model.Image image : found) {
            ImageSettings said = settings.getOrDefault(image.id(), ImageSettings.none(image.id()));
            if (ownedBy(ctx, image, owners) && executableBy(ctx, image, said, users)) {
                images.add(toSdk(image, said));
            }
        }
        List<Image> matching = FILTERS.apply(images, request.filters());
        Paging.Page<Image> page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeImagesResponse.builder().images(page.items()).nextToken(page.nextToken()).build();
    }

    CreateImageResponse createImage(ActionContext ctx, CreateImageRequest request) {
        String instanceId = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        Set<ResourceType> taggable = Set.of(ResourceType.IMAGE, ResourceType.SNAPSHOT);
        Map<String, String> imageTags =
                TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.IMAGE, taggable);
        Map<String, String> snapshotTags =
                TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.SNAPSHOT, taggable);
        if (request.hasBlockDeviceMappings() && !request.blockDeviceMappings().isEmpty()) {
            throw Checks.unsupported("CreateImage with BlockDeviceMappings is not supported by this gateway: the image captures every "
                            + "attached volume as it is");
        }
        Checks.dryRun(request.dryRun());
        // NoReboot needs no handling: the backend snapshots consistently without restarting the instance.
        io.altostratus.core.model.Image image = ctx.cloud().createImage(instanceId, request.name(),
                request.description(), imageTags);
        if (!snapshotTags.isEmpty()) {
            for (String snapshotId : image.snapshotIds()) {
                ctx.cloud().tag(snapshotId, snapshotTags);
            }
        }
        return CreateImageResponse.builder().imageId(image.id()).build();
    }

    DeregisterImageResponse deregisterImage(ActionContext ctx, DeregisterImageRequest request) {
        String imageId = Checks.checkId(request.imageId(), Ec2IdKind.IMAGE);
        boolean deleteSnapshots = Boolean.TRUE.equals(request.deleteAssociatedSnapshots());
        List<String> snapshots = deleteSnapshots ? one(ctx, imageId).snapshotIds() : List.of();
        Checks.dryRun(request.dryRun());
        ctx.cloud().deleteImage(imageId, deleteSnapshots);
        DeregisterImageResponse.Builder response = DeregisterImageResponse.builder().returnValue(true);
        if (deleteSnapshots) {
            response.deleteSnapshotResults(snapshots.stream().map(id -> DeleteSnapshotReturnCode.builder()
                    .snapshotId(id).returnCode("success").build()).toList());
        }
        return response.build();
    }

    DescribeImageAttributeResponse describeImageAttribute(ActionContext ctx, DescribeImageAttributeRequest request) {
        String imageId = Checks.checkId(request.imageId(), Ec2IdKind.IMAGE);
        String attribute = request.attributeAsString();
        DescribeImageAttributeResponse.Builder out = DescribeImageAttributeResponse.builder().imageId(imageId);
        Checks.dryRun(request.dryRun());
        io.altostratus.core.model.Image core = one(ctx, imageId);
        ImageSettings said = settings(ctx, List.of(imageId)).getOrDefault(imageId, ImageSettings.none(imageId));
        Image image = toSdk(core, said);
        switch (attribute == null ? "" : attribute) {
            case "description" -> out.description(value(image.description()));
            case "kernel" -> out.kernelId(value(null));
            case "ramdisk" -> out.ramdiskId(value(null));
            case "launchPermission" -> out.launchPermissions(launchPermissions(core, said));
            case "productCodes" -> out.productCodes(List.of());
            // EC2 now points callers to DescribeImages for this one; answering it still helps older clients.
            case "blockDeviceMapping" -> out.blockDeviceMappings(image.blockDeviceMappings());
            case "sriovNetSupport" -> out.sriovNetSupport(value(image.sriovNetSupport()));
            case "bootMode" -> out.bootMode(value(image.bootModeAsString()));
            case "tpmSupport" -> out.tpmSupport(value(null));
            case "uefiData" -> out.uefiData(value(null));
            case "lastLaunchedTime" -> out.lastLaunchedTime(value(null));
            case "imdsSupport" -> out.imdsSupport(value(null));
            case "deregistrationProtection" -> out.deregistrationProtection(value(image.deregistrationProtection()));
            default -> throw Checks.invalid("Value (" + attribute + ") for parameter attribute is invalid. "
                    + "Unknown attribute.");
        }
        return out.build();
    }

    /** What the backend says of these images beyond the core model (nothing when it keeps no such record). */
    static Map<String, ImageSettings> settings(ActionContext ctx, List<String> imageIds) {
        return ctx.cloud().extension(ImageRegistry.class).map(r -> r.imageSettings(imageIds)).orElse(Map.of());
    }

    /** Who may launch the image: its own launch permissions, and everyone for the catalog's public images. */
    static List<LaunchPermission> launchPermissions(io.altostratus.core.model.Image image, ImageSettings said) {
        SharingPermissions p = said.launchPermissions();
        if (image.isPublic() && !p.everyone()) {
            p = new SharingPermissions(p.userIds(), true);
        }
        return SharingShapes.write(p, u -> LaunchPermission.builder().userId(u).build(),
                g -> LaunchPermission.builder().group(g).build());
    }

    /** The one image with that id, as the backend sees it (its own NotFound for a missing one). */
    private static io.altostratus.core.model.Image one(ActionContext ctx, String imageId) {
        List<io.altostratus.core.model.Image> found =
                ctx.cloud().images(new ImageQuery(Set.of(imageId), null, null, null, null, null, null));
        if (found.isEmpty()) {
            throw Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.IMAGE), "The image id '[" + imageId + "]' does not exist");
        }
        return found.get(0);
    }

    private static AttributeValue value(String v) {
        return AttributeValue.builder().value(v).build();
    }

    /** Owners are {@code self}, an alias of AWS's own accounts, or an account id; anything else is malformed. */
    private static void checkUser(String user) {
        if (user == null || !(user.equals("self") || user.equals("all") || OWNER_ALIASES.contains(user)
                || user.matches("\\d{12}"))) {
            throw Ec2WireException.of("InvalidUserID.Malformed", "Invalid user id: \"" + user + "\"");
        }
    }

    private static boolean ownedBy(ActionContext ctx, io.altostratus.core.model.Image image, List<String> owners) {
        if (owners.isEmpty()) {
            return true;
        }
        for (String owner : owners) {
            boolean match = switch (owner) {
                case "self" -> ctx.account().equals(image.ownerId());
                case "amazon", "aws-marketplace", "aws-backup-vault" -> owner.equals(image.ownerAlias());
                default -> owner.equals(image.ownerId());
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /**
     * EC2's ExecutableUsers: {@code all} means public images; {@code self}, the caller's account or another account
     * mean images whose launch permissions name that account.
     */
    private static boolean executableBy(ActionContext ctx, io.altostratus.core.model.Image image,
                                        ImageSettings said, List<String> users) {
        if (users.isEmpty()) {
            return true;
        }
        SharingPermissions p = said.launchPermissions();
        for (String user : users) {
            boolean match = switch (user) {
                case "all" -> image.isPublic() || p.everyone();
                case "self" -> p.userIds().contains(ctx.account());
                default -> p.userIds().contains(user);
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    static Image toSdk(io.altostratus.core.model.Image image) {
        return toSdk(image, ImageSettings.none(image.id()));
    }

    /** The image as EC2 shows it, with what RegisterImage, launch permissions and deprecation said of it. */
    static Image toSdk(io.altostratus.core.model.Image image, ImageSettings said) {
        String owner = image.ownerAlias() != null ? image.ownerAlias() : image.ownerId();
        String rootDevice = image.rootDeviceName() == null ? "/dev/xvda" : image.rootDeviceName();
        String rootSnapshot = image.snapshotIds().isEmpty()
                ? derivedSnapshotId(image.id()) : image.snapshotIds().get(0);
        BlockDeviceMapping root = BlockDeviceMapping.builder()
                .deviceName(rootDevice)
                .ebs(EbsBlockDevice.builder()
                        .deleteOnTermination(true)
                        .snapshotId(rootSnapshot)
                        .volumeSize(image.rootSizeGiB() > 0 ? image.rootSizeGiB() : 8)
                        .volumeType("gp3")
                        .encrypted(false)
                        .build())
                .build();
        List<BlockDeviceMapping> mappings = said.devices().isEmpty() ? List.of(root) : mappings(said);
        return Image.builder()
                .imageId(image.id())
                .imageLocation(owner + "/" + image.name())
                .state(image.state())
                .ownerId(image.ownerId())
                .creationDate(Ec2Time.text(image.creationDate()))
                .publicLaunchPermissions(image.isPublic() || said.launchPermissions().everyone())
                .productCodes(List.of())
                .architecture(image.architecture() == null ? null : image.architecture().wireName())
                .imageType("machine")
                .imageOwnerAlias(image.ownerAlias())
                .name(image.name())
                .description(image.description())
                .rootDeviceType("ebs")
                .rootDeviceName(rootDevice)
                .blockDeviceMappings(mappings)
                .virtualizationType("hvm")
                .hypervisor("xen")
                .enaSupport(said.enaSupport() == null || said.enaSupport())
                .sriovNetSupport("simple")
                .bootMode(said.bootMode() != null ? said.bootMode() : bootMode(image))
                .deprecationTime(Ec2Time.text(said.deprecationTime()))
                .platformDetails("Linux/UNIX")
                .usageOperation("RunInstances")
                .sourceInstanceId(image.sourceInstanceId())
                .deregistrationProtection("disabled")
                .tags(SdkTags.toSdk(image.tags()))
                .build();
    }

    private static List<BlockDeviceMapping> mappings(ImageSettings said) {
        List<BlockDeviceMapping> out = new ArrayList<>();
        for (ImageDevice d : said.devices()) {
            out.add(BlockDeviceMapping.builder().deviceName(d.deviceName()).ebs(EbsBlockDevice.builder()
                    .deleteOnTermination(d.deleteOnTermination()).snapshotId(d.snapshotId())
                    .volumeSize(d.sizeGiB()).volumeType(d.volumeType()).encrypted(d.encrypted()).build()).build());
        }
        return out;
    }

    /**
     * Graviton boots only UEFI; x86 images of current distributions prefer UEFI, while Amazon Linux 2 and 2018.03
     * boot the legacy BIOS.
     */
    private static String bootMode(io.altostratus.core.model.Image image) {
        if (image.architecture() == Architecture.ARM64) {
            return "uefi";
        }
        boolean oldAmazonLinux = "amazon-linux".equals(image.distro())
                && ("2".equals(image.release()) || "2018.03".equals(image.release()));
        if (oldAmazonLinux) {
            return "legacy-bios";
        }
        return "uefi-preferred";
    }

    /** A stable snapshot id for an image the backend keeps no snapshot for: the same image, the same id. */
    static String derivedSnapshotId(String imageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(imageId.getBytes(StandardCharsets.UTF_8));
            return "snap-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static <V> List<V> ebs(Image image, java.util.function.Function<EbsBlockDevice, V> reader) {
        Set<V> out = new LinkedHashSet<>();
        for (BlockDeviceMapping m : image.blockDeviceMappings()) {
            if (m.ebs() != null) {
                V v = reader.apply(m.ebs());
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }
}
