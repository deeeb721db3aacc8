package io.altostratus.local.internal;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;

/**
 * The documents the local cloud keeps in the state store, and their kinds. Times are epoch milliseconds so the
 * stored form does not depend on how the store maps {@code java.time}. Networks, subnets, security groups,
 * volumes, interfaces and key pairs are stored as the core model records themselves.
 */
public final class Docs {
    private Docs() {
    }

    public static final String INSTANCE = "local.instance";
    public static final String USER_DATA = "local.user-data";
    public static final String TOKEN = "local.client-token";
    public static final String META = "local.region-meta";
    public static final String VPC = "local.vpc";
    public static final String SUBNET = "local.subnet";
    public static final String POOL = "local.ip-pool";
    public static final String LEASE = "local.ip-lease";
    public static final String GROUP = "local.security-group";
    public static final String INTERFACE = "local.network-interface";
    public static final String VOLUME = "local.volume";
    public static final String SNAPSHOT = "local.snapshot";
    public static final String IMAGE = "local.image";
    public static final String KEY_PAIR = "local.key-pair";
    public static final String PUBLIC_POOL = "local.public-ip-pool";
    public static final String PUBLIC_LEASE = "local.public-ip-lease";
    public static final String INTERNET_GATEWAY = "local.internet-gateway";
    public static final String ROUTE_TABLE = "local.route-table";
    public static final String NETWORK_ACL = "local.network-acl";
    public static final String ADDRESS = "local.elastic-ip";
    public static final String GROUP_RULES = "local.security-group-rules";
    public static final String SCHEMA = "local.schema";
    public static final String SPOT_REQUEST = "local.spot-request";

    /** The one document id of the per-region meta document. */
    public static final String META_ID = "region";

    /**
     * An instance as stored. {@code state} is the state at {@code settlesAt}'s start: a transitional state reads as
     * its settled successor once the clock reaches {@code settlesAt} (see {@link Transitions}); for shutting-down and
     * terminated instances {@code settlesAt} is also when the instance counts as terminated. {@code metadataOptions}
     * is null in documents written before the options were kept: such instances read with EC2's defaults, which is
     * what they were launched with. {@code spotRequestId} names the spot request of a spot instance; it is null for
     * on-demand instances and in documents written before spot was offered. {@code state} is stored in EC2's words
     * ({@code shutting-down} for {@link InstanceState#TERMINATING}), as it always was (see {@link StoredState}).
     */
    public record InstanceDoc(
            String id,
            String zone,
            @JsonSerialize(converter = StoredState.class) InstanceState state,
            long settlesAt,
            String stateReason,
            String imageId,
            String instanceType,
            Architecture architecture,
            String privateIp,
            String publicIp,
            String keyName,
            String vpcId,
            String subnetId,
            List<GroupRef> securityGroups,
            List<BlockDevice> blockDevices,
            List<String> networkInterfaceIds,
            String rootDeviceName,
            String clientToken,
            Map<String, String> tags,
            long launchTime,
            int bootCount,
            boolean disableApiTermination,
            String reservationId,
            int launchIndex,
            InstanceMetadataOptions metadataOptions,
            String spotRequestId) {

        /** An instance document without a spot request (an on-demand instance). */
        public InstanceDoc(String id, String zone, InstanceState state, long settlesAt, String stateReason,
                           String imageId, String instanceType, Architecture architecture, String privateIp,
                           String publicIp, String keyName, String vpcId, String subnetId,
                           List<GroupRef> securityGroups, List<BlockDevice> blockDevices,
                           List<String> networkInterfaceIds, String rootDeviceName, String clientToken,
                           Map<String, String> tags, long launchTime, int bootCount, boolean disableApiTermination,
                           String reservationId, int launchIndex, InstanceMetadataOptions metadataOptions) {
            this(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture, privateIp, publicIp,
                    keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds, rootDeviceName,
                    clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, null);
        }

        public InstanceDoc {
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
            blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
            networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
            tags = Tags.copy(tags);
        }

        public InstanceDoc withState(InstanceState newState, long newSettlesAt, String reason) {
            return new InstanceDoc(id, zone, newState, newSettlesAt, reason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }

        public InstanceDoc withPublicIp(String ip) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, ip, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }

        public InstanceDoc withDevices(List<BlockDevice> devices, List<String> interfaceIds) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, devices, interfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }

