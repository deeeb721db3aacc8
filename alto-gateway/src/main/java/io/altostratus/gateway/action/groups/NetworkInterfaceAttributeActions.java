package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.InterfaceAddresses;
import io.altostratus.core.ec2.NetworkInterfaceAttributes;
import io.altostratus.core.model.GroupRef;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignIpv6AddressesResponse;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesResponse;
import software.amazon.awssdk.services.ec2.model.AssignedPrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceIpv6Address;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignIpv6AddressesResponse;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesResponse;

/**
 * An interface's addresses and attributes: secondary private IPv4 addresses, IPv6 addresses, and the description,
 * source/destination check and security groups. The assign and unassign actions take no DryRun on EC2.
 */
public final class NetworkInterfaceAttributeActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(AssignPrivateIpAddressesRequest.class, this::assignPrivate)
                .on(UnassignPrivateIpAddressesRequest.class, this::unassignPrivate)
                .on(AssignIpv6AddressesRequest.class, this::assignIpv6)
                .on(UnassignIpv6AddressesRequest.class, this::unassignIpv6)
                .on(ModifyNetworkInterfaceAttributeRequest.class, this::modify)
                .on(DescribeNetworkInterfaceAttributeRequest.class, this::describe)
                .on(ResetNetworkInterfaceAttributeRequest.class, this::reset);
    }

    AssignPrivateIpAddressesResponse assignPrivate(ActionContext ctx, AssignPrivateIpAddressesRequest request) {
        if (request.hasIpv4Prefixes() && !request.ipv4Prefixes().isEmpty() || request.ipv4PrefixCount() != null) {
            throw Checks.unsupportedParameter("Ipv4Prefix");
        }
        List<String> named = request.hasPrivateIpAddresses() ? request.privateIpAddresses() : List.of();
        Integer count = request.secondaryPrivateIpAddressCount();
        if (!named.isEmpty() && count != null) {
            throw combination("The parameter privateIpAddress cannot be used with the parameter "
                    + "secondaryPrivateIpAddressCount");
        }
        if (named.isEmpty() && count == null) {
            throw missing("privateIpAddress or secondaryPrivateIpAddressCount");
        }
        if (count != null && count < 1) {
            throw invalid("Value (" + count + ") for parameter secondaryPrivateIpAddressCount is invalid. "
                    + "Expected a positive number.");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        InterfaceAddresses before = attributes(ctx).interfaceAddresses(id);
        InterfaceAddresses after = attributes(ctx).assignPrivateIpAddresses(id, named, count == null ? 0 : count,
                Boolean.TRUE.equals(request.allowReassignment()));
        List<AssignedPrivateIpAddress> assigned = new ArrayList<>();
        for (String ip : after.secondaryPrivateIps()) {
            if (!before.secondaryPrivateIps().contains(ip)) {
                assigned.add(AssignedPrivateIpAddress.builder().privateIpAddress(ip).build());
            }
        }
        return AssignPrivateIpAddressesResponse.builder().networkInterfaceId(id)
                .assignedPrivateIpAddresses(assigned).assignedIpv4Prefixes(List.of()).build();
    }

    UnassignPrivateIpAddressesResponse unassignPrivate(ActionContext ctx, UnassignPrivateIpAddressesRequest request) {
        if (request.hasIpv4Prefixes() && !request.ipv4Prefixes().isEmpty()) {
            throw Checks.unsupportedParameter("Ipv4Prefix");
        }
        if (!request.hasPrivateIpAddresses() || request.privateIpAddresses().isEmpty()) {
            throw missing("privateIpAddress");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        attributes(ctx).unassignPrivateIpAddresses(id, request.privateIpAddresses());
        return UnassignPrivateIpAddressesResponse.builder().build();
    }

    AssignIpv6AddressesResponse assignIpv6(ActionContext ctx, AssignIpv6AddressesRequest request) {
        if (request.hasIpv6Prefixes() && !request.ipv6Prefixes().isEmpty() || request.ipv6PrefixCount() != null) {
            throw Checks.unsupportedParameter("Ipv6Prefix");
        }
        List<String> named = request.hasIpv6Addresses() ? request.ipv6Addresses() : List.of();
        Integer count = request.ipv6AddressCount();
        if (!named.isEmpty() && count != null) {
            throw combination("The parameter ipv6Addresses cannot be used with the parameter ipv6AddressCount");
        }
        if (named.isEmpty() && count == null) {
            throw missing("ipv6Addresses or ipv6AddressCount");
        }
        if (count != null && count < 1) {
            throw invalid("Value (" + count + ") for parameter ipv6AddressCount is invalid. "
                    + "Expected a positive number.");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        InterfaceAddresses before = attributes(ctx).interfaceAddresses(id);
        InterfaceAddresses after = attributes(ctx).assignIpv6Addresses(id, named, count == null ? 0 : count);
        List<String> assigned = after.ipv6Addresses().stream().filter(a -> !before.ipv6Addresses().contains(a))
                .toList();
        return AssignIpv6AddressesResponse.builder().networkInterfaceId(id).assignedIpv6Addresses(assigned)
                .assignedIpv6Prefixes(List.of()).build();
    }

    UnassignIpv6AddressesResponse unassignIpv6(ActionContext ctx, UnassignIpv6AddressesRequest request) {
        if (request.hasIpv6Prefixes() && !request.ipv6Prefixes().isEmpty()) {
            throw Checks.unsupportedParameter("Ipv6Prefix");
        }
        if (!request.hasIpv6Addresses() || request.ipv6Addresses().isEmpty()) {
            throw missing("ipv6Addresses");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        InterfaceAddresses before = attributes(ctx).interfaceAddresses(id);
        InterfaceAddresses after = attributes(ctx).unassignIpv6Addresses(id, request.ipv6Addresses());
        List<String> gone = before.ipv6Addresses().stream().filter(a -> !after.ipv6Addresses().contains(a)).toList();
        return UnassignIpv6AddressesResponse.builder().networkInterfaceId(id).unassignedIpv6Addresses(gone)
                .unassignedIpv6Prefixes(List.of()).build();
    }

    ModifyNetworkInterfaceAttributeResponse modify(ActionContext ctx, ModifyNetworkInterfaceAttributeRequest request) {
        List<String> given = new ArrayList<>();
        String description = null;
        if (request.description() != null) {
            given.add("description");
            description = request.description().value() == null ? "" : request.description().value();
        }
        Boolean check = request.sourceDestCheck() == null ? null : request.sourceDestCheck().value();
        if (check != null) {
            given.add("sourceDestCheck");
        }
        List<String> groups = request.hasGroups() && !request.groups().isEmpty() ? request.groups() : null;
        if (groups != null) {
            given.add("groupSet");
        }
        if (request.attachment() != null || request.associatePublicIpAddress() != null
                || request.enablePrimaryIpv6() != null || request.enaSrdSpecification() != null
                || request.connectionTrackingSpecification() != null
                || request.hasAssociatedSubnetIds() && !request.associatedSubnetIds().isEmpty()) {
            throw Checks.unsupportedParameter("Attachment, AssociatePublicIpAddress, EnablePrimaryIpv6, "
                    + "EnaSrdSpecification, ConnectionTrackingSpecification or AssociatedSubnetId");
        }
        // EC2 changes one attribute per call.
        if (given.size() > 1) {
            throw combination("Fields for multiple attribute types specified: " + String.join(", ", given));
        }
        if (given.isEmpty()) {
            throw missing("description, sourceDestCheck or groupSet");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        if (groups != null) {
            Checks.checkIds(groups, io.altostratus.core.ec2.Ec2IdKind.SECURITY_GROUP);
        }
        dryRun(request.dryRun());
        attributes(ctx).modifyNetworkInterface(id, description, check, groups);
        return ModifyNetworkInterfaceAttributeResponse.builder().build();
    }

    DescribeNetworkInterfaceAttributeResponse describe(ActionContext ctx,
                                                       DescribeNetworkInterfaceAttributeRequest request) {
        if (request.attribute() == null) {
            throw missing("attribute");
        }
        var eni = NetworkInterfaceActions.find(ctx, request.networkInterfaceId());
        dryRun(request.dryRun());
        DescribeNetworkInterfaceAttributeResponse.Builder response = DescribeNetworkInterfaceAttributeResponse
                .builder().networkInterfaceId(eni.id());
        switch (request.attributeAsString()) {
            case "description" -> response.description(AttributeValue.builder()
                    .value(eni.description() == null ? "" : eni.description()).build());
            case "sourceDestCheck" -> response.sourceDestCheck(AttributeBooleanValue.builder()
                    .value(attributes(ctx).interfaceAddresses(eni.id()).sourceDestCheck()).build());
            case "groupSet" -> response.groups(groups(eni.securityGroups()));
            case "attachment" -> {
                if (eni.attachment() != null) {
                    var a = eni.attachment();
                    response.attachment(NetworkInterfaceAttachment.builder().attachmentId(a.attachmentId())
                            .instanceId(a.instanceId()).instanceOwnerId(ctx.account()).deviceIndex(a.deviceIndex())
                            .networkCardIndex(0).status("attached").attachTime(a.attachTime())
                            .deleteOnTermination(a.deleteOnTermination()).build());
                }
            }
            case "associatePublicIpAddress" -> response.associatePublicIpAddress(eni.publicIp() != null);
            default -> throw invalid("Value (" + request.attributeAsString()
                    + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return response.build();
    }

    ResetNetworkInterfaceAttributeResponse reset(ActionContext ctx, ResetNetworkInterfaceAttributeRequest request) {
        // EC2 resets only the source/destination check (to on): the parameter's presence asks for it, whatever
        // its value.
        if (request.sourceDestCheck() == null) {
            throw missing("sourceDestCheck");
        }
        String id = NetworkInterfaceActions.find(ctx, request.networkInterfaceId()).id();
        dryRun(request.dryRun());
        attributes(ctx).modifyNetworkInterface(id, null, true, null);
        return ResetNetworkInterfaceAttributeResponse.builder().build();
    }

    /**
     * The interface in EC2's shape with what the backend keeps beside the portable record: its secondary private
     * addresses, IPv6 addresses and source/destination check. The DescribeNetworkInterfaces path calls this for
     * each interface that has any ({@link NetworkInterfaceAttributes#allInterfaceAddresses}).
     */
    static NetworkInterface withAddresses(NetworkInterface shaped, InterfaceAddresses extras, String region) {
        if (extras == null) {
            return shaped;
        }
        List<NetworkInterfacePrivateIpAddress> privateIps = new ArrayList<>(shaped.privateIpAddresses());
        for (String ip : extras.secondaryPrivateIps()) {
            privateIps.add(NetworkInterfacePrivateIpAddress.builder().primary(false).privateIpAddress(ip)
                    .privateDnsName(NetworkInterfaceActions.privateDnsName(region, ip)).build());
        }
        List<NetworkInterfaceIpv6Address> v6 = new ArrayList<>();
        for (String ip : extras.ipv6Addresses()) {
            v6.add(NetworkInterfaceIpv6Address.builder().ipv6Address(ip).isPrimaryIpv6(false).build());
        }
        return shaped.toBuilder().privateIpAddresses(privateIps).ipv6Addresses(v6)
                .ipv6Address(extras.ipv6Addresses().isEmpty() ? null : extras.ipv6Addresses().get(0))
                .sourceDestCheck(extras.sourceDestCheck()).build();
    }

    private static List<GroupIdentifier> groups(List<GroupRef> refs) {
        List<GroupIdentifier> out = new ArrayList<>(refs.size());
        for (GroupRef g : refs) {
            out.add(GroupIdentifier.builder().groupId(g.id()).groupName(g.name()).build());
        }
        return out;
    }

    private static NetworkInterfaceAttributes attributes(ActionContext ctx) {
        return Checks.extension(ctx.cloud(), NetworkInterfaceAttributes.class);
    }
}
