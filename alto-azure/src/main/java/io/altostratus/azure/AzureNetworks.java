package io.altostratus.azure;

import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Networks} as virtual networks and their subnets in the session's resource group. NOT offered by
 * {@link AzureProvider} yet: Azure subnets are regional ({@code Subnet.zone} is null, and a subnet asked for in a
 * zone is refused), while the core's {@code Cloud.ensureNetwork} makes one subnet per zone and the contract kit's
 * network checks expect zonal subnets. Once both handle regional subnets, offering this is one line.
 *
 * <ul>
 *   <li><b>Ids</b> are ARM ids (a network is its virtual network's, a subnet its subnet's), as instances already
 *       carry them in {@code vpcId} and {@code subnetId} and launches take them. A network made here is named
 *       {@code alto-net-<8 hex>} with the spec's name in its {@code Name} tag; a subnet is named after the spec's
 *       name when that is a valid, free subnet name (Azure subnets take no tags; other tags are unsupported).</li>
 *   <li><b>Public addresses</b> are per NIC in Azure (the provider's {@code public_ip}), not per subnet: a subnet
 *       reads back {@code mapPublicIpOnLaunch=false} whatever was asked.</li>
 *   <li><b>Delete</b>: a subnet with NICs in it blocks everything ({@code DEPENDENCY_VIOLATION}); without cascade,
 *       so does any subnet; with it, the network's security groups (NSGs made for it, see
 *       {@link AzureSecurityGroups}) go first, then the virtual network with its subnets.</li>
 *   <li><b>Free addresses</b>: a subnet's size less Azure's 5 reserved addresses and its used IP configurations.</li>
 * </ul>
 */
