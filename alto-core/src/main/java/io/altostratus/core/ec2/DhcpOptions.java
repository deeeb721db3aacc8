package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of DHCP options (an EC2 DHCP options set): what a VPC's DHCP server hands its instances.
 *
 * @param id             e.g. {@code dopt-0123456789abcdef0}
 * @param configurations option name (e.g. {@code domain-name-servers}) to its values, in the order given
 * @param ownerId        the owning account
 * @param tags           tags
 */
public record DhcpOptions(String id, Map<String, List<String>> configurations, String ownerId,
                          Map<String, String> tags) {
    /** The id a VPC reports when it is associated with no options at all (AssociateDhcpOptions with it). */
    public static final String NONE = "default";

    public DhcpOptions {
        Objects.requireNonNull(id, "id");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (configurations != null) {
            configurations.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        configurations = java.util.Collections.unmodifiableMap(copy);
        tags = Tags.copy(tags);
    }

    public DhcpOptions withTags(Map<String, String> newTags) {
        return new DhcpOptions(id, configurations, ownerId, newTags);
    }
}
