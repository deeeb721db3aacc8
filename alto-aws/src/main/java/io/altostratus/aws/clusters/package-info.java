/**
 * The {@code aws} provider's managed Kubernetes: {@link io.altostratus.aws.clusters.EksClusters}, the core's
 * {@link io.altostratus.core.clusters.Clusters} on Amazon EKS through the AWS SDK's EKS client, and
 * {@link io.altostratus.aws.clusters.EksTokens}, the {@code k8s-aws-v1.} bearer tokens the kubeconfigs' exec plugin
 * ({@code alto kube-token}) prints. Both are opened with {@code AwsProviderFactory.service(type, context)}.
 */
package io.altostratus.aws.clusters;
