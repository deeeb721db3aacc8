package io.altostratus.core.spec;

import io.altostratus.core.model.Tags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network (VPC) to create.
 *
 * @param name the {@code Name} tag, or null
 * @param cidr IPv4 block, /16 to /28
 * @param tags other tags
 */
public record NetworkSpec(String name, String cidr, Map<String, String> tags) {
    public NetworkSpec {
        Cidr.parse(cidr);
        int prefix = Cidr.parse(cidr).prefixLength();
        if (prefix < 16 || prefix > 28) {
            throw new IllegalArgumentException("a network CIDR must be between /16 and /28, got " + cidr);
        }
        LinkedHashMap<String, String> all = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        if (name != null) {
            all.put(Tags.NAME, name);
        }
        tags = Tags.copy(all);
    }
}
