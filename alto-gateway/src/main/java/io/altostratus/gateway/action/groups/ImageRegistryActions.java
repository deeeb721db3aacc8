package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ImageDevice;
import io.altostratus.core.ec2.ImageRegistration;
import io.altostratus.core.ec2.ImageRegistry;
import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyImageResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.RegisterImageResponse;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Images beyond create and deregister: RegisterImage from snapshots, CopyImage, ModifyImageAttribute and
 * ResetImageAttribute (launch permissions and the description), Enable/DisableImageDeprecation.
 */
public final class ImageRegistryActions implements ActionGroup {
    private static final Set<String> BOOT_MODES = Set.of("legacy-bios", "uefi", "uefi-preferred");
    /** How far ahead EC2 lets a deprecation be set: ten years. */
    private static final long MAX_DEPRECATION_DAYS = 10 * 365;

    @Override
    public void register(ActionRegistry registry) {
        registry.on(RegisterImageRequest.class, this::register)
                .on(CopyImageRequest.class, this::copy)
                .on(ModifyImageAttributeRequest.class, this::modify)
                .on(ResetImageAttributeRequest.class, this::reset)
                .on(EnableImageDeprecationRequest.class, this::enableDeprecation)
                .on(DisableImageDeprecationRequest.class, this::disableDeprecation);
    }

    RegisterImageResponse register(ActionContext ctx, RegisterImageRequest request) {
        if (request.name() == null) {
            throw missing("Name");
        }
        if (request.imageLocation() != null) {
            throw Checks.unsupportedParameter("ImageLocation (instance-store images from S3 manifests)");
        }
        if (request.virtualizationType() != null && !"hvm".equals(request.virtualizationType())) {
            throw Checks.unsupported("Only hvm images can be registered with this gateway.");
        }
        if (request.kernelId() != null || request.ramdiskId() != null) {
            throw Checks.unsupportedParameter("KernelId or RamdiskId");
        }
        String bootMode = request.bootModeAsString();
        if (bootMode != null && !BOOT_MODES.contains(bootMode)) {
            throw Checks.invalid("Value (" + bootMode + ") for parameter bootMode is invalid. Valid values: "
                    + "legacy-bios, uefi, uefi-preferred");
        }
        Architecture architecture;
        try {
            architecture = request.architectureAsString() == null ? Architecture.X86_64
                    : Architecture.parse(request.architectureAsString());
        } catch (IllegalArgumentException e) {
            throw Checks.invalid("Value (" + request.architectureAsString() + ") for parameter architecture is "
                    + "invalid.");
        }
        if (!request.hasBlockDeviceMappings() || request.blockDeviceMappings().isEmpty()) {
            throw missing("BlockDeviceMapping");
        }
        if (request.rootDeviceName() == null) {
            throw missing("RootDeviceName");
        }
        List<ImageDevice> devices = new ArrayList<>();
        for (BlockDeviceMapping m : request.blockDeviceMappings()) {
            if (m.deviceName() == null) {
                throw missing("BlockDeviceMapping.DeviceName");
            }
            // Instance-store and suppressed devices say nothing about the image's volumes.
            if (m.ebs() == null) {
                continue;
            }
            if (m.ebs().snapshotId() != null) {
                Checks.checkId(m.ebs().snapshotId(), Ec2IdKind.SNAPSHOT);
            } else if (m.ebs().volumeSize() == null) {
                throw Checks.invalid("The block device mapping " + m.deviceName() + " needs a snapshot or a size");
            }
            devices.add(new ImageDevice(m.deviceName(), m.ebs().snapshotId(),
                    m.ebs().volumeSize() == null ? 0 : m.ebs().volumeSize(),
                    m.ebs().volumeTypeAsString() == null ? "gp3" : m.ebs().volumeTypeAsString(),
                    m.ebs().deleteOnTermination() == null || m.ebs().deleteOnTermination(),
                    Boolean.TRUE.equals(m.ebs().encrypted())));
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.IMAGE,
                Set.of(ResourceType.IMAGE));
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        dryRun(request.dryRun());
        Image image = registry.registerImage(new ImageRegistration(request.name(), request.description(),
                architecture, request.rootDeviceName(), devices, bootMode,
                Boolean.TRUE.equals(request.enaSupport())), tags);
        return RegisterImageResponse.builder().imageId(image.id()).build();
    }

    CopyImageResponse copy(ActionContext ctx, CopyImageRequest request) {
        if (request.sourceImageId() == null) {
            throw missing("SourceImageId");
        }
        if (request.sourceRegion() == null) {
            throw missing("SourceRegion");
        }
        if (request.name() == null) {
            throw missing("Name");
        }
        if (Boolean.TRUE.equals(request.encrypted()) || request.kmsKeyId() != null) {
            throw Checks.unsupportedParameter("Encrypted or KmsKeyId");
        }
        if (request.destinationOutpostArn() != null || request.destinationAvailabilityZone() != null
                || request.destinationAvailabilityZoneId() != null) {
            throw Checks.unsupportedParameter("DestinationOutpostArn or DestinationAvailabilityZone");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        if (Boolean.TRUE.equals(request.copyImageTags()) && request.sourceRegion().equals(ctx.region())) {
            // A source in another region is not visible to this session; its tags are copied only from here.
            ImageActions.toSdk(oneImage(ctx, request.sourceImageId())).tags()
                    .forEach(t -> tags.put(t.key(), t.value()));
        }
        tags.putAll(TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.IMAGE, Set.of(ResourceType.IMAGE)));
        dryRun(request.dryRun());
        Image copy = registry.copyImage(request.sourceRegion(), request.sourceImageId(), request.name(),
                request.description(), tags);
        return CopyImageResponse.builder().imageId(copy.id()).build();
    }

