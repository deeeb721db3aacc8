package io.altostratus.gcp.internal;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.NetworkInterface;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.gcp.GceInstanceDetails;
import io.altostratus.gcp.GceLabels;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute Engine's resources as the portable records.
 *
 * <p>States: PROVISIONING and STAGING are {@code pending}; RUNNING {@code running}; STOPPING and SUSPENDING
 * {@code stopping} and {@code suspended}; TERMINATED is {@code stopped} (GCE's TERMINATED is a stopped VM, which
 * keeps its disks and can be started again); SUSPENDED {@code suspended}; REPAIRING {@code pending} (GCE is
 * moving or repairing the VM and brings it back to RUNNING by itself, so it is a transitional state that settles on
 * its own, as pending does); a deleted instance is gone from GCE and is reported {@code terminated} by the calls
 * that delete it. Anything else is {@code error}. {@code rawState} is always GCE's own word.
 */
public final class GceConvert {
    /** Metadata item holding the portable {@code Name} when it differs from the GCE name. */
    public static final String NAME_KEY = "alto-name";
    /** Metadata item holding the image id the instance was launched from (GCE does not report it on the VM). */
    public static final String IMAGE_KEY = "alto-image";
    /** Metadata item holding the key pair name the launch used. */
    public static final String KEY_NAME_KEY = "alto-key-name";

    private static final Pattern UBUNTU = Pattern.compile("ubuntu-(?:minimal-|pro-)?(\\d\\d)(\\d\\d)(?:-|$).*");
    private static final Pattern DEBIAN = Pattern.compile("debian-(\\d+)(?:-|$).*");
    /** Machine families that run on Arm (Tau T2A, Axion C4A and N4A). */
    private static final Pattern ARM_FAMILY = Pattern.compile("(?:t2a|c4a|n4a)-.*");

    private GceConvert() {
    }

    public static InstanceState state(String status) {
        return switch (status == null ? "" : status) {
            case "PROVISIONING", "STAGING", "REPAIRING" -> InstanceState.PENDING;
            case "RUNNING" -> InstanceState.RUNNING;
            case "STOPPING" -> InstanceState.STOPPING;
            case "TERMINATED" -> InstanceState.STOPPED;
            case "SUSPENDING", "SUSPENDED" -> InstanceState.SUSPENDED;
            default -> InstanceState.ERROR;
        };
    }

