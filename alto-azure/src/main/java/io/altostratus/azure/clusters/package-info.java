/**
 * The {@code azure} provider's managed Kubernetes: {@link io.altostratus.azure.clusters.AksClusters}, the core's
 * {@link io.altostratus.core.clusters.Clusters} on Azure Kubernetes Service through the Azure SDK's container service
 * resource manager (managed clusters, agent pools, their long-running operations and user credentials), and
 * {@link io.altostratus.azure.clusters.AksTokens}, the Entra ID tokens the kubeconfigs' exec plugin
 * ({@code alto kube-token --provider azure}) prints for clusters that sign in with Entra ID. Both are opened with
 * {@code AzureProviderFactory.service(type, context)}.
 */
package io.altostratus.azure.clusters;
