package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.TransitGateway;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayRoute;
import io.altostratus.core.ec2.TransitGatewayRouteTable;
import io.altostratus.gateway.action.ActionContext;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.PeeringAttachmentStatus;
import software.amazon.awssdk.services.ec2.model.PeeringTgwInfo;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayOptions;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPropagation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachmentOptions;

/** How transit gateways, their attachments, route tables and routes read on EC2's wire. */
final class TransitGatewayShapes {
    private TransitGatewayShapes() {
    }

    static String enabled(boolean on) {
        return on ? "enable" : "disable";
    }

    /** A request's {@code enable}/{@code disable}, or null when not given; anything else is refused. */
    static Boolean flag(String value, String parameter) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "enable" -> true;
            case "disable" -> false;
            default -> throw Checks.invalid("Value (" + value + ") for parameter " + parameter
                    + " is invalid. Valid values: enable, disable");
        };
    }

    static software.amazon.awssdk.services.ec2.model.TransitGateway gateway(ActionContext ctx, TransitGateway g) {
        TransitGateway.Options o = g.options();
        return software.amazon.awssdk.services.ec2.model.TransitGateway.builder()
                .transitGatewayId(g.id())
                .transitGatewayArn("arn:aws:ec2:" + ctx.region() + ":" + g.ownerId() + ":transit-gateway/" + g.id())
                .state(g.state())
                .ownerId(g.ownerId())
                .description(g.description())
                .creationTime(g.creationTime())
                .options(TransitGatewayOptions.builder()
                        .amazonSideAsn(o.amazonSideAsn())
                        .autoAcceptSharedAttachments(enabled(o.autoAcceptSharedAttachments()))
                        .defaultRouteTableAssociation(enabled(o.defaultRouteTableAssociation()))
                        .associationDefaultRouteTableId(o.associationDefaultRouteTableId())
                        .defaultRouteTablePropagation(enabled(o.defaultRouteTablePropagation()))
                        .propagationDefaultRouteTableId(o.propagationDefaultRouteTableId())
                        .vpnEcmpSupport(enabled(o.vpnEcmpSupport()))
                        .dnsSupport(enabled(o.dnsSupport()))
                        .securityGroupReferencingSupport("disable")
                        .multicastSupport("disable")
                        .build())
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }

    static TransitGatewayVpcAttachment vpcAttachment(TransitGatewayAttachment a) {
        TransitGatewayAttachment.VpcOptions o = a.options() == null ? TransitGatewayAttachment.VpcOptions.DEFAULT
                : a.options();
        return TransitGatewayVpcAttachment.builder()
                .transitGatewayAttachmentId(a.id())
                .transitGatewayId(a.transitGatewayId())
                .vpcId(a.resourceId())
                .vpcOwnerId(a.ownerId())
                .state(a.state())
                .subnetIds(a.subnetIds())
                .creationTime(a.creationTime())
                .options(TransitGatewayVpcAttachmentOptions.builder()
                        .dnsSupport(enabled(o.dnsSupport()))
                        .ipv6Support(enabled(o.ipv6Support()))
                        .applianceModeSupport(enabled(o.applianceModeSupport()))
                        .securityGroupReferencingSupport("disable")
                        .build())
                .tags(SdkTags.toSdk(a.tags()))
                .build();
    }

    static software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment attachment(TransitGatewayAttachment a) {
        var out = software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment.builder()
                .transitGatewayAttachmentId(a.id())
                .transitGatewayId(a.transitGatewayId())
                .transitGatewayOwnerId(a.ownerId())
                .resourceOwnerId(a.peer() == null ? a.ownerId() : a.peer().ownerId())
                .resourceType(a.resourceType())
                .resourceId(a.resourceId())
                .state(a.state())
                .creationTime(a.creationTime())
                .tags(SdkTags.toSdk(a.tags()));
        if (a.associatedRouteTableId() != null) {
            out.association(TransitGatewayAttachmentAssociation.builder()
                    .transitGatewayRouteTableId(a.associatedRouteTableId()).state("associated").build());
        }
        return out.build();
    }

    static TransitGatewayPeeringAttachment peering(TransitGatewayAttachment a) {
        return TransitGatewayPeeringAttachment.builder()
                .transitGatewayAttachmentId(a.id())
                .requesterTgwInfo(PeeringTgwInfo.builder().transitGatewayId(a.transitGatewayId())
                        .ownerId(a.ownerId()).region(a.peer().region()).build())
                .accepterTgwInfo(PeeringTgwInfo.builder().transitGatewayId(a.peer().transitGatewayId())
                        .ownerId(a.peer().ownerId()).region(a.peer().region()).build())
                .status(PeeringAttachmentStatus.builder().code(a.state()).message(statusMessage(a.state())).build())
                .state(a.state())
                .creationTime(a.creationTime())
                .tags(SdkTags.toSdk(a.tags()))
                .build();
    }

    private static String statusMessage(String state) {
        return switch (state) {
            case TransitGatewayAttachment.INITIATING_REQUEST -> "Initiating request";
            case TransitGatewayAttachment.PENDING_ACCEPTANCE -> "Pending acceptance";
            case TransitGatewayAttachment.AVAILABLE -> "Available";
            case TransitGatewayAttachment.REJECTED -> "Rejected";
            case TransitGatewayAttachment.DELETING -> "Deleting";
            case TransitGatewayAttachment.DELETED -> "Deleted";
            default -> state.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + state.substring(1);
        };
    }

    static software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable table(TransitGatewayRouteTable t) {
        return software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable.builder()
                .transitGatewayRouteTableId(t.id())
                .transitGatewayId(t.transitGatewayId())
                .state(t.state())
                .defaultAssociationRouteTable(t.defaultAssociationRouteTable())
                .defaultPropagationRouteTable(t.defaultPropagationRouteTable())
                .creationTime(t.creationTime())
                .tags(SdkTags.toSdk(t.tags()))
                .build();
    }

    /** A route, its attachment described from {@code attachments} (by id). */
    static software.amazon.awssdk.services.ec2.model.TransitGatewayRoute route(
            TransitGatewayRoute r, Map<String, TransitGatewayAttachment> attachments) {
        var out = software.amazon.awssdk.services.ec2.model.TransitGatewayRoute.builder()
                .destinationCidrBlock(r.destinationCidr())
                .type(r.type())
                .state(r.state());
        TransitGatewayAttachment a = r.attachmentId() == null ? null : attachments.get(r.attachmentId());
        if (r.attachmentId() != null) {
            var attachment = TransitGatewayRouteAttachment.builder().transitGatewayAttachmentId(r.attachmentId());
            if (a != null) {
                attachment.resourceId(a.resourceId()).resourceType(a.resourceType());
            }
            out.transitGatewayAttachments(List.of(attachment.build()));
        }
        return out.build();
    }

    static TransitGatewayAssociation association(String tableId, TransitGatewayAttachment a, String state) {
        return TransitGatewayAssociation.builder()
                .transitGatewayRouteTableId(tableId)
                .transitGatewayAttachmentId(a.id())
                .resourceId(a.resourceId())
                .resourceType(a.resourceType())
                .state(state)
                .build();
    }

    static TransitGatewayPropagation propagation(String tableId, TransitGatewayAttachment a, String state) {
        return TransitGatewayPropagation.builder()
                .transitGatewayRouteTableId(tableId)
                .transitGatewayAttachmentId(a.id())
                .resourceId(a.resourceId())
                .resourceType(a.resourceType())
                .state(state)
                .build();
    }
}
