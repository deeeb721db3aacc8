package io.altostratus.azure;

import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link SecurityGroups} as network security groups (NSGs) of the session's resource group. A group's id is the NSG's
 * name, which launches take as a security group id.
 *
 * <ul>
 *   <li><b>Rules.</b> Each permission (protocol, port range, one IPv4 or IPv6 range) is one Allow rule of the NSG,
 *       inbound for ingress and outbound for egress, named {@code alto-<in|out>-<hash of the permission>} and given
 *       the lowest free priority from 100; a rule with several ranges is several NSG rules. A read shows the NSG's
 *       Allow rules (each of their address prefixes a permission; {@code *} is {@code 0.0.0.0/0}); Deny rules and
 *       Azure's default rules have no portable form and are not shown. Protocols: {@code tcp}, {@code udp},
 *       {@code icmp}, {@code -1} ({@code *}); port -1 is {@code *}. Rules that name other groups are unsupported
 *       (Azure's rules name application security groups, not NSGs), as are ICMP types and codes.</li>
 *   <li><b>Changes</b> are one PUT of the whole NSG after one GET: authorize refuses a permission already there
 *       ({@code ALREADY_EXISTS}) and revoke one that is not ({@code NOT_FOUND}) before anything is sent.</li>
 *   <li><b>Networks.</b> An Azure NSG belongs to no virtual network (it is associated with NICs and subnets); the
 *       network named at creation is remembered in the tag {@code alto-network} and read back as
 *       {@code networkId}. The description is kept in {@code alto-description}. Neither reads back as a tag.</li>
 *   <li><b>Delete</b> of an NSG that a NIC or subnet still uses is {@code DEPENDENCY_VIOLATION} before any call.</li>
 * </ul>
 */
final class AzureSecurityGroups implements SecurityGroups {
    static final String NETWORK_TAG = "alto-network";
    static final String DESCRIPTION_TAG = "alto-description";
    private static final int FIRST_PRIORITY = 100;
    private static final int LAST_PRIORITY = 4096;

    private final AzureContext context;

    AzureSecurityGroups(AzureContext context) {
        this.context = context;
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        if (!ArmNames.isResourceName(spec.name())) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + spec.name()
                    + "' is not a valid network security group name (1-80 letters, digits, '.', '_' or '-')");
        }
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        if (tags.containsKey(NETWORK_TAG) || tags.containsKey(DESCRIPTION_TAG)) {
            throw AltoException.invalid("InvalidTag", "tags " + NETWORK_TAG + " and " + DESCRIPTION_TAG
                    + " are kept by alto itself");
        }
        tags.put(DESCRIPTION_TAG, spec.description());
        if (spec.networkId() != null) {
            tags.put(NETWORK_TAG, spec.networkId());
        }
        AzureTags.check(tags, 0);
        if (find(spec.name()) != null) {
            throw new AltoException(ErrorCode.ALREADY_EXISTS, "Conflict", "network security group " + spec.name()
                    + " already exists");
        }
        NetworkSecurityGroupInner body = new NetworkSecurityGroupInner().withSecurityRules(List.of());
        body.withLocation(context.location()).withTags(tags);
        return convert(put(spec.name(), body));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        List<NetworkSecurityGroupInner> all;
        try {
            all = context.calls().call("networkSecurityGroups.listByResourceGroup", () -> context.clients()
                    .network().getNetworkSecurityGroups().listByResourceGroup(context.group()).stream().toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        return all.stream().filter(n -> n.location() == null || n.location().equalsIgnoreCase(context.location()))
                .map(this::convert).toList();
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        NetworkSecurityGroupInner nsg = require(groupId);
        List<SecurityRuleInner> current = new ArrayList<>(nsg.securityRules() == null ? List.of()
                : nsg.securityRules());
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        SecurityRuleDirection direction = ingress ? SecurityRuleDirection.INBOUND : SecurityRuleDirection.OUTBOUND;
        for (SecurityRuleInner r : current) {
            names.add(r.name());
            if (direction.equals(r.direction()) && r.priority() != null) {
                priorities.add(r.priority());
            }
        }
        Set<Permission> existing = new HashSet<>(permissions(current, ingress));
        int priority = FIRST_PRIORITY;
        for (Permission p : expand(rules)) {
            if (existing.contains(p) || names.contains(p.ruleName(ingress))) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, "SecurityRuleConflict", "the rule " + p
                        + " is already in network security group " + groupId);
            }
            while (priorities.contains(priority)) {
                priority++;
            }
            if (priority > LAST_PRIORITY) {
                throw new AltoException(ErrorCode.QUOTA_EXCEEDED, "SecurityRulesPerNsgLimitReached",
                        "network security group " + groupId + " has no free rule priority");
            }
            priorities.add(priority);
            names.add(p.ruleName(ingress));
            existing.add(p);
            current.add(p.toRule(ingress, priority));
        }
        nsg.withSecurityRules(current);
        return convert(put(groupId, nsg));
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        NetworkSecurityGroupInner nsg = require(groupId);
        List<SecurityRuleInner> current = new ArrayList<>(nsg.securityRules() == null ? List.of()
                : nsg.securityRules());
        for (Permission p : expand(rules)) {
            boolean removed = current.removeIf(r -> Permission.of(r, ingress).contains(p)
                    && Permission.of(r, ingress).size() == 1);
            if (!removed) {
                throw new AltoException(ErrorCode.NOT_FOUND, "SecurityRuleNotFound", "the rule " + p
                        + " is not in network security group " + groupId
                        + " (as a rule of its own: rules with several ranges are changed in Azure)");
            }
        }
        nsg.withSecurityRules(current);
        return convert(put(groupId, nsg));
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        NetworkSecurityGroupInner nsg = require(groupId);
        boolean used = (nsg.networkInterfaces() != null && !nsg.networkInterfaces().isEmpty())
                || (nsg.subnets() != null && !nsg.subnets().isEmpty());
        if (used) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "InUseNetworkSecurityGroupCannotBeDeleted",
                    "network security group " + groupId + " is in use by a network interface or subnet");
        }
        context.calls().await("networkSecurityGroups.delete", () -> context.clients().network()
                .getNetworkSecurityGroups().beginDelete(context.group(), groupId));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private NetworkSecurityGroupInner put(String name, NetworkSecurityGroupInner body) {
        return context.calls().await("networkSecurityGroups.createOrUpdate", () -> context.clients().network()
                .getNetworkSecurityGroups().beginCreateOrUpdate(context.group(), name, body));
    }

    private NetworkSecurityGroupInner find(String name) {
        try {
            return context.calls().call("networkSecurityGroups.get", () -> context.clients().network()
                    .getNetworkSecurityGroups().getByResourceGroup(context.group(), name));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private NetworkSecurityGroupInner require(String groupId) {
        if (!ArmNames.isResourceName(groupId)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + groupId
                    + "' is not an azure security group id (a network security group's name)");
        }
        NetworkSecurityGroupInner nsg = find(groupId);
        if (nsg == null) {
            throw new AltoException(ErrorCode.NOT_FOUND, "ResourceNotFound", "network security group " + groupId
                    + " not found");
        }
        return nsg;
    }

    private SecurityGroup convert(NetworkSecurityGroupInner nsg) {
        Map<String, String> tags = new LinkedHashMap<>(nsg.tags() == null ? Map.of() : nsg.tags());
        String network = tags.remove(NETWORK_TAG);
        String description = tags.remove(DESCRIPTION_TAG);
        List<SecurityRuleInner> rules = nsg.securityRules() == null ? List.of() : nsg.securityRules();
        return new SecurityGroup(nsg.name(), nsg.name(), description == null ? nsg.name() : description, network,
                context.subscription(), rulesOf(rules, true), rulesOf(rules, false), tags);
    }

    private static List<SecurityRule> rulesOf(List<SecurityRuleInner> rules, boolean ingress) {
        List<SecurityRule> out = new ArrayList<>();
        for (SecurityRuleInner r : rules) {
            List<Permission> ps = Permission.of(r, ingress);
            for (Permission p : ps) {
                out.add(p.toSecurityRule(r.description()));
            }
        }
        return out;
    }

    private static List<Permission> permissions(List<SecurityRuleInner> rules, boolean ingress) {
        List<Permission> out = new ArrayList<>();
        rules.forEach(r -> out.addAll(Permission.of(r, ingress)));
        return out;
    }

    private static List<Permission> expand(List<SecurityRule> rules) {
        List<Permission> out = new ArrayList<>();
        for (SecurityRule rule : rules) {
            if (!rule.groupIds().isEmpty()) {
                throw AltoException.unsupported("azure", "security rules that name other security groups (Azure's "
                        + "rules name application security groups)");
            }
            String protocol = rule.protocol().toLowerCase(Locale.ROOT);
            if (!Set.of("tcp", "udp", "icmp", "-1").contains(protocol)) {
                throw AltoException.invalid("InvalidParameter", "protocol '" + rule.protocol() + "' is not tcp, udp, "
                        + "icmp or -1");
            }
            boolean allPorts = rule.fromPort() == -1 && rule.toPort() == -1;
            if ((protocol.equals("icmp") || protocol.equals("-1")) && !allPorts) {
                throw AltoException.unsupported("azure", "ICMP types and codes, and port ranges on all protocols, "
                        + "in security rules");
            }
            if (!allPorts && (rule.fromPort() < 0 || rule.toPort() > 65535 || rule.fromPort() > rule.toPort())) {
                throw AltoException.invalid("InvalidParameter", "port range " + rule.fromPort() + "-"
                        + rule.toPort() + " is not valid");
            }
            List<String> ranges = new ArrayList<>(rule.cidrs());
            ranges.addAll(rule.ipv6Cidrs());
            if (ranges.isEmpty()) {
                throw AltoException.invalid("InvalidParameter", "a security rule needs an address range");
            }
            for (String range : ranges) {
                out.add(new Permission(protocol, rule.fromPort(), rule.toPort(), range));
            }
        }
        return out;
    }

    /** One protocol, port range and address range: the unit rules are added and removed in. */
    private record Permission(String protocol, int fromPort, int toPort, String range) {

        /** The permissions of an NSG rule in a direction: one per address prefix (none for Deny rules). */
        static List<Permission> of(SecurityRuleInner r, boolean ingress) {
            SecurityRuleDirection direction = ingress ? SecurityRuleDirection.INBOUND
                    : SecurityRuleDirection.OUTBOUND;
            if (!direction.equals(r.direction()) || !SecurityRuleAccess.ALLOW.equals(r.access())) {
                return List.of();
            }
            String protocol = r.protocol() == null || SecurityRuleProtocol.ASTERISK.equals(r.protocol()) ? "-1"
                    : r.protocol().toString().toLowerCase(Locale.ROOT);
            int from = -1;
            int to = -1;
            String ports = r.destinationPortRange();
            if (ports != null && !ports.equals("*")) {
                String[] parts = ports.split("-");
                try {
                    from = Integer.parseInt(parts[0].trim());
                    to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
                } catch (NumberFormatException e) {
                    return List.of();
                }
            }
            List<String> prefixes = new ArrayList<>();
            String one = ingress ? r.sourceAddressPrefix() : r.destinationAddressPrefix();
            List<String> many = ingress ? r.sourceAddressPrefixes() : r.destinationAddressPrefixes();
            if (one != null) {
                prefixes.add(one);
            }
            if (many != null) {
                prefixes.addAll(many);
            }
            List<Permission> out = new ArrayList<>();
            for (String prefix : prefixes) {
                String range = prefix.equals("*") || prefix.equalsIgnoreCase("Internet") ? "0.0.0.0/0" : prefix;
                if (range.contains("/") || range.contains(".") || range.contains(":")) {
                    out.add(new Permission(protocol, from, to, range));
                }
            }
            return out;
        }

        String ruleName(boolean ingress) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((protocol + "|" + fromPort + "|"
                        + toPort + "|" + range).getBytes(StandardCharsets.UTF_8));
                return "alto-" + (ingress ? "in" : "out") + "-" + HexFormat.of().formatHex(digest, 0, 6);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        SecurityRuleInner toRule(boolean ingress, int priority) {
            String ports = fromPort == -1 ? "*" : fromPort == toPort ? Integer.toString(fromPort)
                    : fromPort + "-" + toPort;
            SecurityRuleProtocol p = switch (protocol) {
                case "tcp" -> SecurityRuleProtocol.TCP;
                case "udp" -> SecurityRuleProtocol.UDP;
                case "icmp" -> SecurityRuleProtocol.ICMP;
                default -> SecurityRuleProtocol.ASTERISK;
            };
            SecurityRuleInner rule = new SecurityRuleInner().withName(ruleName(ingress)).withProtocol(p)
                    .withAccess(SecurityRuleAccess.ALLOW).withPriority(priority)
                    .withDirection(ingress ? SecurityRuleDirection.INBOUND : SecurityRuleDirection.OUTBOUND)
                    .withSourcePortRange("*").withDestinationPortRange(ports);
            return ingress ? rule.withSourceAddressPrefix(range).withDestinationAddressPrefix("*")
                    : rule.withSourceAddressPrefix("*").withDestinationAddressPrefix(range);
        }

        SecurityRule toSecurityRule(String description) {
            boolean v6 = range.contains(":");
            return new SecurityRule(protocol, fromPort, toPort, v6 ? List.of() : List.of(range),
                    v6 ? List.of(range) : List.of(), List.of(), description);
        }

        @Override
        public String toString() {
            return protocol + " " + (fromPort == -1 ? "all ports" : fromPort + "-" + toPort) + " " + range;
        }
    }
}
