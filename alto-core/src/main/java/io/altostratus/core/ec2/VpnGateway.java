package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Amazon's side of a site-to-site VPN, attached to one VPC at a time (an EC2 virtual private gateway).
 *
 * @param id            e.g. {@code vgw-0123456789abcdef0}
 * @param type          {@code ipsec.1}
 * @param amazonSideAsn the gateway's BGP ASN (64512 unless asked otherwise)
 * @param state         {@code pending}, {@code available}, {@code deleting} or {@code deleted}
 * @param attachments   its VPC attachments, past ones ({@code detached}) while EC2 still lists them
 * @param tags          tags
 */
public record VpnGateway(String id, String type, long amazonSideAsn, String state, List<Attachment> attachments,
                         Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final long DEFAULT_ASN = 64512;

    public VpnGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        tags = Tags.copy(tags);
    }

    /** The VPC it is attached to or attaching to, or null. */
    public String attachedVpcId() {
        return attachments.stream().filter(Attachment::isLive).map(Attachment::vpcId).findFirst().orElse(null);
    }

    public boolean isLive() {
        return PENDING.equals(state) || AVAILABLE.equals(state);
    }

    public VpnGateway withState(String newState) {
        return new VpnGateway(id, type, amazonSideAsn, newState, attachments, tags);
    }

    public VpnGateway withAttachments(List<Attachment> newAttachments) {
        return new VpnGateway(id, type, amazonSideAsn, state, newAttachments, tags);
    }

    public VpnGateway withTags(Map<String, String> newTags) {
        return new VpnGateway(id, type, amazonSideAsn, state, attachments, newTags);
    }

    /**
     * One attachment to a VPC.
     *
     * @param vpcId the VPC
     * @param state {@code attaching}, {@code attached}, {@code detaching} or {@code detached}
     */
    public record Attachment(String vpcId, String state) {
        public static final String ATTACHING = "attaching";
        public static final String ATTACHED = "attached";
        public static final String DETACHING = "detaching";
        public static final String DETACHED = "detached";

        /** Whether it holds the VPC (attaching or attached). */
        public boolean isLive() {
            return ATTACHING.equals(state) || ATTACHED.equals(state);
        }
    }
}
