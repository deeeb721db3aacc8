package io.altostratus.core.spec;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to launch. Build with {@link #builder()}; the built value is validated and immutable.
 *
 * <p>{@code image} is an image id or an alias such as {@code ubuntu:24.04} or {@code ubuntu:22.04/arm64}.
 * Either {@code instanceType} or a minimum of vCPUs/memory must be given. {@code count} instances are asked
 * for; the launch succeeds when at least {@code minCount} are made. A {@code clientToken} makes the launch
 * idempotent: the same token never launches twice, it returns the instances the first call made.
 * {@code disableApiTermination} launches with termination protection (honoured by providers that offer
 * {@link io.altostratus.core.spi.Capability#INSTANCE_ATTRIBUTES}). {@code metadataOptions} sets how the instances'
 * metadata service answers (null: the provider's defaults); only providers that offer
 * {@link io.altostratus.core.spi.Capability#INSTANCE_METADATA_OPTIONS} take it. {@code volumeTags} and
 * {@code interfaceTags} tag the volumes and network interfaces the launch makes, in the same step as the instances
 * (EC2's TagSpecification for volume and network-interface), so no reader ever sees them untagged; providers that
 * offer volumes ({@link io.altostratus.core.spi.Capability#VOLUMES}) and interfaces
 * ({@link io.altostratus.core.spi.Capability#NETWORK_INTERFACES}) as resources take them.
 */
public record LaunchSpec(
        String name,
        String image,
        String instanceType,
        int minVcpus,
        long minMemoryMiB,
        Architecture architecture,
        String userData,
        String keyName,
        String zone,
        String subnetId,
        List<String> securityGroupIds,
        List<DiskSpec> disks,
        Integer rootVolumeSizeGiB,
        SpotOptions spot,
        Map<String, String> tags,
        int count,
        int minCount,
        String clientToken,
        boolean disableApiTermination,
        InstanceMetadataOptions metadataOptions,
        Map<String, String> volumeTags,
        Map<String, String> interfaceTags) {

    /** EC2 caps user data at 16 KiB before base64; so do we, everywhere. */
    public static final int MAX_USER_DATA_BYTES = 16 * 1024;

    public LaunchSpec {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("an image is required (an image id or an alias such as ubuntu:24.04)");
        }
        if ((instanceType == null || instanceType.isBlank()) && minVcpus <= 0 && minMemoryMiB <= 0) {
            throw new IllegalArgumentException("an instance type or a minimum of vCPUs or memory is required");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (minCount < 1 || minCount > count) {
            throw new IllegalArgumentException("minCount must be between 1 and count (" + count + "), got " + minCount);
        }
        if (userData != null && userData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_USER_DATA_BYTES) {
            throw new IllegalArgumentException("user data is larger than " + MAX_USER_DATA_BYTES + " bytes");
        }
        if (rootVolumeSizeGiB != null && rootVolumeSizeGiB < 1) {
            throw new IllegalArgumentException("root volume size must be at least 1 GiB, got " + rootVolumeSizeGiB);
        }
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 64)) {
            throw new IllegalArgumentException("client token must be 1 to 64 characters");
        }
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        disks = disks == null ? List.of() : List.copyOf(disks);
        LinkedHashMap<String, String> allTags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        if (name != null) {
            allTags.put(Tags.NAME, name);
        } else {
            name = allTags.get(Tags.NAME);
        }
        tags = Tags.copy(allTags);
        volumeTags = Tags.copy(volumeTags == null ? Map.of() : volumeTags);
        interfaceTags = Tags.copy(interfaceTags == null ? Map.of() : interfaceTags);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LaunchSpec of(Consumer<Builder> customizer) {
        Builder b = builder();
        customizer.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.image = image;
        b.instanceType = instanceType;
        b.minVcpus = minVcpus;
        b.minMemoryMiB = minMemoryMiB;
        b.architecture = architecture;
        b.userData = userData;
        b.keyName = keyName;
        b.zone = zone;
        b.subnetId = subnetId;
        b.securityGroupIds = new ArrayList<>(securityGroupIds);
        b.disks = new ArrayList<>(disks);
        b.rootVolumeSizeGiB = rootVolumeSizeGiB;
        b.spot = spot;
        b.tags = new LinkedHashMap<>(tags);
        b.count = count;
        b.minCount = minCount;
        b.clientToken = clientToken;
        b.disableApiTermination = disableApiTermination;
        b.metadataOptions = metadataOptions;
        b.volumeTags = new LinkedHashMap<>(volumeTags);
        b.interfaceTags = new LinkedHashMap<>(interfaceTags);
        return b;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String image;
        private String instanceType;
        private int minVcpus;
        private long minMemoryMiB;
        private Architecture architecture;
        private String userData;
        private String keyName;
        private String zone;
        private String subnetId;
        private List<String> securityGroupIds = new ArrayList<>();
        private List<DiskSpec> disks = new ArrayList<>();
        private Integer rootVolumeSizeGiB;
        private SpotOptions spot;
        private Map<String, String> tags = new LinkedHashMap<>();
        private int count = 1;
        private Integer minCount;
        private String clientToken;
        private boolean disableApiTermination;
        private InstanceMetadataOptions metadataOptions;
        private Map<String, String> volumeTags = new LinkedHashMap<>();
        private Map<String, String> interfaceTags = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder name(String v) { name = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder instanceType(String v) { instanceType = v; return this; }
        public Builder minVcpus(int v) { minVcpus = v; return this; }
        public Builder minMemoryMiB(long v) { minMemoryMiB = v; return this; }
        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder userData(String v) { userData = v; return this; }
        public Builder keyName(String v) { keyName = v; return this; }
        public Builder zone(String v) { zone = v; return this; }
        public Builder subnetId(String v) { subnetId = v; return this; }
        public Builder securityGroupIds(List<String> v) { securityGroupIds = new ArrayList<>(v); return this; }
        public Builder securityGroupId(String v) { securityGroupIds.add(v); return this; }
        public Builder disks(List<DiskSpec> v) { disks = new ArrayList<>(v); return this; }
        public Builder disk(DiskSpec v) { disks.add(v); return this; }
        public Builder rootVolumeSizeGiB(Integer v) { rootVolumeSizeGiB = v; return this; }
        public Builder spot(SpotOptions v) { spot = v; return this; }
        public Builder tags(Map<String, String> v) { tags = new LinkedHashMap<>(v); return this; }
        public Builder tag(String key, String value) { tags.put(Objects.requireNonNull(key), value); return this; }
        public Builder count(int v) { count = v; return this; }
        public Builder minCount(int v) { minCount = v; return this; }
        public Builder clientToken(String v) { clientToken = v; return this; }
        public Builder disableApiTermination(boolean v) { disableApiTermination = v; return this; }
        public Builder metadataOptions(InstanceMetadataOptions v) { metadataOptions = v; return this; }
        public Builder volumeTags(Map<String, String> v) { volumeTags = new LinkedHashMap<>(v); return this; }
        public Builder interfaceTags(Map<String, String> v) { interfaceTags = new LinkedHashMap<>(v); return this; }

        public LaunchSpec build() {
            return new LaunchSpec(name, image, instanceType, minVcpus, minMemoryMiB, architecture, userData, keyName,
                    zone, subnetId, securityGroupIds, disks, rootVolumeSizeGiB, spot, tags, count,
                    minCount == null ? count : minCount, clientToken, disableApiTermination, metadataOptions,
                    volumeTags, interfaceTags);
        }
    }
}
