package io.altostratus.core.clusters;

import java.time.LocalDate;

/**
 * A Kubernetes minor version a provider can run.
 *
 * @param version               {@code major.minor}, e.g. {@code 1.31}
 * @param isDefault             whether a cluster created without a version gets this one
 * @param endOfStandardSupport  the last day of the provider's standard support, or null when unknown
 */
public record KubernetesVersion(String version, boolean isDefault, LocalDate endOfStandardSupport) {
    public KubernetesVersion {
        ClusterRules.checkVersion(version);
    }
}
