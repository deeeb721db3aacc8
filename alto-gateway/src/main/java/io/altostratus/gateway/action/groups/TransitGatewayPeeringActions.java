package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;

/**
 * Transit gateway peering attachments between two gateways of the caller's account and region: requested,
 * accepted or rejected, deleted.
 */
public final class TransitGatewayPeeringActions implements ActionGroup {
    private static final FilterSet<TransitGatewayPeeringAttachment> FILTERS =
            FilterSet.<TransitGatewayPeeringAttachment>builder()
                    .field("transit-gateway-attachment-id", TransitGatewayPeeringAttachment::transitGatewayAttachmentId)
                    .field("transit-gateway-id", a -> java.util.List.of(a.requesterTgwInfo().transitGatewayId(),
                            a.accepterTgwInfo().transitGatewayId()))
                    .field("local-owner-id", a -> a.requesterTgwInfo().ownerId())
                    .field("remote-owner-id", a -> a.accepterTgwInfo().ownerId())
                    .field("state", TransitGatewayPeeringAttachment::stateAsString)
                    .tags(a -> SdkTags.fromSdk(a.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateTransitGatewayPeeringAttachmentRequest.class, this::create)
                .on(AcceptTransitGatewayPeeringAttachmentRequest.class, this::accept)
                .on(RejectTransitGatewayPeeringAttachmentRequest.class, this::reject)
                .on(DescribeTransitGatewayPeeringAttachmentsRequest.class, this::describe)
                .on(DeleteTransitGatewayPeeringAttachmentRequest.class, this::delete);
    }

    CreateTransitGatewayPeeringAttachmentResponse create(ActionContext ctx,
                                                         CreateTransitGatewayPeeringAttachmentRequest request) {
        if (request.transitGatewayId() == null) {
            throw missing("TransitGatewayId");
        }
        if (request.peerTransitGatewayId() == null) {
            throw missing("PeerTransitGatewayId");
        }
        if (request.peerAccountId() == null) {
            throw missing("PeerAccountId");
        }
        if (request.peerRegion() == null) {
            throw missing("PeerRegion");
        }
        Checks.checkId(request.transitGatewayId(), Ec2IdKind.TRANSIT_GATEWAY);
        Checks.checkId(request.peerTransitGatewayId(), Ec2IdKind.TRANSIT_GATEWAY);
        if (!request.peerAccountId().equals(ctx.account())) {
            throw Checks.unsupportedByBackend("Peering with a transit gateway of another account");
        }
        if (!request.peerRegion().equals(ctx.region())) {
            throw Checks.unsupportedByBackend("Peering with a transit gateway of another region");
        }
        if (request.options() != null && "enable".equals(request.options().dynamicRoutingAsString())) {
            throw Checks.unsupportedParameter("Options.DynamicRouting");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.TRANSIT_GATEWAY_ATTACHMENT);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment made = tgws.createPeeringAttachment(request.transitGatewayId(),
                request.peerTransitGatewayId(), request.peerAccountId(), request.peerRegion(), tags);
        return CreateTransitGatewayPeeringAttachmentResponse.builder()
                .transitGatewayPeeringAttachment(TransitGatewayShapes.peering(made)).build();
    }

    AcceptTransitGatewayPeeringAttachmentResponse accept(ActionContext ctx,
                                                         AcceptTransitGatewayPeeringAttachmentRequest request) {
        String id = peering(ctx, request.transitGatewayAttachmentId());
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        return AcceptTransitGatewayPeeringAttachmentResponse.builder()
                .transitGatewayPeeringAttachment(TransitGatewayShapes.peering(tgws.acceptPeeringAttachment(id)))
                .build();
    }

    RejectTransitGatewayPeeringAttachmentResponse reject(ActionContext ctx,
                                                         RejectTransitGatewayPeeringAttachmentRequest request) {
        String id = peering(ctx, request.transitGatewayAttachmentId());
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        return RejectTransitGatewayPeeringAttachmentResponse.builder()
                .transitGatewayPeeringAttachment(TransitGatewayShapes.peering(tgws.rejectPeeringAttachment(id)))
                .build();
    }

    DeleteTransitGatewayPeeringAttachmentResponse delete(ActionContext ctx,
                                                         DeleteTransitGatewayPeeringAttachmentRequest request) {
        String id = peering(ctx, request.transitGatewayAttachmentId());
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        return DeleteTransitGatewayPeeringAttachmentResponse.builder()
                .transitGatewayPeeringAttachment(TransitGatewayShapes.peering(
                        tgws.deleteAttachment(id, TransitGatewayAttachment.PEERING)))
                .build();
    }

    DescribeTransitGatewayPeeringAttachmentsResponse describe(
            ActionContext ctx, DescribeTransitGatewayPeeringAttachmentsRequest request) {
        var page = TransitGatewayAttachmentActions.select(ctx, request.hasTransitGatewayAttachmentIds(),
                request.transitGatewayAttachmentIds(), request.maxResults(), request.nextToken(), request.filters(),
                request.dryRun(), request, a -> TransitGatewayAttachment.PEERING.equals(a.resourceType()),
                TransitGatewayShapes::peering, FILTERS);
        return DescribeTransitGatewayPeeringAttachmentsResponse.builder()
                .transitGatewayPeeringAttachments(page.items()).nextToken(page.nextToken()).build();
    }

    private static String peering(ActionContext ctx, String id) {
        return TransitGatewayAttachmentActions.existing(ctx, id, TransitGatewayAttachment.PEERING).id();
    }
}