    ModifyImageAttributeResponse modify(ActionContext ctx, ModifyImageAttributeRequest request) {
        String imageId = imageId(request.imageId());
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        String attribute = request.attribute();
        if (request.hasProductCodes() && !request.productCodes().isEmpty()) {
            throw Checks.unsupportedParameter("ProductCode");
        }
        if (request.hasOrganizationArns() && !request.organizationArns().isEmpty()
                || request.hasOrganizationalUnitArns() && !request.organizationalUnitArns().isEmpty()) {
            throw Checks.unsupportedParameter("OrganizationArn or OrganizationalUnitArn");
        }
        if (request.description() != null || "description".equals(attribute)) {
            String text = request.description() != null ? request.description().value() : request.value();
            if (text == null) {
                throw missing("Description");
            }
            oneImage(ctx, imageId);
            dryRun(request.dryRun());
            registry.setImageDescription(imageId, text);
            return ModifyImageAttributeResponse.builder().build();
        }
        if (attribute != null && !"launchPermission".equals(attribute)) {
            throw Checks.invalid("Value (" + attribute + ") for parameter attribute is invalid. Valid values: "
                    + "description, launchPermission");
        }
        SharingPermissions add = SharingPermissions.NONE;
        SharingPermissions remove = SharingPermissions.NONE;
        if (request.launchPermission() != null) {
            add = SharingShapes.read(request.launchPermission().add(), LaunchPermission::userId,
                    LaunchPermission::groupAsString);
            remove = SharingShapes.read(request.launchPermission().remove(), LaunchPermission::userId,
                    LaunchPermission::groupAsString);
        }
        if (request.hasUserIds() || request.hasUserGroups()) {
            SharingPermissions listed = SharingShapes.read(request.userIds(), request.userGroups());
            String op = request.operationTypeAsString();
            if (op == null) {
                throw missing("OperationType");
            }
            switch (op) {
                case "add" -> add = listed;
                case "remove" -> remove = listed;
                default -> throw Checks.invalid("Value (" + op + ") for parameter operationType is invalid. "
                        + "Valid values: add, remove");
            }
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw missing("LaunchPermission");
        }
        oneImage(ctx, imageId);
        dryRun(request.dryRun());
        registry.modifyLaunchPermission(imageId, add, remove);
        return ModifyImageAttributeResponse.builder().build();
    }

    ResetImageAttributeResponse reset(ActionContext ctx, ResetImageAttributeRequest request) {
        String imageId = imageId(request.imageId());
        if (request.attribute() == null) {
            throw missing("Attribute");
        }
        if (!"launchPermission".equals(request.attributeAsString())) {
            throw Checks.invalid("Value (" + request.attributeAsString() + ") for parameter attribute is invalid. "
                    + "Valid values: launchPermission");
        }
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        oneImage(ctx, imageId);
        dryRun(request.dryRun());
        registry.resetLaunchPermission(imageId);
        return ResetImageAttributeResponse.builder().build();
    }

    EnableImageDeprecationResponse enableDeprecation(ActionContext ctx, EnableImageDeprecationRequest request) {
        String imageId = imageId(request.imageId());
        Instant at = request.deprecateAt();
        if (at == null) {
            throw missing("DeprecateAt");
        }
        Instant now = Instant.now();
        if (at.isBefore(now)) {
            throw Checks.invalid("The deprecation time " + Ec2Time.text(at) + " must be in the future.");
        }
        if (at.isAfter(now.plus(java.time.Duration.ofDays(MAX_DEPRECATION_DAYS)))) {
            throw Checks.invalid("The deprecation time " + Ec2Time.text(at) + " cannot be more than 10 years in "
                    + "the future.");
        }
        // EC2 keeps deprecation times to the minute, rounding seconds down.
        Instant minute = at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        oneImage(ctx, imageId);
        dryRun(request.dryRun());
        registry.setDeprecation(imageId, minute);
        return EnableImageDeprecationResponse.builder().returnValue(true).build();
    }

    DisableImageDeprecationResponse disableDeprecation(ActionContext ctx, DisableImageDeprecationRequest request) {
        String imageId = imageId(request.imageId());
        ImageRegistry registry = Checks.extension(ctx.cloud(), ImageRegistry.class);
        oneImage(ctx, imageId);
        dryRun(request.dryRun());
        registry.setDeprecation(imageId, null);
        return DisableImageDeprecationResponse.builder().returnValue(true).build();
    }

    private static String imageId(String id) {
        if (id == null) {
            throw missing("ImageId");
        }
        return Checks.checkId(id, Ec2IdKind.IMAGE);
    }

    /** The image, or EC2's NotFound, before a dry run answers. */
    private static Image oneImage(ActionContext ctx, String imageId) {
        return ctx.cloud().image(imageId);
    }
}
