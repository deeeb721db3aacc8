package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.catalog.Catalogs;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.testkit.peers.Terraform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Terraform's aws provider (5.100.0, from the machine's offline mirror) applies an EKS cluster and a node group
 * against the front over the local cloud, plans no changes afterwards, and destroys both; skipped without terraform or
 * the mirror ({@code /opt/tf-plugins}, or {@code ALTO_TF_MIRROR}). It runs only when {@code ALTO_EKS_TERRAFORM=1}:
 * on these two-core machines it takes over three minutes, nearly all of it the provider's own start-up and waits
 * (the requests themselves take milliseconds), which is more than this module's test budget.
 */
class EksTerraformTest {
    @TempDir
    Path work;

    @Test
    void applyPlanDestroy() throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("ALTO_EKS_TERRAFORM")),
                "the Terraform walk runs with ALTO_EKS_TERRAFORM=1 (it takes minutes)");
        Terraform terraform = Terraform.in(work, 5);
        try (EksEndpoint endpoint = new EksEndpoint(0); EksClient eks = endpoint.client()) {
            List<String> subnets = defaultSubnets(endpoint);
            Path dir = terraform.stack(EksTerraformTest.class, "eks");
            String vars = "endpoint=" + endpoint.endpoint();
            String subnetVar = "subnets=[" + String.join(",", subnets.stream().map(s -> "\"" + s + "\"").toList())
                    + "]";
            long start = System.nanoTime();
            ok(terraform.run(dir, "init", "-input=false", "-no-color"));
            ok(terraform.run(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", vars, "-var",
                    subnetVar));
            var ng = eks.describeNodegroup(b -> b.clusterName("tf-cluster").nodegroupName("workers")).nodegroup();
            assertThat(ng.labels()).containsEntry("tier", "web");
            assertThat(ng.nodeRole()).isEqualTo("arn:aws:iam::000000000000:role/eks-node");
            assertThat(eks.describeCluster(b -> b.name("tf-cluster")).cluster().tags()).containsEntry("stack", "eks");
            Terraform.Result plan = terraform.run(dir, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", vars,
                    "-var", subnetVar);
            assertThat(plan.exitCode()).as(plan.output()).isZero();
            ok(terraform.run(dir, "destroy", "-auto-approve", "-input=false", "-no-color", "-var", vars, "-var",
                    subnetVar));
            assertThat(eks.listClusters(b -> { }).clusters()).isEmpty();
            System.out.printf("EKS terraform init+apply+plan+destroy: %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** The local cloud's default subnets in the account and region the stack uses (the backend checks them). */
    private static List<String> defaultSubnets(EksEndpoint endpoint) {
        try (ComputeProvider local = LocalProviderFactory.withStore(endpoint.store, Catalogs.aws())
                .open(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(),
                        endpoint.clock))) {
            List<String> ids = local.extension(Networks.class).orElseThrow().subnets().stream().map(Subnet::id)
                    .limit(2).toList();
            assertThat(ids).isNotEmpty();
            return ids;
        }
    }

    private static void ok(Terraform.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
