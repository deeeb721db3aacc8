package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto kube-token --provider aws|gcp|azure --cluster NAME [--region R]}: the credential plugin the kubeconfigs of
 * {@code alto clusters kubeconfig} name. Prints a client-go ExecCredential (always JSON, whatever {@code -o} says:
 * kubectl reads it) with the provider's token: on aws EKS's {@code k8s-aws-v1.} presigned STS URL, on gcp the
 * session's OAuth access token, on azure an Entra ID token for AKS's server application.
 */
@Command(name = "kube-token", description = "Print a Kubernetes ExecCredential for a cluster (the credential plugin "
        + "in alto's kubeconfigs; aws: an EKS token, valid 15 minutes; gcp: the access token; azure: an Entra ID token for AKS).")
public final class KubeTokenCommand extends Verb {
    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "Cluster name.")
    String cluster;

    @Override
    public Integer call() {
        ClusterRules.checkClusterName(cluster);
        String name = main().providerName();
        ProviderContext context = main().providerContext(name, main().regionName(name));
        try (KubeTokens tokens = main().factory(name).service(KubeTokens.class, context)
                .orElseThrow(() -> new AltoException(ErrorCode.UNSUPPORTED, "NoKubeTokens", "provider '" + name
                        + "' has no kube-token plugin (its kubeconfigs do not need one)"))) {
            out().print(tokens.token(cluster).execCredentialJson());
            out().flush();
        }
        return ExitCode.OK.code();
    }
}
