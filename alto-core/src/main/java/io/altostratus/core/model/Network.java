package io.altostratus.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A virtual network (an EC2 VPC).
 *
 * @param id        e.g. {@code vpc-0123456789abcdef0}
 * @param name      the {@code Name} tag, or null
 * @param cidr      the primary IPv4 block
 * @param region    the region
 * @param isDefault whether this is the region's default network
 * @param state     {@code pending} or {@code available}
 * @param enableDnsSupport   whether the network's resolver answers (EC2's VPC attribute; true by default)
 * @param enableDnsHostnames whether instances get public DNS names (true for a default VPC, false for new ones,
 *                           as in AWS)
 * @param tags      tags
 */
public record Network(String id, String name, String cidr, String region, boolean isDefault, String state,
                      boolean enableDnsSupport, boolean enableDnsHostnames, Map<String, String> tags) {
    public Network {
        Objects.requireNonNull(id, "id");
        tags = Tags.copy(tags);
    }

    public Network withTags(Map<String, String> newTags) {
        return new Network(id, newTags.get(Tags.NAME), cidr, region, isDefault, state, enableDnsSupport,
                enableDnsHostnames, newTags);
    }

    public Network withDns(boolean support, boolean hostnames) {
        return new Network(id, name, cidr, region, isDefault, state, support, hostnames, tags);
    }
}
