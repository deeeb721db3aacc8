package io.altostratus.core.spec;

import io.altostratus.core.model.Tags;
import java.util.Map;

/**
 * A security group to create.
 *
 * @param networkId   the VPC, or null for the region's default network
 * @param name        unique within the network, 1..255 characters, not starting with {@code sg-}
 * @param description required by EC2; defaults to the name
 * @param tags        tags
 */
public record SecurityGroupSpec(String networkId, String name, String description, Map<String, String> tags) {
    public SecurityGroupSpec {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("a security group name must be 1 to 255 characters");
        }
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("sg-")) {
            throw new IllegalArgumentException("a security group name cannot start with sg-: " + name);
        }
        description = description == null || description.isBlank() ? name : description;
        tags = Tags.copy(tags);
    }
}
