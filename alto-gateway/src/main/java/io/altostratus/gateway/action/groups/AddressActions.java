package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.checkIds;
import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupported;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AllocateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.AssociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.AddressAttribute;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Elastic IP addresses: allocate, associate, disassociate, release and describe, in EC2's VPC form only. */
public final class AddressActions implements ActionGroup {
    static final String ALLOCATION_MALFORMED = Checks.malformedCode(Ec2IdKind.ALLOCATION);
    static final String ALLOCATION_NOT_FOUND = Checks.notFoundCode(Ec2IdKind.ALLOCATION);
    static final String ADDRESS_NOT_FOUND = "InvalidAddress.NotFound";
    static final String AMAZON_POOL = "amazon";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.Address> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.Address>builder()
                    .field("allocation-id", software.amazon.awssdk.services.ec2.model.Address::allocationId)
                    .field("association-id", software.amazon.awssdk.services.ec2.model.Address::associationId)
                    .field("instance-id", software.amazon.awssdk.services.ec2.model.Address::instanceId)
                    .field("network-interface-id", software.amazon.awssdk.services.ec2.model.Address::networkInterfaceId)
                    .field("network-interface-owner-id",
                            software.amazon.awssdk.services.ec2.model.Address::networkInterfaceOwnerId)
                    .field("private-ip-address", software.amazon.awssdk.services.ec2.model.Address::privateIpAddress)
                    .field("public-ip", software.amazon.awssdk.services.ec2.model.Address::publicIp)
                    .field("domain", software.amazon.awssdk.services.ec2.model.Address::domainAsString)
                    .field("network-border-group", software.amazon.awssdk.services.ec2.model.Address::networkBorderGroup)
                    .field("public-ipv4-pool", software.amazon.awssdk.services.ec2.model.Address::publicIpv4Pool)
                    .tags(a -> SdkTags.fromSdk(a.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(AllocateAddressRequest.class, this::allocateAddress)
                .on(AssociateAddressRequest.class, this::associateAddress)
                .on(DisassociateAddressRequest.class, this::disassociateAddress)
                .on(ReleaseAddressRequest.class, this::releaseAddress)
                .on(DescribeAddressesRequest.class, this::describeAddresses)
                .on(DescribeAddressesAttributeRequest.class, this::describeAddressesAttribute);
    }

    AllocateAddressResponse allocateAddress(ActionContext ctx, AllocateAddressRequest request) {
        String domain = request.domainAsString();
        if (domain != null && !Address.VPC.equals(domain)) {
            throw invalid("Value (" + domain + ") for parameter domain is invalid. Only 'vpc' addresses exist "
                    + "(EC2-Classic is retired).");
        }
        if (request.address() != null || request.ipamPoolId() != null || request.customerOwnedIpv4Pool() != null) {
            throw unsupported("Allocating a specific address or one from an IPAM, BYOIP or customer-owned pool is "
                    + "not supported by this gateway");
        }
        if (request.publicIpv4Pool() != null && !AMAZON_POOL.equals(request.publicIpv4Pool())) {
            throw Ec2WireException.of("InvalidPublicIpv4PoolID.NotFound", "The pool ID '" + request.publicIpv4Pool()
                    + "' does not exist");
        }
        checkBorderGroup(ctx, request.networkBorderGroup());
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.ELASTIC_IP);
        dryRun(request.dryRun());
        Address a = Checks.extension(ctx.cloud(), ElasticAddresses.class).allocateAddress(tags);
        return AllocateAddressResponse.builder()
                .publicIp(a.publicIp())
                .allocationId(a.allocationId())
                .domain(a.domain() == null ? Address.VPC : a.domain())
                .publicIpv4Pool(AMAZON_POOL)
                .networkBorderGroup(ctx.region())
                .build();
    }

    /** Addresses here come from the region's own pool, whose network border group is the region. */
    private static void checkBorderGroup(ActionContext ctx, String group) {
        if (group != null && !group.equals(ctx.region())) {
            throw invalid("Invalid value '" + group + "' for networkBorderGroup. It must be " + ctx.region()
                    + " in this region.");
        }
    }

    AssociateAddressResponse associateAddress(ActionContext ctx, AssociateAddressRequest request) {
        Address address = byAllocationOrIp(ctx, request.allocationId(), request.publicIp());
        String instanceId = request.instanceId();
        String interfaceId = request.networkInterfaceId();
        if (instanceId == null && interfaceId == null) {
            throw missing("instanceId or networkInterfaceId");
        }
        if (instanceId != null && interfaceId != null) {
            throw combination("Specify either an instance or a network interface to associate the address with, "
                    + "not both");
        }
        if (instanceId != null) {
            checkId(instanceId, Ec2IdKind.INSTANCE);
        } else {
            checkId(interfaceId, Ec2IdKind.NETWORK_INTERFACE);
        }
        if (request.privateIpAddress() != null) {
            checkPrivateIp(ctx, instanceId, interfaceId, request.privateIpAddress());
        }
        dryRun(request.dryRun());
        Address associated = Checks.extension(ctx.cloud(), ElasticAddresses.class)
                .associateAddress(address.allocationId(), instanceId, interfaceId,
                Boolean.TRUE.equals(request.allowReassociation()));
        return AssociateAddressResponse.builder().associationId(associated.associationId()).build();
    }

