package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A managed NAT device in a subnet (an EC2 NAT gateway): private subnets route {@code 0.0.0.0/0} to it, and a public
 * one translates their traffic to its elastic address.
 *
 * @param id                 e.g. {@code nat-0123456789abcdef0}
 * @param subnetId           the subnet it lives in
 * @param networkId          that subnet's network
 * @param connectivityType   {@code public} (with an elastic address) or {@code private}
 * @param allocationId       the elastic address's allocation, or null for a private gateway
 * @param publicIp           that address, or null
 * @param privateIp          its address in the subnet
 * @param networkInterfaceId the interface that holds the addresses
 * @param state              {@code pending}, {@code available}, {@code deleting}, {@code deleted} or {@code failed}
 * @param createTime         when it was made
 * @param deleteTime         when it was deleted, or null
 * @param tags               tags
 */
public record NatGateway(String id, String subnetId, String networkId, String connectivityType, String allocationId,
                         String publicIp, String privateIp, String networkInterfaceId, String state,
                         Instant createTime, Instant deleteTime, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";
    /** The prefix of NAT gateway ids; a route whose gateway id has it targets a NAT gateway. */

    public NatGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
    }

    /** Whether it still routes traffic (or will once made): not being or been deleted. */
    public boolean isLive() {
        return PENDING.equals(state) || AVAILABLE.equals(state);
    }

    public NatGateway withState(String newState, Instant newDeleteTime) {
        return new NatGateway(id, subnetId, networkId, connectivityType, allocationId, publicIp, privateIp,
                networkInterfaceId, newState, createTime, newDeleteTime, tags);
    }

    public NatGateway withTags(Map<String, String> newTags) {
        return new NatGateway(id, subnetId, networkId, connectivityType, allocationId, publicIp, privateIp,
                networkInterfaceId, state, createTime, deleteTime, newTags);
    }
}
