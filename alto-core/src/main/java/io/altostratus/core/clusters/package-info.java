/**
 * Managed Kubernetes clusters, portably: {@link io.altostratus.core.clusters.Clusters} is a
 * {@link io.altostratus.core.spi.ProviderService} a provider hands out from
 * {@code ProviderFactory.service(Clusters.class, context)}. Clusters and their node pools are named (names are the
 * identity on every managed Kubernetes service), carry a portable state beside the cloud's raw status, and change
 * through calls that return at once; waiting is {@link io.altostratus.core.clusters.Clusters#waitFor} on the core's
 * {@link io.altostratus.core.wait.Waiter}. {@link io.altostratus.core.clusters.ClusterRules} holds the checks every
 * backend shares (names, versions, counts, one minor version per upgrade).
 */
package io.altostratus.core.clusters;
