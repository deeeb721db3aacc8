package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2InstanceExtras;
import io.altostratus.core.ec2.IamInstanceProfileAssociation;
import io.altostratus.core.ec2.IamInstanceProfiles;
import io.altostratus.core.ec2.InstanceExtras;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.gateway.identity.Ec2InstanceStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CapacityReservationSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.CpuOptions;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.EnclaveOptions;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.HibernationOptions;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceMaintenanceOptions;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameOptionsResponse;
import software.amazon.awssdk.services.ec2.model.StateReason;

/**
 * Core instances as EC2 describes them. One view serves one call: it fetches the interfaces and volumes of the
 * instances it describes once, up front (maps by id), rather than one provider call per instance.
 *
 * <p>Fields the core model does not carry are answered with EC2's defaults for a Linux EBS-backed HVM instance in a
 * VPC (monitoring disabled, tenancy default, source/dest check on, ENA on, not EBS-optimized). Instance metadata
 * options are the backend's (EC2's defaults where it reports none), so DescribeInstances and its
 * {@code metadata-options.*} filters see what RunInstances or ModifyInstanceMetadataOptions set.
 */
public final class InstanceViews {
    /** Instance types are catalog facts, not resources, so they may be kept per session. */
    private static final Map<Cloud, Map<String, InstanceType>> TYPES = Collections.synchronizedMap(new WeakHashMap<>());

    private final String account;
    private final Map<String, NetworkInterface> interfaces;
    private final Map<String, Volume> volumes;
    private final Map<String, InstanceType> types;
    /** Monitoring, placement group and IAM profile of the described instances, where the backend keeps them. */
    private Map<String, InstanceExtras> extras = Map.of();
    private Map<String, IamInstanceProfileAssociation> profiles = Map.of();

    private InstanceViews(String account, Map<String, NetworkInterface> interfaces, Map<String, Volume> volumes,
                          Map<String, InstanceType> types) {
        this.account = account;
        this.interfaces = interfaces;
        this.volumes = volumes;
        this.types = types;
    }

    /**
     * A view for describing {@code instances}: reads just their interfaces and volumes, by id where the provider can
     *, so that describing ten instances of a large fleet costs ten instances' worth of reads.
     */
    public static InstanceViews load(Cloud cloud, String account, Collection<Instance> instances) {
        Map<String, NetworkInterface> interfaces = new HashMap<>();
        Map<String, Volume> volumes = new HashMap<>();
        if (instances.isEmpty()) {
            return new InstanceViews(account, interfaces, volumes, Map.of());
        }
        Set<String> interfaceIds = new LinkedHashSet<>();
        Set<String> volumeIds = new LinkedHashSet<>();
        for (Instance instance : instances) {
            interfaceIds.addAll(instance.networkInterfaceIds());
            for (BlockDevice device : instance.blockDevices()) {
                volumeIds.add(device.volumeId());
            }
        }
        if (!interfaceIds.isEmpty() && cloud.supports(Capability.NETWORK_INTERFACES)) {
            for (NetworkInterface eni : Checks.extension(cloud, NetworkInterfaces.class)
                    .networkInterfaces(interfaceIds)) {
                interfaces.put(eni.id(), eni);
            }
        }
        if (!volumeIds.isEmpty() && cloud.supports(Capability.VOLUMES)) {
            for (Volume volume : Checks.extension(cloud, Volumes.class).volumes(volumeIds)) {
                volumes.put(volume.id(), volume);
            }
        }
        InstanceViews views = new InstanceViews(account, interfaces, volumes, types(cloud));
        views.loadExtras(cloud, instances);
        return views;
    }

    /** One read each for the instances' extras and IAM profile associations, where the backend has them. */
    private void loadExtras(Cloud cloud, Collection<Instance> instances) {
        List<String> ids = instances.stream().map(Instance::id).toList();
        cloud.extension(Ec2InstanceExtras.class).ifPresent(e -> extras = e.instanceExtras(ids));
        cloud.extension(IamInstanceProfiles.class).ifPresent(p -> {
            Map<String, IamInstanceProfileAssociation> live = new HashMap<>();
            for (IamInstanceProfileAssociation a : p.associations()) {
                if (a.isLive()) {
                    live.put(a.instanceId(), a);
                }
            }
            profiles = live;
        });
    }

    static Map<String, InstanceType> types(Cloud cloud) {
        Map<String, InstanceType> known = TYPES.get(cloud);
        if (known == null) {
            Map<String, InstanceType> byName = new HashMap<>();
            for (InstanceType type : cloud.instanceTypes()) {
                byName.put(type.name(), type);
            }
            known = Map.copyOf(byName);
            TYPES.put(cloud, known);
        }
        return known;
    }

