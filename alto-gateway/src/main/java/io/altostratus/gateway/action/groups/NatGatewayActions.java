package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2IdKind;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.NatGateway;
import io.altostratus.core.ec2.NatGateways;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** NAT gateways: made in a subnet with an elastic IP, pending then available, deleting then deleted. */
public final class NatGatewayActions implements ActionGroup {
    static final String NOT_FOUND = Ec2IdKind.NAT_GATEWAY.notFoundCode();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.NatGateway> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.NatGateway>builder()
                    .field("nat-gateway-id", software.amazon.awssdk.services.ec2.model.NatGateway::natGatewayId)
                    .field("state", software.amazon.awssdk.services.ec2.model.NatGateway::stateAsString)
                    .field("subnet-id", software.amazon.awssdk.services.ec2.model.NatGateway::subnetId)
                    .field("vpc-id", software.amazon.awssdk.services.ec2.model.NatGateway::vpcId)
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateNatGatewayRequest.class, this::create)
                .on(DescribeNatGatewaysRequest.class, this::describe)
                .on(DeleteNatGatewayRequest.class, this::delete);
    }

    CreateNatGatewayResponse create(ActionContext ctx, CreateNatGatewayRequest request) {
        if (request.subnetId() == null) {
            throw missing("SubnetId");
        }
        if (request.privateIpAddress() != null || request.hasSecondaryAllocationIds()
                || request.hasSecondaryPrivateIpAddresses() || request.secondaryPrivateIpAddressCount() != null) {
            throw Checks.unsupportedParameter("PrivateIpAddress or secondary addresses");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.NATGATEWAY);
        SubnetActions.find(ctx, request.subnetId());
        NatGateways nats = Checks.extension(ctx.cloud(), NatGateways.class);
        dryRun(request.dryRun());
        NatGateway made = nats.createNatGateway(request.subnetId(), request.connectivityTypeAsString(),
                request.allocationId(), tags);
        return CreateNatGatewayResponse.builder().natGateway(shape(made)).clientToken(request.clientToken()).build();
    }

    DescribeNatGatewaysResponse describe(ActionContext ctx, DescribeNatGatewaysRequest request) {
        Checks.noPagingWithIds(request.hasNatGatewayIds(), request.maxResults(), "NatGatewayId");
        List<NatGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(), NatGateways.class).natGateways(),
                NatGateway::id);
        all = IdSelection.byIds(all, NatGateway::id, request.natGatewayIds(),
                absent -> Ec2WireException.of(NOT_FOUND, "NAT gateway " + String.join(", ", absent)
                        + " was not found"));
        List<software.amazon.awssdk.services.ec2.model.NatGateway> out = new ArrayList<>(all.size());
        for (NatGateway g : all) {
            out.add(shape(g));
        }
        var matching = FILTERS.apply(out, request.filter());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.NatGateway> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeNatGatewaysResponse.builder().natGateways(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteNatGatewayResponse delete(ActionContext ctx, DeleteNatGatewayRequest request) {
        if (request.natGatewayId() == null) {
            throw missing("NatGatewayId");
        }
        NatGateways nats = Checks.extension(ctx.cloud(), NatGateways.class);
        if (nats.natGateways().stream().noneMatch(g -> g.id().equals(request.natGatewayId()))) {
            throw Ec2WireException.of(NOT_FOUND, "NAT gateway " + request.natGatewayId() + " was not found");
        }
        dryRun(request.dryRun());
        NatGateway deleted = nats.deleteNatGateway(request.natGatewayId());
        return DeleteNatGatewayResponse.builder().natGatewayId(deleted.id()).build();
    }

    static software.amazon.awssdk.services.ec2.model.NatGateway shape(NatGateway g) {
        NatGatewayAddress.Builder address = NatGatewayAddress.builder()
                .networkInterfaceId(g.networkInterfaceId())
                .privateIp(g.privateIp())
                .isPrimary(true)
                .status(g.isLive() ? "succeeded" : "disassociating");
        if (g.allocationId() != null) {
            address.allocationId(g.allocationId()).publicIp(g.publicIp());
        }
        return software.amazon.awssdk.services.ec2.model.NatGateway.builder()
                .natGatewayId(g.id())
                .subnetId(g.subnetId())
                .vpcId(g.networkId())
                .state(g.state())
                .connectivityType(g.connectivityType())
                .createTime(g.createTime())
                .deleteTime(g.deleteTime())
                .natGatewayAddresses(NatGateway.DELETED.equals(g.state()) ? List.of() : List.of(address.build()))
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }
}
