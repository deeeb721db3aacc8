package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * A public address allocated to the account until released (an EC2 elastic IP). While associated, the instance or
 * interface it is associated with shows it as its public address.
 *
 * @param allocationId       e.g. {@code eipalloc-0123456789abcdef0}
 * @param publicIp           the address
 * @param domain             {@code vpc}
 * @param associationId      e.g. {@code eipassoc-0123456789abcdef0}, or null when not associated
 * @param instanceId         the instance whose interface holds it, or null
 * @param networkInterfaceId the interface that holds it, or null
 * @param privateIp          the private address of that interface it maps to, or null
 * @param ownerId            the owning account
 * @param tags               tags
 */
public record Address(String allocationId, String publicIp, String domain, String associationId, String instanceId,
                      String networkInterfaceId, String privateIp, String ownerId, Map<String, String> tags) {
    public static final String VPC = "vpc";

    public Address {
        Objects.requireNonNull(allocationId, "allocationId");
        Objects.requireNonNull(publicIp, "publicIp");
        tags = Tags.copy(tags);
    }

    public boolean isAssociated() {
        return associationId != null;
    }

    public Address withAssociation(String newAssociationId, String newInstanceId, String newInterfaceId,
                                   String newPrivateIp) {
        return new Address(allocationId, publicIp, domain, newAssociationId, newInstanceId, newInterfaceId,
                newPrivateIp, ownerId, tags);
    }

    public Address withoutAssociation() {
        return withAssociation(null, null, null, null);
    }

    public Address withTags(Map<String, String> newTags) {
        return new Address(allocationId, publicIp, domain, associationId, instanceId, networkInterfaceId, privateIp,
                ownerId, newTags);
    }
}
