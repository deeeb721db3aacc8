package io.altostratus.aws.clusters;

import io.altostratus.core.spi.ProviderContext;
import java.util.Arrays;
import java.util.List;

/**
 * What the EKS side of the {@code aws} provider reads from {@code [aws]}, beside the session's settings. EKS needs
 * IAM roles and subnets that alto does not make; a cluster spec may name them, and these are the defaults.
 *
 * @param clusterRoleArn   the control plane's role ({@code eks_cluster_role_arn})
 * @param nodeRoleArn      the node groups' role ({@code eks_node_role_arn})
 * @param subnetIds        subnets for clusters whose spec names none ({@code eks_subnet_ids}, comma-separated)
 * @param securityGroupIds extra control plane security groups ({@code eks_security_group_ids}, comma-separated)
 * @param kubeTokenCommand the program a kubeconfig runs for tokens ({@code kube_token_command}, default
 *                         {@code alto}): a full path when {@code alto} is not on kubectl's PATH
 * @param nodeIds          find node pools' instances through EC2 ({@code eks_node_ids}, default true)
 */
record EksSettings(String clusterRoleArn, String nodeRoleArn, List<String> subnetIds, List<String> securityGroupIds,
                   String kubeTokenCommand, boolean nodeIds) {
    /** The keys of {@link io.altostratus.core.clusters.ClusterSpec#roles()} this provider reads. */
    static final String CLUSTER_ROLE = "clusterRoleArn";
    static final String NODE_ROLE = "nodeRoleArn";

    EksSettings {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    static EksSettings from(ProviderContext context) {
        return new EksSettings(blankToNull(context.setting("eks_cluster_role_arn", null)),
                blankToNull(context.setting("eks_node_role_arn", null)),
                list(context.setting("eks_subnet_ids", null)),
                list(context.setting("eks_security_group_ids", null)),
                context.setting("kube_token_command", "alto").strip(),
                !"false".equalsIgnoreCase(context.setting("eks_node_ids", "true").strip()));
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
