package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.catalog.Catalogs;
import io.altostratus.local.LocalProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private static final Path MIRROR = Path.of(System.getenv().getOrDefault("ALTO_TF_MIRROR", "/opt/tf-plugins"));
    private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";

    @TempDir
    Path work;

    @Test
    void applyPlanDestroy() throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("ALTO_EKS_TERRAFORM")),
                "the Terraform walk runs with ALTO_EKS_TERRAFORM=1 (it takes minutes)");
        Assumptions.assumeTrue(terraformOnPath(), "terraform is not on the PATH");
        Assumptions.assumeTrue(Files.isDirectory(MIRROR.resolve(PROVIDER)), "no offline mirror of " + PROVIDER
                + " at " + MIRROR);
        try (EksEndpoint endpoint = new EksEndpoint(0); EksClient eks = endpoint.client()) {
            List<String> subnets = defaultSubnets(endpoint);
            Path dir = Files.createDirectories(work.resolve("eks"));
            try (InputStream in = EksTerraformTest.class.getResourceAsStream("/terraform/eks/main.tf")) {
                Files.write(dir.resolve("main.tf"), in.readAllBytes());
            }
            String vars = "endpoint=" + endpoint.endpoint();
            String subnetVar = "subnets=[" + String.join(",", subnets.stream().map(s -> "\"" + s + "\"").toList())
                    + "]";
            long start = System.nanoTime();
            ok(terraform(dir, "init", "-input=false", "-no-color"));
            ok(terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color", "-var", vars, "-var",
                    subnetVar));
            var ng = eks.describeNodegroup(b -> b.clusterName("tf-cluster").nodegroupName("workers")).nodegroup();
            assertThat(ng.labels()).containsEntry("tier", "web");
            assertThat(ng.nodeRole()).isEqualTo("arn:aws:iam::000000000000:role/eks-node");
            assertThat(eks.describeCluster(b -> b.name("tf-cluster")).cluster().tags()).containsEntry("stack", "eks");
            Result plan = terraform(dir, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", vars,
                    "-var", subnetVar);
            assertThat(plan.exit()).as(plan.output()).isZero();
            ok(terraform(dir, "destroy", "-auto-approve", "-input=false", "-no-color", "-var", vars, "-var",
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

    private record Result(int exit, String output) {
    }

    private static void ok(Result r) {
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private Result terraform(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TF_CLI_CONFIG_FILE", cliConfig().toString());
        env.put("TF_DATA_DIR", dir.resolve(".terraform").toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        for (String variable : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "AWS_PROFILE")) {
            env.remove(variable);
        }
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("NO_PROXY", "127.0.0.1,localhost");
        Path log = dir.resolve("terraform-" + args[0] + ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("terraform " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private Path cliConfig() throws IOException {
        Path file = work.resolve("terraformrc");
        if (!Files.exists(file)) {
            Files.writeString(file, """
                    provider_installation {
                      filesystem_mirror {
                        path    = "%s"
                        include = ["%s"]
                      }
                      direct {
                        exclude = ["%s"]
                      }
                    }
                    """.formatted(MIRROR, PROVIDER, PROVIDER));
        }
        return file;
    }

    private static boolean terraformOnPath() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