final class AzureNetworks implements Networks {
    private static final Pattern VNET_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Network/virtualNetworks/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBNET_ID = Pattern.compile("(" + VNET_ID.pattern() + ")/subnets/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    /** Azure keeps the first four addresses and the last of every subnet. */
    private static final int RESERVED = 5;

    private final AzureContext context;
    private final AzureSecurityGroups securityGroups;

    AzureNetworks(AzureContext context, AzureSecurityGroups securityGroups) {
        this.context = context;
        this.securityGroups = securityGroups;
    }

    @Override
    public Network createNetwork(NetworkSpec spec) {
        AzureTags.check(spec.tags(), 0);
        String name = "alto-net-" + UUID.randomUUID().toString().substring(0, 8);
        VirtualNetworkInner body = new VirtualNetworkInner()
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(Cidr.parse(spec.cidr()).toString())))
                .withSubnets(List.of());
        body.withLocation(context.location()).withTags(spec.tags());
        return convert(context.calls().await("virtualNetworks.createOrUpdate", () -> context.clients().network()
                .getVirtualNetworks().beginCreateOrUpdate(context.group(), name, body)));
    }

    @Override
    public List<Network> networks() {
        return vnets().stream().map(this::convert).toList();
    }

    @Override
    public void deleteNetwork(String networkId, boolean cascade) {
        String name = vnetName(networkId);
        VirtualNetworkInner vnet = vnet(name);
        List<SubnetInner> subnets = vnet.subnets() == null ? List.of() : vnet.subnets();
        for (SubnetInner s : subnets) {
            if (s.ipConfigurations() != null && !s.ipConfigurations().isEmpty()) {
                throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "InUseSubnetCannotBeDeleted", "subnet "
                        + s.name() + " of network " + name + " has network interfaces in it");
            }
        }
        if (!subnets.isEmpty() && !cascade) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "DependencyViolation", "network " + name
                    + " has " + subnets.size() + " subnet(s); delete them first or cascade");
        }
        if (cascade) {
            for (var group : securityGroups.securityGroups()) {
                if (networkId.equalsIgnoreCase(group.networkId())) {
                    securityGroups.deleteSecurityGroup(group.id());
                }
            }
        }
        context.calls().await("virtualNetworks.delete", () -> context.clients().network().getVirtualNetworks()
                .beginDelete(context.group(), name));
    }

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        if (spec.zone() != null) {
            throw AltoException.unsupported("azure", "zonal subnets (Azure subnets span the location's zones; "
                    + "give no zone)");
        }
        Map<String, String> other = new LinkedHashMap<>(spec.tags());
        String wanted = other.remove(Tags.NAME);
        if (!other.isEmpty()) {
            throw AltoException.unsupported("azure", "subnet tags other than Name (Azure subnets take no tags)");
        }
        String vnetName = vnetName(spec.networkId());
        VirtualNetworkInner vnet = vnet(vnetName);
        List<String> taken = new ArrayList<>();
        if (vnet.subnets() != null) {
            vnet.subnets().forEach(s -> taken.add(s.name()));
        }
        String name = wanted != null && ArmNames.isResourceName(wanted) && !taken.contains(wanted) ? wanted
                : "alto-subnet-" + UUID.randomUUID().toString().substring(0, 8);
        SubnetInner body = new SubnetInner().withAddressPrefix(Cidr.parse(spec.cidr()).toString());
        SubnetInner made = context.calls().await("subnets.createOrUpdate", () -> context.clients().network()
                .getSubnets().beginCreateOrUpdate(context.group(), vnetName, name, body));
        return convert(vnetId(vnetName), made);
    }

    @Override
    public List<Subnet> subnets() {
        List<Subnet> out = new ArrayList<>();
        for (VirtualNetworkInner vnet : vnets()) {
            if (vnet.subnets() != null) {
                vnet.subnets().forEach(s -> out.add(convert(vnetId(vnet.name()), s)));
            }
        }
        return out;
    }

    @Override
    public void deleteSubnet(String subnetId) {
        Matcher m = SUBNET_ID.matcher(subnetId == null ? "" : subnetId);
        if (!m.matches() || !m.group(3).equalsIgnoreCase(context.group())) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceId", "'" + subnetId
                    + "' is not the ARM id of a subnet in resource group " + context.group());
        }
        String vnet = m.group(4);
        String name = m.group(5);
        SubnetInner subnet;
        try {
            subnet = context.calls().call("subnets.get", () -> context.clients().network().getSubnets()
                    .get(context.group(), vnet, name));
        } catch (AltoException e) {
            throw e.code() == ErrorCode.NOT_FOUND ? new AltoException(ErrorCode.NOT_FOUND, "NotFound", "subnet "
                    + subnetId + " not found") : e;
        }
        if (subnet.ipConfigurations() != null && !subnet.ipConfigurations().isEmpty()) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "InUseSubnetCannotBeDeleted", "subnet "
                    + name + " has network interfaces in it");
        }
        context.calls().await("subnets.delete", () -> context.clients().network().getSubnets()
                .beginDelete(context.group(), vnet, name));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private List<VirtualNetworkInner> vnets() {
        try {
            return context.calls().call("virtualNetworks.listByResourceGroup", () -> context.clients().network()
                    .getVirtualNetworks().listByResourceGroup(context.group()).stream()
                    .filter(v -> v.location() == null || v.location().equalsIgnoreCase(context.location()))
                    .toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private VirtualNetworkInner vnet(String name) {
        try {
            return context.calls().call("virtualNetworks.get", () -> context.clients().network()
                    .getVirtualNetworks().getByResourceGroup(context.group(), name));
        } catch (AltoException e) {
            throw e.code() == ErrorCode.NOT_FOUND ? new AltoException(ErrorCode.NOT_FOUND, "NotFound", "network "
                    + name + " not found in resource group " + context.group()) : e;
        }
    }

    private String vnetName(String networkId) {
        Matcher m = VNET_ID.matcher(networkId == null ? "" : networkId);
        if (!m.matches() || !m.group(2).equalsIgnoreCase(context.group())) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceId", "'" + networkId
                    + "' is not the ARM id of a virtual network in resource group " + context.group());
        }
        return m.group(3);
    }

    private String vnetId(String name) {
        return "/subscriptions/" + context.subscription() + "/resourceGroups/" + context.group()
                + "/providers/Microsoft.Network/virtualNetworks/" + name;
    }

    private Network convert(VirtualNetworkInner v) {
        List<String> prefixes = v.addressSpace() == null || v.addressSpace().addressPrefixes() == null ? List.of()
                : v.addressSpace().addressPrefixes();
        Map<String, String> tags = v.tags() == null ? Map.of() : v.tags();
        // Azure resolves names inside every virtual network and gives VMs internal host names.
        return new Network(vnetId(v.name()), tags.get(Tags.NAME), prefixes, context.location(),
                v.name().equals(AzureLaunches.VNET), "available", true, true, tags);
    }

    private Subnet convert(String networkId, SubnetInner s) {
        String prefix = s.addressPrefix() != null ? s.addressPrefix()
                : s.addressPrefixes() == null || s.addressPrefixes().isEmpty() ? null : s.addressPrefixes().get(0);
        long free = 0;
        if (prefix != null) {
            long size = 1L << (32 - Cidr.parse(prefix).prefixLength());
            int used = s.ipConfigurations() == null ? 0 : s.ipConfigurations().size();
            free = Math.max(0, size - RESERVED - used);
        }
        return new Subnet(networkId + "/subnets/" + s.name(), s.name(), networkId, prefix, null, free, false, false,
                "available", Map.of(Tags.NAME, s.name()));
    }
}
