package io.altostratus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual machine as every provider reports it.
 *
 * <p>Values are immutable snapshots; ask the provider again to see later state. {@code tags} holds every tag,
 * including {@code Name}; {@code name} repeats the {@code Name} tag for convenience. {@code state} is portable;
 * {@code rawState} is the provider's own word for it (EC2's {@code shutting-down}, Proxmox's {@code paused}), or
 * null when the two are the same. {@code details} carries what only the provider knows (for EC2-shaped providers an
 * {@link io.altostratus.core.ec2.Ec2InstanceDetails}), or is null.
 */
public record Instance(
        String id,
        String name,
        String provider,
        String region,
        String zone,
        InstanceState state,
        String rawState,
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
        boolean spot,
        String clientToken,
        Map<String, String> tags,
        Instant launchTime,
        ProviderDetails details) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
        tags = Tags.copy(tags);
    }

    /** The provider's details if they are of that type. */
    public <T extends ProviderDetails> Optional<T> details(Class<T> type) {
        return type.isInstance(details) ? Optional.of(type.cast(details)) : Optional.empty();
    }

    /** The provider's word for the state, else the portable one. */
    public String stateName() {
        return rawState != null ? rawState : state.wireName();
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
        private String rawState;
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
        private boolean spot;
        private String clientToken;
        private Map<String, String> tags = Map.of();
        private Instant launchTime;
        private ProviderDetails details;

        private Builder() {
        }

        private Builder(Instance i) {
            id = i.id;
            name = i.name;
            provider = i.provider;
            region = i.region;
            zone = i.zone;
            state = i.state;
            rawState = i.rawState;
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
            spot = i.spot;
            clientToken = i.clientToken;
            tags = i.tags;
            launchTime = i.launchTime;
            details = i.details;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder zone(String v) { zone = v; return this; }
        public Builder state(InstanceState v) { state = v; return this; }
        public Builder rawState(String v) { rawState = v; return this; }
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
        public Builder spot(boolean v) { spot = v; return this; }
        public Builder clientToken(String v) { clientToken = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder launchTime(Instant v) { launchTime = v; return this; }
        public Builder details(ProviderDetails v) { details = v; return this; }

        public Instance build() {
            return new Instance(id, name, provider, region, zone, state, rawState, stateReason, imageId, instanceType,
                    architecture, privateIp, publicIp, privateDnsName, publicDnsName, keyName, vpcId, subnetId,
                    securityGroups, blockDevices, networkInterfaceIds, spot, clientToken, tags, launchTime, details);
        }
    }
}
