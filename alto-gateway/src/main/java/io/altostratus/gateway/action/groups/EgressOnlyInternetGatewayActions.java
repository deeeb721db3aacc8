package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.EgressOnlyInternetGateway;
import io.altostratus.core.ec2.EgressOnlyInternetGateways;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Egress-only internet gateways: made attached to a VPC, listed, deleted. */
public final class EgressOnlyInternetGatewayActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.EGRESS_ONLY_INTERNET_GATEWAY;

    // EC2 documents only tag filters for this action.
    private static final FilterSet<software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway>builder()
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateEgressOnlyInternetGatewayRequest.class, this::create)
                .on(DescribeEgressOnlyInternetGatewaysRequest.class, this::describe)
                .on(DeleteEgressOnlyInternetGatewayRequest.class, this::delete);
    }

    CreateEgressOnlyInternetGatewayResponse create(ActionContext ctx, CreateEgressOnlyInternetGatewayRequest request) {
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.EGRESS_ONLY_INTERNET_GATEWAY);
        VpcActions.find(ctx, request.vpcId());
        EgressOnlyInternetGateways gateways = Checks.extension(ctx.cloud(), EgressOnlyInternetGateways.class);
        dryRun(request.dryRun());
        EgressOnlyInternetGateway made = gateways.createEgressOnlyInternetGateway(request.vpcId(), tags);
        return CreateEgressOnlyInternetGatewayResponse.builder().egressOnlyInternetGateway(shape(made))
                .clientToken(request.clientToken()).build();
    }

    DescribeEgressOnlyInternetGatewaysResponse describe(ActionContext ctx,
                                                        DescribeEgressOnlyInternetGatewaysRequest request) {
        if (request.hasEgressOnlyInternetGatewayIds()) {
            Checks.checkIds(request.egressOnlyInternetGatewayIds(), KIND);
        }
        List<EgressOnlyInternetGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(),
                EgressOnlyInternetGateways.class).egressOnlyInternetGateways(), EgressOnlyInternetGateway::id);
        all = IdSelection.byIds(all, EgressOnlyInternetGateway::id, request.egressOnlyInternetGatewayIds(),
                KIND.notFoundCode(), "egressOnlyInternetGateway");
        List<software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway> out = new ArrayList<>();
        for (EgressOnlyInternetGateway g : all) {
            out.add(shape(g));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 255, Paging.queryKey(request));
        return DescribeEgressOnlyInternetGatewaysResponse.builder().egressOnlyInternetGateways(page.items())
                .nextToken(page.nextToken()).build();
    }

    DeleteEgressOnlyInternetGatewayResponse delete(ActionContext ctx, DeleteEgressOnlyInternetGatewayRequest request) {
        String id = request.egressOnlyInternetGatewayId();
        if (id == null) {
            throw missing("EgressOnlyInternetGatewayId");
        }
        Checks.checkId(id, KIND);
        EgressOnlyInternetGateways gateways = Checks.extension(ctx.cloud(), EgressOnlyInternetGateways.class);
        if (gateways.egressOnlyInternetGateways().stream().noneMatch(g -> g.id().equals(id))) {
            throw Checks.notFound(KIND.notFoundCode(), "egressOnlyInternetGateway", List.of(id));
        }
        dryRun(request.dryRun());
        gateways.deleteEgressOnlyInternetGateway(id);
        return DeleteEgressOnlyInternetGatewayResponse.builder().returnCode(true).build();
    }

    static software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway shape(EgressOnlyInternetGateway g) {
        return software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway.builder()
                .egressOnlyInternetGatewayId(g.id())
                .attachments(InternetGatewayAttachment.builder().vpcId(g.networkId())
                        .state(AttachmentStatus.ATTACHED).build())
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }
}
