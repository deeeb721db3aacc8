package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.ec2.NetworkAcls;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Writing network ACLs: custom ACLs, their rules, and subnet associations (DescribeNetworkAcls is routing's). */
public final class NetworkAclActions implements ActionGroup {
    /** The protocol names EC2 accepts beside numbers. */
    private static final Map<String, String> PROTOCOLS = Map.of("all", "-1", "tcp", "6", "udp", "17", "icmp", "1",
            "icmpv6", "58");

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateNetworkAclRequest.class, this::create)
                .on(DeleteNetworkAclRequest.class, this::delete)
                .on(CreateNetworkAclEntryRequest.class, this::createEntry)
                .on(ReplaceNetworkAclEntryRequest.class, this::replaceEntry)
                .on(DeleteNetworkAclEntryRequest.class, this::deleteEntry)
                .on(ReplaceNetworkAclAssociationRequest.class, this::replaceAssociation);
    }

    CreateNetworkAclResponse create(ActionContext ctx, CreateNetworkAclRequest request) {
        var vpc = VpcActions.find(ctx, request.vpcId());
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.NETWORK_ACL);
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(request.dryRun());
        NetworkAcl made = acls.createNetworkAcl(vpc.id(), tags);
        return CreateNetworkAclResponse.builder().networkAcl(NetworkShapes.networkAcl(ctx, made))
                .clientToken(request.clientToken()).build();
    }

    DeleteNetworkAclResponse delete(ActionContext ctx, DeleteNetworkAclRequest request) {
        String id = aclId(ctx, request.networkAclId());
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(request.dryRun());
        acls.deleteNetworkAcl(id);
        return DeleteNetworkAclResponse.builder().build();
    }

    CreateNetworkAclEntryResponse createEntry(ActionContext ctx, CreateNetworkAclEntryRequest r) {
        String id = aclId(ctx, r.networkAclId());
        NetworkAcl.Entry entry = entry(r.ruleNumber(), r.protocol(), r.ruleActionAsString(), r.egress(),
                r.cidrBlock(), r.ipv6CidrBlock(), r.portRange(), r.icmpTypeCode());
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(r.dryRun());
        acls.createNetworkAclEntry(id, entry);
        return CreateNetworkAclEntryResponse.builder().build();
    }

    ReplaceNetworkAclEntryResponse replaceEntry(ActionContext ctx, ReplaceNetworkAclEntryRequest r) {
        String id = aclId(ctx, r.networkAclId());
        NetworkAcl.Entry entry = entry(r.ruleNumber(), r.protocol(), r.ruleActionAsString(), r.egress(),
                r.cidrBlock(), r.ipv6CidrBlock(), r.portRange(), r.icmpTypeCode());
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(r.dryRun());
        acls.replaceNetworkAclEntry(id, entry);
        return ReplaceNetworkAclEntryResponse.builder().build();
    }

    DeleteNetworkAclEntryResponse deleteEntry(ActionContext ctx, DeleteNetworkAclEntryRequest r) {
        String id = aclId(ctx, r.networkAclId());
        if (r.ruleNumber() == null) {
            throw missing("RuleNumber");
        }
        if (r.egress() == null) {
            throw missing("Egress");
        }
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(r.dryRun());
        acls.deleteNetworkAclEntry(id, r.ruleNumber(), r.egress());
        return DeleteNetworkAclEntryResponse.builder().build();
    }

    ReplaceNetworkAclAssociationResponse replaceAssociation(ActionContext ctx,
                                                            ReplaceNetworkAclAssociationRequest r) {
        if (r.associationId() == null) {
            throw missing("AssociationId");
        }
        Checks.checkId(r.associationId(), Ec2IdKind.NETWORK_ACL_ASSOCIATION);
        String id = aclId(ctx, r.networkAclId());
        NetworkAcls acls = Checks.extension(ctx.cloud(), NetworkAcls.class);
        dryRun(r.dryRun());
        return ReplaceNetworkAclAssociationResponse.builder()
                .newAssociationId(acls.replaceNetworkAclAssociation(r.associationId(), id)).build();
    }

    /** The id of an ACL this account has, or EC2's Malformed/NotFound. */
    private static String aclId(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("NetworkAclId");
        }
        Checks.checkId(id, Ec2IdKind.NETWORK_ACL);
        boolean known = Checks.extension(ctx.cloud(), Ec2Networking.class).networkAcls().stream()
                .anyMatch(a -> a.id().equals(id));
        if (!known) {
            throw Checks.notFound(RoutingActions.ACL_NOT_FOUND, "networkAcl", java.util.List.of(id));
        }
        return id;
    }

    private static NetworkAcl.Entry entry(Integer ruleNumber, String protocol, String action, Boolean egress,
                                          String cidr, String ipv6Cidr, PortRange ports, IcmpTypeCode icmp) {
        if (ruleNumber == null) {
            throw missing("RuleNumber");
        }
        if (protocol == null) {
            throw missing("Protocol");
        }
        if (action == null) {
            throw missing("RuleAction");
        }
        if (egress == null) {
            throw missing("Egress");
        }
        if (cidr != null && ipv6Cidr != null) {
            throw Checks.combination("Specify either cidrBlock or ipv6CidrBlock, not both");
        }
        String number = PROTOCOLS.getOrDefault(protocol.toLowerCase(Locale.ROOT), protocol);
        if (icmp != null && icmp.type() != null && icmp.type() != -1) {
            // The backend keeps no ICMP type or code: a rule for one type would be stored as one for all.
            throw Checks.unsupportedParameter("IcmpTypeCode (other than -1, all types)");
        }
        NetworkAcl.PortRange range = null;
        if ((number.equals("6") || number.equals("17")) && ports != null) {
            if (ports.from() == null || ports.to() == null) {
                throw missing("PortRange.From and PortRange.To");
            }
            range = new NetworkAcl.PortRange(ports.from(), ports.to());
        }
        return new NetworkAcl.Entry(ruleNumber, number, action, egress, cidr, ipv6Cidr, range);
    }
}
