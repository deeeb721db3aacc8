package io.altostratus.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual network (an EC2 VPC, a GCE network, an Azure virtual network).
 *
 * @param id        e.g. {@code vpc-0123456789abcdef0}
 * @param name      the {@code Name} tag, or null
 * @param cidrs     the IPv4 blocks, primary first (none for a network whose address ranges live on its subnets, as
 *                  in GCP)
 * @param region    the region
 * @param isDefault whether this is the region's default network
 * @param state     {@code pending} or {@code available}
 * @param enableDnsSupport   whether the network's resolver answers (EC2's VPC attribute; true by default)
 * @param enableDnsHostnames whether instances get public DNS names (true for a default VPC, false for new ones,
 *                           as in AWS)
 * @param tags      tags
 */
public record Network(String id, String name, List<String> cidrs, String region, boolean isDefault, String state,
                      boolean enableDnsSupport, boolean enableDnsHostnames, Map<String, String> tags) {
    public Network {
        Objects.requireNonNull(id, "id");
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
        tags = Tags.copy(tags);
    }

    /** The primary block, or null for a network without one. */
    public String cidr() {
        return cidrs.isEmpty() ? null : cidrs.get(0);
    }

    public Network withTags(Map<String, String> newTags) {
        return new Network(id, newTags.get(Tags.NAME), cidrs, region, isDefault, state, enableDnsSupport,
                enableDnsHostnames, newTags);
    }

    public Network withDns(boolean support, boolean hostnames) {
        return new Network(id, name, cidrs, region, isDefault, state, support, hostnames, tags);
    }
}
