package io.altostratus.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as {@code alto -o json} prints it: the CLI's stable contract, kept apart from the core model so
 * that a model change cannot silently change what scripts parse. Field names are camelCase, {@code state} is
 * EC2's lowercase name ({@code shutting-down}), {@code launchTime} is ISO-8601 UTC, absent values are null.
 */
@JsonPropertyOrder({"id", "name", "state", "stateReason", "provider", "region", "zone", "imageId", "instanceType",
        "architecture", "privateIp", "publicIp", "privateDnsName", "publicDnsName", "keyName", "vpcId", "subnetId",
        "securityGroups", "blockDevices", "networkInterfaceIds", "rootDeviceName", "spot", "tags", "launchTime"})
public record InstanceView(
        String id,
        String name,
        String state,
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
        Instant launchTime) {

    /** A security group the instance is in. */
    public record Group(String id, String name) {
    }

    /** A volume attached to the instance. */
    public record Disk(String deviceName, String volumeId, boolean deleteOnTermination) {
    }

    public static InstanceView of(Instance i) {
        return new InstanceView(i.id(), i.name(), i.state().wireName(), i.stateReason(), i.provider(), i.region(),
                i.zone(), i.imageId(), i.instanceType(),
                i.architecture() == null ? null : i.architecture().wireName(),
                i.privateIp(), i.publicIp(), i.privateDnsName(), i.publicDnsName(), i.keyName(), i.vpcId(),
                i.subnetId(),
                i.securityGroups().stream().map((GroupRef g) -> new Group(g.id(), g.name())).toList(),
                i.blockDevices().stream()
                        .map((BlockDevice b) -> new Disk(b.deviceName(), b.volumeId(), b.deleteOnTermination()))
                        .toList(),
                i.networkInterfaceIds(), i.rootDeviceName(), i.spot(), i.tags(), i.launchTime());
    }
}
