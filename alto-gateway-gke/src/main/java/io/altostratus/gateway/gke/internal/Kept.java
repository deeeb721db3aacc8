package io.altostratus.gateway.gke.internal;

import io.altostratus.store.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What GKE has and the portable model does not, in the gateway's store under the project: where each cluster was made
 * (a zone or a region) and its first version, and the operations.
 */
public final class Kept {
    public static final String CLUSTER_KIND = "gke-cluster";
    public static final String OPERATION_KIND = "gke-operation";
    public static final Set<String> KINDS = Set.of(CLUSTER_KIND, OPERATION_KIND);

    /** A cluster's GKE facts, by region and name; {@code createdAt} tells a remade cluster of the same name apart. */
    public record ClusterDoc(String region, String name, String location, String initialVersion, long createdAt) {
    }

    /**
     * One operation. {@code updateId} is the backend's {@code ClusterUpdate} for upgrades and resizes; {@code error}
     * is set when it finished badly; {@code endTime} is 0 until it is done.
     */
    public record OperationDoc(String name, String project, String location, String type, String cluster,
                               String pool, String updateId, String status, String error, long startTime,
                               long endTime) {
        public boolean done() {
            return "DONE".equals(status);
        }

        public OperationDoc finish(String why, long now) {
            return new OperationDoc(name, project, location, type, cluster, pool, updateId, "DONE", why,
                    startTime, now);
        }
    }

    private final StateStore store;

    public Kept(StateStore store) {
        this.store = store;
    }

    public Optional<ClusterDoc> cluster(String project, String region, String name) {
        return store.read(v -> v.get(CLUSTER_KIND, project, region + "/" + name, ClusterDoc.class));
    }

    public void putCluster(String project, ClusterDoc doc) {
        store.write(tx -> {
            tx.put(CLUSTER_KIND, project, doc.region() + "/" + doc.name(), doc);
            return null;
        });
    }

    public void forgetCluster(String project, String region, String name) {
        store.write(tx -> {
            tx.delete(CLUSTER_KIND, project, region + "/" + name);
            return null;
        });
    }

    public Optional<OperationDoc> operation(String project, String name) {
        return store.read(v -> v.get(OPERATION_KIND, project, name, OperationDoc.class));
    }

    public List<OperationDoc> operations(String project) {
        return store.read(v -> v.list(OPERATION_KIND, project, OperationDoc.class));
    }

    public void putOperation(OperationDoc doc) {
        store.write(tx -> {
            tx.put(OPERATION_KIND, doc.project(), doc.name(), doc);
            return null;
        });
    }

    public int clear() {
        return store.clear(KINDS::contains);
    }
}
