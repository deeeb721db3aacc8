package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transit gateway's route table: attachments associate with one table (which routes their traffic) and propagate
 * their VPC's CIDRs to any number of tables.
 *
 * @param id                          e.g. {@code tgw-rtb-0123456789abcdef0}
 * @param transitGatewayId            its gateway
 * @param state                       {@code pending}, {@code available}, {@code deleting} or {@code deleted}
 * @param defaultAssociationRouteTable whether it is the gateway's default association table
 * @param defaultPropagationRouteTable whether it is the gateway's default propagation table
 * @param propagatingAttachmentIds    the attachments that propagate to it
 * @param creationTime                when it was made
 * @param tags                        tags
 */
public record TransitGatewayRouteTable(String id, String transitGatewayId, String state,
                                       boolean defaultAssociationRouteTable, boolean defaultPropagationRouteTable,
                                       List<String> propagatingAttachmentIds, Instant creationTime,
                                       Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String AVAILABLE = "available";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";

    public TransitGatewayRouteTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        propagatingAttachmentIds = propagatingAttachmentIds == null ? List.of()
                : List.copyOf(propagatingAttachmentIds);
        tags = Tags.copy(tags);
    }

    public boolean isEnding() {
        return DELETING.equals(state) || DELETED.equals(state);
    }

    public TransitGatewayRouteTable withState(String newState) {
        return new TransitGatewayRouteTable(id, transitGatewayId, newState, defaultAssociationRouteTable,
                defaultPropagationRouteTable, propagatingAttachmentIds, creationTime, tags);
    }

    public TransitGatewayRouteTable withDefaults(boolean association, boolean propagation) {
        return new TransitGatewayRouteTable(id, transitGatewayId, state, association, propagation,
                propagatingAttachmentIds, creationTime, tags);
    }

    public TransitGatewayRouteTable withPropagations(List<String> attachmentIds) {
        return new TransitGatewayRouteTable(id, transitGatewayId, state, defaultAssociationRouteTable,
                defaultPropagationRouteTable, attachmentIds, creationTime, tags);
    }

    public TransitGatewayRouteTable withTags(Map<String, String> newTags) {
        return new TransitGatewayRouteTable(id, transitGatewayId, state, defaultAssociationRouteTable,
                defaultPropagationRouteTable, propagatingAttachmentIds, creationTime, newTags);
    }
}
