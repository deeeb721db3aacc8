package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.filter.FilterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/**
 * The filters EC2 documents for DescribeInstances and DescribeInstanceStatus, read from the SDK items the actions
 * return. Filters whose subject no instance here can have (kernels, Dedicated Hosts, Outposts, product codes, IPv6)
 * are declared and simply match nothing, as they would in EC2 for such instances.
 * Not declared (so refused as unknown rather than silently answered wrong): the elastic-IP association and allocation
 * ids of network interfaces, which the core model does not carry on instances.
 */
final class InstanceFilters {
    private InstanceFilters() {
    }

    /** One instance with what only its reservation knows. */
    record Row(Instance instance, String reservationId, String ownerId, Map<String, String> tags) {
    }

    static final FilterSet<Row> DESCRIBE_INSTANCES = describeInstances();

    static final FilterSet<InstanceStatus> DESCRIBE_STATUS = FilterSet.<InstanceStatus>builder()
            .field("availability-zone", InstanceStatus::availabilityZone)
            .field("event.code", s -> List.of())
            .field("event.description", s -> List.of())
            .field("event.instance-event-id", s -> List.of())
            .field("event.not-after", s -> List.of())
            .field("event.not-before", s -> List.of())
            .field("event.not-before-deadline", s -> List.of())
            .field("instance-state-code", s -> s.instanceState().code())
            .field("instance-state-name", s -> s.instanceState().nameAsString())
            .field("instance-status.reachability", s -> s.instanceStatus().details().stream()
                    .filter(d -> "reachability".equals(d.nameAsString())).map(d -> d.statusAsString()).toList())
            .field("instance-status.status", s -> s.instanceStatus().statusAsString())
            .field("system-status.reachability", s -> s.systemStatus().details().stream()
                    .filter(d -> "reachability".equals(d.nameAsString())).map(d -> d.statusAsString()).toList())
            .field("system-status.status", s -> s.systemStatus().statusAsString())
            .field("attached-ebs-status.status", s -> s.attachedEbsStatus() == null ? null
                    : s.attachedEbsStatus().statusAsString())
            .field("attached-ebs-status.reachability", s -> s.attachedEbsStatus() == null ? List.of()
                    : s.attachedEbsStatus().details().stream().map(d -> d.statusAsString()).toList())
            .field("operator.managed", s -> false)
            .field("operator.principal", s -> null)
            .build();

