package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.checkIds;
import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.noPagingWithIds;
import static io.altostratus.gateway.action.groups.Checks.unsupported;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.core.ec2.InterfaceAddresses;
import io.altostratus.core.ec2.NetworkInterfaceAttributes;
import io.altostratus.gateway.filter.PageWalk;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.PrivateIpAddressSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Elastic network interfaces: create, attach, detach (by attachment id, as EC2 does), delete and describe. */
public final class NetworkInterfaceActions implements ActionGroup {
    static final String MALFORMED = Checks.malformedCode(Ec2IdKind.NETWORK_INTERFACE);
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.NETWORK_INTERFACE);

    private static final FilterSet<NetworkInterface> FILTERS = FilterSet.<NetworkInterface>builder()
            .field("network-interface-id", NetworkInterface::networkInterfaceId)
            .field("subnet-id", NetworkInterface::subnetId)
            .field("vpc-id", NetworkInterface::vpcId)
            .field("availability-zone", NetworkInterface::availabilityZone)
            .field("availability-zone-id", NetworkInterface::availabilityZoneId)
            .field("private-ip-address", NetworkInterface::privateIpAddress)
            .field("private-dns-name", NetworkInterface::privateDnsName)
            .field("addresses.private-ip-address", addresses(NetworkInterfacePrivateIpAddress::privateIpAddress))
            .field("addresses.primary", addresses(NetworkInterfacePrivateIpAddress::primary))
            .field("addresses.association.public-ip", addresses(a -> a.association() == null ? null
                    : a.association().publicIp()))
            .field("addresses.association.owner-id", addresses(a -> a.association() == null ? null
                    : a.association().ipOwnerId()))
            .field("association.public-ip", association(NetworkInterfaceAssociation::publicIp))
            .field("association.public-dns-name", association(NetworkInterfaceAssociation::publicDnsName))
            .field("association.ip-owner-id", association(NetworkInterfaceAssociation::ipOwnerId))
            .field("association.allocation-id", association(NetworkInterfaceAssociation::allocationId))
            .field("association.association-id", association(NetworkInterfaceAssociation::associationId))
            .field("status", NetworkInterface::statusAsString)
            .field("description", NetworkInterface::description)
            .field("attachment.attachment-id", attachment(NetworkInterfaceAttachment::attachmentId))
            .field("attachment.instance-id", attachment(NetworkInterfaceAttachment::instanceId))
            .field("attachment.instance-owner-id", attachment(NetworkInterfaceAttachment::instanceOwnerId))
            .field("attachment.device-index", attachment(NetworkInterfaceAttachment::deviceIndex))
            .field("attachment.status", attachment(NetworkInterfaceAttachment::statusAsString))
            .field("attachment.attach-time", attachment(a -> Ec2Time.text(a.attachTime())))
            .field("attachment.delete-on-termination", attachment(NetworkInterfaceAttachment::deleteOnTermination))
            .field("group-id", n -> n.groups().stream().map(GroupIdentifier::groupId).toList())
            .field("group-name", n -> n.groups().stream().map(GroupIdentifier::groupName).toList())
            .field("mac-address", NetworkInterface::macAddress)
            .field("owner-id", NetworkInterface::ownerId)
            .field("interface-type", NetworkInterface::interfaceTypeAsString)
            .field("requester-managed", NetworkInterface::requesterManaged)
            .field("source-dest-check", NetworkInterface::sourceDestCheck)
            .tags(n -> SdkTags.fromSdk(n.tagSet()))
            .build();

    private static Function<NetworkInterface, List<Object>> addresses(
            Function<NetworkInterfacePrivateIpAddress, Object> reader) {
        return n -> n.privateIpAddresses().stream().map(reader).toList();
    }

    private static Function<NetworkInterface, Object> association(Function<NetworkInterfaceAssociation, Object> r) {
        return n -> n.association() == null ? null : r.apply(n.association());
    }

    private static Function<NetworkInterface, Object> attachment(Function<NetworkInterfaceAttachment, Object> r) {
        return n -> n.attachment() == null ? null : r.apply(n.attachment());
    }

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateNetworkInterfaceRequest.class, this::createNetworkInterface)
                .on(DeleteNetworkInterfaceRequest.class, this::deleteNetworkInterface)
                .on(DescribeNetworkInterfacesRequest.class, this::describeNetworkInterfaces)
                .on(AttachNetworkInterfaceRequest.class, this::attachNetworkInterface)
                .on(DetachNetworkInterfaceRequest.class, this::detachNetworkInterface);
    }

    CreateNetworkInterfaceResponse createNetworkInterface(ActionContext ctx, CreateNetworkInterfaceRequest request) {
        String subnetId = checkId(request.subnetId(), Ec2IdKind.SUBNET);
        List<String> groups = request.hasGroups() ? request.groups() : List.of();
        checkIds(groups, Ec2IdKind.SECURITY_GROUP);
        String privateIp = primaryAddress(request);
        if (request.interfaceTypeAsString() != null) {
            throw unsupported("Network interfaces of type " + request.interfaceTypeAsString()
                    + " are not supported by this gateway");
        }
        if (positive(request.ipv6AddressCount()) || request.hasIpv6Addresses() && !request.ipv6Addresses().isEmpty()
                || positive(request.ipv4PrefixCount()) || positive(request.ipv6PrefixCount())
                || request.hasIpv4Prefixes() && !request.ipv4Prefixes().isEmpty()
                || request.hasIpv6Prefixes() && !request.ipv6Prefixes().isEmpty()
                || Boolean.TRUE.equals(request.enablePrimaryIpv6())) {
            throw unsupported("IPv6 addresses and prefix delegation are not supported by this gateway");
        }
        Subnet subnet = Checks.extension(ctx.cloud(), Networks.class)
                .subnets().stream().filter(s -> s.id().equals(subnetId)).findFirst()
                .orElseThrow(() -> Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.SUBNET), "The subnet ID '" + subnetId
                        + "' does not exist"));
        Set<String> knownGroups = Checks.extension(ctx.cloud(), SecurityGroups.class).securityGroups().stream()
                .map(io.altostratus.core.model.SecurityGroup::id).collect(Collectors.toSet());
        for (String g : groups) {
            if (!knownGroups.contains(g)) {
                throw Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.SECURITY_GROUP), "The security group '" + g + "' does not exist");
            }
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(),
                ResourceType.NETWORK_INTERFACE);
        dryRun(request.dryRun());
        var created = Checks.extension(ctx.cloud(), NetworkInterfaces.class)
                .createNetworkInterface(new InterfaceSpec(subnet.id(), privateIp, groups,
                request.description(), tags));
        return CreateNetworkInterfaceResponse.builder()
                .networkInterface(new Views(ctx).toSdk(created))
                .clientToken(request.clientToken())
                .build();
    }

    private static boolean positive(Integer n) {
        return n != null && n > 0;
    }

    /**
     * The one private address asked for, from PrivateIpAddress or the primary entry of PrivateIpAddresses. The core
     * model holds a single address per interface, so secondary addresses are refused rather than dropped.
     */
    private static String primaryAddress(CreateNetworkInterfaceRequest request) {
        if (positive(request.secondaryPrivateIpAddressCount())) {
            throw unsupported("Secondary private IP addresses are not supported by this gateway");
        }
        String ip = request.privateIpAddress();
        if (request.hasPrivateIpAddresses() && !request.privateIpAddresses().isEmpty()) {
            List<PrivateIpAddressSpecification> specs = request.privateIpAddresses();
            if (specs.size() > 1) {
                throw unsupported("Secondary private IP addresses are not supported by this gateway");
            }
            PrivateIpAddressSpecification only = specs.get(0);
            if (Boolean.FALSE.equals(only.primary())) {
                throw unsupported("Secondary private IP addresses are not supported by this gateway");
            }
            if (ip != null && !ip.equals(only.privateIpAddress())) {
                throw combination("The primary private IP address given in privateIpAddress and "
                        + "privateIpAddresses differ");
            }
            ip = only.privateIpAddress();
        }
        if (ip != null && !isIpv4(ip)) {
            throw invalid("Invalid value '" + ip + "' for privateIpAddress. It is not a valid IPv4 address.");
        }
        return ip;
    }

    static boolean isIpv4(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    DeleteNetworkInterfaceResponse deleteNetworkInterface(ActionContext ctx, DeleteNetworkInterfaceRequest request) {
        var eni = find(ctx, request.networkInterfaceId());
        if (eni.attachment() != null) {
            throw Ec2WireException.of("InvalidNetworkInterface.InUse", "The network interface '" + eni.id()
                    + "' is currently in use by " + eni.attachment().instanceId() + ".");
        }
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), NetworkInterfaces.class).deleteNetworkInterface(eni.id());
        return DeleteNetworkInterfaceResponse.builder().build();
    }

    AttachNetworkInterfaceResponse attachNetworkInterface(ActionContext ctx, AttachNetworkInterfaceRequest request) {
        checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        if (request.deviceIndex() == null) {
            throw Checks.missing("DeviceIndex");
        }
        if (request.networkCardIndex() != null && request.networkCardIndex() != 0) {
            throw invalid("Network card index " + request.networkCardIndex() + " is not supported: instances here "
                    + "have one network card (index 0)");
        }
        var eni = find(ctx, request.networkInterfaceId());
        if (eni.attachment() != null) {
            throw Ec2WireException.of("InvalidNetworkInterface.InUse", "Interface " + eni.id()
                    + " is currently in use by " + eni.attachment().instanceId());
        }
        dryRun(request.dryRun());
        var attached = Checks.extension(ctx.cloud(), NetworkInterfaces.class)
                .attachNetworkInterface(eni.id(), request.instanceId(), request.deviceIndex());
        return AttachNetworkInterfaceResponse.builder()
                .attachmentId(attached.attachment().attachmentId())
                .networkCardIndex(0)
                .build();
    }

    DetachNetworkInterfaceResponse detachNetworkInterface(ActionContext ctx, DetachNetworkInterfaceRequest request) {
        String attachmentId = checkId(request.attachmentId(), Ec2IdKind.INTERFACE_ATTACHMENT);
        var eni = Checks.extension(ctx.cloud(), NetworkInterfaces.class).networkInterfaces().stream()
                .filter(n -> n.attachment() != null && attachmentId.equals(n.attachment().attachmentId()))
                .findFirst()
                .orElseThrow(() -> Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.INTERFACE_ATTACHMENT), "The interface attachment ID '"
                        + attachmentId + "' does not exist"));
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), NetworkInterfaces.class)
                .detachNetworkInterface(eni.id(), Boolean.TRUE.equals(request.force()));
        return DetachNetworkInterfaceResponse.builder().build();
    }

    DescribeNetworkInterfacesResponse describeNetworkInterfaces(ActionContext ctx,
                                                                DescribeNetworkInterfacesRequest request) {
        List<String> ids = request.hasNetworkInterfaceIds() ? request.networkInterfaceIds() : List.of();
        checkIds(ids, Ec2IdKind.NETWORK_INTERFACE);
        noPagingWithIds(!ids.isEmpty(), request.maxResults(), "networkInterfaceIds");
        Views views = new Views(ctx);
        if (ids.isEmpty() && Paging.paged(request.maxResults(), request.nextToken())) {
            // A page walks the backend's interfaces in id order from the token's last id.
            int limit = Paging.limit(request.maxResults(), 5, 1000);
            String queryKey = Paging.queryKey(request);
            String cursor = Paging.position(request.nextToken(), queryKey);
            dryRun(request.dryRun());
            NetworkInterfaces interfaces = Checks.extension(ctx.cloud(), NetworkInterfaces.class);
            PageWalk.Result<NetworkInterface> page = PageWalk.walk(interfaces::networkInterfaces,
                    found -> FILTERS.apply(found.stream().map(views::toSdk).toList(), request.filters()),
                    limit, cursor, NetworkInterface::networkInterfaceId);
            return DescribeNetworkInterfacesResponse.builder().networkInterfaces(page.items())
                    .nextToken(page.next() == null ? null : Paging.positionToken(page.next(), queryKey)).build();
        }
        List<NetworkInterface> all = Checks.extension(ctx.cloud(), NetworkInterfaces.class).networkInterfaces().stream()
                .sorted(Comparator.comparing(io.altostratus.core.model.NetworkInterface::id))
                .map(views::toSdk)
                .toList();
        all = IdSelection.byIds(all, NetworkInterface::networkInterfaceId, ids, NetworkInterfaceActions::notFound);
        List<NetworkInterface> matching = FILTERS.apply(all, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        dryRun(request.dryRun());
        return DescribeNetworkInterfacesResponse.builder()
                .networkInterfaces(page.items()).nextToken(page.nextToken()).build();
    }

    static Ec2WireException notFound(List<String> ids) {
        return Checks.notFound(NOT_FOUND, "networkInterface", ids);
    }

    /** One interface of the account, with EC2's errors for a malformed or unknown id. */
    static io.altostratus.core.model.NetworkInterface find(ActionContext ctx, String id) {
        checkId(id, Ec2IdKind.NETWORK_INTERFACE);
        return Checks.extension(ctx.cloud(), NetworkInterfaces.class)
                .networkInterfaces().stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound(List.of(id)));
    }

    /** {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-10-0-1-5.<region>.compute.internal} elsewhere. */
    static String privateDnsName(String region, String ip) {
        if (ip == null) {
            return null;
        }
        String host = "ip-" + ip.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** {@code ec2-198-18-0-7.compute-1.amazonaws.com} in us-east-1, {@code ec2-...<region>.compute.amazonaws.com} else. */
    static String publicDnsName(String region, String ip) {
        if (ip == null) {
            return null;
        }
        String host = "ec2-" + ip.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".compute-1.amazonaws.com"
                : host + "." + region + ".compute.amazonaws.com";
    }

    /** What turning interfaces into EC2 items needs to know about the rest of the account, read once per call. */
    private static final class Views {
        private final ActionContext ctx;
        private final Map<String, String> zoneIds;
        private final Map<String, Address> elasticByIp;
        private final Set<String> vpcsWithDnsHostnames;
        private final Map<String, InterfaceAddresses> extras;

        Views(ActionContext ctx) {
            this.ctx = ctx;
            this.extras = ctx.cloud().extension(NetworkInterfaceAttributes.class)
                    .map(NetworkInterfaceAttributes::allInterfaceAddresses).orElse(Map.of());
            this.zoneIds = ZoneIds.byName(ctx.cloud());
            this.elasticByIp = ctx.cloud().supports(Capability.ELASTIC_IPS)
                    ? Checks.extension(ctx.cloud(), ElasticAddresses.class)
                            .addresses().stream().collect(Collectors.toMap(Address::publicIp, a -> a, (a, b) -> a))
                    : Map.of();
            this.vpcsWithDnsHostnames = ctx.cloud().supports(Capability.NETWORKS)
                    ? Checks.extension(ctx.cloud(), Networks.class)
                            .networks().stream().filter(Network::enableDnsHostnames).map(Network::id)
                            .collect(Collectors.toSet())
                    : Set.of();
        }

        NetworkInterface toSdk(io.altostratus.core.model.NetworkInterface n) {
            String region = ctx.region();
            NetworkInterfaceAssociation association = null;
            if (n.publicIp() != null) {
                Address elastic = elasticByIp.get(n.publicIp());
                association = NetworkInterfaceAssociation.builder()
                        .publicIp(n.publicIp())
                        .publicDnsName(vpcsWithDnsHostnames.contains(n.networkId())
                                ? publicDnsName(region, n.publicIp()) : "")
                        .ipOwnerId(elastic == null ? "amazon" : ctx.account())
                        .allocationId(elastic == null ? null : elastic.allocationId())
                        .associationId(elastic == null ? null : elastic.associationId())
                        .build();
            }
            NetworkInterfaceAttachment attachment = null;
            if (n.attachment() != null) {
                var a = n.attachment();
                attachment = NetworkInterfaceAttachment.builder()
                        .attachmentId(a.attachmentId())
                        .instanceId(a.instanceId())
                        .instanceOwnerId(ctx.account())
                        .deviceIndex(a.deviceIndex())
                        .networkCardIndex(0)
                        .status("attached")
                        .attachTime(a.attachTime())
                        .deleteOnTermination(a.deleteOnTermination())
                        .build();
            }
            List<GroupIdentifier> groups = new ArrayList<>(n.securityGroups().size());
            for (GroupRef g : n.securityGroups()) {
                groups.add(GroupIdentifier.builder().groupId(g.id()).groupName(g.name()).build());
            }
            String dns = privateDnsName(region, n.privateIp());
            NetworkInterface shaped = NetworkInterface.builder()
                    .networkInterfaceId(n.id())
                    .subnetId(n.subnetId())
                    .vpcId(n.networkId())
                    .availabilityZone(n.zone())
                    .availabilityZoneId(zoneIds.get(n.zone()))
                    .description(n.description() == null ? "" : n.description())
                    .ownerId(ctx.account())
                    .requesterManaged(false)
                    .status(n.status())
                    .macAddress(n.macAddress())
                    .privateIpAddress(n.privateIp())
                    .privateDnsName(dns)
                    .sourceDestCheck(true)
                    .interfaceType("interface")
                    .groups(groups)
                    .attachment(attachment)
                    .association(association)
                    .privateIpAddresses(NetworkInterfacePrivateIpAddress.builder()
                            .primary(true)
                            .privateIpAddress(n.privateIp())
                            .privateDnsName(dns)
                            .association(association)
                            .build())
                    .ipv6Addresses(List.of())
                    .ipv6Native(false)
                    .tagSet(SdkTags.toSdk(n.tags()))
                    .build();
            // Secondary and IPv6 addresses and a changed source/destination check, where the backend keeps them.
            return NetworkInterfaceAttributeActions.withAddresses(shaped, extras.get(n.id()), region);
        }
    }
}
