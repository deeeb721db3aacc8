package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A regional router that VPCs (and other transit gateways) attach to (an EC2 transit gateway). With default
 * association or propagation on, it comes with a route table that new VPC attachments join.
 *
 * @param id           e.g. {@code tgw-0123456789abcdef0}
 * @param ownerId      the account
 * @param description  free text, or null
 * @param state        {@code pending}, {@code available}, {@code modifying}, {@code deleting} or {@code deleted}
 * @param options      its options
 * @param creationTime when it was made
 * @param tags         tags
 */
public record TransitGateway(String id, String ownerId, String description, String state, Options options,
                             Instant creationTime, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String MODIFYING = "modifying";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    /** The private ASN EC2 gives a gateway made without one. */
    public static final long DEFAULT_ASN = 64512;

    /**
     * A gateway's options, as EC2 reports them.
     *
     * @param amazonSideAsn                  its BGP ASN
     * @param autoAcceptSharedAttachments    whether attachments from other accounts are accepted unasked
     * @param defaultRouteTableAssociation   whether new attachments associate with the default association table
     * @param associationDefaultRouteTableId that table, or null
     * @param defaultRouteTablePropagation   whether new attachments propagate to the default propagation table
     * @param propagationDefaultRouteTableId that table, or null
     * @param dnsSupport                     whether DNS resolves across attached VPCs
     * @param vpnEcmpSupport                 whether VPN attachments use equal-cost multipath
     */
    public record Options(long amazonSideAsn, boolean autoAcceptSharedAttachments,
                          boolean defaultRouteTableAssociation, String associationDefaultRouteTableId,
                          boolean defaultRouteTablePropagation, String propagationDefaultRouteTableId,
                          boolean dnsSupport, boolean vpnEcmpSupport) {
    }

    /**
     * What a create or modify asks for; each null keeps the default (create) or the current value (modify).
     */
    public record OptionsChange(Long amazonSideAsn, Boolean autoAcceptSharedAttachments,
                                Boolean defaultRouteTableAssociation, String associationDefaultRouteTableId,
                                Boolean defaultRouteTablePropagation, String propagationDefaultRouteTableId,
                                Boolean dnsSupport, Boolean vpnEcmpSupport) {
        public static final OptionsChange NONE = new OptionsChange(null, null, null, null, null, null, null, null);
    }

    public TransitGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(options, "options");
        tags = Tags.copy(tags);
    }

    /** Whether it is being or has been deleted. */
    public boolean isEnding() {
        return DELETING.equals(state) || DELETED.equals(state);
    }

    public TransitGateway withState(String newState) {
        return new TransitGateway(id, ownerId, description, newState, options, creationTime, tags);
    }

    public TransitGateway withOptions(String newDescription, Options newOptions) {
        return new TransitGateway(id, ownerId, newDescription, state, newOptions, creationTime, tags);
    }

    public TransitGateway withTags(Map<String, String> newTags) {
        return new TransitGateway(id, ownerId, description, state, options, creationTime, newTags);
    }
}