    /**
     * The private address must be the target interface's: interfaces here have one private address each, so any
     * other value names an address the interface does not have.
     */
    private static void checkPrivateIp(ActionContext ctx, String instanceId, String interfaceId, String privateIp) {
        var target = Checks.extension(ctx.cloud(), NetworkInterfaces.class).networkInterfaces().stream()
                .filter(n -> interfaceId != null ? n.id().equals(interfaceId)
                        : n.attachment() != null && instanceId.equals(n.attachment().instanceId())
                                && n.attachment().deviceIndex() == 0)
                .findFirst();
        if (target.isPresent() && !privateIp.equals(target.get().privateIp())) {
            throw invalid("The private IP address " + privateIp + " is not assigned to the network interface "
                    + target.get().id());
        }
    }

    DisassociateAddressResponse disassociateAddress(ActionContext ctx, DisassociateAddressRequest request) {
        String associationId = request.associationId();
        if (associationId != null && request.publicIp() != null) {
            throw combination("Specify either associationId or publicIp, not both");
        }
        if (associationId == null && request.publicIp() == null) {
            throw missing("AssociationId");
        }
        if (associationId != null) {
            checkId(associationId, Ec2IdKind.ADDRESS_ASSOCIATION);
            boolean known = Checks.extension(ctx.cloud(), ElasticAddresses.class)
                    .addresses().stream().anyMatch(a -> associationId.equals(a.associationId()));
            if (!known) {
                throw Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.ADDRESS_ASSOCIATION), "The association ID '" + associationId
                        + "' does not exist");
            }
            dryRun(request.dryRun());
            Checks.extension(ctx.cloud(), ElasticAddresses.class).disassociateAddress(associationId);
            return DisassociateAddressResponse.builder().build();
        }
        Address address = byAllocationOrIp(ctx, null, request.publicIp());
        dryRun(request.dryRun());
        // An address that is not associated has nothing to undo; EC2 answers such a call with success too.
        if (address.isAssociated()) {
            Checks.extension(ctx.cloud(), ElasticAddresses.class).disassociateAddress(address.associationId());
        }
        return DisassociateAddressResponse.builder().build();
    }

    ReleaseAddressResponse releaseAddress(ActionContext ctx, ReleaseAddressRequest request) {
        Address address = byAllocationOrIp(ctx, request.allocationId(), request.publicIp());
        checkBorderGroup(ctx, request.networkBorderGroup());
        if (address.isAssociated()) {
            throw Ec2WireException.of("InvalidIPAddress.InUse", "Address " + address.publicIp() + " ("
                    + address.allocationId() + ") is in use.");
        }
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), ElasticAddresses.class).releaseAddress(address.allocationId());
        return ReleaseAddressResponse.builder().build();
    }

    DescribeAddressesResponse describeAddresses(ActionContext ctx, DescribeAddressesRequest request) {
        List<String> allocationIds = request.hasAllocationIds() ? request.allocationIds() : List.of();
        List<String> publicIps = request.hasPublicIps() ? request.publicIps() : List.of();
        checkIds(allocationIds, Ec2IdKind.ALLOCATION);
        for (String ip : publicIps) {
            checkIp(ip);
        }
        List<Address> all = Checks.extension(ctx.cloud(), ElasticAddresses.class).addresses().stream()
                .sorted(Comparator.comparing(Address::allocationId)).toList();
        List<Address> selected = all;
        if (!allocationIds.isEmpty() || !publicIps.isEmpty()) {
            List<String> missingAllocations = allocationIds.stream()
                    .filter(id -> all.stream().noneMatch(a -> a.allocationId().equals(id))).toList();
            if (!missingAllocations.isEmpty()) {
                throw Ec2WireException.of(ALLOCATION_NOT_FOUND, "The allocation IDs '"
                        + String.join(", ", missingAllocations) + "' do not exist");
            }
            List<String> missingIps = publicIps.stream()
                    .filter(ip -> all.stream().noneMatch(a -> a.publicIp().equals(ip))).toList();
            if (!missingIps.isEmpty()) {
                throw Ec2WireException.of(ADDRESS_NOT_FOUND, "Address '" + String.join(", ", missingIps)
                        + "' not found.");
            }
            selected = all.stream().filter(a -> allocationIds.contains(a.allocationId())
                    || publicIps.contains(a.publicIp())).toList();
        }
        List<software.amazon.awssdk.services.ec2.model.Address> items = new ArrayList<>(selected.size());
        for (Address a : selected) {
            items.add(toSdk(ctx, a));
        }
        var matching = FILTERS.apply(items, request.filters());
        dryRun(request.dryRun());
        return DescribeAddressesResponse.builder().addresses(matching).build();
    }

    /**
     * The reverse-DNS (PTR) record of addresses, the one attribute EC2 has ({@code domain-name}). None is ever set
     * here (ModifyAddressAttribute is not served), so each address answers without a {@code PtrRecord}, as EC2
     * answers for addresses nobody gave one; Terraform's {@code aws_eip} reads this on every refresh.
     */
    DescribeAddressesAttributeResponse describeAddressesAttribute(ActionContext ctx,
                                                                 DescribeAddressesAttributeRequest request) {
        String attribute = request.attributeAsString();
        if (attribute == null) {
            throw missing("Attribute");
        }
        if (!"domain-name".equals(attribute)) {
            throw invalid("Value (" + attribute + ") for parameter attribute is invalid. Valid values: domain-name");
        }
        List<String> allocationIds = request.hasAllocationIds() ? request.allocationIds() : List.of();
        checkIds(allocationIds, Ec2IdKind.ALLOCATION);
        Checks.noPagingWithIds(!allocationIds.isEmpty(), request.maxResults(), "AllocationId");
        List<Address> all = Checks.extension(ctx.cloud(), ElasticAddresses.class).addresses().stream()
                .sorted(Comparator.comparing(Address::allocationId)).toList();
        List<String> missingAllocations = allocationIds.stream()
                .filter(id -> all.stream().noneMatch(a -> a.allocationId().equals(id))).toList();
        if (!missingAllocations.isEmpty()) {
            throw Ec2WireException.of(ALLOCATION_NOT_FOUND, "The allocation IDs '"
                    + String.join(", ", missingAllocations) + "' do not exist");
        }
        List<AddressAttribute> items = all.stream()
                .filter(a -> allocationIds.isEmpty() || allocationIds.contains(a.allocationId()))
                .map(a -> AddressAttribute.builder().allocationId(a.allocationId()).publicIp(a.publicIp()).build())
                .toList();
        dryRun(request.dryRun());
        Paging.Page<AddressAttribute> page = Paging.page(items, request.maxResults(), request.nextToken(), 1, 1000,
                Paging.queryKey(request));
        return DescribeAddressesAttributeResponse.builder().addresses(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static void checkIp(String ip) {
        if (!NetworkInterfaceActions.isIpv4(ip)) {
            throw invalid("Invalid value '" + ip + "' for publicIp. It is not a valid IPv4 address.");
        }
    }

    /** The account's address by allocation id or (EC2's older form) by public address; exactly one is given. */
    private static Address byAllocationOrIp(ActionContext ctx, String allocationId, String publicIp) {
        if (allocationId != null && publicIp != null) {
            throw combination("Specify either allocationId or publicIp, not both");
        }
        if (allocationId == null && publicIp == null) {
            throw missing("AllocationId");
        }
        if (allocationId != null) {
            checkId(allocationId, Ec2IdKind.ALLOCATION);
            return Checks.extension(ctx.cloud(), ElasticAddresses.class)
                    .addresses().stream().filter(a -> a.allocationId().equals(allocationId)).findFirst()
                    .orElseThrow(() -> Ec2WireException.of(ALLOCATION_NOT_FOUND, "The allocation ID '" + allocationId
                            + "' does not exist"));
        }
        checkIp(publicIp);
        return Checks.extension(ctx.cloud(), ElasticAddresses.class)
                .addresses().stream().filter(a -> a.publicIp().equals(publicIp)).findFirst()
                .orElseThrow(() -> Ec2WireException.of(ADDRESS_NOT_FOUND, "Address '" + publicIp + "' not found."));
    }

    static software.amazon.awssdk.services.ec2.model.Address toSdk(ActionContext ctx, Address a) {
        return software.amazon.awssdk.services.ec2.model.Address.builder()
                .allocationId(a.allocationId())
                .publicIp(a.publicIp())
                .domain(a.domain() == null ? Address.VPC : a.domain())
                .associationId(a.associationId())
                .instanceId(a.instanceId())
                .networkInterfaceId(a.networkInterfaceId())
                .networkInterfaceOwnerId(a.networkInterfaceId() == null ? null
                        : a.ownerId() == null ? ctx.account() : a.ownerId())
                .privateIpAddress(a.privateIp())
                .publicIpv4Pool(AMAZON_POOL)
                .networkBorderGroup(ctx.region())
                .tags(SdkTags.toSdk(a.tags()))
                .build();
    }
}
