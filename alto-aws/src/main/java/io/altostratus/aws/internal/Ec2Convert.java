package io.altostratus.aws.internal;

import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InterfaceAttachment;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** EC2's shapes (SDK v2 model classes) as the core model's records, and back where requests need them. */
public final class Ec2Convert {
    private Ec2Convert() {
    }

    public static Map<String, String> tags(Collection<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag t : tags) {
                out.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        return out;
    }

    public static List<Tag> sdkTags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /**
     * EC2's state name as the portable state: {@code shutting-down} is {@link InstanceState#TERMINATING}; a name EC2
     * may add later (or none) is {@link InstanceState#ERROR}, with the name kept as the raw state.
     */
    public static InstanceState state(String name) {
        if (name == null) {
            return InstanceState.ERROR;
        }
        try {
            return InstanceState.parse(name);
        } catch (IllegalArgumentException e) {
            return InstanceState.ERROR;
        }
    }

    /** EC2's own state name where it differs from the portable one ({@code shutting-down}, unknown names), else null. */
    public static String rawState(String name) {
        return name == null || name.equals(state(name).wireName()) ? null : name;
    }

    public static Architecture architecture(String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return Architecture.parse(wire);
        } catch (IllegalArgumentException e) {
            // x86_64_mac and arm64_mac are Mac hosts: the same instruction sets.
            return wire.startsWith("x86_64") ? Architecture.X86_64 : wire.startsWith("arm64") ? Architecture.ARM64 : null;
        }
    }

    public static Instance instance(software.amazon.awssdk.services.ec2.model.Instance i, String region,
                                    String reservationId) {
        Map<String, String> tags = tags(i.tags());
        List<GroupRef> groups = i.securityGroups().stream().map(g -> new GroupRef(g.groupId(), g.groupName())).toList();
        List<BlockDevice> devices = i.blockDeviceMappings().stream()
                .map(b -> new BlockDevice(b.deviceName(), b.ebs() == null ? null : b.ebs().volumeId(),
                        b.ebs() != null && Boolean.TRUE.equals(b.ebs().deleteOnTermination())))
                .toList();
        List<String> interfaces = i.networkInterfaces().stream()
                .map(software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface::networkInterfaceId).toList();
        String reason = i.stateReason() != null && i.stateReason().message() != null ? i.stateReason().message()
                : blankToNull(i.stateTransitionReason());
        String stateName = i.state() == null ? null : i.state().nameAsString();
        return Instance.builder()
                .id(i.instanceId())
                .name(tags.get(Tags.NAME))
                .provider("aws")
                .region(region)
                .zone(i.placement() == null ? null : i.placement().availabilityZone())
                .state(state(stateName))
                .rawState(rawState(stateName))
                .stateReason(reason)
                .imageId(i.imageId())
                .instanceType(i.instanceTypeAsString())
                .architecture(architecture(i.architectureAsString()))
                .privateIp(blankToNull(i.privateIpAddress()))
                .publicIp(blankToNull(i.publicIpAddress()))
                .privateDnsName(blankToNull(i.privateDnsName()))
                .publicDnsName(blankToNull(i.publicDnsName()))
                .keyName(i.keyName())
                .vpcId(i.vpcId())
                .subnetId(i.subnetId())
                .securityGroups(groups)
                .blockDevices(devices)
                .networkInterfaceIds(interfaces)
                .spot("spot".equals(i.instanceLifecycleAsString()))
                .clientToken(blankToNull(i.clientToken()))
                .tags(tags)
                .launchTime(i.launchTime())
                .details(new Ec2InstanceDetails(reservationId, i.amiLaunchIndex() == null ? 0 : i.amiLaunchIndex(),
                        i.rootDeviceName(), metadataOptions(i.metadataOptions()),
                        blankToNull(i.spotInstanceRequestId())))
                .build();
    }

    /**
     * EC2's metadata options in the core's terms, null when EC2 sent none. Read leniently: what EC2 reports is a
     * fact, so a value outside what the core knows takes the default rather than failing the whole read.
     */
    public static InstanceMetadataOptions metadataOptions(InstanceMetadataOptionsResponse m) {
        if (m == null) {
            return null;
        }
        Integer hops = m.httpPutResponseHopLimit();
        int hopLimit = hops == null ? InstanceMetadataOptions.defaults().hopLimit()
                : Math.clamp(hops, InstanceMetadataOptions.MIN_HOP_LIMIT, InstanceMetadataOptions.MAX_HOP_LIMIT);
        return new InstanceMetadataOptions("required".equals(m.httpTokensAsString()), hopLimit,
                !"disabled".equals(m.httpEndpointAsString()), "enabled".equals(m.httpProtocolIpv6AsString()),
                "enabled".equals(m.instanceMetadataTagsAsString()));
    }

    public static StateChange stateChange(InstanceStateChange c) {
        return new StateChange(c.instanceId(), state(c.previousState() == null ? null : c.previousState().nameAsString()),
                state(c.currentState() == null ? null : c.currentState().nameAsString()));
    }

    public static Image image(software.amazon.awssdk.services.ec2.model.Image i) {
        ImageAliases.Identity who = ImageAliases.identify(i.ownerId(), i.name());
        int rootSize = 0;
        List<String> snapshots = new ArrayList<>();
        for (var b : i.blockDeviceMappings()) {
            if (b.ebs() != null) {
                if (b.ebs().snapshotId() != null) {
                    snapshots.add(b.ebs().snapshotId());
                }
                if (b.deviceName() != null && b.deviceName().equals(i.rootDeviceName()) && b.ebs().volumeSize() != null) {
                    rootSize = b.ebs().volumeSize();
                }
            }
        }
        Instant created = null;
        if (i.creationDate() != null && !i.creationDate().isBlank()) {
            try {
                created = Instant.parse(i.creationDate());
            } catch (RuntimeException e) {
                created = null;
            }
        }
        return new Image(i.imageId(), i.name(), i.description(), i.ownerId(), i.imageOwnerAlias(),
                who == null ? null : who.distro(), who == null ? null : who.release(),
                architecture(i.architectureAsString()), i.stateAsString(), Boolean.TRUE.equals(i.publicLaunchPermissions()),
                i.rootDeviceName(), rootSize, snapshots, i.sourceInstanceId(), created, tags(i.tags()));
    }

    public static KeyPair keyPair(software.amazon.awssdk.services.ec2.model.KeyPairInfo k) {
        return new KeyPair(k.keyPairId(), k.keyName(), k.keyFingerprint(), keyType(k.keyTypeAsString()),
                k.publicKey(), k.createTime(), tags(k.tags()));
    }

    public static KeyType keyType(String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return KeyType.parse(wire);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static Network network(software.amazon.awssdk.services.ec2.model.Vpc v, String region, boolean dnsSupport,
                                  boolean dnsHostnames) {
        Map<String, String> tags = tags(v.tags());
        return new Network(v.vpcId(), tags.get(Tags.NAME), cidrs(v), region, Boolean.TRUE.equals(v.isDefault()),
                v.stateAsString(), dnsSupport, dnsHostnames, tags);
    }

    /**
     * A VPC's IPv4 blocks, the primary first, then the associated secondary ones in EC2's order. Blocks being
     * disassociated or that failed to associate are left out; a VPC described without its association set (some
     * EC2-compatible endpoints) has its primary block alone.
     */
    static List<String> cidrs(software.amazon.awssdk.services.ec2.model.Vpc v) {
        List<String> out = new ArrayList<>();
        if (v.cidrBlock() != null) {
            out.add(v.cidrBlock());
        }
        for (var a : v.cidrBlockAssociationSet()) {
            String state = a.cidrBlockState() == null ? null : a.cidrBlockState().stateAsString();
            boolean live = state == null || "associated".equals(state) || "associating".equals(state);
            if (a.cidrBlock() != null && live && !out.contains(a.cidrBlock())) {
                out.add(a.cidrBlock());
            }
        }
        return out;
    }

    public static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
        Map<String, String> tags = tags(s.tags());
        return new Subnet(s.subnetId(), tags.get(Tags.NAME), s.vpcId(), s.cidrBlock(), s.availabilityZone(),
                s.availableIpAddressCount() == null ? 0 : s.availableIpAddressCount(),
                Boolean.TRUE.equals(s.defaultForAz()), Boolean.TRUE.equals(s.mapPublicIpOnLaunch()),
                s.stateAsString(), tags);
    }

    public static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
        return new SecurityGroup(g.groupId(), g.groupName(), g.description(), g.vpcId(), g.ownerId(),
                g.ipPermissions().stream().map(Ec2Convert::rule).toList(),
                g.ipPermissionsEgress().stream().map(Ec2Convert::rule).toList(), tags(g.tags()));
    }

    public static SecurityRule rule(IpPermission p) {
        return new SecurityRule(p.ipProtocol(), p.fromPort() == null ? -1 : p.fromPort(),
                p.toPort() == null ? -1 : p.toPort(),
                p.ipRanges().stream().map(IpRange::cidrIp).toList(),
                p.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).toList(),
                p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList(),
                p.ipRanges().stream().map(IpRange::description).filter(d -> d != null).findFirst().orElse(null));
    }

    public static IpPermission permission(SecurityRule r) {
        IpPermission.Builder b = IpPermission.builder().ipProtocol(r.protocol());
        if (!"-1".equals(r.protocol()) || r.fromPort() != -1) {
            b.fromPort(r.fromPort()).toPort(r.toPort());
        }
        b.ipRanges(r.cidrs().stream().map(c -> IpRange.builder().cidrIp(c).description(r.description()).build()).toList());
        b.ipv6Ranges(r.ipv6Cidrs().stream().map(c -> Ipv6Range.builder().cidrIpv6(c).description(r.description())
                .build()).toList());
        b.userIdGroupPairs(r.groupIds().stream().map(g -> UserIdGroupPair.builder().groupId(g)
                .description(r.description()).build()).toList());
        return b.build();
    }

    public static SecurityGroupRule groupRule(software.amazon.awssdk.services.ec2.model.SecurityGroupRule r) {
        return new SecurityGroupRule(r.securityGroupRuleId(), r.groupId(), r.groupOwnerId(),
                Boolean.TRUE.equals(r.isEgress()), r.ipProtocol(), r.fromPort() == null ? -1 : r.fromPort(),
                r.toPort() == null ? -1 : r.toPort(), r.cidrIpv4(), r.cidrIpv6(),
                r.referencedGroupInfo() == null ? null : r.referencedGroupInfo().groupId(), r.description());
    }

    public static Volume volume(software.amazon.awssdk.services.ec2.model.Volume v) {
        Map<String, String> tags = tags(v.tags());
        VolumeAttachment attachment = v.attachments().isEmpty() ? null : v.attachments().stream()
                .map(a -> new VolumeAttachment(a.instanceId(), a.device(), a.stateAsString(),
                        Boolean.TRUE.equals(a.deleteOnTermination()), a.attachTime()))
                .findFirst().orElse(null);
        return new Volume(v.volumeId(), tags.get(Tags.NAME), v.availabilityZone(), v.size() == null ? 0 : v.size(),
                v.volumeTypeAsString(), v.iops() == null ? 0 : v.iops(), Boolean.TRUE.equals(v.encrypted()),
                blankToNull(v.snapshotId()), v.stateAsString(), attachment, v.createTime(), tags);
    }

    public static Snapshot snapshot(software.amazon.awssdk.services.ec2.model.Snapshot s) {
        int progress = 0;
        if (s.progress() != null && !s.progress().isBlank()) {
            try {
                progress = Integer.parseInt(s.progress().replace("%", "").trim());
            } catch (NumberFormatException e) {
                progress = 0;
            }
        }
        return new Snapshot(s.snapshotId(), s.volumeId(), s.volumeSize() == null ? 0 : s.volumeSize(),
                s.stateAsString(), progress, s.description(), s.ownerId(), s.startTime(), tags(s.tags()));
    }

    public static NetworkInterface networkInterface(software.amazon.awssdk.services.ec2.model.NetworkInterface n) {
        InterfaceAttachment attachment = n.attachment() == null ? null
                : new InterfaceAttachment(n.attachment().attachmentId(), n.attachment().instanceId(),
                        n.attachment().deviceIndex() == null ? 0 : n.attachment().deviceIndex(),
                        Boolean.TRUE.equals(n.attachment().deleteOnTermination()), n.attachment().attachTime());
        return new NetworkInterface(n.networkInterfaceId(), n.subnetId(), n.vpcId(), n.availabilityZone(),
                n.privateIpAddress(), n.association() == null ? null : n.association().publicIp(), n.macAddress(),
                n.groups().stream().map(g -> new GroupRef(g.groupId(), g.groupName())).toList(), n.description(),
                n.statusAsString(), attachment, tags(n.tagSet()));
    }

    public static InternetGateway internetGateway(software.amazon.awssdk.services.ec2.model.InternetGateway g) {
        return new InternetGateway(g.internetGatewayId(), g.attachments().stream()
                .map(a -> new InternetGateway.Attachment(a.vpcId(), a.stateAsString())).toList(), g.ownerId(),
                tags(g.tags()));
    }

    public static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t) {
        List<RouteTable.Route> routes = t.routes().stream()
                .filter(r -> r.destinationCidrBlock() != null)
                .map(r -> new RouteTable.Route(r.destinationCidrBlock(), r.gatewayId(), r.instanceId(),
                        r.networkInterfaceId(), r.stateAsString(), r.originAsString()))
                .toList();
        List<RouteTable.Association> associations = t.associations().stream()
                .map(a -> new RouteTable.Association(a.routeTableAssociationId(), a.routeTableId(), a.subnetId(),
                        Boolean.TRUE.equals(a.main())))
                .toList();
        return new RouteTable(t.routeTableId(), t.vpcId(), routes, associations, t.ownerId(), tags(t.tags()));
    }

    public static NetworkAcl networkAcl(software.amazon.awssdk.services.ec2.model.NetworkAcl a) {
        List<NetworkAcl.Entry> entries = a.entries().stream()
                .map(e -> new NetworkAcl.Entry(e.ruleNumber() == null ? 0 : e.ruleNumber(), e.protocol(),
                        e.ruleActionAsString(), Boolean.TRUE.equals(e.egress()), e.cidrBlock(), e.ipv6CidrBlock(),
                        e.portRange() == null ? null : new NetworkAcl.PortRange(
                                e.portRange().from() == null ? 0 : e.portRange().from(),
                                e.portRange().to() == null ? 0 : e.portRange().to())))
                .toList();
        List<NetworkAcl.Association> associations = a.associations().stream()
                .map(x -> new NetworkAcl.Association(x.networkAclAssociationId(), x.networkAclId(), x.subnetId()))
                .toList();
        return new NetworkAcl(a.networkAclId(), a.vpcId(), Boolean.TRUE.equals(a.isDefault()), entries, associations,
                a.ownerId(), tags(a.tags()));
    }

    public static Address address(software.amazon.awssdk.services.ec2.model.Address a) {
        return new Address(a.allocationId(), a.publicIp(), a.domainAsString(), a.associationId(), a.instanceId(),
                a.networkInterfaceId(), a.privateIpAddress(), a.networkInterfaceOwnerId(), tags(a.tags()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
