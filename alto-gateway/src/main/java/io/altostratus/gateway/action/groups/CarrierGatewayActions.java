package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.CarrierGateway;
import io.altostratus.core.ec2.CarrierGateways;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Carrier gateways: made in a VPC, pending then available, deleting then deleted. */
public final class CarrierGatewayActions implements ActionGroup {
    private static final FilterSet<software.amazon.awssdk.services.ec2.model.CarrierGateway> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.CarrierGateway>builder()
                    .field("carrier-gateway-id",
                            software.amazon.awssdk.services.ec2.model.CarrierGateway::carrierGatewayId)
                    .field("state", software.amazon.awssdk.services.ec2.model.CarrierGateway::stateAsString)
                    .field("owner-id", software.amazon.awssdk.services.ec2.model.CarrierGateway::ownerId)
                    .field("vpc-id", software.amazon.awssdk.services.ec2.model.CarrierGateway::vpcId)
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateCarrierGatewayRequest.class, this::create)
                .on(DescribeCarrierGatewaysRequest.class, this::describe)
                .on(DeleteCarrierGatewayRequest.class, this::delete);
    }

    CreateCarrierGatewayResponse create(ActionContext ctx, CreateCarrierGatewayRequest request) {
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.CARRIER_GATEWAY);
        String vpcId = VpcActions.find(ctx, request.vpcId()).id();
        CarrierGateways gateways = Checks.extension(ctx.cloud(), CarrierGateways.class);
        dryRun(request.dryRun());
        return CreateCarrierGatewayResponse.builder()
                .carrierGateway(shape(gateways.createCarrierGateway(vpcId, tags))).build();
    }

    DescribeCarrierGatewaysResponse describe(ActionContext ctx, DescribeCarrierGatewaysRequest request) {
        Checks.checkIds(request.carrierGatewayIds(), Ec2IdKind.CARRIER_GATEWAY);
        List<CarrierGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(), CarrierGateways.class)
                .carrierGateways(), CarrierGateway::id);
        all = IdSelection.byIds(all, CarrierGateway::id, request.carrierGatewayIds(),
                Ec2IdKind.CARRIER_GATEWAY.notFoundCode(), "carrierGateway");
        List<software.amazon.awssdk.services.ec2.model.CarrierGateway> out = new ArrayList<>(all.size());
        for (CarrierGateway g : all) {
            out.add(shape(g));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeCarrierGatewaysResponse.builder().carrierGateways(page.items()).nextToken(page.nextToken())
                .build();
    }

    DeleteCarrierGatewayResponse delete(ActionContext ctx, DeleteCarrierGatewayRequest request) {
        if (request.carrierGatewayId() == null) {
            throw missing("carrierGatewayId");
        }
        String id = checkId(request.carrierGatewayId(), Ec2IdKind.CARRIER_GATEWAY);
        CarrierGateways gateways = Checks.extension(ctx.cloud(), CarrierGateways.class);
        if (gateways.carrierGateways().stream().noneMatch(g -> g.id().equals(id))) {
            throw Checks.notFound(Ec2IdKind.CARRIER_GATEWAY.notFoundCode(), "carrierGateway", List.of(id));
        }
        dryRun(request.dryRun());
        return DeleteCarrierGatewayResponse.builder().carrierGateway(shape(gateways.deleteCarrierGateway(id)))
                .build();
    }

    static software.amazon.awssdk.services.ec2.model.CarrierGateway shape(CarrierGateway g) {
        return software.amazon.awssdk.services.ec2.model.CarrierGateway.builder()
                .carrierGatewayId(g.id())
                .vpcId(g.vpcId())
                .state(g.state())
                .ownerId(g.ownerId())
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }
}