    private static FilterSet<Row> describeInstances() {
        FilterSet.Builder<Row> b = FilterSet.<Row>builder().tags(Row::tags);
        field(b, "affinity", i -> null);
        field(b, "architecture", Instance::architectureAsString);
        field(b, "availability-zone", i -> i.placement().availabilityZone());
        field(b, "block-device-mapping.attach-time", i -> ebs(i, e -> Ec2Time.text(e.attachTime())));
        field(b, "block-device-mapping.delete-on-termination", i -> ebs(i, EbsInstanceBlockDevice::deleteOnTermination));
        field(b, "block-device-mapping.device-name", i -> i.blockDeviceMappings().stream()
                .map(InstanceBlockDeviceMapping::deviceName).toList());
        field(b, "block-device-mapping.status", i -> ebs(i, EbsInstanceBlockDevice::statusAsString));
        field(b, "block-device-mapping.volume-id", i -> ebs(i, EbsInstanceBlockDevice::volumeId));
        field(b, "boot-mode", Instance::bootModeAsString);
        field(b, "capacity-reservation-id", Instance::capacityReservationId);
        field(b, "capacity-reservation-specification.capacity-reservation-preference",
                i -> i.capacityReservationSpecification().capacityReservationPreferenceAsString());
        field(b, "client-token", Instance::clientToken);
        field(b, "current-instance-boot-mode", Instance::currentInstanceBootModeAsString);
        field(b, "dns-name", Instance::publicDnsName);
        field(b, "ebs-optimized", Instance::ebsOptimized);
        field(b, "ena-support", Instance::enaSupport);
        field(b, "enclave-options.enabled", i -> i.enclaveOptions().enabled());
        field(b, "hibernation-options.configured", i -> i.hibernationOptions().configured());
        field(b, "host-id", i -> null);
        field(b, "hypervisor", Instance::hypervisorAsString);
        field(b, "iam-instance-profile.arn", i -> i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn());
        field(b, "image-id", Instance::imageId);
        field(b, "instance-id", Instance::instanceId);
        field(b, "instance-lifecycle", Instance::instanceLifecycleAsString);
        field(b, "instance-state-code", i -> i.state().code());
        field(b, "instance-state-name", i -> i.state().nameAsString());
        field(b, "instance-type", Instance::instanceTypeAsString);
        field(b, "instance.group-id", i -> groupIds(i.securityGroups()));
        field(b, "instance.group-name", i -> groupNames(i.securityGroups()));
        field(b, "group-id", i -> groupIds(i.securityGroups()));
        field(b, "group-name", i -> groupNames(i.securityGroups()));
        field(b, "ip-address", Instance::publicIpAddress);
        field(b, "ipv6-address", Instance::ipv6Address);
        field(b, "kernel-id", Instance::kernelId);
        field(b, "key-name", Instance::keyName);
        field(b, "launch-index", Instance::amiLaunchIndex);
        field(b, "launch-time", i -> Ec2Time.text(i.launchTime()));
        field(b, "maintenance-options.auto-recovery", i -> i.maintenanceOptions().autoRecoveryAsString());
        field(b, "metadata-options.http-endpoint", i -> i.metadataOptions().httpEndpointAsString());
        field(b, "metadata-options.http-protocol-ipv6", i -> i.metadataOptions().httpProtocolIpv6AsString());
        field(b, "metadata-options.http-put-response-hop-limit", i -> i.metadataOptions().httpPutResponseHopLimit());
        field(b, "metadata-options.http-tokens", i -> i.metadataOptions().httpTokensAsString());
        field(b, "metadata-options.instance-metadata-tags", i -> i.metadataOptions().instanceMetadataTagsAsString());
        field(b, "monitoring-state", i -> i.monitoring().stateAsString());
        field(b, "network-interface.addresses.association.ip-owner-id", i -> addresses(i, a ->
                a.association() == null ? null : a.association().ipOwnerId()));
        field(b, "network-interface.addresses.association.public-ip", i -> addresses(i, a ->
                a.association() == null ? null : a.association().publicIp()));
        field(b, "network-interface.addresses.primary", i -> addresses(i, InstancePrivateIpAddress::primary));
        field(b, "network-interface.addresses.private-ip-address",
                i -> addresses(i, InstancePrivateIpAddress::privateIpAddress));
        field(b, "network-interface.association.ip-owner-id", i -> enis(i, n ->
                n.association() == null ? null : n.association().ipOwnerId()));
        field(b, "network-interface.association.public-dns-name", i -> enis(i, n ->
                n.association() == null ? null : n.association().publicDnsName()));
        field(b, "network-interface.association.public-ip", i -> enis(i, n ->
                n.association() == null ? null : n.association().publicIp()));
        field(b, "network-interface.attachment.attach-time", i -> enis(i, n ->
                n.attachment() == null ? null : Ec2Time.text(n.attachment().attachTime())));
        field(b, "network-interface.attachment.attachment-id", i -> enis(i, n ->
                n.attachment() == null ? null : n.attachment().attachmentId()));
        field(b, "network-interface.attachment.delete-on-termination", i -> enis(i, n ->
                n.attachment() == null ? null : n.attachment().deleteOnTermination()));
        field(b, "network-interface.attachment.device-index", i -> enis(i, n ->
                n.attachment() == null ? null : n.attachment().deviceIndex()));
        field(b, "network-interface.attachment.instance-id", i -> enis(i, n ->
                n.attachment() == null ? null : i.instanceId()));
        field(b, "network-interface.attachment.network-card-index", i -> enis(i, n ->
                n.attachment() == null ? null : n.attachment().networkCardIndex()));
        field(b, "network-interface.attachment.status", i -> enis(i, n ->
                n.attachment() == null ? null : n.attachment().statusAsString()));
        field(b, "network-interface.availability-zone", i -> i.hasNetworkInterfaces()
                && !i.networkInterfaces().isEmpty() ? i.placement().availabilityZone() : null);
        field(b, "network-interface.deny-all-igw-traffic", i -> enis(i, n -> false));
        field(b, "network-interface.description", i -> enis(i, InstanceNetworkInterface::description));
        field(b, "network-interface.group-id", i -> enis(i, n -> groupIds(n.groups())));
        field(b, "network-interface.group-name", i -> enis(i, n -> groupNames(n.groups())));
        field(b, "network-interface.ipv6-address", i -> List.of());
        field(b, "network-interface.ipv6-addresses.ipv6-address", i -> List.of());
        field(b, "network-interface.mac-address", i -> enis(i, InstanceNetworkInterface::macAddress));
        field(b, "network-interface.network-interface-id", i -> enis(i, InstanceNetworkInterface::networkInterfaceId));
        field(b, "network-interface.outpost-arn", i -> null);
        field(b, "network-interface.owner-id", i -> enis(i, InstanceNetworkInterface::ownerId));
        field(b, "network-interface.private-dns-name", i -> enis(i, InstanceNetworkInterface::privateDnsName));
        field(b, "network-interface.private-ip-address", i -> enis(i, InstanceNetworkInterface::privateIpAddress));
        field(b, "network-interface.public-dns-name", i -> enis(i, n ->
                n.association() == null ? null : n.association().publicDnsName()));
        field(b, "network-interface.requester-id", i -> null);
        field(b, "network-interface.requester-managed", i -> enis(i, n -> false));
        field(b, "network-interface.source-dest-check", i -> enis(i, InstanceNetworkInterface::sourceDestCheck));
        field(b, "network-interface.status", i -> enis(i, InstanceNetworkInterface::statusAsString));
        field(b, "network-interface.subnet-id", i -> enis(i, InstanceNetworkInterface::subnetId));
        field(b, "network-interface.vpc-id", i -> enis(i, InstanceNetworkInterface::vpcId));
        field(b, "outpost-arn", Instance::outpostArn);
        b.field("owner-id", Row::ownerId);
        field(b, "placement-group-name", i -> i.placement() == null ? null : i.placement().groupName());
        field(b, "placement-partition-number", i -> i.placement() == null ? null : i.placement().partitionNumber());
        field(b, "platform", Instance::platformAsString);
        field(b, "platform-details", Instance::platformDetails);
        field(b, "private-dns-name", Instance::privateDnsName);
        field(b, "private-dns-name-options.enable-resource-name-dns-a-record",
                i -> i.privateDnsNameOptions().enableResourceNameDnsARecord());
        field(b, "private-dns-name-options.enable-resource-name-dns-aaaa-record",
                i -> i.privateDnsNameOptions().enableResourceNameDnsAAAARecord());
        field(b, "private-dns-name-options.hostname-type", i -> i.privateDnsNameOptions().hostnameTypeAsString());
        field(b, "private-ip-address", Instance::privateIpAddress);
        field(b, "product-code", i -> List.of());
        field(b, "product-code.type", i -> List.of());
        field(b, "ramdisk-id", Instance::ramdiskId);
        field(b, "reason", Instance::stateTransitionReason);
        field(b, "requester-id", i -> null);
        b.field("reservation-id", Row::reservationId);
        field(b, "root-device-name", Instance::rootDeviceName);
        field(b, "root-device-type", Instance::rootDeviceTypeAsString);
        field(b, "source-dest-check", Instance::sourceDestCheck);
        field(b, "spot-instance-request-id", Instance::spotInstanceRequestId);
        field(b, "state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code());
        field(b, "state-reason-message", i -> i.stateReason() == null ? null : i.stateReason().message());
        field(b, "subnet-id", Instance::subnetId);
        field(b, "tenancy", i -> i.placement().tenancyAsString());
        field(b, "tpm-support", Instance::tpmSupport);
        field(b, "usage-operation", Instance::usageOperation);
        field(b, "usage-operation-update-time", i -> Ec2Time.text(i.usageOperationUpdateTime()));
        field(b, "virtualization-type", Instance::virtualizationTypeAsString);
        field(b, "vpc-id", Instance::vpcId);
        return b.build();
    }

    private static void field(FilterSet.Builder<Row> b, String name, Function<Instance, ?> reader) {
        b.field(name, row -> reader.apply(row.instance()));
    }

    private static List<Object> ebs(Instance i, Function<EbsInstanceBlockDevice, ?> reader) {
        List<Object> out = new ArrayList<>();
        for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
            if (m.ebs() != null) {
                out.add(reader.apply(m.ebs()));
            }
        }
        return out;
    }

    /** Values of every attached interface, flattened (a collection inside is spread out). */
    private static List<Object> enis(Instance i, Function<InstanceNetworkInterface, ?> reader) {
        List<Object> out = new ArrayList<>();
        for (InstanceNetworkInterface n : i.networkInterfaces()) {
            Object value = reader.apply(n);
            if (value instanceof List<?> many) {
                out.addAll(many);
            } else if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static List<Object> addresses(Instance i, Function<InstancePrivateIpAddress, ?> reader) {
        List<Object> out = new ArrayList<>();
        for (InstanceNetworkInterface n : i.networkInterfaces()) {
            for (InstancePrivateIpAddress a : n.privateIpAddresses()) {
                Object value = reader.apply(a);
                if (value != null) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    private static List<String> groupIds(List<GroupIdentifier> groups) {
        return groups.stream().map(GroupIdentifier::groupId).toList();
    }

    private static List<String> groupNames(List<GroupIdentifier> groups) {
        return groups.stream().map(GroupIdentifier::groupName).toList();
    }
}
