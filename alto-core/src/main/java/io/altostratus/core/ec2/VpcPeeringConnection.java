package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A peering between two VPCs (an EC2 VPC peering connection): asked for by the requester VPC's owner, active once
 * the accepter VPC's owner accepts it.
 *
 * @param id            e.g. {@code pcx-0123456789abcdef0}
 * @param requester     the VPC that asked
 * @param accepter      the VPC asked
 * @param status        {@code initiating-request}, {@code pending-acceptance}, {@code active}, {@code rejected},
 *                      {@code failed}, {@code expired}, {@code deleted}, ...
 * @param statusMessage EC2's words for the status
 * @param expirationTime when a pending request expires, or null
 * @param tags          tags
 */
public record VpcPeeringConnection(String id, Side requester, Side accepter, String status, String statusMessage,
                                   Instant expirationTime, Map<String, String> tags) {
    public static final String INITIATING = "initiating-request";
    public static final String PENDING_ACCEPTANCE = "pending-acceptance";
    public static final String ACTIVE = "active";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String DELETED = "deleted";

    /**
     * One end of the connection.
     *
     * @param vpcId                       the VPC
     * @param cidr                        its primary CIDR
     * @param ownerId                     its account
     * @param region                      its region
     * @param allowDnsResolutionFromRemoteVpc whether this side resolves the other side's public DNS names to
     *                                    private addresses (the peering option of that name)
     */
    public record Side(String vpcId, String cidr, String ownerId, String region,
                       boolean allowDnsResolutionFromRemoteVpc) {
        public Side withDnsResolution(boolean allow) {
            return new Side(vpcId, cidr, ownerId, region, allow);
        }
    }

    public VpcPeeringConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        tags = Tags.copy(tags);
    }

    public VpcPeeringConnection withStatus(String newStatus, String message) {
        return new VpcPeeringConnection(id, requester, accepter, newStatus, message, expirationTime, tags);
    }

    public VpcPeeringConnection withSides(Side newRequester, Side newAccepter) {
        return new VpcPeeringConnection(id, newRequester, newAccepter, status, statusMessage, expirationTime, tags);
    }

    public VpcPeeringConnection withTags(Map<String, String> newTags) {
        return new VpcPeeringConnection(id, requester, accepter, status, statusMessage, expirationTime, newTags);
    }
}
