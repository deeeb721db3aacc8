package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Network security groups over the backend's {@link SecurityGroups}. An Azure NSG belongs to no network, a backend
 * security group to one: so the backend group is made when a VM first uses the NSG (on its NIC or its subnet), in
 * that VM's backend network, and one NSG may have a backend group per network (kept in the NSG's backend map under
 * {@code sg/<region>/<network>}). Rule changes are applied to every backend group of the NSG.
 *
 * <p>Rules map as far as security groups can say: inbound Allow rules become ingress permissions (protocol Tcp,
 * Udp, Icmp or *; a port, a range or *; source prefixes that are CIDRs or addresses, with {@code *}, {@code Any} and
 * {@code Internet} as 0.0.0.0/0). Deny rules, outbound rules and service tags other than those have no equivalent:
 * backend groups allow all outbound and deny what no rule allows, which is what the default rules say anyway.
 */
public final class NsgBackend {
    private final Kept kept;
    private final Sessions sessions;
    private final Object[] stripes = new Object[32];

    public NsgBackend(Kept kept, Sessions sessions) {
        this.kept = kept;
        this.sessions = sessions;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** The backend groups for a VM in a region and network (null: the default one), made where missing. */
    public List<String> groupsFor(String subscription, String region, String networkId, List<String> nsgIds) {
        List<String> out = new ArrayList<>();
        Cloud cloud = sessions.cloud(subscription, region);
        Optional<SecurityGroups> groups = cloud.extension(SecurityGroups.class);
        if (groups.isEmpty() || nsgIds.isEmpty()) {
            return out;
        }
        for (String nsgId : nsgIds) {
            Ids.Parsed p = Ids.require(nsgId, NetworkResources.NSG, "networkSecurityGroup.id");
            // VMs launched side by side with one NSG must make its backend group once.
            synchronized (stripes[Math.floorMod(Kept.key(subscription, p.group(), p.name()).hashCode(),
                    stripes.length)]) {
                out.add(groupFor(subscription, region, networkId, nsgId, p, groups.get()));
            }
        }
        return out;
    }

    private String groupFor(String subscription, String region, String networkId, String nsgId, Ids.Parsed p,
                            SecurityGroups groups) {
        Kept.Resource nsg = kept.resource(subscription, NetworkResources.NSG, p.group(), p.name()).orElseThrow(() ->
                new ArmException(400, "InvalidResourceReference", "Resource " + nsgId + " referenced by resource "
                        + "was not found. Please make sure that the referenced resource exists."));
        String key = "sg/" + region + "/" + (networkId == null ? "default" : networkId);
        String groupId = nsg.backend().get(key);
        if (groupId != null) {
            return groupId;
        }
        try {
            groupId = groups.createSecurityGroup(new SecurityGroupSpec(networkId, "arm-" + nsg.name() + "-"
                    + nsg.guid().substring(0, 8), "Azure NSG " + nsg.name(), Map.of())).id();
            List<SecurityRule> rules = rules(Json.readTree(nsg.body()));
            if (!rules.isEmpty()) {
                groups.authorize(groupId, true, rules);
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        Map<String, String> backend = new HashMap<>(nsg.backend());
        backend.put(key, groupId);
        kept.putResource(subscription, new Kept.Resource(nsg.type(), nsg.group(), nsg.name(), nsg.location(),
                nsg.body(), nsg.guid(), backend));
        return groupId;
    }

    /** Brings every backend group of an NSG to its current rules. */
    public void resync(String subscription, Kept.Resource nsg) {
        List<SecurityRule> wanted = rules(Json.readTree(nsg.body()));
        for (Map.Entry<String, String> e : nsg.backend().entrySet()) {
            if (!e.getKey().startsWith("sg/")) {
                continue;
            }
            String region = e.getKey().split("/")[1];
            SecurityGroups groups = sessions.cloud(subscription, region).require(SecurityGroups.class);
            try {
                for (SecurityGroup g : groups.securityGroups()) {
                    if (g.id().equals(e.getValue()) && !g.ingress().isEmpty()) {
                        groups.revoke(g.id(), true, g.ingress());
                    }
                }
                if (!wanted.isEmpty()) {
                    groups.authorize(e.getValue(), true, wanted);
                }
            } catch (AltoException ex) {
                throw ArmException.from(ex, false);
            }
        }
    }

    /** Deletes an NSG's backend groups; one still used by an instance makes the NSG's deletion a 400, as Azure. */
    public void release(String subscription, Kept.Resource nsg, String nsgId) {
        for (Map.Entry<String, String> e : nsg.backend().entrySet()) {
            if (!e.getKey().startsWith("sg/")) {
                continue;
            }
            String region = e.getKey().split("/")[1];
            try {
                sessions.cloud(subscription, region).require(SecurityGroups.class).deleteSecurityGroup(e.getValue());
            } catch (AltoException ex) {
                if (ex.code() == ErrorCode.DEPENDENCY_VIOLATION || ex.code() == ErrorCode.INVALID_STATE) {
                    throw new ArmException(400, "InUseNetworkSecurityGroupCannotBeDeleted", "Network security group "
                            + nsgId + " cannot be deleted because it is in use by a virtual machine.");
                }
                if (ex.code() != ErrorCode.NOT_FOUND) {
                    throw ArmException.from(ex, false);
                }
            }
        }
    }

    /** The ingress permissions an NSG's inbound Allow rules make (see the class comment). */
    static List<SecurityRule> rules(ObjectNode nsg) {
        List<SecurityRule> out = new ArrayList<>();
        for (JsonNode rule : Json.array(Json.properties(nsg), "securityRules")) {
            JsonNode p = rule.path("properties");
            if (!p.path("direction").asText("").equalsIgnoreCase("Inbound")
                    || !p.path("access").asText("").equalsIgnoreCase("Allow")) {
                continue;
            }
            String protocol = switch (p.path("protocol").asText("*").toLowerCase(Locale.ROOT)) {
                case "tcp" -> "tcp";
                case "udp" -> "udp";
                case "icmp" -> "icmp";
                default -> "-1";
            };
            List<String> cidrs = new ArrayList<>();
            addSource(cidrs, p.path("sourceAddressPrefix").asText(null));
            for (JsonNode prefix : p.path("sourceAddressPrefixes")) {
                addSource(cidrs, prefix.asText());
            }
            if (cidrs.isEmpty()) {
                continue;
            }
            List<String> ranges = new ArrayList<>();
            if (p.hasNonNull("destinationPortRange")) {
                ranges.add(p.path("destinationPortRange").asText());
            }
            for (JsonNode range : p.path("destinationPortRanges")) {
                ranges.add(range.asText());
            }
            if (ranges.isEmpty()) {
                ranges.add("*");
            }
            for (String range : ranges) {
                int from;
                int to;
                if (range.equals("*") || protocol.equals("-1") || protocol.equals("icmp")) {
                    from = -1;
                    to = -1;
                } else {
                    try {
                        int dash = range.indexOf('-');
                        from = Integer.parseInt((dash < 0 ? range : range.substring(0, dash)).strip());
                        to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1).strip());
                    } catch (NumberFormatException e) {
                        throw new ArmException(400, "SecurityRuleInvalidPortRange", "Security rule "
                                + rule.path("name").asText() + " has invalid Port range. Value provided: "
                                + range + ". Value should be an integer OR integer range with '-' delimiter. "
                                + "Valid range 0-65535.");
                    }
                }
                if (protocol.equals("tcp") || protocol.equals("udp")) {
                    if (from == -1) {
                        from = 0;
                        to = 65535;
                    }
                }
                out.add(new SecurityRule(protocol, from, to, cidrs, List.of(), List.of(),
                        rule.path("name").asText(null)));
            }
        }
        return out;
    }

    private static void addSource(List<String> cidrs, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return;
        }
        String p = prefix.strip();
        if (p.equals("*") || p.equalsIgnoreCase("Any") || p.equalsIgnoreCase("Internet")) {
            cidrs.add("0.0.0.0/0");
        } else if (p.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?")) {
            cidrs.add(p.contains("/") ? p : p + "/32");
        }
    }
}
