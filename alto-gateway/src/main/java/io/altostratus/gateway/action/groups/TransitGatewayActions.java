package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.TransitGatewayShapes.flag;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGateway;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayOptions;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRequestOptions;

/** Transit gateways: made pending then available (with their default route table), modified, deleted. */
public final class TransitGatewayActions implements ActionGroup {
    static final Ec2IdKind KIND = Ec2IdKind.TRANSIT_GATEWAY;

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.TransitGateway> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.TransitGateway>builder()
                    .field("transit-gateway-id", software.amazon.awssdk.services.ec2.model.TransitGateway::transitGatewayId)
                    .field("state", software.amazon.awssdk.services.ec2.model.TransitGateway::stateAsString)
                    .field("owner-id", software.amazon.awssdk.services.ec2.model.TransitGateway::ownerId)
                    .field("options.amazon-side-asn", g -> g.options().amazonSideAsn())
                    .field("options.association-default-route-table-id",
                            g -> g.options().associationDefaultRouteTableId())
                    .field("options.propagation-default-route-table-id",
                            g -> g.options().propagationDefaultRouteTableId())
                    .field("options.auto-accept-shared-attachments",
                            g -> g.options().autoAcceptSharedAttachmentsAsString())
                    .field("options.default-route-table-association",
                            g -> g.options().defaultRouteTableAssociationAsString())
                    .field("options.default-route-table-propagation",
                            g -> g.options().defaultRouteTablePropagationAsString())
                    .field("options.dns-support", g -> g.options().dnsSupportAsString())
                    .field("options.vpn-ecmp-support", g -> g.options().vpnEcmpSupportAsString())
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateTransitGatewayRequest.class, this::create)
                .on(DescribeTransitGatewaysRequest.class, this::describe)
                .on(ModifyTransitGatewayRequest.class, this::modify)
                .on(DeleteTransitGatewayRequest.class, this::delete);
    }

    CreateTransitGatewayResponse create(ActionContext ctx, CreateTransitGatewayRequest request) {
        TransitGatewayRequestOptions o = request.options();
        TransitGateway.OptionsChange options = TransitGateway.OptionsChange.NONE;
        if (o != null) {
            if (o.hasTransitGatewayCidrBlocks() && !o.transitGatewayCidrBlocks().isEmpty()) {
                throw Checks.unsupportedParameter("Options.TransitGatewayCidrBlocks");
            }
            if ("enable".equals(o.multicastSupportAsString())) {
                throw Checks.unsupportedParameter("Options.MulticastSupport");
            }
            options = new TransitGateway.OptionsChange(o.amazonSideAsn(),
                    flag(o.autoAcceptSharedAttachmentsAsString(), "AutoAcceptSharedAttachments"),
                    flag(o.defaultRouteTableAssociationAsString(), "DefaultRouteTableAssociation"), null,
                    flag(o.defaultRouteTablePropagationAsString(), "DefaultRouteTablePropagation"), null,
                    flag(o.dnsSupportAsString(), "DnsSupport"), flag(o.vpnEcmpSupportAsString(), "VpnEcmpSupport"));
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.TRANSIT_GATEWAY);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGateway made = tgws.createTransitGateway(request.description(), options, tags);
        return CreateTransitGatewayResponse.builder().transitGateway(TransitGatewayShapes.gateway(ctx, made))
                .build();
    }

    DescribeTransitGatewaysResponse describe(ActionContext ctx, DescribeTransitGatewaysRequest request) {
        Checks.noPagingWithIds(request.hasTransitGatewayIds(), request.maxResults(), "TransitGatewayIds");
        if (request.hasTransitGatewayIds()) {
            Checks.checkIds(request.transitGatewayIds(), KIND);
        }
        List<TransitGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(), TransitGateways.class)
                .transitGateways(), TransitGateway::id);
        all = IdSelection.byIds(all, TransitGateway::id, request.transitGatewayIds(), KIND.notFoundCode(),
                "transitGateway");
        List<software.amazon.awssdk.services.ec2.model.TransitGateway> out = new ArrayList<>(all.size());
        for (TransitGateway g : all) {
            out.add(TransitGatewayShapes.gateway(ctx, g));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.TransitGateway> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeTransitGatewaysResponse.builder().transitGateways(page.items()).nextToken(page.nextToken())
                .build();
    }

    ModifyTransitGatewayResponse modify(ActionContext ctx, ModifyTransitGatewayRequest request) {
        TransitGateways tgws = existing(ctx, request.transitGatewayId());
        ModifyTransitGatewayOptions o = request.options();
        TransitGateway.OptionsChange change = TransitGateway.OptionsChange.NONE;
        if (o != null) {
            if ((o.hasAddTransitGatewayCidrBlocks() && !o.addTransitGatewayCidrBlocks().isEmpty())
                    || (o.hasRemoveTransitGatewayCidrBlocks() && !o.removeTransitGatewayCidrBlocks().isEmpty())) {
                throw Checks.unsupportedParameter("Options.AddTransitGatewayCidrBlocks / "
                        + "RemoveTransitGatewayCidrBlocks");
            }
            if (o.associationDefaultRouteTableId() != null) {
                Checks.checkId(o.associationDefaultRouteTableId(), Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE);
            }
            if (o.propagationDefaultRouteTableId() != null) {
                Checks.checkId(o.propagationDefaultRouteTableId(), Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE);
            }
            change = new TransitGateway.OptionsChange(o.amazonSideAsn(),
                    flag(o.autoAcceptSharedAttachmentsAsString(), "AutoAcceptSharedAttachments"),
                    flag(o.defaultRouteTableAssociationAsString(), "DefaultRouteTableAssociation"),
                    o.associationDefaultRouteTableId(),
                    flag(o.defaultRouteTablePropagationAsString(), "DefaultRouteTablePropagation"),
                    o.propagationDefaultRouteTableId(),
                    flag(o.dnsSupportAsString(), "DnsSupport"), flag(o.vpnEcmpSupportAsString(), "VpnEcmpSupport"));
        }
        dryRun(request.dryRun());
        TransitGateway changed = tgws.modifyTransitGateway(request.transitGatewayId(), request.description(), change);
        return ModifyTransitGatewayResponse.builder().transitGateway(TransitGatewayShapes.gateway(ctx, changed))
                .build();
    }

    DeleteTransitGatewayResponse delete(ActionContext ctx, DeleteTransitGatewayRequest request) {
        TransitGateways tgws = existing(ctx, request.transitGatewayId());
        dryRun(request.dryRun());
        TransitGateway deleting = tgws.deleteTransitGateway(request.transitGatewayId());
        return DeleteTransitGatewayResponse.builder().transitGateway(TransitGatewayShapes.gateway(ctx, deleting))
                .build();
    }

    /** The backend's transit gateways once the id is well-formed and names one the caller can see. */
    private static TransitGateways existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("TransitGatewayId");
        }
        Checks.checkId(id, KIND);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        if (tgws.transitGateways().stream().noneMatch(g -> g.id().equals(id))) {
            throw Checks.notFound(KIND.notFoundCode(), "transitGateway", List.of(id));
        }
        return tgws;
    }
}
