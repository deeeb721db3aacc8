package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupportedByBackend;

import io.altostratus.core.ec2.CidrBlockAssociation;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcCidrBlocks;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockResponse;

/**
 * Extra CIDR blocks: secondary IPv4 blocks and Amazon-provided IPv6 /56 blocks on VPCs, IPv6 /64 blocks on subnets.
 * These four actions take no DryRun on EC2, so none is offered here. DescribeVpcs and DescribeSubnets show the
 * blocks (see {@link NetworkShapes#cidrAssociations}).
 */
public final class VpcCidrActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(AssociateVpcCidrBlockRequest.class, this::associateVpc)
                .on(DisassociateVpcCidrBlockRequest.class, this::disassociateVpc)
                .on(AssociateSubnetCidrBlockRequest.class, this::associateSubnet)
                .on(DisassociateSubnetCidrBlockRequest.class, this::disassociateSubnet);
    }

    AssociateVpcCidrBlockResponse associateVpc(ActionContext ctx, AssociateVpcCidrBlockRequest request) {
        if (request.ipv6CidrBlock() != null || request.ipv6Pool() != null || request.ipv6IpamPoolId() != null
                || request.ipv4IpamPoolId() != null) {
            throw unsupportedByBackend("IPv6 blocks other than Amazon-provided ones, and IPAM pools,");
        }
        boolean ipv6 = Boolean.TRUE.equals(request.amazonProvidedIpv6CidrBlock());
        if (ipv6 && request.cidrBlock() != null) {
            throw combination("The parameter cidrBlock cannot be used with the parameter "
                    + "amazonProvidedIpv6CidrBlock");
        }
        if (!ipv6 && request.cidrBlock() == null) {
            throw missing("cidrBlock or amazonProvidedIpv6CidrBlock");
        }
        if (request.ipv6CidrBlockNetworkBorderGroup() != null
                && !request.ipv6CidrBlockNetworkBorderGroup().equals(ctx.region())) {
            throw Checks.invalid("Value (" + request.ipv6CidrBlockNetworkBorderGroup()
                    + ") for parameter ipv6CidrBlockNetworkBorderGroup is invalid. Use the region, " + ctx.region());
        }
        String vpcId = VpcActions.find(ctx, request.vpcId()).id();
        if (!ipv6) {
            VpcActions.parseCidr(request.cidrBlock());
        }
        CidrBlockAssociation made = blocks(ctx).associateVpcCidrBlock(vpcId, request.cidrBlock(), ipv6);
        AssociateVpcCidrBlockResponse.Builder response = AssociateVpcCidrBlockResponse.builder().vpcId(vpcId);
        return (made.ipv6() ? response.ipv6CidrBlockAssociation(NetworkShapes.ipv6Association(made))
                : response.cidrBlockAssociation(NetworkShapes.ipv4Association(made))).build();
    }

    DisassociateVpcCidrBlockResponse disassociateVpc(ActionContext ctx, DisassociateVpcCidrBlockRequest request) {
        if (request.associationId() == null) {
            throw missing("associationId");
        }
        checkId(request.associationId(), Ec2IdKind.VPC_CIDR_ASSOCIATION);
        CidrBlockAssociation gone = blocks(ctx).disassociateVpcCidrBlock(request.associationId());
        DisassociateVpcCidrBlockResponse.Builder response = DisassociateVpcCidrBlockResponse.builder()
                .vpcId(gone.resourceId());
        return (gone.ipv6() ? response.ipv6CidrBlockAssociation(NetworkShapes.ipv6Association(gone))
                : response.cidrBlockAssociation(NetworkShapes.ipv4Association(gone))).build();
    }

    AssociateSubnetCidrBlockResponse associateSubnet(ActionContext ctx, AssociateSubnetCidrBlockRequest request) {
        if (request.ipv6IpamPoolId() != null || request.ipv6NetmaskLength() != null) {
            throw unsupportedByBackend("IPAM pools");
        }
        if (request.ipv6CidrBlock() == null) {
            throw missing("ipv6CidrBlock");
        }
        String subnetId = SubnetActions.find(ctx, request.subnetId()).id();
        CidrBlockAssociation made = blocks(ctx).associateSubnetCidrBlock(subnetId, request.ipv6CidrBlock());
        return AssociateSubnetCidrBlockResponse.builder().subnetId(subnetId)
                .ipv6CidrBlockAssociation(NetworkShapes.subnetIpv6Association(made)).build();
    }

    DisassociateSubnetCidrBlockResponse disassociateSubnet(ActionContext ctx,
                                                           DisassociateSubnetCidrBlockRequest request) {
        if (request.associationId() == null) {
            throw missing("associationId");
        }
        checkId(request.associationId(), Ec2IdKind.SUBNET_CIDR_ASSOCIATION);
        CidrBlockAssociation gone = blocks(ctx).disassociateSubnetCidrBlock(request.associationId());
        return DisassociateSubnetCidrBlockResponse.builder().subnetId(gone.resourceId())
                .ipv6CidrBlockAssociation(NetworkShapes.subnetIpv6Association(gone)).build();
    }

    private static VpcCidrBlocks blocks(ActionContext ctx) {
        return Checks.extension(ctx.cloud(), VpcCidrBlocks.class);
    }
}
