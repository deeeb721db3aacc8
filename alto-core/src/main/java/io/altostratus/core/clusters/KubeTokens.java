package io.altostratus.core.clusters;

import io.altostratus.core.spi.ProviderService;

/**
 * The credential plugin behind the kubeconfigs a provider's {@link Clusters#kubeconfig} writes
 * ({@code alto kube-token --provider P --cluster NAME}), opened with {@code factory.service(KubeTokens.class, ctx)};
 * providers whose kubeconfigs carry their own credentials do not offer it.
 */
public interface KubeTokens extends ProviderService {
    /** A fresh token for the cluster. */
    KubeToken token(String cluster);
}