    public static Instance instance(com.google.cloud.compute.v1.Instance vm, String project, String region) {
        String zone = GceNames.last(vm.getZone());
        Map<String, String> metadata = metadata(vm);
        String displayName = metadata.getOrDefault(NAME_KEY, vm.getName());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.NAME, displayName);
        tags.putAll(new java.util.TreeMap<>(vm.getLabelsMap()));
        NetworkInterface nic = vm.getNetworkInterfacesCount() > 0 ? vm.getNetworkInterfaces(0) : null;
        String publicIp = null;
        if (nic != null) {
            for (AccessConfig access : nic.getAccessConfigsList()) {
                if (!access.getNatIP().isEmpty()) {
                    publicIp = access.getNatIP();
                    break;
                }
            }
        }
        String machineType = GceNames.last(vm.getMachineType());
        List<BlockDevice> devices = new ArrayList<>();
        Architecture architecture = null;
        for (AttachedDisk disk : vm.getDisksList()) {
            String diskName = GceNames.last(disk.getSource());
            devices.add(new BlockDevice(disk.getDeviceName(),
                    diskName == null ? null : GceNames.diskId(zoneOf(disk.getSource()) == null ? zone
                            : zoneOf(disk.getSource()), diskName), disk.getAutoDelete()));
            if (disk.getBoot() && !disk.getArchitecture().isEmpty()) {
                architecture = architecture(disk.getArchitecture());
            }
        }
        if (architecture == null && machineType != null) {
            architecture = ARM_FAMILY.matcher(machineType).matches() ? Architecture.ARM64 : Architecture.X86_64;
        }
        String provisioning = vm.getScheduling().getProvisioningModel();
        String network = nic == null ? null : GceNames.last(nic.getNetwork());
        String subnetwork = nic == null ? null : GceNames.last(nic.getSubnetwork());
        return Instance.builder()
                .id(GceNames.instanceId(zone, vm.getName()))
                .name(displayName)
                .provider("gcp")
                .region(region)
                .zone(zone)
                .state(state(vm.getStatus()))
                .rawState(vm.getStatus())
                .stateReason(vm.getStatusMessage().isEmpty() ? null : vm.getStatusMessage())
                .imageId(metadata.get(IMAGE_KEY))
                .instanceType(machineType)
                .architecture(architecture)
                .privateIp(nic == null || nic.getNetworkIP().isEmpty() ? null : nic.getNetworkIP())
                .publicIp(publicIp)
                .keyName(metadata.get(KEY_NAME_KEY))
                .vpcId(network)
                .subnetId(subnetwork)
                .blockDevices(devices)
                .spot("SPOT".equals(provisioning) || vm.getScheduling().getPreemptible())
                .tags(tags)
                .launchTime(timestamp(vm.getCreationTimestamp()))
                .details(new GceInstanceDetails(Long.toUnsignedString(vm.getId()), vm.getSelfLink(), project,
                        vm.getStatus(), vm.getCpuPlatform().isEmpty() ? null : vm.getCpuPlatform(),
                        vm.getLabelFingerprint(), provisioning.isEmpty() ? "STANDARD" : provisioning, network,
                        subnetwork))
                .build();
    }

    /** An instance's metadata items by key. */
    public static Map<String, String> metadata(com.google.cloud.compute.v1.Instance vm) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Items item : vm.getMetadata().getItemsList()) {
            out.put(item.getKey(), item.getValue());
        }
        return out;
    }

    public static Image image(com.google.cloud.compute.v1.Image image, String ownProject) {
        String project = projectOf(image.getSelfLink(), ownProject);
        String family = image.getFamily().isEmpty() ? null : image.getFamily();
        String basis = family != null ? family : image.getName();
        String distro = null;
        String release = null;
        Matcher ubuntu = UBUNTU.matcher(basis);
        Matcher debian = DEBIAN.matcher(basis);
        if (ubuntu.matches()) {
            distro = "ubuntu";
            release = ubuntu.group(1) + "." + ubuntu.group(2);
        } else if (debian.matches()) {
            distro = "debian";
            release = debian.group(1);
        }
        Architecture arch = !image.getArchitecture().isEmpty() ? architecture(image.getArchitecture())
                : basis.contains("arm64") || basis.contains("aarch64") ? Architecture.ARM64 : Architecture.X86_64;
        Map<String, String> tags = new LinkedHashMap<>(new java.util.TreeMap<>(image.getLabelsMap()));
        if (family != null) {
            tags.put(GceLabels.FAMILY_TAG, family);
        }
        String source = GceNames.last(image.getSourceDisk());
        String sourceZone = source == null ? null : zoneOf(image.getSourceDisk());
        return new Image(
                GceNames.imageId(project, image.getName()),
                image.getName(),
                image.getDescription().isEmpty() ? null : image.getDescription(),
                project,
                project,
                distro,
                release,
                arch,
                imageState(image.getStatus()),
                !project.equals(ownProject),
                null,
                (int) image.getDiskSizeGb(),
                List.of(),
                // Launches name the boot disk after the instance, so the disk names the instance it was made from.
                source == null || sourceZone == null ? null : GceNames.instanceId(sourceZone, source),
                timestamp(image.getCreationTimestamp()),
                tags);
    }

    public static String imageState(String status) {
        return switch (status == null ? "" : status) {
            case "READY" -> Image.AVAILABLE;
            case "PENDING" -> Image.PENDING;
            case "FAILED" -> "failed";
            case "DELETING" -> "deregistered";
            default -> status == null || status.isEmpty() ? Image.AVAILABLE : status.toLowerCase(Locale.ROOT);
        };
    }

    public static InstanceType instanceType(MachineType type) {
        int gpus = type.getAcceleratorsList().stream().mapToInt(a -> a.getGuestAcceleratorCount()).sum();
        String gpuModel = type.getAcceleratorsCount() == 0 ? null
                : type.getAccelerators(0).getGuestAcceleratorType();
        Architecture arch = !type.getArchitecture().isEmpty() ? architecture(type.getArchitecture())
                : ARM_FAMILY.matcher(type.getName()).matches() ? Architecture.ARM64 : Architecture.X86_64;
        boolean current = !type.hasDeprecated() || type.getDeprecated().getState().isEmpty()
                || "ACTIVE".equals(type.getDeprecated().getState());
        return new InstanceType(type.getName(), type.getGuestCpus(), type.getMemoryMb(), gpus, gpuModel,
                List.of(arch), null, type.getIsSharedCpu(), current, null, 0);
    }

    public static Zone zone(com.google.cloud.compute.v1.Zone zone) {
        return new Zone(zone.getName(), zone.getName(), GceNames.last(zone.getRegion()),
                "DOWN".equals(zone.getStatus()) ? "unavailable" : "available");
    }

    public static Region region(com.google.cloud.compute.v1.Region region) {
        return new Region(region.getName(), region.getDescription().isEmpty() ? null : region.getDescription(),
                null, false);
    }

    static Architecture architecture(String gce) {
        return switch (gce) {
            case "ARM64" -> Architecture.ARM64;
            default -> Architecture.X86_64;
        };
    }

    /** {@code https://.../projects/p/global/images/x} -> p; the session's project when the link is missing. */
    static String projectOf(String selfLink, String fallback) {
        if (selfLink == null) {
            return fallback;
        }
        int at = selfLink.indexOf("projects/");
        if (at < 0) {
            return fallback;
        }
        int end = selfLink.indexOf('/', at + 9);
        return end < 0 ? fallback : selfLink.substring(at + 9, end);
    }

    /** {@code .../zones/z/disks/d} -> z, or null. */
    static String zoneOf(String url) {
        int at = url.indexOf("/zones/");
        if (at < 0) {
            return null;
        }
        int end = url.indexOf('/', at + 7);
        return end < 0 ? url.substring(at + 7) : url.substring(at + 7, end);
    }

    /** An RFC 3339 time as GCE writes it, or null when absent or unreadable. */
    public static Instant timestamp(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