    public String account() {
        return account;
    }

    /** The volume behind a block device, or null when the provider does not list volumes or it is gone. */
    Volume volume(String volumeId) {
        return volumes.get(volumeId);
    }

    NetworkInterface networkInterface(String id) {
        return interfaces.get(id);
    }

    /** The instance as EC2 describes it. */
    public software.amazon.awssdk.services.ec2.model.Instance toSdk(Instance i) {
        Ec2InstanceDetails details = Ec2InstanceDetails.of(i);
        String privateDns = i.privateDnsName() == null ? "" : i.privateDnsName();
        String publicDns = i.publicDnsName() == null ? "" : i.publicDnsName();
        var b = software.amazon.awssdk.services.ec2.model.Instance.builder()
                .instanceId(i.id())
                .imageId(i.imageId())
                .instanceType(i.instanceType())
                .state(state(Ec2InstanceStates.of(i)))
                .stateTransitionReason(transitionReason(i.stateReason()))
                .privateDnsName(privateDns)
                .publicDnsName(publicDns)
                .privateIpAddress(i.privateIp())
                .publicIpAddress(i.publicIp())
                .keyName(i.keyName())
                .amiLaunchIndex(details.launchIndex())
                .productCodes(List.of())
                .launchTime(i.launchTime())
                .placement(placement(i))
                .monitoring(Monitoring.builder().state(extras.containsKey(i.id()) ? extras.get(i.id()).monitoring()
                        : "disabled").build())
                .subnetId(i.subnetId())
                .vpcId(i.vpcId())
                .architecture(i.architecture() == null ? null : i.architecture().wireName())
                .blockDeviceMappings(blockDevices(i))
                .clientToken(i.clientToken() == null ? "" : i.clientToken())
                .ebsOptimized(false)
                .enaSupport(true)
                .hypervisor("xen")
                .networkInterfaces(networkInterfaces(i))
                .rootDeviceName(details.rootDeviceName())
                .rootDeviceType("ebs")
                .securityGroups(groups(i.securityGroups()))
                .sourceDestCheck(true)
                .tags(SdkTags.toSdk(i.tags()))
                .virtualizationType("hvm")
                .capacityReservationSpecification(CapacityReservationSpecificationResponse.builder()
                        .capacityReservationPreference("open").build())
                .hibernationOptions(HibernationOptions.builder().configured(false).build())
                .enclaveOptions(EnclaveOptions.builder().enabled(false).build())
                .metadataOptions(InstanceMetadataActions.toSdk(details.metadataOptions()))
                .maintenanceOptions(InstanceMaintenanceOptions.builder().autoRecovery("default").build())
                .privateDnsNameOptions(PrivateDnsNameOptionsResponse.builder().hostnameType("ip-name")
                        .enableResourceNameDnsARecord(false).enableResourceNameDnsAAAARecord(false).build())
                .platformDetails("Linux/UNIX")
                .usageOperation("RunInstances")
                .usageOperationUpdateTime(i.launchTime())
                .currentInstanceBootMode(i.architecture() == Architecture.ARM64 ? "uefi" : "legacy-bios");
        IamInstanceProfileAssociation profile = profiles.get(i.id());
        if (profile != null) {
            b.iamInstanceProfile(IamInstanceProfileActions.profile(profile));
        }
        if (i.spot()) {
            b.instanceLifecycle("spot").spotInstanceRequestId(details.spotInstanceRequestId());
        }
        StateReason reason = stateReason(i.stateReason());
        if (reason != null) {
            b.stateReason(reason);
        }
        CpuOptions cpu = cpuOptions(types.get(i.instanceType()), i.architecture());
        if (cpu != null) {
            b.cpuOptions(cpu);
        }
        return b.build();
    }

    private Placement placement(Instance i) {
        InstanceExtras e = extras.get(i.id());
        Placement.Builder p = Placement.builder().availabilityZone(i.zone()).tenancy("default")
                .groupName(e == null || e.placementGroup() == null ? "" : e.placementGroup());
        if (e != null && e.partitionNumber() != null) {
            p.partitionNumber(e.partitionNumber());
        }
        return p.build();
    }

    /** A portable state as EC2 reports it (for state changes, which carry no provider word). */
    static InstanceState state(io.altostratus.core.model.InstanceState s) {
        return state(Ec2InstanceStates.of(s));
    }

    static InstanceState state(Ec2InstanceStates.Ec2State s) {
        return InstanceState.builder().code(s.code()).name(s.wireName()).build();
    }

