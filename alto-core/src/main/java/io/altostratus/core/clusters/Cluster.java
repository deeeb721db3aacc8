package io.altostratus.core.clusters;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster as the provider reports it.
 *
 * @param name                  its name
 * @param id                    the provider's id (EKS's ARN, GKE's self link, AKS's resource id)
 * @param region                its region or location
 * @param version               the control plane's Kubernetes minor version (the old one while an upgrade runs)
 * @param state                 portable state
 * @param rawStatus             the cloud's own word when it differs from the portable one, else null
 * @param endpoint              the API server's URL, or null until the cloud has one
 * @param certificateAuthority  the API server's CA certificate, PEM then base64 as in a kubeconfig, or null
 * @param createdAt             when it was made
 * @param platformVersion       the cloud's platform revision (EKS's {@code eks.12}), or null
 * @param tags                  its tags
 * @param details               further facts only this cloud has, as strings
 */
public record Cluster(String name, String id, String region, String version, ClusterState state, String rawStatus,
                      String endpoint, String certificateAuthority, Instant createdAt, String platformVersion,
                      Map<String, String> tags, Map<String, String> details) {
    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
        details = Tags.copy(details);
    }

    /** The raw status when there is one, else the portable state's name in lower case. */
    public String stateName() {
        return rawStatus != null ? rawStatus : state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
