package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * A carrier gateway: a VPC's way to a telecom carrier's network from Wavelength zones.
 *
 * @param id       e.g. {@code cagw-0123456789abcdef0}
 * @param vpcId    the VPC
 * @param ownerId  the account
 * @param state    {@code pending}, {@code available}, {@code deleting} or {@code deleted}
 * @param tags     tags
 */
public record CarrierGateway(String id, String vpcId, String ownerId, String state, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";

    public CarrierGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vpcId, "vpcId");
        tags = Tags.copy(tags);
    }

    public boolean isLive() {
        return PENDING.equals(state) || AVAILABLE.equals(state);
    }

    public CarrierGateway withState(String newState) {
        return new CarrierGateway(id, vpcId, ownerId, newState, tags);
    }

    public CarrierGateway withTags(Map<String, String> newTags) {
        return new CarrierGateway(id, vpcId, ownerId, state, newTags);
    }
}
