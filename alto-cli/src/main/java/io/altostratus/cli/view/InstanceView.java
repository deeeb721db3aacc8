package io.altostratus.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.ProviderDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as {@code alto -o json} prints it: the CLI's stable contract, kept apart from the core model so
 * that a model change cannot silently change what scripts parse. Field names are camelCase, {@code state} is the
 * portable lowercase state ({@code pending running stopping stopped suspended terminating terminated error}) and
 * {@code rawState} the provider's own word for it (EC2's {@code shutting-down}; the same as {@code state} when the
 * provider has no word of its own), {@code launchTime} is ISO-8601 UTC, absent values are null.
 *
 * <p>{@code details} is what only the provider knows (for EC2-shaped providers the reservation id, launch index,
 * root device, metadata options and spot request), printed as the provider shapes it, or null: it is the one field
 * whose content is the provider's, not this contract's. {@code rootDeviceName} predates it and stays at the top level
 * (null for providers that do not report one).
 */
@JsonPropertyOrder({"id", "name", "state", "rawState", "stateReason", "provider", "region", "zone", "imageId",
        "instanceType", "architecture", "privateIp", "publicIp", "privateDnsName", "publicDnsName", "keyName", "vpcId",
        "subnetId", "securityGroups", "blockDevices", "networkInterfaceIds", "rootDeviceName", "spot", "tags",
        "launchTime", "details"})
public record InstanceView(
        String id,
        String name,
        String state,
        String rawState,
        String stateReason,
        String provider,
        String region,
        String zone,
        String imageId,
        String instanceType,
        String architecture,
        String privateIp,
        String publicIp,
        String privateDnsName,
        String publicDnsName,
        String keyName,
        String vpcId,
        String subnetId,
        List<Group> securityGroups,
        List<Disk> blockDevices,
        List<String> networkInterfaceIds,
        String rootDeviceName,
        boolean spot,
        Map<String, String> tags,
        Instant launchTime,
        ProviderDetails details) {

    /** A security group the instance is in. */
    public record Group(String id, String name) {
    }

    /** A volume attached to the instance. */
    public record Disk(String deviceName, String volumeId, boolean deleteOnTermination) {
    }

    public static InstanceView of(Instance i) {
        return new InstanceView(i.id(), i.name(), i.state().wireName(), i.stateName(), i.stateReason(), i.provider(),
                i.region(), i.zone(), i.imageId(), i.instanceType(),
                i.architecture() == null ? null : i.architecture().wireName(),
                i.privateIp(), i.publicIp(), i.privateDnsName(), i.publicDnsName(), i.keyName(), i.vpcId(),
                i.subnetId(),
                i.securityGroups().stream().map((GroupRef g) -> new Group(g.id(), g.name())).toList(),
                i.blockDevices().stream()
                        .map((BlockDevice b) -> new Disk(b.deviceName(), b.volumeId(), b.deleteOnTermination()))
                        .toList(),
                i.networkInterfaceIds(), Ec2InstanceDetails.of(i).rootDeviceName(), i.spot(), i.tags(),
                i.launchTime(), i.details());
    }
}
