package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A cluster to make. Checked when built: the name, the version's form, and that pool names are unique.
 *
 * @param name             the cluster's name, unique in its region (location)
 * @param version          the Kubernetes minor version, or null for the provider's default
 *                         ({@link Clusters#versions()})
 * @param region           the region or location, or null for the session's
 * @param nodePools        pools made with the cluster (may be empty: EKS makes node groups separately)
 * @param subnetIds        subnets the control plane and nodes use, where the cloud needs them (EKS); may be empty
 * @param securityGroupIds extra security groups of the control plane, where the cloud has them; may be empty
 * @param roles            the cloud's identities, opaque to the core: e.g. EKS's {@code clusterRoleArn} and
 *                         {@code nodeRoleArn}; a provider reads the keys it documents and refuses keys it does not know
 * @param tags             tags (labels on GKE) of the cluster
 */
public record ClusterSpec(String name, String version, String region, List<NodePoolSpec> nodePools,
                          List<String> subnetIds, List<String> securityGroupIds, Map<String, String> roles,
                          Map<String, String> tags) {
    public ClusterSpec {
        ClusterRules.checkClusterName(name);
        if (version != null) {
            ClusterRules.checkVersion(version);
        }
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
        Set<String> seen = new HashSet<>();
        for (NodePoolSpec pool : nodePools) {
            if (!seen.add(pool.name())) {
                throw ClusterRules.invalid("cluster " + name + " names node pool " + pool.name() + " twice");
            }
        }
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        roles = Tags.copy(roles);
        tags = Tags.copy(tags);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name).version(version).region(region).subnetIds(subnetIds)
                .securityGroupIds(securityGroupIds).roles(roles).tags(tags);
        nodePools.forEach(b::nodePool);
        return b;
    }

    /** Builds a spec; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private String version;
        private String region;
        private final List<NodePoolSpec> nodePools = new ArrayList<>();
        private List<String> subnetIds = List.of();
        private List<String> securityGroupIds = List.of();
        private final Map<String, String> roles = new LinkedHashMap<>();
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder version(String v) { version = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder nodePool(NodePoolSpec v) { nodePools.add(Objects.requireNonNull(v)); return this; }
        public Builder subnetIds(List<String> v) { subnetIds = List.copyOf(v); return this; }
        public Builder securityGroupIds(List<String> v) { securityGroupIds = List.copyOf(v); return this; }
        public Builder role(String key, String value) { roles.put(Objects.requireNonNull(key), value); return this; }
        public Builder roles(Map<String, String> v) { roles.putAll(v); return this; }
        public Builder tag(String key, String value) { tags.put(Objects.requireNonNull(key), value); return this; }
        public Builder tags(Map<String, String> v) { tags.putAll(v); return this; }

        public ClusterSpec build() {
            return new ClusterSpec(name, version, region, nodePools, subnetIds, securityGroupIds, roles, tags);
        }
    }
}
