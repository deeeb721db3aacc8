package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * RunInstances in terms of a {@link LaunchSpec}: EC2's parameters checked with EC2's error codes, then translated.
 * A parameter the backend cannot honour is refused ({@code UnsupportedOperation} naming it) rather than ignored, so a
 * client never believes it got what it did not.
 */
final class InstanceLaunches {
    /** EC2's default type when RunInstances names none. */
    private static final String EC2_DEFAULT_TYPE = "m1.small";
    private static final Set<String> TAGGABLE = Set.of("instance", "volume", "network-interface");

    private InstanceLaunches() {
    }

    /** What a RunInstances call asks for, in the core's terms. */
    static LaunchSpec translate(Cloud cloud, RunInstancesRequest r) {
        String imageId = r.imageId();
        if (r.launchTemplate() != null) {
            throw Checks.unsupportedParameter("LaunchTemplate");
        }
        if (imageId == null || imageId.isEmpty()) {
            throw Checks.missing("ImageId");
        }
        // Aliases such as ubuntu:24.04 are an alto convenience; EC2 clients name images by id.
        Checks.checkId(imageId, Ec2IdKind.IMAGE);
        int max = r.maxCount();
        int min = r.minCount();
        if (max < 1) {
            throw Checks.invalid("Value (" + max + ") for parameter maxCount is invalid. Expected a positive integer.");
        }
        if (min < 1) {
            throw Checks.invalid("Value (" + min + ") for parameter minCount is invalid. Expected a positive integer.");
        }
        if (min > max) {
            throw Checks.invalid("MinCount (" + min + ") must be less than or equal to MaxCount (" + max + ")");
        }
        refuseUnsupported(r);

        LaunchSpec.Builder spec = LaunchSpec.builder()
                .image(imageId)
                .count(max)
                .minCount(min)
                .clientToken(r.clientToken() == null || r.clientToken().isEmpty() ? null : r.clientToken())
                .keyName(r.keyName())
                .disableApiTermination(Boolean.TRUE.equals(r.disableApiTermination()))
                .userData(userData(r.userData()));
        String instanceType = r.instanceTypeAsString() != null ? r.instanceTypeAsString() : defaultType(cloud);
        spec.instanceType(instanceType);
        if (r.creditSpecification() != null && r.creditSpecification().cpuCredits() != null) {
            // The core model keeps no credit option; only AWS's default for the family can be honoured and reported.
            String asked = r.creditSpecification().cpuCredits();
            if (!asked.equalsIgnoreCase(String.valueOf(InstanceActions.creditOption(instanceType)))) {
                throw Checks.unsupported("The parameter CreditSpecification.CpuCredits="
                        + asked + " is not supported for " + instanceType + " by this gateway (only the family's default).");
            }
        }
        // Terraform's aws provider sends Placement.AvailabilityZone= (empty) with a subnet; EC2 takes it as unset.
        if (r.placement() != null && r.placement().availabilityZone() != null
                && !r.placement().availabilityZone().isBlank()) {
            spec.zone(r.placement().availabilityZone());
        }

        String subnetId = r.subnetId();
        List<String> groupIds = new ArrayList<>(r.hasSecurityGroupIds() ? r.securityGroupIds() : List.of());
        if (r.hasNetworkInterfaces() && !r.networkInterfaces().isEmpty()) {
            InstanceNetworkInterfaceSpecification eni = primaryInterface(r);
            if (subnetId != null && eni.subnetId() != null) {
                throw Checks.combination("Network interfaces and an instance-level subnet ID may not be specified on "
                        + "the same request");
            }
            if (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty() && eni.hasGroups()
                    && !eni.groups().isEmpty()) {
                throw Checks.combination("Network interfaces and an instance-level security groups may not be specified "
                        + "on the same request");
            }
            subnetId = eni.subnetId() != null ? eni.subnetId() : subnetId;
            if (eni.hasGroups()) {
                groupIds.addAll(eni.groups());
            }
        }
        if (r.hasSecurityGroups() && !r.securityGroups().isEmpty()) {
            if (subnetId != null) {
                throw Checks.combination("The parameter groupName cannot be used with the parameter subnet");
            }
            groupIds.addAll(groupIdsByName(cloud, r.securityGroups()));
        }
        spec.subnetId(subnetId).securityGroupIds(new ArrayList<>(new LinkedHashSet<>(groupIds)));

        if (r.instanceMarketOptions() != null) {
            String market = r.instanceMarketOptions().marketTypeAsString();
            if (!"spot".equals(market)) {
                throw Checks.invalid("The market type '" + market + "' is not supported (expected spot)");
            }
            if (!cloud.supports(Capability.SPOT)) {
                throw Checks.unsupported("Spot instances are not supported by the '"
                        + cloud.providerName() + "' backend of this gateway.");
            }
            spec.spot(spot(r.instanceMarketOptions().spotOptions()));
        }

        if (r.hasBlockDeviceMappings() && !r.blockDeviceMappings().isEmpty()) {
            Image image = cloud.image(imageId);
            String rootDevice = image.rootDeviceName();
            for (BlockDeviceMapping m : r.blockDeviceMappings()) {
                disk(spec, m, rootDevice);
            }
        }

        Map<String, String> instanceTags = new LinkedHashMap<>();
        Map<String, String> volumeTags = new LinkedHashMap<>();
        Map<String, String> interfaceTags = new LinkedHashMap<>();
        if (r.hasTagSpecifications()) {
            for (TagSpecification ts : r.tagSpecifications()) {
                String type = ts.resourceTypeAsString();
                if (type == null || !TAGGABLE.contains(type)) {
                    throw Checks.invalid("'" + type + "' is not a valid taggable resource type for this operation.");
                }
            }
            instanceTags.putAll(SdkTags.fromSpecifications(r.tagSpecifications(), ResourceType.INSTANCE));
            volumeTags.putAll(SdkTags.fromSpecifications(r.tagSpecifications(), ResourceType.VOLUME));
            interfaceTags.putAll(SdkTags.fromSpecifications(r.tagSpecifications(), ResourceType.NETWORK_INTERFACE));
        }
        // Tags for the volumes and interfaces a launch makes need those resources to exist in the backend.
        if (!volumeTags.isEmpty() && !cloud.supports(Capability.VOLUMES)) {
            throw Checks.unsupportedParameter("TagSpecification (volume tags)");
        }
        if (!interfaceTags.isEmpty() && !cloud.supports(Capability.NETWORK_INTERFACES)) {
            throw Checks.unsupportedParameter("TagSpecification (network-interface tags)");
        }
        spec.tags(instanceTags).volumeTags(volumeTags).interfaceTags(interfaceTags);
        spec.metadataOptions(InstanceMetadataActions.forLaunch(cloud, r.metadataOptions()));
        return spec.build();
    }

