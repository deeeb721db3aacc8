package io.altostratus.core.spec;

import io.altostratus.core.model.Tags;
import java.util.List;
import java.util.Map;

/**
 * A network interface to create.
 *
 * @param subnetId         its subnet (required)
 * @param privateIp        a fixed private address inside the subnet, or null to allocate one
 * @param securityGroupIds groups; the network's default group when empty
 * @param description      free text
 * @param tags             tags
 */
public record InterfaceSpec(String subnetId, String privateIp, List<String> securityGroupIds, String description,
                            Map<String, String> tags) {
    public InterfaceSpec {
        if (subnetId == null || subnetId.isBlank()) {
            throw new IllegalArgumentException("a network interface needs a subnet id");
        }
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        tags = Tags.copy(tags);
    }
}
