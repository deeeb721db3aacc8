package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupportedByBackend;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.VpcCidrBlocks;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyResponse;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcTenancy;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;

/** VPCs and their DNS attributes. */
public final class VpcActions implements ActionGroup {
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.VPC);

    private static final FilterSet<Vpc> VPC_FILTERS = FilterSet.<Vpc>builder()
            .field("vpc-id", Vpc::vpcId)
            .field("cidr", Vpc::cidrBlock)
            .field("cidr-block-association.cidr-block",
                    v -> v.cidrBlockAssociationSet().stream().map(VpcCidrBlockAssociation::cidrBlock).toList())
            .field("cidr-block-association.association-id",
                    v -> v.cidrBlockAssociationSet().stream().map(VpcCidrBlockAssociation::associationId).toList())
            .field("cidr-block-association.state",
                    v -> v.cidrBlockAssociationSet().stream().map(a -> a.cidrBlockState().stateAsString()).toList())
            .field("ipv6-cidr-block-association.ipv6-cidr-block",
                    v -> v.ipv6CidrBlockAssociationSet().stream().map(VpcIpv6CidrBlockAssociation::ipv6CidrBlock)
                            .toList())
            .field("ipv6-cidr-block-association.ipv6-pool",
                    v -> v.ipv6CidrBlockAssociationSet().stream().map(VpcIpv6CidrBlockAssociation::ipv6Pool).toList())
            .field("ipv6-cidr-block-association.association-id",
                    v -> v.ipv6CidrBlockAssociationSet().stream().map(VpcIpv6CidrBlockAssociation::associationId)
                            .toList())
            .field("ipv6-cidr-block-association.state",
                    v -> v.ipv6CidrBlockAssociationSet().stream()
                            .map(a -> a.ipv6CidrBlockState().stateAsString()).toList())
            .field("dhcp-options-id", Vpc::dhcpOptionsId)
            .field("is-default", Vpc::isDefault)
            .field("isDefault", Vpc::isDefault)
            .field("owner-id", Vpc::ownerId)
            .field("state", Vpc::stateAsString)
            .tags(v -> SdkTags.fromSdk(v.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateVpcRequest.class, this::createVpc)
                .on(DeleteVpcRequest.class, this::deleteVpc)
                .on(DescribeVpcsRequest.class, this::describeVpcs)
                .on(DescribeVpcAttributeRequest.class, this::describeVpcAttribute)
                .on(ModifyVpcAttributeRequest.class, this::modifyVpcAttribute)
                .on(ModifyVpcTenancyRequest.class, this::modifyVpcTenancy);
    }

    /**
     * EC2 only moves a VPC's tenancy from dedicated to default; the backend's VPCs are all default, so the one value
     * EC2 accepts changes nothing and anything else is EC2's InvalidParameterValue.
     */
    ModifyVpcTenancyResponse modifyVpcTenancy(ActionContext ctx, ModifyVpcTenancyRequest request) {
        if (request.instanceTenancy() == null) {
            throw missing("InstanceTenancy");
        }
        if (request.instanceTenancy() != VpcTenancy.DEFAULT) {
            throw invalid("Value (" + request.instanceTenancyAsString() + ") for parameter InstanceTenancy is "
                    + "invalid. Valid values: default");
        }
        find(ctx, request.vpcId());
        dryRun(request.dryRun());
        return ModifyVpcTenancyResponse.builder().returnValue(true).build();
    }

    CreateVpcResponse createVpc(ActionContext ctx, CreateVpcRequest request) {
        if (request.instanceTenancy() != null && request.instanceTenancy() != Tenancy.DEFAULT) {
            throw unsupportedByBackend("Instance tenancy '" + request.instanceTenancyAsString() + "'");
        }
        boolean amazonIpv6 = Boolean.TRUE.equals(request.amazonProvidedIpv6CidrBlock());
        if (request.ipv6CidrBlock() != null || request.ipv6Pool() != null || request.ipv6IpamPoolId() != null) {
            throw unsupportedByBackend("IPv6 blocks other than Amazon-provided ones");
        }
        if (amazonIpv6) {
            Checks.extension(ctx.cloud(), VpcCidrBlocks.class);
        }
        if (request.ipv4IpamPoolId() != null) {
            throw unsupportedByBackend("IPAM pools");
        }
        if (request.cidrBlock() == null) {
            throw missing("cidrBlock");
        }
        Cidr block = parseCidr(request.cidrBlock());
        if (block.prefixLength() < 16 || block.prefixLength() > 28) {
            throw Ec2WireException.of("InvalidVpc.Range", "The CIDR '" + request.cidrBlock() + "' is invalid.");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.VPC);
        dryRun(request.dryRun());
        Network created = Checks.extension(ctx.cloud(), Networks.class)
                .createNetwork(new NetworkSpec(null, block.toString(), tags));
        if (amazonIpv6) {
            // EC2 makes the VPC and starts associating its /56 in one call; here it is two backend calls.
            Checks.extension(ctx.cloud(), VpcCidrBlocks.class).associateVpcCidrBlock(created.id(), null, true);
        }
        return CreateVpcResponse.builder().vpc(NetworkShapes.vpc(ctx, created)).build();
    }

    DeleteVpcResponse deleteVpc(ActionContext ctx, DeleteVpcRequest request) {
        Network vpc = find(ctx, request.vpcId());
        dryRun(request.dryRun());
        // Never cascade: EC2 refuses to delete a VPC that still holds anything (DependencyViolation).
        Checks.extension(ctx.cloud(), Networks.class).deleteNetwork(vpc.id(), false);
        return DeleteVpcResponse.builder().build();
    }

    DescribeVpcsResponse describeVpcs(ActionContext ctx, DescribeVpcsRequest request) {
        List<Network> networks = IdSelection.sorted(Checks.extension(ctx.cloud(), Networks.class)
                .networks(), Network::id);
        networks = IdSelection.byIds(networks, Network::id, request.vpcIds(), NOT_FOUND, "vpc");
        List<Vpc> vpcs = new ArrayList<>(networks.size());
        Map<String, String> dhcpOptions = NetworkShapes.dhcpOptionsByVpc(ctx);
        var associations = NetworkShapes.cidrAssociations(ctx);
        for (Network n : networks) {
            vpcs.add(NetworkShapes.vpc(ctx, n, dhcpOptions, associations));
        }
        List<Vpc> matching = VPC_FILTERS.apply(vpcs, request.filters());
        dryRun(request.dryRun());
        Paging.Page<Vpc> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeVpcsResponse.builder().vpcs(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeVpcAttributeResponse describeVpcAttribute(ActionContext ctx, DescribeVpcAttributeRequest request) {
        Network vpc = find(ctx, request.vpcId());
        dryRun(request.dryRun());
        DescribeVpcAttributeResponse.Builder response = DescribeVpcAttributeResponse.builder().vpcId(vpc.id());
        switch (request.attributeAsString()) {
            case "enableDnsSupport" -> response.enableDnsSupport(bool(vpc.enableDnsSupport()));
            case "enableDnsHostnames" -> response.enableDnsHostnames(bool(vpc.enableDnsHostnames()));
            // The backend keeps no usage metrics, so they are off, as on a new EC2 VPC.
            case "enableNetworkAddressUsageMetrics" -> response.enableNetworkAddressUsageMetrics(bool(false));
            default -> throw invalid("Value (" + request.attributeAsString()
                    + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return response.build();
    }

    ModifyVpcAttributeResponse modifyVpcAttribute(ActionContext ctx, ModifyVpcAttributeRequest request) {
        Boolean support = value(request.enableDnsSupport());
        Boolean hostnames = value(request.enableDnsHostnames());
        Boolean metrics = value(request.enableNetworkAddressUsageMetrics());
        List<String> given = new ArrayList<>();
        if (support != null) {
            given.add("enableDnsSupport");
        }
        if (hostnames != null) {
            given.add("enableDnsHostnames");
        }
        if (metrics != null) {
            given.add("enableNetworkAddressUsageMetrics");
        }
        // EC2 changes exactly one attribute per call.
        if (given.size() > 1) {
            throw combination("Fields for multiple attribute types specified: " + String.join(", ", given));
        }
        if (given.isEmpty()) {
            throw missing("enableDnsSupport, enableDnsHostnames or enableNetworkAddressUsageMetrics");
        }
        Network vpc = find(ctx, request.vpcId());
        if (metrics != null) {
            if (metrics) {
                throw unsupportedByBackend("Network address usage metrics");
            }
            return ModifyVpcAttributeResponse.builder().build();
        }
        Checks.extension(ctx.cloud(), Ec2Networking.class).modifyNetwork(vpc.id(), support, hostnames);
        return ModifyVpcAttributeResponse.builder().build();
    }

    /** The caller's VPC with this id, or EC2's NotFound. */
    static Network find(ActionContext ctx, String vpcId) {
        if (vpcId == null) {
            throw missing("vpcId");
        }
        return Checks.extension(ctx.cloud(), Networks.class)
                .networks().stream().filter(n -> n.id().equals(vpcId)).findFirst()
                .orElseThrow(() -> Checks.notFound(NOT_FOUND, "vpc", List.of(vpcId)));
    }

    static Cidr parseCidr(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid("Value (" + text + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
        }
    }

    private static AttributeBooleanValue bool(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }

    private static Boolean value(AttributeBooleanValue attribute) {
        return attribute == null ? null : attribute.value();
    }
}
