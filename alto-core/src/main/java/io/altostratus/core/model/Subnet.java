package io.altostratus.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A subnet of a network: zonal (EC2) or regional (GCE, Azure), as {@code zone} says.
 *
 * @param id                  e.g. {@code subnet-0123456789abcdef0}
 * @param name                the {@code Name} tag, or null
 * @param networkId           the VPC
 * @param cidr                the IPv4 block
 * @param zone                the availability zone, or null for a regional subnet
 * @param availableIps        addresses still free (the provider's reserved ones excluded)
 * @param defaultForZone      whether launches without a subnet land here for this zone
 * @param mapPublicIpOnLaunch whether instances get a public address
 * @param state               {@code pending} or {@code available}
 * @param tags                tags
 */
public record Subnet(String id, String name, String networkId, String cidr, String zone, long availableIps,
                     boolean defaultForZone, boolean mapPublicIpOnLaunch, String state, Map<String, String> tags) {
    public Subnet {
        Objects.requireNonNull(id, "id");
        tags = Tags.copy(tags);
    }

    /** Whether the subnet spans the region rather than one zone (derived from {@code zone}, so never stored). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRegional() {
        return zone == null;
    }

    public Subnet withTags(Map<String, String> newTags) {
        return new Subnet(id, newTags.get(Tags.NAME), networkId, cidr, zone, availableIps, defaultForZone,
                mapPublicIpOnLaunch, state, newTags);
    }

    public Subnet withMapPublicIpOnLaunch(boolean map) {
        return new Subnet(id, name, networkId, cidr, zone, availableIps, defaultForZone, map, state, tags);
    }

    public Subnet withAvailableIps(long count) {
        return new Subnet(id, name, networkId, cidr, zone, count, defaultForZone, mapPublicIpOnLaunch, state, tags);
    }
}
