package io.altostratus.core.spec;

import io.altostratus.core.model.Tags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subnet to create inside a network.
 *
 * @param networkId           the VPC
 * @param cidr                IPv4 block inside the VPC's, /16 to /28
 * @param zone                availability zone, or null to let the provider choose
 * @param name                the {@code Name} tag, or null
 * @param mapPublicIpOnLaunch whether instances get a public address
 * @param tags                other tags
 */
public record SubnetSpec(String networkId, String cidr, String zone, String name, boolean mapPublicIpOnLaunch,
                         Map<String, String> tags) {
    public SubnetSpec {
        if (networkId == null || networkId.isBlank()) {
            throw new IllegalArgumentException("a subnet needs a network id");
        }
        int prefix = Cidr.parse(cidr).prefixLength();
        if (prefix < 16 || prefix > 28) {
            throw new IllegalArgumentException("a subnet CIDR must be between /16 and /28, got " + cidr);
        }
        LinkedHashMap<String, String> all = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        if (name != null) {
            all.put(Tags.NAME, name);
        }
        tags = Tags.copy(all);
    }
}
