package io.altostratus.core.spi;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a provider offers beyond the core SPI, as one set callers can test and print. Never declared by hand twice:
 * most capabilities are an {@link Extension} the provider offers ({@link #extension()}); the few that are
 * behaviours of core calls rather than calls of their own are {@link #isTrait() traits}, which a provider lists in
 * {@link ComputeProvider#traits()}. {@link #of(ComputeProvider)} puts both together.
 */
public enum Capability {
    /** Create, attach, detach and delete volumes ({@link Volumes}). */
    VOLUMES("volumes", Volumes.class),
    /** Snapshot volumes ({@link Snapshots}). */
    SNAPSHOTS("snapshots", Snapshots.class),
    /** Snapshot whole machines and revert them ({@link InstanceSnapshots}). */
    INSTANCE_SNAPSHOTS("instance snapshots", InstanceSnapshots.class),
    /** Create, import, list and delete SSH key pairs ({@link KeyPairs}). */
    KEY_PAIRS("key pairs", KeyPairs.class),
    /** Networks and subnets ({@link Networks}). */
    NETWORKS("networks", Networks.class),
    /** Security groups (firewall rule sets attached to instances) ({@link SecurityGroups}). */
    SECURITY_GROUPS("security groups", SecurityGroups.class),
    /** Network interfaces as resources of their own ({@link NetworkInterfaces}). */
    NETWORK_INTERFACES("network interfaces", NetworkInterfaces.class),
    /** The guest's serial console output ({@link ConsoleOutput}). */
    CONSOLE_OUTPUT("console output", ConsoleOutput.class),
    /** EC2's VPC plumbing: internet gateways, route tables, network ACLs, attributes, rule ids ({@link Ec2Networking}). */
    EC2_NETWORKING("EC2 networking (internet gateways, route tables, network ACLs, attributes)", Ec2Networking.class),
    /** Elastic (allocated) public addresses ({@link ElasticAddresses}). */
    ELASTIC_IPS("elastic IPs", ElasticAddresses.class),
    /** Spot capacity: spot launches, spot requests and spot prices ({@link SpotRequests}). */
    SPOT("spot instances", SpotRequests.class),
    /** Instance metadata options taken at launch, reported and changed ({@link Ec2MetadataOptions}). */
    INSTANCE_METADATA_OPTIONS("instance metadata options", Ec2MetadataOptions.class),
    /** Instance attributes: type, termination protection, user data ({@link Ec2InstanceAttributes}). */
    INSTANCE_ATTRIBUTES("instance attributes", Ec2InstanceAttributes.class),

    /** Trait: stop without a guest shutdown. */
    FORCE_STOP("forced stop", null),
    /**
     * Trait: launches take spot (preemptible) capacity when {@code LaunchSpec.spot} asks, on a backend whose spot
     * capacity is not a request of its own ({@link #SPOT} implies it).
     */
    SPOT_LAUNCH("spot launches", null),
    /** Trait: client tokens make launches idempotent. */
    CLIENT_TOKEN("client tokens", null),
    /** Trait: instances run a real guest reachable over SSH (the local cloud's simulated machines do not). */
    GUEST_ACCESS("guest access", null),
    /**
     * Trait: the provider's ids already have EC2's shapes ({@code i-}, {@code vpc-}, ... with 8 or 17 hex digits), so
     * the EC2 front passes them through instead of keeping a mapping.
     */
    EC2_IDS("EC2-shaped ids", null);

    private final String what;
    private final Class<? extends Extension> extension;

    Capability(String what, Class<? extends Extension> extension) {
        this.what = what;
        this.extension = extension;
    }

    /** What it is, in words for messages ("key pairs", "forced stop"). */
    public String what() {
        return what;
    }

    /** The capability an extension interface stands for, if it is one of the known ones. */
    public static java.util.Optional<Capability> ofExtension(Class<? extends Extension> type) {
        for (Capability c : values()) {
            if (c.extension == type) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** The extension this capability stands for, or null for a trait. */
    public Class<? extends Extension> extension() {
        return extension;
    }

    /** Whether this is a behaviour of core calls, listed in {@link ComputeProvider#traits()}. */
    public boolean isTrait() {
        return extension == null;
    }

    /**
     * Everything the provider offers: its traits and one capability per extension it hands out.
     *
     * @throws IllegalStateException when the provider lists an extension capability among its traits (it must offer
     *         the extension instead, so the capability and the calls can never disagree)
     */
    public static Set<Capability> of(ComputeProvider provider) {
        EnumSet<Capability> out = EnumSet.noneOf(Capability.class);
        for (Capability trait : provider.traits()) {
            if (!trait.isTrait()) {
                throw new IllegalStateException(provider.name() + " lists " + trait
                        + " as a trait; offer the " + trait.extension.getSimpleName() + " extension instead");
            }
            out.add(trait);
        }
        for (Capability c : values()) {
            if (!c.isTrait() && provider.extension(c.extension).isPresent()) {
                out.add(c);
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
