package io.altostratus.core.gc;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code alto gc} finds and deletes: resources carrying the ownership tags ({@code alto:owner} equal to the owner,
 * and an {@code alto:created} older than a given age or an {@code alto:run-id} equal to a given run). It works through
 * the portable façade and the extensions a provider offers, nothing of the aws provider's own, so it serves every
 * provider that tags the same way. Deletion goes in dependency order:
 * instances first (waited out until terminated), then images with their snapshots, snapshots, volumes, addresses,
 * interfaces, key pairs, security groups, and networks last (with cascade).
 */
public final class OwnedResources {
    /** Who made a resource: the owner name of the credentials that made it. */
    public static final String OWNER_TAG = "alto:owner";
    /** When it was made (an ISO-8601 instant, to the second). */
    public static final String CREATED_TAG = "alto:created";
    /** The run (session) that made it. */
    public static final String RUN_TAG = "alto:run-id";

    /** One owned resource. */
    public record Owned(String kind, String id, String name, Instant created, String runId) {
    }

    private final Cloud cloud;
    private final String owner;
    private final Clock clock;

    public OwnedResources(Cloud cloud, String owner, Clock clock) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The owner's resources older than {@code olderThan} (when given) and of run {@code runId} (when given); with
     * neither, all of the owner's resources. Terminated instances are left out: there is nothing left to delete.
     */
    public List<Owned> find(Duration olderThan, String runId) {
        List<Owned> out = new ArrayList<>();
        Instant cutoff = olderThan == null ? null : clock.instant().minus(olderThan);
        Consumer<Owned> keep = o -> {
            if ((cutoff == null || o.created() != null && o.created().isBefore(cutoff))
                    && (runId == null || runId.equals(o.runId()))) {
                out.add(o);
            }
        };
        for (Instance i : cloud.instances()) {
            if (i.state() != InstanceState.TERMINATED && i.state() != InstanceState.TERMINATING) {
                owned("instance", i.id(), i.name(), i.tags(), keep);
            }
        }
        cloud.images(new ImageQuery(null, Set.of("self"), null, null, null, null, null))
                .forEach(x -> owned("image", x.id(), x.name(), x.tags(), keep));
        cloud.extension(Snapshots.class).ifPresent(e -> e.snapshots()
                .forEach(x -> owned("snapshot", x.id(), null, x.tags(), keep)));
        cloud.extension(Volumes.class).ifPresent(e -> e.volumes()
                .forEach(x -> owned("volume", x.id(), x.name(), x.tags(), keep)));
        cloud.extension(ElasticAddresses.class).ifPresent(e -> e.addresses()
                .forEach(x -> owned("address", x.allocationId(), x.publicIp(), x.tags(), keep)));
        cloud.extension(NetworkInterfaces.class).ifPresent(e -> e.networkInterfaces()
                .forEach(x -> owned("interface", x.id(), x.description(), x.tags(), keep)));
        cloud.extension(KeyPairs.class).ifPresent(e -> e.keyPairs()
                .forEach(x -> owned("key-pair", x.name(), x.name(), x.tags(), keep)));
        cloud.extension(SecurityGroups.class).ifPresent(e -> e.securityGroups()
                .forEach(x -> owned("security-group", x.id(), x.name(), x.tags(), keep)));
        cloud.extension(Ec2Networking.class).ifPresent(e -> e.internetGateways()
                .forEach(x -> owned("internet-gateway", x.id(), x.tags().get(Tags.NAME), x.tags(), keep)));
        cloud.extension(Networks.class).ifPresent(e -> e.networks()
                .forEach(x -> owned("network", x.id(), x.name(), x.tags(), keep)));
        return out;
    }

    /**
     * Deletes what {@link #find} returned, in dependency order, and returns what it could not delete with why. Security
     * groups and gateways of networks that are deleted go with their network.
     */
    public Map<Owned, String> delete(List<Owned> found, Duration terminateTimeout) {
        Map<Owned, String> failed = new java.util.LinkedHashMap<>();
        List<String> instances = found.stream().filter(o -> o.kind().equals("instance")).map(Owned::id).toList();
        if (!instances.isEmpty()) {
            try {
                cloud.terminate(instances);
                cloud.waitForAll(instances, InstanceCondition.TERMINATED, terminateTimeout);
            } catch (AltoException e) {
                found.stream().filter(o -> o.kind().equals("instance")).forEach(o -> failed.put(o, e.getMessage()));
            }
        }
        for (String kind : List.of("image", "snapshot", "volume", "address", "interface", "key-pair",
                "internet-gateway", "security-group", "network")) {
            for (Owned o : found) {
                if (!o.kind().equals(kind)) {
                    continue;
                }
                try {
                    deleteOne(o);
                } catch (AltoException e) {
                    if (e.code() != ErrorCode.NOT_FOUND) {
                        failed.put(o, e.getMessage());
                    }
                }
            }
        }
        return failed;
    }

    private void deleteOne(Owned o) {
        switch (o.kind()) {
            case "image" -> cloud.deleteImage(o.id(), true);
            case "snapshot" -> cloud.require(Snapshots.class).deleteSnapshot(o.id());
            case "volume" -> cloud.require(Volumes.class).deleteVolume(o.id());
            case "address" -> cloud.require(ElasticAddresses.class).releaseAddress(o.id());
            case "interface" -> cloud.require(NetworkInterfaces.class).deleteNetworkInterface(o.id());
            case "key-pair" -> cloud.require(KeyPairs.class).deleteKeyPair(o.id());
            case "internet-gateway" -> {
                Ec2Networking ec2 = cloud.require(Ec2Networking.class);
                ec2.internetGateways().stream().filter(g -> g.id().equals(o.id()) && g.attachedNetworkId() != null)
                        .findFirst().ifPresent(g -> ec2.detachInternetGateway(g.id(), g.attachedNetworkId()));
                ec2.deleteInternetGateway(o.id());
            }
            case "security-group" -> cloud.require(SecurityGroups.class).deleteSecurityGroup(o.id());
            case "network" -> cloud.require(Networks.class).deleteNetwork(o.id(), true);
            default -> throw new IllegalArgumentException("unknown kind " + o.kind());
        }
    }

    private void owned(String kind, String id, String name, Map<String, String> tags, Consumer<Owned> keep) {
        if (!owner.equals(tags.get(OWNER_TAG))) {
            return;
        }
        Instant created = null;
        String text = tags.get(CREATED_TAG);
        if (text != null) {
            try {
                created = Instant.parse(text);
            } catch (DateTimeParseException e) {
                created = null;
            }
        }
        keep.accept(new Owned(kind, id, name, created, tags.get(RUN_TAG)));
    }
}
