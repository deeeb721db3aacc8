package io.altostratus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual machine as every provider reports it.
 *
 * <p>Values are immutable snapshots; ask the provider again to see later state. {@code tags} holds every tag,
 * including {@code Name}; {@code name} repeats the {@code Name} tag for convenience. {@code reservationId} groups the
 * instances one launch made (EC2's reservation), {@code launchIndex} is the position within that launch.
 * {@code metadataOptions} says how the instance's metadata service answers, or is null when the provider does not
 * report it (providers without {@link io.altostratus.core.spi.Capability#INSTANCE_METADATA_OPTIONS}).
 * {@code spotInstanceRequestId} names the spot request that launched a spot instance, or is null (on-demand
 * instances, and providers that do not report it).
 */
public record Instance(
        String id,
        String name,
        String provider,
        String region,
        String zone,
        InstanceState state,
        String stateReason,
        String imageId,
        String instanceType,
        Architecture architecture,
        String privateIp,
        String publicIp,
        String privateDnsName,
        String publicDnsName,
        String keyName,
        String vpcId,
        String subnetId,
        List<GroupRef> securityGroups,
        List<BlockDevice> blockDevices,
        List<String> networkInterfaceIds,
        String rootDeviceName,
        boolean spot,
        String clientToken,
        String reservationId,
        int launchIndex,
        Map<String, String> tags,
        Instant launchTime,
        InstanceMetadataOptions metadataOptions,
        String spotInstanceRequestId) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
        tags = Tags.copy(tags);
    }

    /** The record as it was before spot request ids were added: without one (null). */
    public Instance(String id, String name, String provider, String region, String zone, InstanceState state,
                    String stateReason, String imageId, String instanceType, Architecture architecture,
                    String privateIp, String publicIp, String privateDnsName, String publicDnsName, String keyName,
                    String vpcId, String subnetId, List<GroupRef> securityGroups, List<BlockDevice> blockDevices,
                    List<String> networkInterfaceIds, String rootDeviceName, boolean spot, String clientToken,
                    String reservationId, int launchIndex, Map<String, String> tags, Instant launchTime,
                    InstanceMetadataOptions metadataOptions) {
        this(id, name, provider, region, zone, state, stateReason, imageId, instanceType, architecture, privateIp,
                publicIp, privateDnsName, publicDnsName, keyName, vpcId, subnetId, securityGroups, blockDevices,
                networkInterfaceIds, rootDeviceName, spot, clientToken, reservationId, launchIndex, tags, launchTime,
                metadataOptions, null);
    }

    /** The record as it was before metadata options were added: without them (null). */
    public Instance(String id, String name, String provider, String region, String zone, InstanceState state,
                    String stateReason, String imageId, String instanceType, Architecture architecture,
                    String privateIp, String publicIp, String privateDnsName, String publicDnsName, String keyName,
                    String vpcId, String subnetId, List<GroupRef> securityGroups, List<BlockDevice> blockDevices,
                    List<String> networkInterfaceIds, String rootDeviceName, boolean spot, String clientToken,
                    String reservationId, int launchIndex, Map<String, String> tags, Instant launchTime) {
        this(id, name, provider, region, zone, state, stateReason, imageId, instanceType, architecture, privateIp,
                publicIp, privateDnsName, publicDnsName, keyName, vpcId, subnetId, securityGroups, blockDevices,
                networkInterfaceIds, rootDeviceName, spot, clientToken, reservationId, launchIndex, tags, launchTime,
                null, null);
    }

    /** This instance with other metadata options (null: not reported). */
    public Instance withMetadataOptions(InstanceMetadataOptions options) {
        return toBuilder().metadataOptions(options).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder for the wide record; every field is optional but {@code id} and {@code state}. */
    public static final class Builder {
        private String id;
        private String name;
        private String provider;
        private String region;
        private String zone;
        private InstanceState state = InstanceState.PENDING;
        private String stateReason;
        private String imageId;
        private String instanceType;
        private Architecture architecture;
        private String privateIp;
        private String publicIp;
        private String privateDnsName;
        private String publicDnsName;
        private String keyName;
        private String vpcId;
        private String subnetId;
        private List<GroupRef> securityGroups = List.of();
        private List<BlockDevice> blockDevices = List.of();
        private List<String> networkInterfaceIds = List.of();
        private String rootDeviceName;
        private boolean spot;
        private String clientToken;
        private String reservationId;
        private int launchIndex;
        private Map<String, String> tags = Map.of();
        private Instant launchTime;
        private InstanceMetadataOptions metadataOptions;
        private String spotInstanceRequestId;

        private Builder() {
        }

        private Builder(Instance i) {
            id = i.id;
            name = i.name;
            provider = i.provider;
            region = i.region;
            zone = i.zone;
            state = i.state;
            stateReason = i.stateReason;
            imageId = i.imageId;
            instanceType = i.instanceType;
            architecture = i.architecture;
            privateIp = i.privateIp;
            publicIp = i.publicIp;
            privateDnsName = i.privateDnsName;
            publicDnsName = i.publicDnsName;
            keyName = i.keyName;
            vpcId = i.vpcId;
            subnetId = i.subnetId;
            securityGroups = i.securityGroups;
            blockDevices = i.blockDevices;
            networkInterfaceIds = i.networkInterfaceIds;
            rootDeviceName = i.rootDeviceName;
            spot = i.spot;
            clientToken = i.clientToken;
            reservationId = i.reservationId;
            launchIndex = i.launchIndex;
            tags = i.tags;
            launchTime = i.launchTime;
            metadataOptions = i.metadataOptions;
            spotInstanceRequestId = i.spotInstanceRequestId;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder zone(String v) { zone = v; return this; }
        public Builder state(InstanceState v) { state = v; return this; }
        public Builder stateReason(String v) { stateReason = v; return this; }
        public Builder imageId(String v) { imageId = v; return this; }
        public Builder instanceType(String v) { instanceType = v; return this; }
        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder privateIp(String v) { privateIp = v; return this; }
        public Builder publicIp(String v) { publicIp = v; return this; }
        public Builder privateDnsName(String v) { privateDnsName = v; return this; }
        public Builder publicDnsName(String v) { publicDnsName = v; return this; }
        public Builder keyName(String v) { keyName = v; return this; }
        public Builder vpcId(String v) { vpcId = v; return this; }
        public Builder subnetId(String v) { subnetId = v; return this; }
        public Builder securityGroups(List<GroupRef> v) { securityGroups = v; return this; }
        public Builder blockDevices(List<BlockDevice> v) { blockDevices = v; return this; }
        public Builder networkInterfaceIds(List<String> v) { networkInterfaceIds = v; return this; }
        public Builder rootDeviceName(String v) { rootDeviceName = v; return this; }
        public Builder spot(boolean v) { spot = v; return this; }
        public Builder clientToken(String v) { clientToken = v; return this; }
        public Builder reservationId(String v) { reservationId = v; return this; }
        public Builder launchIndex(int v) { launchIndex = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder launchTime(Instant v) { launchTime = v; return this; }
        public Builder metadataOptions(InstanceMetadataOptions v) { metadataOptions = v; return this; }
        public Builder spotInstanceRequestId(String v) { spotInstanceRequestId = v; return this; }

        public Instance build() {
            return new Instance(id, name, provider, region, zone, state, stateReason, imageId, instanceType,
                    architecture, privateIp, publicIp, privateDnsName, publicDnsName, keyName, vpcId, subnetId,
                    securityGroups, blockDevices, networkInterfaceIds, rootDeviceName, spot, clientToken, reservationId,
                    launchIndex, tags, launchTime, metadataOptions, spotInstanceRequestId);
        }
    }
}
