package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What joins a transit gateway to a VPC or to another transit gateway (an EC2 transit gateway attachment).
 *
 * @param id                     e.g. {@code tgw-attach-0123456789abcdef0}
 * @param transitGatewayId       the gateway it attaches to (for a peering, the requester's)
 * @param ownerId                the account
 * @param resourceType           {@link #VPC} or {@link #PEERING}
 * @param resourceId             the VPC, or for a peering the accepter's transit gateway
 * @param state                  {@code pending}, {@code available}, {@code modifying}, {@code deleting},
 *                               {@code deleted}; a peering also {@code initiatingRequest},
 *                               {@code pendingAcceptance}, {@code rejected}, {@code failed}
 * @param subnetIds              a VPC attachment's subnets, one per zone; empty for a peering
 * @param options                a VPC attachment's options, or null for a peering
 * @param peer                   a peering's accepter side, or null for a VPC attachment
 * @param associatedRouteTableId the route table it is associated with, or null
 * @param creationTime           when it was made
 * @param tags                   tags
 */
public record TransitGatewayAttachment(String id, String transitGatewayId, String ownerId, String resourceType,
                                       String resourceId, String state, List<String> subnetIds,
                                       VpcOptions options, Peer peer, String associatedRouteTableId,
                                       Instant creationTime, Map<String, String> tags) {
    public static final String VPC = "vpc";
    public static final String PEERING = "peering";
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String MODIFYING = "modifying";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final String INITIATING_REQUEST = "initiatingRequest";
    public static final String PENDING_ACCEPTANCE = "pendingAcceptance";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    /**
     * A VPC attachment's options.
     *
     * @param dnsSupport           whether DNS names resolve across it
     * @param ipv6Support          whether it carries IPv6
     * @param applianceModeSupport whether a flow keeps one zone's path both ways
     */
    public record VpcOptions(boolean dnsSupport, boolean ipv6Support, boolean applianceModeSupport) {
        public static final VpcOptions DEFAULT = new VpcOptions(true, false, false);

        /** These options with each non-null change applied. */
        public VpcOptions with(Boolean dns, Boolean ipv6, Boolean applianceMode) {
            return new VpcOptions(dns == null ? dnsSupport : dns, ipv6 == null ? ipv6Support : ipv6,
                    applianceMode == null ? applianceModeSupport : applianceMode);
        }
    }

    /**
     * The accepter side of a peering.
     *
     * @param transitGatewayId its transit gateway
     * @param ownerId          its account
     * @param region           its region
     */
    public record Peer(String transitGatewayId, String ownerId, String region) {
    }

    public TransitGatewayAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        tags = Tags.copy(tags);
    }

    /** Whether it carries traffic. */
    public boolean isAvailable() {
        return AVAILABLE.equals(state);
    }

    /** Whether it has ended (or is ending): deleting, deleted, rejected or failed. */
    public boolean isEnded() {
        return DELETING.equals(state) || DELETED.equals(state) || REJECTED.equals(state) || FAILED.equals(state);
    }

    public TransitGatewayAttachment withState(String newState) {
        return new TransitGatewayAttachment(id, transitGatewayId, ownerId, resourceType, resourceId, newState,
                subnetIds, options, peer, associatedRouteTableId, creationTime, tags);
    }

    public TransitGatewayAttachment withSubnets(List<String> newSubnetIds, VpcOptions newOptions) {
        return new TransitGatewayAttachment(id, transitGatewayId, ownerId, resourceType, resourceId, state,
                newSubnetIds, newOptions, peer, associatedRouteTableId, creationTime, tags);
    }

    public TransitGatewayAttachment withAssociation(String routeTableId) {
        return new TransitGatewayAttachment(id, transitGatewayId, ownerId, resourceType, resourceId, state,
                subnetIds, options, peer, routeTableId, creationTime, tags);
    }

    public TransitGatewayAttachment withTags(Map<String, String> newTags) {
        return new TransitGatewayAttachment(id, transitGatewayId, ownerId, resourceType, resourceId, state,
                subnetIds, options, peer, associatedRouteTableId, creationTime, newTags);
    }
}
