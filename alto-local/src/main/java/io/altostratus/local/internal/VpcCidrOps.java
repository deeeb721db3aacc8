package io.altostratus.local.internal;

import io.altostratus.core.ec2.CidrBlockAssociation;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcCidrBlocks;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.Cidr;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Secondary IPv4 blocks and IPv6 blocks of VPCs, IPv6 blocks of subnets. Each association is a document holding the
 * time its transition settles ({@code associating} becomes {@code associated}; {@code disassociating} becomes
 * {@code disassociated}, after which it is no longer listed), read through the clock like NAT gateways. The /56
 * blocks handed to VPCs are leased in the global scope so no two VPCs of any account share one. An instance is a
 * session's {@link VpcCidrBlocks}.
 */
public final class VpcCidrOps implements VpcCidrBlocks {
    static final String KIND = "local.cidr-association";
    static final String IPV6_BLOCK = "local.ipv6-block";
    static final String IPV6_ON_CREATION = "local.subnet-ipv6-on-creation";
    /** EC2's limit on IPv4 blocks per VPC, the primary included. */
    static final int MAX_IPV4_BLOCKS = 5;

    /** An association as stored: its state holds until {@code settlesAt}, then reads as settled. */
    public record CidrDoc(CidrBlockAssociation association, long settlesAt) {
    }

    /** Who holds a /56 (in the global scope). */
    public record BlockLease(String scope, String vpcId) {
    }

    /** A subnet whose new interfaces get an IPv6 address. */
    public record Ipv6OnCreationDoc(String subnetId, boolean assign) {
    }

    private final Session session;
    private final Env env;

    public VpcCidrOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public CidrBlockAssociation associateVpcCidrBlock(String vpcId, String cidrBlock, boolean amazonProvidedIpv6) {
        if (amazonProvidedIpv6 == (cidrBlock != null)) {
            throw Errors.invalid("InvalidParameterCombination",
                    "Give either an IPv4 CidrBlock or AmazonProvidedIpv6CidrBlock, not both and not neither");
        }
        return session.write(tx -> {
            Network vpc = Lookup.vpc(tx, env, vpcId);
            List<CidrBlockAssociation> mine = live(tx, env).stream().filter(a -> a.resourceId().equals(vpc.id()))
                    .toList();
            CidrBlockAssociation made;
            if (amazonProvidedIpv6) {
                if (mine.stream().anyMatch(CidrBlockAssociation::ipv6)) {
                    throw Errors.invalid("CidrLimitExceeded", "This network '" + vpc.id()
                            + "' has met its maximum number of allowed CIDRs: 1");
                }
                Ipv6.Block block = leaseVpcBlock(tx, env, vpc.id());
                made = new CidrBlockAssociation(Ec2IdKind.VPC_CIDR_ASSOCIATION.mint(), vpc.id(), block.toString(), true,
                        CidrBlockAssociation.ASSOCIATING, CidrBlockAssociation.AMAZON_POOL, env.region());
            } else {
                Cidr block = parseIpv4(cidrBlock);
                if (block.prefixLength() < 16 || block.prefixLength() > 28) {
                    throw Errors.invalid("InvalidVpc.Range", "The CIDR '" + cidrBlock + "' is invalid.");
                }
                // The stored VPC holds only its primary block; the others are associations.
                List<String> blocks = new ArrayList<>(vpc.cidrs());
                blocks.addAll(secondaryIpv4(tx, env, vpc.id()));
                if (blocks.size() >= MAX_IPV4_BLOCKS) {
                    throw Errors.invalid("CidrLimitExceeded", "This network '" + vpc.id()
                            + "' has met its maximum number of allowed CIDRs: " + MAX_IPV4_BLOCKS);
                }
                for (String existing : blocks) {
                    if (Cidr.parse(existing).overlaps(block)) {
                        throw Errors.invalid("InvalidVpc.Range", "The CIDR '" + cidrBlock + "' conflicts with the "
                                + "CIDR '" + existing + "' of " + vpc.id());
                    }
                }
                made = new CidrBlockAssociation(Ec2IdKind.VPC_CIDR_ASSOCIATION.mint(), vpc.id(), block.toString(),
                        false, CidrBlockAssociation.ASSOCIATING, null, null);
            }
            tx.put(KIND, env.scope(), made.id(), new CidrDoc(made, env.settleTime()));
            return made;
        });
    }

