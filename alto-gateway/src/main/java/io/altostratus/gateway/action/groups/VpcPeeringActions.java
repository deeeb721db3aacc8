package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcPeeringConnection;
import io.altostratus.core.ec2.VpcPeeringConnection.Side;
import io.altostratus.core.ec2.VpcPeeringConnections;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CidrBlock;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptions;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionOptionsDescription;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReason;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo;

/**
 * VPC peering connections between two VPCs of the caller's account and region: requested, accepted or rejected,
 * deleted, and their DNS resolution options changed once active.
 */
public final class VpcPeeringActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.VPC_PEERING_CONNECTION;
    private static final String NOUN = "vpcPeeringConnection";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.VpcPeeringConnection> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.VpcPeeringConnection>builder()
                    .field("vpc-peering-connection-id",
                            software.amazon.awssdk.services.ec2.model.VpcPeeringConnection::vpcPeeringConnectionId)
                    .field("status-code", c -> c.status().codeAsString())
                    .field("status-message", c -> c.status().message())
                    .field("expiration-time", c -> c.expirationTime() == null ? null : c.expirationTime().toString())
                    .field("requester-vpc-info.vpc-id", c -> c.requesterVpcInfo().vpcId())
                    .field("requester-vpc-info.owner-id", c -> c.requesterVpcInfo().ownerId())
                    .field("requester-vpc-info.cidr-block", c -> c.requesterVpcInfo().cidrBlock())
                    .field("accepter-vpc-info.vpc-id", c -> c.accepterVpcInfo().vpcId())
                    .field("accepter-vpc-info.owner-id", c -> c.accepterVpcInfo().ownerId())
                    .field("accepter-vpc-info.cidr-block", c -> c.accepterVpcInfo().cidrBlock())
                    .tags(c -> SdkTags.fromSdk(c.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateVpcPeeringConnectionRequest.class, this::create)
                .on(AcceptVpcPeeringConnectionRequest.class, this::accept)
                .on(RejectVpcPeeringConnectionRequest.class, this::reject)
                .on(DeleteVpcPeeringConnectionRequest.class, this::delete)
                .on(DescribeVpcPeeringConnectionsRequest.class, this::describe)
                .on(ModifyVpcPeeringConnectionOptionsRequest.class, this::modifyOptions);
    }

    CreateVpcPeeringConnectionResponse create(ActionContext ctx, CreateVpcPeeringConnectionRequest request) {
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        if (request.peerVpcId() == null) {
            throw missing("PeerVpcId");
        }
        if (request.peerOwnerId() != null && !request.peerOwnerId().equals(ctx.account())) {
            throw Checks.unsupportedByBackend("Peering with a VPC of another account");
        }
        if (request.peerRegion() != null && !request.peerRegion().equals(ctx.region())) {
            throw Checks.unsupportedByBackend("Peering with a VPC of another region");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.VPC_PEERING_CONNECTION);
        VpcActions.find(ctx, request.vpcId());
        VpcActions.find(ctx, request.peerVpcId());
        VpcPeeringConnections peerings = Checks.extension(ctx.cloud(), VpcPeeringConnections.class);
        dryRun(request.dryRun());
        return CreateVpcPeeringConnectionResponse.builder()
                .vpcPeeringConnection(shape(peerings.createVpcPeeringConnection(request.vpcId(),
                        request.peerVpcId(), tags)))
                .build();
    }

    AcceptVpcPeeringConnectionResponse accept(ActionContext ctx, AcceptVpcPeeringConnectionRequest request) {
        VpcPeeringConnections peerings = existing(ctx, request.vpcPeeringConnectionId());
        dryRun(request.dryRun());
        return AcceptVpcPeeringConnectionResponse.builder()
                .vpcPeeringConnection(shape(peerings.acceptVpcPeeringConnection(request.vpcPeeringConnectionId())))
                .build();
    }

    RejectVpcPeeringConnectionResponse reject(ActionContext ctx, RejectVpcPeeringConnectionRequest request) {
        VpcPeeringConnections peerings = existing(ctx, request.vpcPeeringConnectionId());
        dryRun(request.dryRun());
        peerings.rejectVpcPeeringConnection(request.vpcPeeringConnectionId());
        return RejectVpcPeeringConnectionResponse.builder().returnValue(true).build();
    }

    DeleteVpcPeeringConnectionResponse delete(ActionContext ctx, DeleteVpcPeeringConnectionRequest request) {
        VpcPeeringConnections peerings = existing(ctx, request.vpcPeeringConnectionId());
        dryRun(request.dryRun());
        peerings.deleteVpcPeeringConnection(request.vpcPeeringConnectionId());
        return DeleteVpcPeeringConnectionResponse.builder().returnValue(true).build();
    }

    DescribeVpcPeeringConnectionsResponse describe(ActionContext ctx, DescribeVpcPeeringConnectionsRequest request) {
        Checks.noPagingWithIds(request.hasVpcPeeringConnectionIds(), request.maxResults(), "VpcPeeringConnectionId");
        if (request.hasVpcPeeringConnectionIds()) {
            Checks.checkIds(request.vpcPeeringConnectionIds(), KIND);
        }
        List<VpcPeeringConnection> all = IdSelection.sorted(Checks.extension(ctx.cloud(),
                VpcPeeringConnections.class).vpcPeeringConnections(), VpcPeeringConnection::id);
        all = IdSelection.byIds(all, VpcPeeringConnection::id, request.vpcPeeringConnectionIds(),
                KIND.notFoundCode(), NOUN);
        List<software.amazon.awssdk.services.ec2.model.VpcPeeringConnection> out = new ArrayList<>(all.size());
        for (VpcPeeringConnection c : all) {
            out.add(shape(c));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.VpcPeeringConnection> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeVpcPeeringConnectionsResponse.builder().vpcPeeringConnections(page.items())
                .nextToken(page.nextToken()).build();
    }

    ModifyVpcPeeringConnectionOptionsResponse modifyOptions(ActionContext ctx,
                                                            ModifyVpcPeeringConnectionOptionsRequest request) {
        PeeringConnectionOptionsRequest requester = request.requesterPeeringConnectionOptions();
        PeeringConnectionOptionsRequest accepter = request.accepterPeeringConnectionOptions();
        if (requester == null && accepter == null) {
            throw missing("RequesterPeeringConnectionOptions or AccepterPeeringConnectionOptions");
        }
        for (PeeringConnectionOptionsRequest side : new PeeringConnectionOptionsRequest[] {requester, accepter}) {
            // ClassicLink ended in 2022; EC2 refuses these options on every current VPC.
            if (side != null && (side.allowEgressFromLocalClassicLinkToRemoteVpc() != null
                    || side.allowEgressFromLocalVpcToRemoteClassicLink() != null)) {
                throw Checks.unsupportedParameter("AllowEgressFromLocalClassicLinkToRemoteVpc / "
                        + "AllowEgressFromLocalVpcToRemoteClassicLink");
            }
        }
        VpcPeeringConnections peerings = existing(ctx, request.vpcPeeringConnectionId());
        dryRun(request.dryRun());
        VpcPeeringConnection changed = peerings.modifyVpcPeeringConnectionOptions(request.vpcPeeringConnectionId(),
                requester == null ? null : requester.allowDnsResolutionFromRemoteVpc(),
                accepter == null ? null : accepter.allowDnsResolutionFromRemoteVpc());
        var response = ModifyVpcPeeringConnectionOptionsResponse.builder();
        if (requester != null) {
            response.requesterPeeringConnectionOptions(options(changed.requester()));
        }
        if (accepter != null) {
            response.accepterPeeringConnectionOptions(options(changed.accepter()));
        }
        return response.build();
    }

    private static PeeringConnectionOptions options(Side side) {
        return PeeringConnectionOptions.builder()
                .allowDnsResolutionFromRemoteVpc(side.allowDnsResolutionFromRemoteVpc())
                .allowEgressFromLocalClassicLinkToRemoteVpc(false)
                .allowEgressFromLocalVpcToRemoteClassicLink(false)
                .build();
    }

    /** The backend's peerings once the id is well-formed and names a connection the caller can see. */
    private static VpcPeeringConnections existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("VpcPeeringConnectionId");
        }
        Checks.checkId(id, KIND);
        VpcPeeringConnections peerings = Checks.extension(ctx.cloud(), VpcPeeringConnections.class);
        if (peerings.vpcPeeringConnections().stream().noneMatch(c -> c.id().equals(id))) {
            throw Checks.notFound(KIND.notFoundCode(), NOUN, List.of(id));
        }
        return peerings;
    }

    static software.amazon.awssdk.services.ec2.model.VpcPeeringConnection shape(VpcPeeringConnection c) {
        // EC2 shows the accepter's CIDR only once the connection is active.
        boolean showAccepterCidr = !VpcPeeringConnection.INITIATING.equals(c.status())
                && !VpcPeeringConnection.PENDING_ACCEPTANCE.equals(c.status());
        boolean pending = VpcPeeringConnection.INITIATING.equals(c.status())
                || VpcPeeringConnection.PENDING_ACCEPTANCE.equals(c.status());
        return software.amazon.awssdk.services.ec2.model.VpcPeeringConnection.builder()
                .vpcPeeringConnectionId(c.id())
                .requesterVpcInfo(info(c.requester(), true))
                .accepterVpcInfo(info(c.accepter(), showAccepterCidr))
                .status(VpcPeeringConnectionStateReason.builder().code(c.status()).message(c.statusMessage()).build())
                .expirationTime(pending ? c.expirationTime() : null)
                .tags(SdkTags.toSdk(c.tags()))
                .build();
    }

    private static VpcPeeringConnectionVpcInfo info(Side side, boolean withCidr) {
        VpcPeeringConnectionVpcInfo.Builder info = VpcPeeringConnectionVpcInfo.builder()
                .vpcId(side.vpcId())
                .ownerId(side.ownerId())
                .region(side.region());
        if (withCidr) {
            info.cidrBlock(side.cidr())
                    .cidrBlockSet(CidrBlock.builder().cidrBlock(side.cidr()).build())
                    .peeringOptions(VpcPeeringConnectionOptionsDescription.builder()
                            .allowDnsResolutionFromRemoteVpc(side.allowDnsResolutionFromRemoteVpc())
                            .allowEgressFromLocalClassicLinkToRemoteVpc(false)
                            .allowEgressFromLocalVpcToRemoteClassicLink(false)
                            .build());
        }
        return info.build();
    }
}