    /** RunInstances carries user data base64-encoded; the core keeps the decoded text. */
    static String userData(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(base64.strip());
            if (!isBase64(base64)) {
                throw new IllegalArgumentException("stray characters");
            }
        } catch (IllegalArgumentException e) {
            throw Checks.invalid("Invalid BASE64 encoding of user data.");
        }
        if (raw.length > LaunchSpec.MAX_USER_DATA_BYTES) {
            throw Checks.invalid("User data is limited to " + LaunchSpec.MAX_USER_DATA_BYTES + " bytes.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            // The core model keeps user data as text; binary (e.g. gzip) would not survive the round trip.
            throw Checks.unsupported("User data that is not UTF-8 text (such as gzip) is not supported by this gateway.");
        }
    }

    /** The MIME decoder skips characters outside the alphabet; EC2 refuses them, so check first. */
    private static boolean isBase64(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String defaultType(Cloud cloud) {
        Map<String, InstanceType> types = InstanceViews.types(cloud);
        if (types.containsKey(EC2_DEFAULT_TYPE)) {
            return EC2_DEFAULT_TYPE;
        }
        // Backends without EC2's historic default take the cheapest type with one vCPU.
        return cloud.cheapestType(1, 0, null).name();
    }

    private static InstanceNetworkInterfaceSpecification primaryInterface(RunInstancesRequest r) {
        if (r.networkInterfaces().size() > 1) {
            throw Checks.unsupportedParameter("NetworkInterface.2");
        }
        InstanceNetworkInterfaceSpecification eni = r.networkInterfaces().get(0);
        if (eni.deviceIndex() != null && eni.deviceIndex() != 0) {
            throw Checks.invalid("The primary network interface must have device index 0");
        }
        if (eni.networkInterfaceId() != null) {
            throw Checks.unsupportedParameter("NetworkInterface.1.NetworkInterfaceId");
        }
        if (eni.privateIpAddress() != null || (eni.hasPrivateIpAddresses() && !eni.privateIpAddresses().isEmpty())) {
            throw Checks.unsupportedParameter("NetworkInterface.1.PrivateIpAddress");
        }
        if (eni.secondaryPrivateIpAddressCount() != null && eni.secondaryPrivateIpAddressCount() > 0) {
            throw Checks.unsupportedParameter("NetworkInterface.1.SecondaryPrivateIpAddressCount");
        }
        if ((eni.ipv6AddressCount() != null && eni.ipv6AddressCount() > 0)
                || (eni.hasIpv6Addresses() && !eni.ipv6Addresses().isEmpty())) {
            throw Checks.unsupportedParameter("NetworkInterface.1.Ipv6Addresses");
        }
        return eni;
    }

    private static List<String> groupIdsByName(Cloud cloud, List<String> names) {
        String defaultVpc = Checks.extension(cloud, Networks.class)
                .networks().stream().filter(Network::isDefault).map(Network::id).findFirst()
                .orElseThrow(() -> Ec2WireException.of("VPCIdNotSpecified",
                        "No default VPC for this user. Specify a subnet with the groups' ids."));
        Map<String, String> byName = new LinkedHashMap<>();
        for (SecurityGroup g : Checks.extension(cloud, SecurityGroups.class).securityGroups()) {
            if (defaultVpc.equals(g.networkId())) {
                byName.put(g.name(), g.id());
            }
        }
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String id = byName.get(name);
            if (id == null) {
                throw Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.SECURITY_GROUP), "The security group '" + name
                        + "' does not exist in default VPC '" + defaultVpc + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private static SpotOptions spot(software.amazon.awssdk.services.ec2.model.SpotMarketOptions o) {
        if (o == null) {
            return SpotOptions.oneTime();
        }
        Double max = null;
        if (o.maxPrice() != null && !o.maxPrice().isEmpty()) {
            try {
                max = Double.parseDouble(o.maxPrice());
            } catch (NumberFormatException e) {
                throw Checks.invalid("Invalid spot max price: " + o.maxPrice());
            }
        }
        return new SpotOptions(max, "persistent".equals(o.spotInstanceTypeAsString()));
    }

    /** The root device's mapping sets the root size; every other EBS mapping is an extra volume. */
    private static void disk(LaunchSpec.Builder spec, BlockDeviceMapping m, String rootDevice) {
        String device = m.deviceName();
        if (device == null || device.isEmpty()) {
            throw Ec2WireException.of(WireError.MISSING_PARAMETER,
                    "The request must contain the parameter BlockDeviceMapping.DeviceName");
        }
        boolean root = sameDevice(device, rootDevice);
        if (m.noDevice() != null || m.virtualName() != null) {
            if (root) {
                throw Ec2WireException.of("InvalidBlockDeviceMapping",
                        "The root device " + device + " cannot be suppressed or mapped to instance store");
            }
            return; // suppressing an image device or mapping instance store: nothing to make here
        }
        EbsBlockDevice ebs = m.ebs();
        if (ebs == null) {
            throw Ec2WireException.of("InvalidBlockDeviceMapping", "The block device mapping for " + device
                    + " names neither Ebs, NoDevice nor VirtualName");
        }
        if (root) {
            if (ebs.snapshotId() != null) {
                throw Ec2WireException.of("InvalidBlockDeviceMapping",
                        "The snapshot of the root device " + device + " is the image's; it cannot be replaced");
            }
            if (ebs.volumeSize() != null) {
                spec.rootVolumeSizeGiB(ebs.volumeSize());
            }
            return;
        }
        if (ebs.volumeSize() == null && ebs.snapshotId() == null) {
            throw Ec2WireException.of(WireError.MISSING_PARAMETER, "The request must contain the parameter size or "
                    + "snapshotId for the block device mapping " + device);
        }
        spec.disk(new DiskSpec(device, ebs.volumeSize() == null ? 0 : ebs.volumeSize(), ebs.volumeTypeAsString(),
                ebs.iops() == null ? 0 : ebs.iops(), ebs.snapshotId(),
                ebs.deleteOnTermination() == null || ebs.deleteOnTermination()));
    }

    /** {@code xvda} and {@code /dev/xvda} name the same device in EC2 mappings. */
    static boolean sameDevice(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return strip(a).equals(strip(b));
    }

    private static String strip(String device) {
        return device.startsWith("/dev/") ? device.substring(5) : device;
    }

    private static void refuseUnsupported(RunInstancesRequest r) {
        if (r.iamInstanceProfile() != null) {
            throw Checks.unsupportedParameter("IamInstanceProfile");
        }
        if (r.privateIpAddress() != null) {
            throw Checks.unsupportedParameter("PrivateIpAddress");
        }
        if ((r.ipv6AddressCount() != null && r.ipv6AddressCount() > 0)
                || (r.hasIpv6Addresses() && !r.ipv6Addresses().isEmpty())) {
            throw Checks.unsupportedParameter("Ipv6Addresses");
        }
        if (r.monitoring() != null && Boolean.TRUE.equals(r.monitoring().enabled())) {
            throw Checks.unsupportedParameter("Monitoring.Enabled");
        }
        if (Boolean.TRUE.equals(r.ebsOptimized())) {
            throw Checks.unsupportedParameter("EbsOptimized");
        }
        if (r.hibernationOptions() != null && Boolean.TRUE.equals(r.hibernationOptions().configured())) {
            throw Checks.unsupportedParameter("HibernationOptions.Configured");
        }
        if (r.enclaveOptions() != null && Boolean.TRUE.equals(r.enclaveOptions().enabled())) {
            throw Checks.unsupportedParameter("EnclaveOptions.Enabled");
        }
        if ("terminate".equals(r.instanceInitiatedShutdownBehaviorAsString())) {
            throw Checks.unsupportedParameter("InstanceInitiatedShutdownBehavior");
        }
        if (Boolean.TRUE.equals(r.disableApiStop())) {
            throw Checks.unsupportedParameter("DisableApiStop");
        }
        if (r.placement() != null) {
            String tenancy = r.placement().tenancyAsString();
            if (tenancy != null && !"default".equals(tenancy)) {
                throw Checks.unsupportedParameter("Placement.Tenancy");
            }
            if (r.placement().hostId() != null && !r.placement().hostId().isBlank()) {
                throw Checks.unsupportedParameter("Placement.HostId");
            }
            if (r.placement().groupName() != null && !r.placement().groupName().isEmpty()) {
                throw Checks.unsupportedParameter("Placement.GroupName");
            }
        }
        if (r.kernelId() != null) {
            throw Checks.unsupportedParameter("KernelId");
        }
        if (r.ramdiskId() != null) {
            throw Checks.unsupportedParameter("RamdiskId");
        }
    }
}
