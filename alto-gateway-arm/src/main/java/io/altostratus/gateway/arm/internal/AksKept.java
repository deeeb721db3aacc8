package io.altostratus.gateway.arm.internal;

import io.altostratus.store.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What AKS has and the portable clusters service does not, in the gateway's store per subscription: the managed
 * cluster's resource group, its ARM name and the backend cluster's name behind it (cluster names are unique per
 * region in the backend but per resource group in ARM), the request body's other settings (dnsPrefix, network
 * profile, identity...), tags, and each agent pool's mode and autoscaling switch.
 */
public final class AksKept {
    public static final String CLUSTER_KIND = "arm-aks-cluster";

    /**
     * One managed cluster.
     *
     * @param body             the create request's settings in the model's normal form, without agent pools, status
     *                         fields and secrets
     * @param requestedVersion the kubernetesVersion as the caller wrote it (alias {@code 1.31} or patch {@code 1.31.2})
     * @param poolModes        agent pool name &rarr; System or User
     * @param poolAutoscale    agent pool name &rarr; "true" when enableAutoScaling was asked for
     * @param changes          what a running change is, for provisioningState: "" for the cluster, else a pool's
     *                         name &rarr; Upgrading, Scaling or Updating
     * @param createdAt        the backend cluster's creation time (ms), telling a remade cluster of the same name apart
     * @param deleting         set by DELETE until the backend cluster is gone
     */
    public record AksCluster(String group, String name, String location, String region, String coreName,
                             String body, String dnsPrefix, Map<String, String> tags, String requestedVersion,
                             Map<String, String> poolModes, Map<String, String> poolAutoscale,
                             Map<String, String> changes, String principalId, long createdAt, boolean deleting) {
        public AksCluster {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            poolModes = poolModes == null ? Map.of() : Map.copyOf(poolModes);
            poolAutoscale = poolAutoscale == null ? Map.of() : Map.copyOf(poolAutoscale);
            changes = changes == null ? Map.of() : Map.copyOf(changes);
        }

        public AksCluster withTags(Map<String, String> newTags) {
            return new AksCluster(group, name, location, region, coreName, body, dnsPrefix, newTags,
                    requestedVersion, poolModes, poolAutoscale, changes, principalId, createdAt, deleting);
        }

        public AksCluster withRequestedVersion(String version) {
            return new AksCluster(group, name, location, region, coreName, body, dnsPrefix, tags, version,
                    poolModes, poolAutoscale, changes, principalId, createdAt, deleting);
        }

        public AksCluster withPool(String pool, String mode, boolean autoscale) {
            Map<String, String> modes = new LinkedHashMap<>(poolModes);
            modes.put(pool, mode);
            Map<String, String> auto = new LinkedHashMap<>(poolAutoscale);
            auto.put(pool, Boolean.toString(autoscale));
            return new AksCluster(group, name, location, region, coreName, body, dnsPrefix, tags, requestedVersion,
                    modes, auto, changes, principalId, createdAt, deleting);
        }

        public AksCluster withChange(String target, String word) {
            Map<String, String> more = new LinkedHashMap<>(changes);
            more.put(target, word);
            return new AksCluster(group, name, location, region, coreName, body, dnsPrefix, tags, requestedVersion,
                    poolModes, poolAutoscale, more, principalId, createdAt, deleting);
        }

        public AksCluster markedDeleting() {
            return new AksCluster(group, name, location, region, coreName, body, dnsPrefix, tags, requestedVersion,
                    poolModes, poolAutoscale, changes, principalId, createdAt, true);
        }
    }

    private final StateStore store;

    public AksKept(StateStore store) {
        this.store = store;
    }

    public Optional<AksCluster> cluster(String subscription, String group, String name) {
        return store.read(v -> v.get(CLUSTER_KIND, subscription, Kept.key(group, name), AksCluster.class));
    }

    public List<AksCluster> clusters(String subscription) {
        return store.read(v -> v.list(CLUSTER_KIND, subscription, AksCluster.class));
    }

    public void put(String subscription, AksCluster cluster) {
        store.write(tx -> {
            tx.put(CLUSTER_KIND, subscription, Kept.key(cluster.group(), cluster.name()), cluster);
            return null;
        });
    }

    public void delete(String subscription, String group, String name) {
        store.write(tx -> {
            tx.delete(CLUSTER_KIND, subscription, Kept.key(group, name));
            return null;
        });
    }
}
