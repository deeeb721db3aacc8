package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * The customer's side of a site-to-site VPN as EC2 knows it (an EC2 customer gateway): the device's public address
 * and BGP autonomous system number.
 *
 * @param id         e.g. {@code cgw-0123456789abcdef0}
 * @param bgpAsn     the device's ASN (EC2 reports it as text)
 * @param ipAddress  the device's public IPv4 address
 * @param type       {@code ipsec.1}, the only type EC2 has
 * @param deviceName a name for the device, or null
 * @param state      {@code available}, {@code deleting} or {@code deleted} (made at once, as on EC2)
 * @param tags       tags
 */
public record CustomerGateway(String id, long bgpAsn, String ipAddress, String type, String deviceName, String state,
                              Map<String, String> tags) {
    public static final String TYPE_IPSEC = "ipsec.1";

    public CustomerGateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
    }

    public CustomerGateway withState(String newState) {
        return new CustomerGateway(id, bgpAsn, ipAddress, type, deviceName, newState, tags);
    }

    public CustomerGateway withTags(Map<String, String> newTags) {
        return new CustomerGateway(id, bgpAsn, ipAddress, type, deviceName, state, newTags);
    }
}
