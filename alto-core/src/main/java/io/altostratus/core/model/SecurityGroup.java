package io.altostratus.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful firewall attached to instances and interfaces.
 *
 * @param id          e.g. {@code sg-0123456789abcdef0}
 * @param name        the group name (unique within its network)
 * @param description free text
 * @param networkId   the VPC it belongs to
 * @param ownerId     the owning account
 * @param ingress     inbound permissions
 * @param egress      outbound permissions
 * @param tags        tags
 */
public record SecurityGroup(String id, String name, String description, String networkId, String ownerId,
                            List<SecurityRule> ingress, List<SecurityRule> egress, Map<String, String> tags) {
    public SecurityGroup {
        Objects.requireNonNull(id, "id");
        ingress = ingress == null ? List.of() : List.copyOf(ingress);
        egress = egress == null ? List.of() : List.copyOf(egress);
        tags = Tags.copy(tags);
    }

    public SecurityGroup withRules(List<SecurityRule> newIngress, List<SecurityRule> newEgress) {
        return new SecurityGroup(id, name, description, networkId, ownerId, newIngress, newEgress, tags);
    }

    public SecurityGroup withTags(Map<String, String> newTags) {
        return new SecurityGroup(id, name, description, networkId, ownerId, ingress, egress, newTags);
    }
}
