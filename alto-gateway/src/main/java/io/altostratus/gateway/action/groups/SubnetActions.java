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
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.SubnetSpec;
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
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.HostnameType;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/** Subnets: create, delete, describe, and the public-address attribute. */
public final class SubnetActions implements ActionGroup {
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.SUBNET);

    private static final FilterSet<Subnet> SUBNET_FILTERS = FilterSet.<Subnet>builder()
            .field("subnet-id", Subnet::subnetId)
            .field("subnet-arn", Subnet::subnetArn)
            .field("vpc-id", Subnet::vpcId)
            .field("vpcId", Subnet::vpcId)
            .field("cidr-block", Subnet::cidrBlock)
            .field("cidr", Subnet::cidrBlock)
            .field("cidrBlock", Subnet::cidrBlock)
            .field("availability-zone", Subnet::availabilityZone)
            .field("availabilityZone", Subnet::availabilityZone)
            .field("availability-zone-id", Subnet::availabilityZoneId)
            .field("available-ip-address-count", Subnet::availableIpAddressCount)
            .field("availableIpAddressCount", Subnet::availableIpAddressCount)
            .field("default-for-az", Subnet::defaultForAz)
            .field("defaultForAz", Subnet::defaultForAz)
            .field("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
            .field("map-customer-owned-ip-on-launch", Subnet::mapCustomerOwnedIpOnLaunch)
            .field("customer-owned-ipv4-pool", Subnet::customerOwnedIpv4Pool)
            .field("enable-dns64", Subnet::enableDns64)
            .field("enable-lni-at-device-index", Subnet::enableLniAtDeviceIndex)
            .field("ipv6-native", Subnet::ipv6Native)
            .field("ipv6-cidr-block-association.ipv6-cidr-block",
                    s -> s.ipv6CidrBlockAssociationSet().stream().map(SubnetIpv6CidrBlockAssociation::ipv6CidrBlock)
                            .toList())
            .field("ipv6-cidr-block-association.association-id",
                    s -> s.ipv6CidrBlockAssociationSet().stream().map(SubnetIpv6CidrBlockAssociation::associationId)
                            .toList())
            .field("ipv6-cidr-block-association.state",
                    s -> s.ipv6CidrBlockAssociationSet().stream()
                            .map(a -> a.ipv6CidrBlockState().stateAsString()).toList())
            .field("outpost-arn", Subnet::outpostArn)
            .field("owner-id", Subnet::ownerId)
            .field("private-dns-name-options-on-launch.hostname-type",
                    s -> s.privateDnsNameOptionsOnLaunch().hostnameTypeAsString())
            .field("private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
                    s -> s.privateDnsNameOptionsOnLaunch().enableResourceNameDnsARecord())
            .field("private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record",
                    s -> s.privateDnsNameOptionsOnLaunch().enableResourceNameDnsAAAARecord())
            .field("state", Subnet::stateAsString)
            .tags(s -> SdkTags.fromSdk(s.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateSubnetRequest.class, this::createSubnet)
                .on(DeleteSubnetRequest.class, this::deleteSubnet)
                .on(DescribeSubnetsRequest.class, this::describeSubnets)
                .on(ModifySubnetAttributeRequest.class, this::modifySubnetAttribute);
    }

    CreateSubnetResponse createSubnet(ActionContext ctx, CreateSubnetRequest request) {
        if (Boolean.TRUE.equals(request.ipv6Native()) || request.ipv6IpamPoolId() != null) {
            throw unsupportedByBackend("IPv6-only subnets and IPAM pools");
        }
        if (request.ipv6CidrBlock() != null) {
            Checks.extension(ctx.cloud(), VpcCidrBlocks.class);
        }
        if (request.ipv4IpamPoolId() != null) {
            throw unsupportedByBackend("IPAM pools");
        }
        if (request.outpostArn() != null) {
            throw unsupportedByBackend("Outposts");
        }
        if (request.cidrBlock() == null) {
            throw missing("cidrBlock");
        }
        Network vpc = VpcActions.find(ctx, request.vpcId());
        Cidr block = VpcActions.parseCidr(request.cidrBlock());
        if (block.prefixLength() < 16 || block.prefixLength() > 28) {
            throw Ec2WireException.of("InvalidSubnet.Range", "The CIDR '" + request.cidrBlock() + "' is invalid.");
        }
        // The backend checks these too; checking here lets DryRun answer as the real call would.
        if (vpc.cidrs().stream().noneMatch(b -> Cidr.parse(b).contains(block))) {
            throw Ec2WireException.of("InvalidSubnet.Range", "The CIDR '" + request.cidrBlock() + "' is invalid.");
        }
        for (var sibling : Checks.extension(ctx.cloud(), Networks.class).subnets()) {
            if (sibling.networkId().equals(vpc.id()) && Cidr.parse(sibling.cidr()).overlaps(block)) {
                throw Ec2WireException.of("InvalidSubnet.Conflict", "The CIDR '" + request.cidrBlock()
                        + "' conflicts with another subnet");
            }
        }
        String zone = zone(ctx, request.availabilityZone(), request.availabilityZoneId());
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.SUBNET);
        dryRun(request.dryRun());
        // New subnets do not map public addresses until asked (ModifySubnetAttribute), as in EC2.
        var created = Checks.extension(ctx.cloud(), Networks.class)
                .createSubnet(new SubnetSpec(vpc.id(), block.toString(), zone, null, false, tags));
        if (request.ipv6CidrBlock() != null) {
            try {
                Checks.extension(ctx.cloud(), VpcCidrBlocks.class)
                        .associateSubnetCidrBlock(created.id(), request.ipv6CidrBlock());
            } catch (RuntimeException refused) {
                // EC2 makes the subnet and its IPv6 block in one step: a refused block leaves no subnet behind.
                Checks.extension(ctx.cloud(), Networks.class).deleteSubnet(created.id());
                throw refused;
            }
        }
        return CreateSubnetResponse.builder()
                .subnet(NetworkShapes.subnet(ctx, created, ZoneIds.byName(ctx.cloud()))).build();
    }

    /** The zone name the request means, from a name or a zone id; null lets the backend choose. */
    private static String zone(ActionContext ctx, String name, String zoneId) {
        if (name == null && zoneId == null) {
            return null;
        }
        List<Zone> zones = ctx.cloud().zones();
        if (zoneId != null) {
            Zone byId = zones.stream().filter(z -> z.zoneId().equals(zoneId)).findFirst()
                    .orElseThrow(() -> invalid("Value (" + zoneId
                            + ") for parameter availabilityZoneId is invalid. Subnets can currently only be created "
                            + "in the zones of " + ctx.region() + "."));
            if (name != null && !name.equals(byId.name())) {
                throw combination("The parameters availabilityZone (" + name + ") and availabilityZoneId ("
                        + zoneId + ") name different zones");
            }
            return byId.name();
        }
        if (zones.stream().noneMatch(z -> z.name().equals(name))) {
            throw invalid("Value (" + name + ") for parameter availabilityZone is invalid. Subnets can "
                    + "currently only be created in the zones of " + ctx.region() + ".");
        }
        return name;
    }

    DeleteSubnetResponse deleteSubnet(ActionContext ctx, DeleteSubnetRequest request) {
        var subnet = find(ctx, request.subnetId());
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Networks.class).deleteSubnet(subnet.id());
        return DeleteSubnetResponse.builder().build();
    }

    DescribeSubnetsResponse describeSubnets(ActionContext ctx, DescribeSubnetsRequest request) {
        var subnets = IdSelection.sorted(Checks.extension(ctx.cloud(), Networks.class)
                .subnets(), io.altostratus.core.model.Subnet::id);
        subnets = IdSelection.byIds(subnets, io.altostratus.core.model.Subnet::id, request.subnetIds(), NOT_FOUND,
                "subnet");
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        var associations = NetworkShapes.cidrAssociations(ctx);
        var ipv6OnCreation = NetworkShapes.ipv6OnCreation(ctx);
        List<Subnet> out = new ArrayList<>(subnets.size());
        for (var s : subnets) {
            out.add(NetworkShapes.subnet(ctx, s, zoneIds, associations, ipv6OnCreation));
        }
        List<Subnet> matching = SUBNET_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<Subnet> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeSubnetsResponse.builder().subnets(page.items()).nextToken(page.nextToken()).build();
    }

    ModifySubnetAttributeResponse modifySubnetAttribute(ActionContext ctx, ModifySubnetAttributeRequest request) {
        List<String> given = new ArrayList<>();
        // Attributes the backend cannot vary are accepted when they ask for what the subnet already is (off).
        boolean onlyDefaults = true;
        onlyDefaults &= check(given, "mapCustomerOwnedIpOnLaunch", request.mapCustomerOwnedIpOnLaunch());
        Boolean assignIpv6 = request.assignIpv6AddressOnCreation() == null ? null
                : request.assignIpv6AddressOnCreation().value();
        if (assignIpv6 != null) {
            given.add("assignIpv6AddressOnCreation");
        }
        onlyDefaults &= check(given, "enableDns64", request.enableDns64());
        onlyDefaults &= check(given, "enableResourceNameDnsARecordOnLaunch",
                request.enableResourceNameDnsARecordOnLaunch());
        onlyDefaults &= check(given, "enableResourceNameDnsAAAARecordOnLaunch",
                request.enableResourceNameDnsAAAARecordOnLaunch());
        onlyDefaults &= check(given, "disableLniAtDeviceIndex", request.disableLniAtDeviceIndex());
        if (request.privateDnsHostnameTypeOnLaunch() != null) {
            given.add("privateDnsHostnameTypeOnLaunch");
            onlyDefaults &= request.privateDnsHostnameTypeOnLaunch() == HostnameType.IP_NAME;
        }
        if (request.enableLniAtDeviceIndex() != null) {
            given.add("enableLniAtDeviceIndex");
            onlyDefaults = false;
        }
        if (request.customerOwnedIpv4Pool() != null) {
            given.add("customerOwnedIpv4Pool");
            onlyDefaults = false;
        }
        Boolean mapPublic = request.mapPublicIpOnLaunch() == null ? null : request.mapPublicIpOnLaunch().value();
        if (mapPublic != null) {
            given.add("mapPublicIpOnLaunch");
        }
        if (given.size() > 1) {
            throw combination("Fields for multiple attribute types specified: " + String.join(", ", given));
        }
        if (given.isEmpty()) {
            throw missing("mapPublicIpOnLaunch (or another subnet attribute)");
        }
        var subnet = find(ctx, request.subnetId());
        if (mapPublic != null) {
            Checks.extension(ctx.cloud(), Ec2Networking.class).modifySubnet(subnet.id(), mapPublic);
        } else if (assignIpv6 != null) {
            Checks.extension(ctx.cloud(), VpcCidrBlocks.class).setAssignIpv6AddressOnCreation(subnet.id(), assignIpv6);
        } else if (!onlyDefaults) {
            throw unsupportedByBackend("The subnet attribute " + given.get(0));
        }
        return ModifySubnetAttributeResponse.builder().build();
    }

    /** Notes a boolean attribute that was given; whether it asks for the default (false). */
    private static boolean check(List<String> given, String name, AttributeBooleanValue value) {
        if (value == null || value.value() == null) {
            return true;
        }
        given.add(name);
        return !value.value();
    }

    static io.altostratus.core.model.Subnet find(ActionContext ctx, String subnetId) {
        if (subnetId == null) {
            throw missing("subnetId");
        }
        return Checks.extension(ctx.cloud(), Networks.class)
                .subnets().stream().filter(s -> s.id().equals(subnetId)).findFirst()
                .orElseThrow(() -> Checks.notFound(NOT_FOUND, "subnet", List.of(subnetId)));
    }
}
