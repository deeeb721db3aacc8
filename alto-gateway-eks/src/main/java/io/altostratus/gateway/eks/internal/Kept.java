package io.altostratus.gateway.eks.internal;

import io.altostratus.store.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What EKS has that the portable clusters service keeps no place for, in the front's store: a node group's EKS-only
 * settings (node role, subnets, AMI and capacity types, tags) and the labels and taints it was last given, tags
 * changed on a cluster after it was made, and the updates made through this front (for ListUpdates, and for the
 * label and taint changes the backend never sees). Each document names the cluster's creation time, so what is kept
 * for a deleted cluster never shows on a new one of the same name. Scoped by account and region.
 */
public final class Kept {
    public static final String NODEGROUP_KIND = "eks-nodegroup";
    public static final String CLUSTER_KIND = "eks-cluster";
    public static final String UPDATE_KIND = "eks-update";
    public static final String TOKEN_KIND = "eks-request-token";
    public static final Set<String> KINDS = Set.of(NODEGROUP_KIND, CLUSTER_KIND, UPDATE_KIND, TOKEN_KIND);

    /** A create request's client token and what it made ({@code cluster} or {@code cluster/nodegroup}). */
    public record TokenDoc(String token, String made) {
    }

    /** A Kubernetes taint as EKS writes it ({@code NO_SCHEDULE}). */
    public record TaintDoc(String key, String value, String effect) {
    }

    /** An update's parameter as EKS lists it ({@code Version}: {@code 1.31}). */
    public record ParamDoc(String type, String value) {
    }

    /**
     * A node group's EKS settings. {@code labels} and {@code taints} are null until UpdateNodegroupConfig changes them
     * (until then the backend's are the truth).
     */
    public record NodegroupDoc(String cluster, String name, long clusterCreatedAt, String nodeRole,
                               List<String> subnets, String amiType, String capacityType, List<String> instanceTypes,
                               Map<String, String> tags, Map<String, String> labels, List<TaintDoc> taints,
                               long modifiedAt) {
        public NodegroupDoc {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            labels = labels == null ? null : Map.copyOf(labels);
            taints = taints == null ? null : List.copyOf(taints);
        }

        String id() {
            return cluster + "/" + name;
        }
    }

    /** A cluster's tags once TagResource or UntagResource changed them. */
    public record ClusterDoc(String name, long createdAt, Map<String, String> tags) {
        public ClusterDoc {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /**
     * An update made through this front. {@code status} is null when the backend follows it, or the final status
     * of a change only this front applies (labels and taints).
     */
    public record UpdateDoc(String id, String cluster, String nodegroup, long clusterCreatedAt, String type,
                            List<ParamDoc> params, long createdAt, String status) {
        public UpdateDoc {
            params = params == null ? List.of() : List.copyOf(params);
        }
    }

    private final StateStore store;

    public Kept(StateStore store) {
        this.store = store;
    }

    static String scope(String account, String region) {
        return account + "/" + region;
    }

    // ---- node groups ------------------------------------------------------------------------------------------

    public Optional<NodegroupDoc> nodegroup(String scope, String cluster, String name, long clusterCreatedAt) {
        return store.read(v -> v.get(NODEGROUP_KIND, scope, cluster + "/" + name, NodegroupDoc.class))
                .filter(d -> d.clusterCreatedAt() == clusterCreatedAt);
    }

    public void putNodegroup(String scope, NodegroupDoc doc) {
        store.write(tx -> {
            tx.put(NODEGROUP_KIND, scope, doc.id(), doc);
            return null;
        });
    }

    /** Changes a kept node group in one transaction; absent (or of an older cluster) is left alone. */
    public void changeNodegroup(String scope, String cluster, String name, long clusterCreatedAt,
                                UnaryOperator<NodegroupDoc> change) {
        store.write(tx -> {
            tx.get(NODEGROUP_KIND, scope, cluster + "/" + name, NodegroupDoc.class)
                    .filter(d -> d.clusterCreatedAt() == clusterCreatedAt)
                    .ifPresent(d -> tx.put(NODEGROUP_KIND, scope, d.id(), change.apply(d)));
            return null;
        });
    }

    // ---- cluster tags -----------------------------------------------------------------------------------------

    public Optional<Map<String, String>> clusterTags(String scope, String name, long createdAt) {
        return store.read(v -> v.get(CLUSTER_KIND, scope, name, ClusterDoc.class))
                .filter(d -> d.createdAt() == createdAt).map(ClusterDoc::tags);
    }

    public void putClusterTags(String scope, String name, long createdAt, Map<String, String> tags) {
        store.write(tx -> {
            tx.put(CLUSTER_KIND, scope, name, new ClusterDoc(name, createdAt, new LinkedHashMap<>(tags)));
            return null;
        });
    }

    // ---- updates ----------------------------------------------------------------------------------------------

    public void putUpdate(String scope, UpdateDoc doc) {
        store.write(tx -> {
            tx.put(UPDATE_KIND, scope, doc.id(), doc);
            return null;
        });
    }

    public Optional<UpdateDoc> update(String scope, String id, long clusterCreatedAt) {
        return store.read(v -> v.get(UPDATE_KIND, scope, id, UpdateDoc.class))
                .filter(d -> d.clusterCreatedAt() == clusterCreatedAt);
    }

    /** The cluster's updates (of one node group, or of the control plane when {@code nodegroup} is null), oldest first. */
    public List<UpdateDoc> updates(String scope, String cluster, String nodegroup, long clusterCreatedAt) {
        List<UpdateDoc> out = new ArrayList<>();
        for (UpdateDoc d : store.read(v -> v.list(UPDATE_KIND, scope, UpdateDoc.class))) {
            if (d.cluster().equals(cluster) && d.clusterCreatedAt() == clusterCreatedAt
                    && java.util.Objects.equals(d.nodegroup(), nodegroup)) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingLong(UpdateDoc::createdAt).thenComparing(UpdateDoc::id));
        return out;
    }

    // ---- client request tokens --------------------------------------------------------------------------------

    /** What an earlier create with this token made, if any. */
    public Optional<String> madeWith(String scope, String token) {
        return store.read(v -> v.get(TOKEN_KIND, scope, token, TokenDoc.class)).map(TokenDoc::made);
    }

    public void rememberToken(String scope, String token, String made) {
        store.write(tx -> {
            tx.put(TOKEN_KIND, scope, token, new TokenDoc(token, made));
            return null;
        });
    }

    public int clear() {
        return store.clear(KINDS::contains);
    }
}