    /** The core keeps EC2's {@code Code: message} form; EC2 answers the two parts separately. */
    static StateReason stateReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        int colon = reason.indexOf(": ");
        return colon < 0 ? StateReason.builder().code(reason).message(reason).build()
                : StateReason.builder().code(reason.substring(0, colon)).message(reason.substring(colon + 2)).build();
    }

    private static String transitionReason(String reason) {
        return reason != null && reason.startsWith("Client.UserInitiatedShutdown") ? "User initiated" : "";
    }

    static List<GroupIdentifier> groups(List<GroupRef> refs) {
        List<GroupIdentifier> out = new ArrayList<>(refs.size());
        for (GroupRef g : refs) {
            out.add(GroupIdentifier.builder().groupId(g.id()).groupName(g.name()).build());
        }
        return out;
    }

    List<InstanceBlockDeviceMapping> blockDevices(Instance i) {
        List<InstanceBlockDeviceMapping> out = new ArrayList<>(i.blockDevices().size());
        for (BlockDevice d : i.blockDevices()) {
            Volume v = volumes.get(d.volumeId());
            var attachment = v == null ? null : v.attachment();
            Instant attached = attachment != null && attachment.attachTime() != null ? attachment.attachTime()
                    : i.launchTime();
            out.add(InstanceBlockDeviceMapping.builder()
                    .deviceName(d.deviceName())
                    .ebs(EbsInstanceBlockDevice.builder()
                            .volumeId(d.volumeId())
                            .status(attachment == null ? "attached" : attachment.state())
                            .deleteOnTermination(attachment == null ? d.deleteOnTermination()
                                    : attachment.deleteOnTermination())
                            .attachTime(attached)
                            .build())
                    .build());
        }
        return out;
    }

    List<InstanceNetworkInterface> networkInterfaces(Instance i) {
        List<InstanceNetworkInterface> out = new ArrayList<>(i.networkInterfaceIds().size());
        for (String id : i.networkInterfaceIds()) {
            NetworkInterface eni = interfaces.get(id);
            if (eni == null) {
                continue; // gone between the two listings, or a provider without interface listings
            }
            boolean primaryAddress = eni.privateIp() != null && eni.privateIp().equals(i.privateIp());
            String privateDns = primaryAddress && i.privateDnsName() != null ? i.privateDnsName() : "";
            InstanceNetworkInterfaceAssociation association = null;
            if (eni.publicIp() != null) {
                boolean samePublic = eni.publicIp().equals(i.publicIp());
                association = InstanceNetworkInterfaceAssociation.builder()
                        .publicIp(eni.publicIp())
                        .publicDnsName(samePublic && i.publicDnsName() != null ? i.publicDnsName() : "")
                        .ipOwnerId("amazon")
                        .build();
            }
            var attachment = eni.attachment();
            var b = InstanceNetworkInterface.builder()
                    .networkInterfaceId(eni.id())
                    .subnetId(eni.subnetId())
                    .vpcId(eni.networkId())
                    .description(eni.description() == null ? "" : eni.description())
                    .ownerId(account)
                    .status(eni.status())
                    .macAddress(eni.macAddress())
                    .privateIpAddress(eni.privateIp())
                    .privateDnsName(privateDns)
                    .sourceDestCheck(true)
                    .groups(groups(eni.securityGroups()))
                    .interfaceType("interface")
                    .ipv6Addresses(List.of())
                    .privateIpAddresses(InstancePrivateIpAddress.builder()
                            .primary(true)
                            .privateIpAddress(eni.privateIp())
                            .privateDnsName(privateDns)
                            .association(association)
                            .build())
                    .association(association);
            if (attachment != null) {
                b.attachment(InstanceNetworkInterfaceAttachment.builder()
                        .attachmentId(attachment.attachmentId())
                        .attachTime(attachment.attachTime())
                        .deleteOnTermination(attachment.deleteOnTermination())
                        .deviceIndex(attachment.deviceIndex())
                        .networkCardIndex(0)
                        .status("attached")
                        .build());
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * EC2's default CPU options for a type: Graviton and T2 run one thread per core, other x86 types two (one
     * for single-vCPU sizes). Null when the type is unknown.
     */
    static CpuOptions cpuOptions(InstanceType type, Architecture architecture) {
        if (type == null || type.vcpus() < 1) {
            return null;
        }
        boolean oneThread = architecture == Architecture.ARM64 || type.name().startsWith("t2.") || type.vcpus() == 1
                || type.vcpus() % 2 != 0;
        int threads = oneThread ? 1 : 2;
        return CpuOptions.builder().coreCount(type.vcpus() / threads).threadsPerCore(threads).build();
    }
}
