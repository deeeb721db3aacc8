package io.altostratus.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual network card.
 *
 * @param id             e.g. {@code eni-0123456789abcdef0}
 * @param subnetId       its subnet
 * @param networkId      its VPC
 * @param zone           its zone
 * @param privateIp      primary private IPv4 address
 * @param publicIp       public IPv4 address, or null
 * @param macAddress     MAC address
 * @param securityGroups the groups it is in
 * @param description    free text
 * @param status         {@code available} or {@code in-use}
 * @param attachment     where it is attached, or null
 * @param tags           tags
 */
public record NetworkInterface(String id, String subnetId, String networkId, String zone, String privateIp,
                               String publicIp, String macAddress, List<GroupRef> securityGroups, String description,
                               String status, InterfaceAttachment attachment, Map<String, String> tags) {
    public NetworkInterface {
        Objects.requireNonNull(id, "id");
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        tags = Tags.copy(tags);
    }

    public NetworkInterface withAttachment(String newStatus, InterfaceAttachment newAttachment) {
        return new NetworkInterface(id, subnetId, networkId, zone, privateIp, publicIp, macAddress, securityGroups,
                description, newStatus, newAttachment, tags);
    }

    public NetworkInterface withPublicIp(String newPublicIp) {
        return new NetworkInterface(id, subnetId, networkId, zone, privateIp, newPublicIp, macAddress, securityGroups,
                description, status, attachment, tags);
    }

    public NetworkInterface withTags(Map<String, String> newTags) {
        return new NetworkInterface(id, subnetId, networkId, zone, privateIp, publicIp, macAddress, securityGroups,
                description, status, attachment, newTags);
    }
}
