package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The six default rules every network security group carries on Azure (documented in "Network security groups:
 * default security rules"): allow traffic within the virtual network and from the load balancer, allow outbound
 * internet, deny the rest, at priorities 65000, 65001 and 65500.
 */
final class DefaultSecurityRules {
    private record Rule(String name, String description, String source, String destination, String access,
                        int priority, String direction) {
    }

    private static final Rule[] RULES = {
        new Rule("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork",
                "VirtualNetwork", "Allow", 65000, "Inbound"),
        new Rule("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer",
                "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
        new Rule("DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
        new Rule("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET", "VirtualNetwork",
                "VirtualNetwork", "Allow", 65000, "Outbound"),
        new Rule("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*", "Internet",
                "Allow", 65001, "Outbound"),
        new Rule("DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"),
    };

    private DefaultSecurityRules() {
    }

    static ArrayNode render(String nsgId, String guid) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Rule rule : RULES) {
            ObjectNode r = out.addObject();
            r.put("name", rule.name());
            r.put("id", nsgId + "/defaultSecurityRules/" + rule.name());
            r.put("etag", "W/\"" + guid + "\"");
            r.put("type", Ids.NETWORK + "/networkSecurityGroups/defaultSecurityRules");
            ObjectNode p = r.putObject("properties");
            p.put("provisioningState", "Succeeded");
            p.put("description", rule.description());
            p.put("protocol", "*");
            p.put("sourcePortRange", "*");
            p.put("destinationPortRange", "*");
            p.put("sourceAddressPrefix", rule.source());
            p.put("destinationAddressPrefix", rule.destination());
            p.put("access", rule.access());
            p.put("priority", rule.priority());
            p.put("direction", rule.direction());
            p.putArray("sourcePortRanges");
            p.putArray("destinationPortRanges");
            p.putArray("sourceAddressPrefixes");
            p.putArray("destinationAddressPrefixes");
        }
        return out;
    }
}
