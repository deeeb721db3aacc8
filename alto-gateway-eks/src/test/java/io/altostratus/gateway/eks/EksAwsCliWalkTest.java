package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (a child process with its own HOME and static keys) and boto3 drive the EKS front over the local cloud
 * on an in-process gateway, with short transitions; skipped where {@code aws} or boto3 is not installed. The walk
 * prints its wall time and the number of HTTP calls the front answered.
 */
class EksAwsCliWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private StateStore store;
    private EksFront front;
    private Gateway gateway;
    private final AtomicInteger calls = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong serverNanos = new java.util.concurrent.atomic.AtomicLong();
    private int processes;

    @BeforeEach
    void start() {
        store = StateStores.inMemory();
        front = EksFront.builder(LocalProviderFactory.withStore(store, Catalogs.aws()))
                .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("cluster_transition_ms", "300"), null))
                .stateStore(store).build();
        HttpHandler counted = exchange -> {
            calls.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                front.handler().handle(exchange);
            } finally {
                serverNanos.addAndGet(System.nanoTime() - t0);
            }
        };
        Gateway.Builder builder = Gateway.builder().port(0).stateStore(store).authMode(AuthMode.STRICT)
                .dispatcher(call -> {
                    throw new IllegalStateException("no EC2 calls here");
                });
        front.pathPrefixes().forEach(prefix -> builder.mount(prefix, counted));
        gateway = builder.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        front.close();
        store.close();
    }

    @Test
    void theAwsCliWalk() throws Exception {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not installed");
        long started = System.nanoTime();
        JsonNode made = aws("eks", "create-cluster", "--name", "walk", "--kubernetes-version", "1.31",
                "--role-arn", "arn:aws:iam::000000000000:role/eks", "--resources-vpc-config",
                "endpointPublicAccess=true");
        // The walk runs on the real clock with 300 ms transitions, so a slow first call may already see one pass;
        // the exact states on a manual clock are EksSdkRoundTripTest's.
        assertThat(made.at("/cluster/status").asText()).isIn("CREATING", "ACTIVE");
        assertThat(made.at("/cluster/arn").asText()).isEqualTo("arn:aws:eks:us-east-1:000000000000:cluster/walk");
        aws("eks", "wait", "cluster-active", "--name", "walk");
        JsonNode cluster = aws("eks", "describe-cluster", "--name", "walk");
        assertThat(cluster.at("/cluster/status").asText()).isEqualTo("ACTIVE");
        assertThat(cluster.at("/cluster/certificateAuthority/data").asText()).isNotBlank();

        JsonNode ng = aws("eks", "create-nodegroup", "--cluster-name", "walk", "--nodegroup-name", "ng1",
                "--node-role", "arn:aws:iam::000000000000:role/node", "--subnets", "subnet-0a",
                "--scaling-config", "minSize=1,maxSize=2,desiredSize=1", "--instance-types", "t3.medium");
        assertThat(ng.at("/nodegroup/status").asText()).isIn("CREATING", "ACTIVE");
        assertThat(ng.at("/nodegroup/nodeRole").asText()).isEqualTo("arn:aws:iam::000000000000:role/node");
        aws("eks", "wait", "nodegroup-active", "--cluster-name", "walk", "--nodegroup-name", "ng1");

        JsonNode update = aws("eks", "update-cluster-version", "--name", "walk", "--kubernetes-version", "1.32");
        String id = update.at("/update/id").asText();
        assertThat(update.at("/update/type").asText()).isEqualTo("VersionUpdate");
        String status = update.at("/update/status").asText();
        for (int i = 0; i < 50 && !status.equals("Successful"); i++) {
            Thread.sleep(100);
            status = aws("eks", "describe-update", "--name", "walk", "--update-id", id).at("/update/status").asText();
        }
        assertThat(status).isEqualTo("Successful");
        assertThat(aws("eks", "describe-cluster", "--name", "walk").at("/cluster/version").asText())
                .isEqualTo("1.32");

        aws("eks", "delete-nodegroup", "--cluster-name", "walk", "--nodegroup-name", "ng1");
        aws("eks", "wait", "nodegroup-deleted", "--cluster-name", "walk", "--nodegroup-name", "ng1");
        // The upgrade's success is the control plane's return to ACTIVE, so the cluster can go at once.
        JsonNode deleting = aws("eks", "delete-cluster", "--name", "walk");
        assertThat(deleting.at("/cluster/status").asText()).isEqualTo("DELETING");
        aws("eks", "wait", "cluster-deleted", "--name", "walk");
        assertThat(aws("eks", "list-clusters").at("/clusters").size()).isZero();
        System.out.printf("EKS AWS CLI walk: %d ms wall, %d aws processes, %d calls answered by the EKS front in "
                        + "%d ms of its own time%n", (System.nanoTime() - started) / 1_000_000, processes, calls.get(),
                serverNanos.get() / 1_000_000);
    }

    @Test
    void boto3Calls() throws Exception {
        assumeTrue(onPath("python3") && run(List.of("python3", "-c", "import boto3")).exit() == 0,
                "python3 with boto3 is not installed");
        String script = """
                import json, sys, boto3
                eks = boto3.client("eks", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test")
                made = eks.create_cluster(name="py", roleArn="arn:aws:iam::000000000000:role/eks",
                                          resourcesVpcConfig={"endpointPublicAccess": True}, tags={"k": "v"})
                out = {
                    "created": made["cluster"]["status"],
                    "createdAt": type(made["cluster"]["createdAt"]).__name__,
                    "list": eks.list_clusters()["clusters"],
                    "tags": eks.list_tags_for_resource(resourceArn=made["cluster"]["arn"])["tags"],
                    "versions": [v["clusterVersion"] for v in eks.describe_cluster_versions()["clusterVersions"]],
                }
                try:
                    eks.describe_cluster(name="absent")
                except eks.exceptions.ResourceNotFoundException as e:
                    out["missing"] = e.response["Error"]["Code"]
                print(json.dumps(out))
                """;
        Path file = home.resolve("walk.py");
        Files.writeString(file, script);
        Result r = run(List.of("python3", file.toString(), gateway.endpoint().toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.get("created").asText()).isEqualTo("CREATING");
        assertThat(out.get("createdAt").asText()).isEqualTo("datetime");
        assertThat(out.get("list").toString()).contains("\"py\"");
        assertThat(out.at("/tags/k").asText()).isEqualTo("v");
        assertThat(out.get("versions").size()).isGreaterThan(1);
        assertThat(out.get("missing").asText()).isEqualTo("ResourceNotFoundException");
    }

    private JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", gateway.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        processes++;
        Result r = run(command);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
