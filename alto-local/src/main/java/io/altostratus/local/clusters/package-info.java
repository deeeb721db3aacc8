/**
 * The local cloud's managed Kubernetes: {@link io.altostratus.local.clusters.LocalClusters}, the
 * {@link io.altostratus.core.clusters.Clusters} service {@code LocalProviderFactory} hands out. Clusters, node pools
 * and updates are documents of their own kinds in the local cloud's store ({@code local.eks-cluster},
 * {@code local.eks-nodegroup}, {@code local.eks-update}); nodes are ordinary local instances. The Kubernetes versions
 * on offer are {@code versions.tsv} beside these classes.
 */
package io.altostratus.local.clusters;
