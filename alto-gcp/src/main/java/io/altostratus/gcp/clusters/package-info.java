/**
 * The {@code gcp} provider's managed Kubernetes: {@link io.altostratus.gcp.clusters.GkeClusters}, the core's
 * {@link io.altostratus.core.clusters.Clusters} on Google Kubernetes Engine through Google's
 * {@code ClusterManagerClient} over HTTP/JSON, and {@link io.altostratus.gcp.clusters.GkeTokens}, the access tokens
 * the kubeconfigs' exec plugin ({@code alto kube-token --provider gcp}) prints. Both are opened with
 * {@code GcpProviderFactory.service(type, context)}.
 */
package io.altostratus.gcp.clusters;