    @Override
    public CidrBlockAssociation disassociateVpcCidrBlock(String associationId) {
        return session.write(tx -> {
            if (associationId != null && associationId.equals(primaryAssociation(tx, env, associationId))) {
                throw Errors.invalid("OperationNotPermitted", "The vpc CIDR block with association ID "
                        + associationId + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
            }
            CidrBlockAssociation a = findLive(tx, Ec2IdKind.VPC_CIDR_ASSOCIATION, associationId);
            List<Subnet> subnets = NetworkOps.subnets(tx, env).stream()
                    .filter(s -> s.networkId().equals(a.resourceId())).toList();
            if (a.ipv6()) {
                for (CidrBlockAssociation s : live(tx, env)) {
                    if (subnets.stream().anyMatch(sub -> sub.id().equals(s.resourceId()))) {
                        throw Errors.dependency("The vpc CIDR block " + a.cidrBlock() + " is in use by subnet "
                                + s.resourceId() + " (" + s.cidrBlock() + ")");
                    }
                }
                tx.delete(IPV6_BLOCK, Env.GLOBAL_SCOPE, a.cidrBlock());
            } else {
                Cidr block = Cidr.parse(a.cidrBlock());
                for (Subnet s : subnets) {
                    if (block.contains(Cidr.parse(s.cidr()))) {
                        throw Errors.dependency("The vpc CIDR block " + a.cidrBlock() + " is in use by subnet "
                                + s.id() + " (" + s.cidr() + ")");
                    }
                }
            }
            CidrBlockAssociation going = a.withState(CidrBlockAssociation.DISASSOCIATING);
            tx.put(KIND, env.scope(), a.id(), new CidrDoc(going, env.settleTime()));
            return going;
        });
    }

    @Override
    public CidrBlockAssociation associateSubnetCidrBlock(String subnetId, String ipv6CidrBlock) {
        Ipv6.Block block;
        try {
            block = Ipv6.Block.parse(ipv6CidrBlock);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("Value (" + ipv6CidrBlock + ") for parameter ipv6CidrBlock is invalid. "
                    + e.getMessage());
        }
        if (block.prefixLength() != 64) {
            throw Errors.invalid("InvalidSubnet.Range", "The IPv6 CIDR '" + ipv6CidrBlock
                    + "' is invalid: a subnet's IPv6 block is a /64");
        }
        return session.write(tx -> {
            Subnet subnet = Lookup.subnet(tx, env, subnetId);
            List<CidrBlockAssociation> all = live(tx, env);
            CidrBlockAssociation vpcBlock = all.stream()
                    .filter(a -> a.ipv6() && a.resourceId().equals(subnet.networkId())).findFirst()
                    .orElseThrow(() -> Errors.invalid("InvalidSubnet.Range", "The VPC " + subnet.networkId()
                            + " of " + subnet.id() + " has no IPv6 CIDR block"));
            if (!Ipv6.Block.parse(vpcBlock.cidrBlock()).contains(block)) {
                throw Errors.invalid("InvalidSubnet.Range", "The IPv6 CIDR '" + ipv6CidrBlock
                        + "' is not within the VPC's " + vpcBlock.cidrBlock());
            }
            for (CidrBlockAssociation other : all) {
                if (!other.ipv6() || !other.id().startsWith(Ec2IdKind.SUBNET_CIDR_ASSOCIATION.prefix() + "-")) {
                    continue;
                }
                if (other.resourceId().equals(subnet.id())) {
                    throw Errors.invalid("CidrLimitExceeded", "The subnet " + subnet.id()
                            + " already has an IPv6 CIDR block (" + other.cidrBlock() + ")");
                }
                if (Ipv6.Block.parse(other.cidrBlock()).overlaps(block)) {
                    throw Errors.invalid("InvalidSubnet.Conflict", "The CIDR '" + block
                            + "' conflicts with another subnet (" + other.resourceId() + ")");
                }
            }
            CidrBlockAssociation made = new CidrBlockAssociation(Ec2IdKind.SUBNET_CIDR_ASSOCIATION.mint(),
                    subnet.id(), block.toString(), true, CidrBlockAssociation.ASSOCIATING, null, null);
            tx.put(KIND, env.scope(), made.id(), new CidrDoc(made, env.settleTime()));
            return made;
        });
    }

    @Override
    public CidrBlockAssociation disassociateSubnetCidrBlock(String associationId) {
        return session.write(tx -> {
            CidrBlockAssociation a = findLive(tx, Ec2IdKind.SUBNET_CIDR_ASSOCIATION, associationId);
            for (NetworkInterface eni : tx.list(Docs.INTERFACE, env.scope(), NetworkInterface.class)) {
                if (eni.subnetId().equals(a.resourceId())
                        && !InterfaceAddressOps.addresses(tx, env, eni.id()).ipv6Addresses().isEmpty()) {
                    throw Errors.dependency("The subnet CIDR block " + a.cidrBlock()
                            + " has IPv6 addresses in use by network interface " + eni.id());
                }
            }
            tx.delete(IPV6_ON_CREATION, env.scope(), a.resourceId());
            CidrBlockAssociation going = a.withState(CidrBlockAssociation.DISASSOCIATING);
            tx.put(KIND, env.scope(), a.id(), new CidrDoc(going, env.settleTime()));
            return going;
        });
    }

    @Override
    public List<CidrBlockAssociation> cidrBlockAssociations() {
        return session.read(view -> list(view, env));
    }

    @Override
    public void setAssignIpv6AddressOnCreation(String subnetId, boolean assign) {
        session.update(tx -> {
            Subnet subnet = Lookup.subnet(tx, env, subnetId);
            if (!assign) {
                tx.delete(IPV6_ON_CREATION, env.scope(), subnet.id());
                return;
            }
            if (subnetIpv6Block(tx, env, subnet.id()) == null) {
                throw Errors.invalidValue("Subnet " + subnet.id() + " has no IPv6 CIDR block; associate one before "
                        + "turning on assignIpv6AddressOnCreation");
            }
            tx.put(IPV6_ON_CREATION, env.scope(), subnet.id(), new Ipv6OnCreationDoc(subnet.id(), true));
        });
    }

    @Override
    public Set<String> subnetsAssigningIpv6OnCreation() {
        return session.read(view -> {
            Set<String> out = new LinkedHashSet<>();
            for (Ipv6OnCreationDoc d : view.list(IPV6_ON_CREATION, env.scope(), Ipv6OnCreationDoc.class)) {
                if (d.assign()) {
                    out.add(d.subnetId());
                }
            }
            return out;
        });
    }

    // ---- steps other areas share ------------------------------------------------------------------------------

    /** Every association as it reads now, those that finished disassociating left out. */
    static List<CidrBlockAssociation> list(StateView view, Env env) {
        List<CidrBlockAssociation> out = new ArrayList<>();
        for (CidrDoc doc : view.list(KIND, env.scope(), CidrDoc.class)) {
            CidrBlockAssociation a = settled(doc, env.now());
            if (!CidrBlockAssociation.DISASSOCIATED.equals(a.state())) {
                out.add(a);
            }
        }
        return out;
    }

    static List<CidrBlockAssociation> live(StateView view, Env env) {
        return list(view, env).stream().filter(CidrBlockAssociation::isLive).toList();
    }

    /** The VPC's secondary IPv4 blocks in use, in the order they were added. */
    static List<String> secondaryIpv4(StateView view, Env env, String vpcId) {
        return view.list(KIND, env.scope(), CidrDoc.class).stream()
                .map(d -> settled(d, env.now()))
                .filter(a -> !a.ipv6() && a.isLive() && a.resourceId().equals(vpcId))
                .map(CidrBlockAssociation::cidrBlock).toList();
    }

    /**
     * The local routes every route table of the VPC has for its secondary IPv4 blocks, as EC2 adds them when a
     * block is associated (read with the table, so tables made before or after the block both show them).
     */
    static List<io.altostratus.core.ec2.RouteTable.Route> localRoutes(StateView view, Env env, String vpcId) {
        List<io.altostratus.core.ec2.RouteTable.Route> out = new ArrayList<>();
        for (String block : secondaryIpv4(view, env, vpcId)) {
            out.add(new io.altostratus.core.ec2.RouteTable.Route(block, io.altostratus.core.ec2.RouteTable.LOCAL,
                    null, null, io.altostratus.core.ec2.RouteTable.Route.ACTIVE,
                    io.altostratus.core.ec2.RouteTable.Route.ORIGIN_TABLE));
        }
        return out;
    }

    /** The subnet's IPv6 /64, or null. */
    static Ipv6.Block subnetIpv6Block(StateView view, Env env, String subnetId) {
        return live(view, env).stream().filter(a -> a.ipv6() && a.resourceId().equals(subnetId)).findFirst()
                .map(a -> Ipv6.Block.parse(a.cidrBlock())).orElse(null);
    }

    /** Drops every association of a VPC or subnet being deleted, and gives a VPC's /56 back. */
    static void forget(StateTx tx, Env env, String resourceId) {
        for (CidrDoc doc : tx.list(KIND, env.scope(), CidrDoc.class)) {
            CidrBlockAssociation a = doc.association();
            if (a.resourceId().equals(resourceId)) {
                if (a.ipv6() && a.id().startsWith(Ec2IdKind.VPC_CIDR_ASSOCIATION.prefix() + "-")) {
                    tx.delete(IPV6_BLOCK, Env.GLOBAL_SCOPE, a.cidrBlock());
                }
                tx.delete(KIND, env.scope(), a.id());
            }
        }
        tx.delete(IPV6_ON_CREATION, env.scope(), resourceId);
    }

    /** The primary block's association id when {@code associationId} is one (it is derived from the VPC id). */
    private static String primaryAssociation(StateView view, Env env, String associationId) {
        String prefix = Ec2IdKind.VPC_CIDR_ASSOCIATION.prefix() + "-";
        if (!associationId.startsWith(prefix)) {
            return null;
        }
        String vpcId = Ec2IdKind.VPC.prefix() + "-" + associationId.substring(prefix.length());
        return view.get(Docs.VPC, env.scope(), vpcId, Docs.VpcDoc.class).isPresent() ? associationId : null;
    }

    private CidrBlockAssociation findLive(StateView view, Ec2IdKind kind, String id) {
        kind.check(id);
        CidrBlockAssociation a = view.get(KIND, env.scope(), id, CidrDoc.class).map(d -> settled(d, env.now()))
                .filter(CidrBlockAssociation::isLive).orElse(null);
        if (a == null) {
            throw notFound(kind, id);
        }
        return a;
    }

    private static AltoException notFound(Ec2IdKind kind, String id) {
        return kind.notFound(id);
    }

    private static Ipv6.Block leaseVpcBlock(StateTx tx, Env env, String vpcId) {
        for (int attempt = 0; attempt < 64; attempt++) {
            Ipv6.Block block = Ipv6.randomVpcBlock();
            if (tx.get(IPV6_BLOCK, Env.GLOBAL_SCOPE, block.toString(), BlockLease.class).isEmpty()) {
                tx.put(IPV6_BLOCK, Env.GLOBAL_SCOPE, block.toString(), new BlockLease(env.scope(), vpcId));
                return block;
            }
        }
        throw Errors.invalid("InsufficientCidrBlocks", "No free IPv6 /56 block is left to give " + vpcId);
    }

    private static Cidr parseIpv4(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidValue("Value (" + text + ") for parameter cidrBlock is invalid. "
                    + "This is not a valid CIDR block.");
        }
    }

    private static CidrBlockAssociation settled(CidrDoc doc, long now) {
        CidrBlockAssociation a = doc.association();
        if (now < doc.settlesAt()) {
            return a;
        }
        return switch (a.state()) {
            case CidrBlockAssociation.ASSOCIATING -> a.withState(CidrBlockAssociation.ASSOCIATED);
            case CidrBlockAssociation.DISASSOCIATING -> a.withState(CidrBlockAssociation.DISASSOCIATED);
            default -> a;
        };
    }
}
