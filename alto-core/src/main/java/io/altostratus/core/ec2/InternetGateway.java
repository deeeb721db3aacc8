package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway between a network and the internet (an EC2 internet gateway). It is attached to at most one network.
 *
 * @param id          e.g. {@code igw-0123456789abcdef0}
 * @param attachments the network it is attached to (none or one)
 * @param ownerId     the owning account
 * @param tags        tags
 */
public record InternetGateway(String id, List<Attachment> attachments, String ownerId, Map<String, String> tags) {
    public InternetGateway {
        Objects.requireNonNull(id, "id");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        tags = Tags.copy(tags);
    }

    /**
     * One attachment of a gateway.
     *
     * @param networkId the VPC
     * @param state     {@code available} once attached (EC2 reports attached internet gateways so)
     */
    public record Attachment(String networkId, String state) {
    }

    /** The network it is attached to, or null. */
    public String attachedNetworkId() {
        return attachments.isEmpty() ? null : attachments.get(0).networkId();
    }

    public InternetGateway withAttachments(List<Attachment> newAttachments) {
        return new InternetGateway(id, newAttachments, ownerId, tags);
    }

    public InternetGateway withTags(Map<String, String> newTags) {
        return new InternetGateway(id, attachments, ownerId, newTags);
    }
}
