package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * An IPv6 gateway that lets a VPC's instances reach out but lets nothing in (an EC2 egress-only internet gateway).
 * It is made attached to one VPC and stays so until deleted.
 *
 * @param id        e.g. {@code eigw-0123456789abcdef0}
 * @param networkId the VPC it is attached to
 * @param ownerId   the owning account
 * @param tags      tags
 */
public record EgressOnlyInternetGateway(String id, String networkId, String ownerId, Map<String, String> tags) {
    /** The state EC2 reports for its attachment while it exists. */
    public static final String ATTACHED = "attached";

    public EgressOnlyInternetGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(networkId, "networkId");
        tags = Tags.copy(tags);
    }

    public EgressOnlyInternetGateway withTags(Map<String, String> newTags) {
        return new EgressOnlyInternetGateway(id, networkId, ownerId, newTags);
    }
}