        public InstanceDoc withTags(Map<String, String> newTags) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, newTags, launchTime, bootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }

        public InstanceDoc withAttributes(String newType, boolean newDisableApiTermination) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, newType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, newDisableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }

        public InstanceDoc withMetadataOptions(InstanceMetadataOptions options) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId,
                    launchIndex, options, spotRequestId);
        }

        public InstanceDoc withSpotRequest(String requestId) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, launchTime, bootCount, disableApiTermination, reservationId,
                    launchIndex, metadataOptions, requestId);
        }

        /** The options the instance has: those stored, or EC2's defaults for documents from before they were kept. */
        public InstanceMetadataOptions effectiveMetadataOptions() {
            return metadataOptions == null ? InstanceMetadataOptions.defaults() : metadataOptions;
        }

        public InstanceDoc withBoot(long newLaunchTime, int newBootCount) {
            return new InstanceDoc(id, zone, state, settlesAt, stateReason, imageId, instanceType, architecture,
                    privateIp, publicIp, keyName, vpcId, subnetId, securityGroups, blockDevices, networkInterfaceIds,
                    rootDeviceName, clientToken, tags, newLaunchTime, newBootCount, disableApiTermination, reservationId, launchIndex,
                    metadataOptions, spotRequestId);
        }
    }

    /**
     * A VPC as stored. This is the shape {@link Network} had while networks held one block (local VPCs still do), so
     * state written before networks had several blocks reads unchanged, and older builds still read what this one
     * writes.
     */
    public record VpcDoc(String id, String name, String cidr, String region, boolean isDefault, String state,
                         boolean enableDnsSupport, boolean enableDnsHostnames, Map<String, String> tags) {
        public VpcDoc {
            tags = Tags.copy(tags);
        }

        public static VpcDoc of(Network network) {
            return new VpcDoc(network.id(), network.name(), network.cidr(), network.region(), network.isDefault(),
                    network.state(), network.enableDnsSupport(), network.enableDnsHostnames(), network.tags());
        }

        public Network network() {
            return new Network(id, name, cidr == null ? List.of() : List.of(cidr), region, isDefault, state,
                    enableDnsSupport, enableDnsHostnames, tags);
        }
    }

    /**
     * How an instance document spells its state: in EC2's words, as documents did before the portable states, so
     * that state directories stay readable by older builds ({@link InstanceState#parse} reads both spellings).
     */
    public static final class StoredState extends StdConverter<InstanceState, String> {
        @Override
        public String convert(InstanceState state) {
            return state == InstanceState.TERMINATING ? InstanceOps.SHUTTING_DOWN : state.wireName();
        }
    }

    /** User data kept apart from the instance so listings stay small. */
    public record UserDataDoc(String instanceId, String data) {
    }

    /** A client token's launch: the spec's fingerprint and the instances it made. */
    public record TokenDoc(String token, String specFingerprint, List<String> instanceIds) {
        public TokenDoc {
            instanceIds = List.copyOf(instanceIds);
        }
    }

    /**
     * Per account and region bookkeeping; its presence means the region's defaults exist.
     *
     * @param liveInstances instances not terminated, for the quota
     * @param zoneCursor    where the next spread launch starts among the zones
     * @param nextPurgeAt   when terminated instances may next be due for removal
     */
    public record RegionMeta(int liveInstances, int zoneCursor, long nextPurgeAt) {
    }

    /**
     * Private address bookkeeping of one subnet.
     *
     * @param cursor    the offset in the subnet to try next (allocation goes round, so addresses are reused late)
     * @param allocated addresses in use
     */
    public record PoolDoc(String subnetId, long cursor, long allocated) {
    }

    /** One address in use, by whom (an interface id). Its document id is the address, so it cannot be taken twice. */
    public record LeaseDoc(String address, String holder) {
    }

    /**
     * The rules of one security group with their ids, kept beside the group (whose stored rules stay one grant per
     * peer) in the same order, and changed in the same transactions.
     */
    public record GroupRulesDoc(String groupId, List<io.altostratus.core.ec2.SecurityGroupRule> rules) {
        public GroupRulesDoc {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * Which version of the region's defaults exist: stores made before route tables, ACLs, gateways and rule ids
     * existed are brought up to date once, on their first write.
     */
    public record SchemaDoc(int version) {
    }

    /** An image the account made, and when it becomes available. */
    public record ImageDoc(Image image, long settlesAt) {
    }

    /** A snapshot, and when it completes. */
    public record SnapshotDoc(Snapshot snapshot, long settlesAt) {
    }
}
