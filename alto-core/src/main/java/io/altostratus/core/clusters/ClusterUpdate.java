package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change to a cluster or a node pool, followed by its id (EKS's Update; GKE's and AKS's operations map onto it).
 *
 * @param id        the provider's id of the change
 * @param cluster   the cluster changed
 * @param nodePool  the node pool changed, or null for the control plane
 * @param type      what it changes
 * @param status    where it is
 * @param params    what it sets, with EKS's parameter names ({@code Version}, {@code DesiredSize}, {@code MinSize},
 *                  {@code MaxSize})
 * @param errors    why it failed, empty unless it did
 * @param createdAt when it was asked for
 */
public record ClusterUpdate(String id, String cluster, String nodePool, UpdateType type, UpdateStatus status,
                            Map<String, String> params, List<String> errors, Instant createdAt) {
    public static final String VERSION = "Version";
    public static final String DESIRED_SIZE = "DesiredSize";
    public static final String MIN_SIZE = "MinSize";
    public static final String MAX_SIZE = "MaxSize";

    public ClusterUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        params = Tags.copy(params);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
