package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.TransitGatewayShapes.flag;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayAttachment.VpcOptions;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentRequestOptions;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayVpcAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayVpcAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentRequestOptions;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/**
 * Transit gateway VPC attachments (one subnet per zone of the VPC; made pending then available, joining the
 * gateway's default route tables), and DescribeTransitGatewayAttachments over every kind of attachment.
 */
public final class TransitGatewayAttachmentActions implements ActionGroup {
    static final Ec2IdKind KIND = Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT;
    static final String NOUN = "transitGatewayAttachment";

    private static final FilterSet<TransitGatewayVpcAttachment> VPC_FILTERS =
            FilterSet.<TransitGatewayVpcAttachment>builder()
                    .field("transit-gateway-attachment-id", TransitGatewayVpcAttachment::transitGatewayAttachmentId)
                    .field("transit-gateway-id", TransitGatewayVpcAttachment::transitGatewayId)
                    .field("vpc-id", TransitGatewayVpcAttachment::vpcId)
                    .field("state", TransitGatewayVpcAttachment::stateAsString)
                    .tags(a -> SdkTags.fromSdk(a.tags()))
                    .build();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment>builder()
                    .field("transit-gateway-attachment-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::transitGatewayAttachmentId)
                    .field("transit-gateway-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::transitGatewayId)
                    .field("transit-gateway-owner-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::transitGatewayOwnerId)
                    .field("resource-id", software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::resourceId)
                    .field("resource-owner-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::resourceOwnerId)
                    .field("resource-type",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::resourceTypeAsString)
                    .field("state", software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment::stateAsString)
                    .field("association.state", a -> a.association() == null ? null : a.association().stateAsString())
                    .field("association.transit-gateway-route-table-id",
                            a -> a.association() == null ? null : a.association().transitGatewayRouteTableId())
                    .tags(a -> SdkTags.fromSdk(a.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateTransitGatewayVpcAttachmentRequest.class, this::create)
                .on(DescribeTransitGatewayVpcAttachmentsRequest.class, this::describeVpc)
                .on(ModifyTransitGatewayVpcAttachmentRequest.class, this::modify)
                .on(DeleteTransitGatewayVpcAttachmentRequest.class, this::delete)
                .on(DescribeTransitGatewayAttachmentsRequest.class, this::describe);
    }

    CreateTransitGatewayVpcAttachmentResponse create(ActionContext ctx,
                                                     CreateTransitGatewayVpcAttachmentRequest request) {
        if (request.transitGatewayId() == null) {
            throw missing("TransitGatewayId");
        }
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        if (!request.hasSubnetIds() || request.subnetIds().isEmpty()) {
            throw missing("SubnetIds");
        }
        Checks.checkId(request.transitGatewayId(), Ec2IdKind.TRANSIT_GATEWAY);
        Checks.checkId(request.vpcId(), Ec2IdKind.VPC);
        Checks.checkIds(request.subnetIds(), Ec2IdKind.SUBNET);
        CreateTransitGatewayVpcAttachmentRequestOptions o = request.options();
        VpcOptions options = VpcOptions.DEFAULT;
        if (o != null) {
            if ("enable".equals(o.securityGroupReferencingSupportAsString())) {
                throw Checks.unsupportedParameter("Options.SecurityGroupReferencingSupport");
            }
            options = options.with(flag(o.dnsSupportAsString(), "DnsSupport"),
                    flag(o.ipv6SupportAsString(), "Ipv6Support"),
                    flag(o.applianceModeSupportAsString(), "ApplianceModeSupport"));
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.TRANSIT_GATEWAY_ATTACHMENT);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment made = tgws.createVpcAttachment(request.transitGatewayId(), request.vpcId(),
                request.subnetIds(), options, tags);
        return CreateTransitGatewayVpcAttachmentResponse.builder()
                .transitGatewayVpcAttachment(TransitGatewayShapes.vpcAttachment(made)).build();
    }

    DescribeTransitGatewayVpcAttachmentsResponse describeVpc(ActionContext ctx,
                                                             DescribeTransitGatewayVpcAttachmentsRequest request) {
        var page = select(ctx, request.hasTransitGatewayAttachmentIds(), request.transitGatewayAttachmentIds(),
                request.maxResults(), request.nextToken(), request.filters(), request.dryRun(), request,
                a -> TransitGatewayAttachment.VPC.equals(a.resourceType()), TransitGatewayShapes::vpcAttachment,
                VPC_FILTERS);
        return DescribeTransitGatewayVpcAttachmentsResponse.builder().transitGatewayVpcAttachments(page.items())
                .nextToken(page.nextToken()).build();
    }

    DescribeTransitGatewayAttachmentsResponse describe(ActionContext ctx,
                                                       DescribeTransitGatewayAttachmentsRequest request) {
        var page = select(ctx, request.hasTransitGatewayAttachmentIds(), request.transitGatewayAttachmentIds(),
                request.maxResults(), request.nextToken(), request.filters(), request.dryRun(), request,
                a -> true, TransitGatewayShapes::attachment, FILTERS);
        return DescribeTransitGatewayAttachmentsResponse.builder().transitGatewayAttachments(page.items())
                .nextToken(page.nextToken()).build();
    }

    /**
     * One Describe over the attachments of a kind: ids checked and selected, shaped, filtered, DryRun, paged.
     */
    static <T> Paging.Page<T> select(ActionContext ctx, boolean hasIds, List<String> ids, Integer maxResults,
                                     String nextToken, List<software.amazon.awssdk.services.ec2.model.Filter> filters,
                                     Boolean dryRun, software.amazon.awssdk.core.SdkPojo request,
                                     java.util.function.Predicate<TransitGatewayAttachment> kind,
                                     Function<TransitGatewayAttachment, T> shape, FilterSet<T> filterSet) {
        Checks.noPagingWithIds(hasIds, maxResults, "TransitGatewayAttachmentIds");
        if (hasIds) {
            Checks.checkIds(ids, KIND);
        }
        List<TransitGatewayAttachment> all = IdSelection.sorted(Checks.extension(ctx.cloud(), TransitGateways.class)
                .transitGatewayAttachments().stream().filter(kind).toList(), TransitGatewayAttachment::id);
        all = IdSelection.byIds(all, TransitGatewayAttachment::id, ids, KIND.notFoundCode(), NOUN);
        List<T> out = new ArrayList<>(all.size());
        for (TransitGatewayAttachment a : all) {
            out.add(shape.apply(a));
        }
        List<T> matching = filterSet.apply(out, filters);
        dryRun(dryRun);
        return Paging.page(matching, maxResults, nextToken, 5, 1000, Paging.queryKey(request));
    }

    ModifyTransitGatewayVpcAttachmentResponse modify(ActionContext ctx,
                                                     ModifyTransitGatewayVpcAttachmentRequest request) {
        TransitGatewayAttachment a = existing(ctx, request.transitGatewayAttachmentId(), TransitGatewayAttachment.VPC);
        if (request.hasAddSubnetIds()) {
            Checks.checkIds(request.addSubnetIds(), Ec2IdKind.SUBNET);
        }
        if (request.hasRemoveSubnetIds()) {
            Checks.checkIds(request.removeSubnetIds(), Ec2IdKind.SUBNET);
        }
        ModifyTransitGatewayVpcAttachmentRequestOptions o = request.options();
        VpcOptions options = null;
        if (o != null) {
            if ("enable".equals(o.securityGroupReferencingSupportAsString())) {
                throw Checks.unsupportedParameter("Options.SecurityGroupReferencingSupport");
            }
            options = (a.options() == null ? VpcOptions.DEFAULT : a.options()).with(
                    flag(o.dnsSupportAsString(), "DnsSupport"), flag(o.ipv6SupportAsString(), "Ipv6Support"),
                    flag(o.applianceModeSupportAsString(), "ApplianceModeSupport"));
        }
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment changed = tgws.modifyVpcAttachment(a.id(),
                request.hasAddSubnetIds() ? request.addSubnetIds() : List.of(),
                request.hasRemoveSubnetIds() ? request.removeSubnetIds() : List.of(), options);
        return ModifyTransitGatewayVpcAttachmentResponse.builder()
                .transitGatewayVpcAttachment(TransitGatewayShapes.vpcAttachment(changed)).build();
    }

    DeleteTransitGatewayVpcAttachmentResponse delete(ActionContext ctx,
                                                     DeleteTransitGatewayVpcAttachmentRequest request) {
        TransitGatewayAttachment a = existing(ctx, request.transitGatewayAttachmentId(), TransitGatewayAttachment.VPC);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment deleting = tgws.deleteAttachment(a.id(), TransitGatewayAttachment.VPC);
        return DeleteTransitGatewayVpcAttachmentResponse.builder()
                .transitGatewayVpcAttachment(TransitGatewayShapes.vpcAttachment(deleting)).build();
    }

    /** The attachment of that resource type, once the id is well-formed and names one the caller can see. */
    static TransitGatewayAttachment existing(ActionContext ctx, String id, String resourceType) {
        if (id == null) {
            throw missing("TransitGatewayAttachmentId");
        }
        Checks.checkId(id, KIND);
        return Checks.extension(ctx.cloud(), TransitGateways.class).transitGatewayAttachments().stream()
                .filter(a -> a.id().equals(id) && (resourceType == null || a.resourceType().equals(resourceType)))
                .findFirst().orElseThrow(() -> Checks.notFound(KIND.notFoundCode(), NOUN, List.of(id)));
    }
}
