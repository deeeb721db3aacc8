package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.spi.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto clusters} against the real local cloud, in-process, in a temporary state directory, with changes that
 * settle at once unless a test says otherwise (waits then advance the manual clock).
 */
class ClustersCliTest {
    @TempDir
    Path dir;

    CliRun cli;
    String state;

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
        cli = new CliRun(dir);
        cli.env.put("ALTO_LOCAL_CLUSTER_TRANSITION_MS", "0");
        cli.env.put("ALTO_LOCAL_TRANSITION_MS", "0");
        state = dir.resolve("state").toString();
    }

    private CliRun.Result alto(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state));
        return cli.run(all.toArray(String[]::new));
    }

    private CliRun.Result ok(String... args) {
        CliRun.Result r = alto(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private static String next(String version) {
        int dot = version.indexOf('.');
        return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
    }

    @Test
    void wholeWalkCreateScaleUpgradeAndDelete() {
        JsonNode versions = ok("clusters", "versions", "-o", "json").json();
        assertThat(versions.size()).isGreaterThan(1);
        int defaults = 0;
        for (JsonNode v : versions) {
            defaults += v.get("isDefault").asBoolean() ? 1 : 0;
        }
        assertThat(defaults).isEqualTo(1);
        String oldest = versions.get(0).get("version").asText();

        JsonNode made = ok("clusters", "create", "c1", "--version", oldest, "--nodepool",
                "name=a,type=t3.medium,count=2", "--tag", "team=x", "--wait", "-o", "json").json();
        assertThat(made.get("name").asText()).isEqualTo("c1");
        assertThat(made.get("state").asText()).isEqualTo("active");
        assertThat(made.get("version").asText()).isEqualTo(oldest);
        assertThat(made.get("tags").get("team").asText()).isEqualTo("x");

        JsonNode listed = ok("clusters", "ls", "-o", "json").json();
        assertThat(listed).extracting(n -> n.get("name").asText()).containsExactly("c1");
        String table = ok("clusters").out();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("VERSION", "STATE");
        assertThat(table).contains("c1");

        JsonNode added = ok("clusters", "nodepools", "add", "c1", "b", "--type", "t3.small", "--count", "1",
                "--label", "role=web", "--taint", "dedicated=web:NoSchedule", "--wait", "-o", "json").json();
        assertThat(added.get("state").asText()).isEqualTo("active");
        assertThat(added.get("labels").get("role").asText()).isEqualTo("web");
        assertThat(added.get("taints").get(0).asText()).isEqualTo("dedicated=web:NoSchedule");

        JsonNode scaled = ok("clusters", "nodepools", "scale", "c1", "b", "--count", "3", "--wait", "-o", "json")
                .json();
        assertThat(scaled.get("status").asText()).isEqualTo("Successful");
        assertThat(scaled.get("nodePool").asText()).isEqualTo("b");
        JsonNode pools = ok("clusters", "nodepools", "ls", "c1", "-o", "json").json();
        assertThat(pools).extracting(n -> n.get("name").asText()).containsExactly("a", "b");
        assertThat(pools.get(1).get("desired").asInt()).isEqualTo(3);
        assertThat(pools.get(1).get("max").asInt()).as("max widened to fit the count").isEqualTo(3);

        // The nodes are local instances, so plain `alto ls` shows them, tagged with their cluster.
        JsonNode instances = ok("ls", "-o", "json").json();
        assertThat(instances).hasSize(5);
        assertThat(instances).allSatisfy(i -> assertThat(i.get("tags").get("alto:cluster").asText()).isEqualTo("c1"));

        JsonNode upgraded = ok("clusters", "upgrade", "c1", next(oldest), "--wait", "-o", "json").json();
        assertThat(upgraded.get("type").asText()).isEqualTo("VersionUpdate");
        assertThat(upgraded.get("status").asText()).isEqualTo("Successful");
        assertThat(ok("clusters", "show", "c1", "-o", "json").json().get("version").asText()).isEqualTo(next(oldest));

        CliRun.Result refused = alto("clusters", "rm", "c1");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(refused.errLines()).singleElement().asString().startsWith("alto: error: ").contains("a", "b");

        ok("clusters", "nodepools", "rm", "c1", "a", "--wait");
        CliRun.Result poolGone = ok("clusters", "nodepools", "rm", "c1", "b", "--wait", "-o", "json");
        assertThat(poolGone.json().get("state").asText()).isEqualTo("deleting");
        assertThat(poolGone.err()).contains("deleted node pool b of cluster c1");
        CliRun.Result gone = ok("clusters", "rm", "c1", "--wait", "-o", "json");
        assertThat(gone.json().get("state").asText()).isEqualTo("deleting");
        assertThat(gone.err()).contains("deleted cluster c1");

        CliRun.Result missing = alto("clusters", "show", "c1");
        assertThat(missing.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(missing.errLines()).singleElement().asString().contains("c1");
        assertThat(ok("clusters", "ls", "-o", "json").json()).isEmpty();
        assertThat(ok("ls", "-o", "json").json()).as("pool deletion took the nodes")
                .allSatisfy(i -> assertThat(i.get("state").asText()).isEqualTo("terminated"));
    }

    @Test
    void waitsThatTakeTimeReportEachStateChangeOnStderr() {
        cli.env.put("ALTO_LOCAL_CLUSTER_TRANSITION_MS", "20000");

        CliRun.Result made = ok("clusters", "create", "slow", "--wait", "-o", "json");

        assertThat(made.json().get("state").asText()).isEqualTo("active");
        assertThat(made.err()).contains("cluster slow creating", "cluster slow active");
        assertThat(made.out()).doesNotContain("creating");

        ok("clusters", "rm", "slow");
        CliRun.Result waited = ok("clusters", "wait", "slow", "--state", "deleted");
        assertThat(waited.out()).isEmpty();
        assertThat(waited.err()).contains("cluster slow is deleted");
    }

    @Test
    void waitThatRunsOutOfTimeExitsFour() {
        cli.env.put("ALTO_LOCAL_CLUSTER_TRANSITION_MS", "600000");
        ok("clusters", "create", "late");

        CliRun.Result timedOut = alto("clusters", "wait", "late", "--timeout", "60");

        assertThat(timedOut.exit()).as(timedOut.toString()).isEqualTo(ExitCode.TIMEOUT.code());
    }

    @Test
    void kubeconfigWrittenToAFileIsPrivateAndKubectlReadsIt() throws Exception {
        JsonNode made = ok("clusters", "create", "kc", "--wait", "-o", "json").json();
        Path file = dir.resolve("kube/config");

        CliRun.Result wrote = ok("clusters", "kubeconfig", "kc", "--out", file.toString());

        assertThat(wrote.out()).isEmpty();
        assertThat(wrote.err()).contains(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String printed = ok("clusters", "kubeconfig", "kc").out();
        assertThat(printed).isEqualTo(Files.readString(file)).contains("kind: Config", made.get("endpoint").asText());

        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not on the PATH; the read-back is skipped");
        Process p = new ProcessBuilder(kubectl.toString(), "config", "view", "--kubeconfig", file.toString(),
                "--raw", "-o", "json").redirectErrorStream(false).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(errors).isZero();
        JsonNode view = new ObjectMapper().readTree(json);
        assertThat(view.get("clusters").get(0).get("cluster").get("server").asText())
                .isEqualTo(made.get("endpoint").asText());
        assertThat(view.get("current-context").asText()).isNotEmpty();
        assertThat(view.get("clusters").get(0).get("cluster").get("certificate-authority-data").asText())
                .isNotEmpty();
    }

    @Test
    void errorsAreOneLineWithTheirExitCodes() {
        CliRun.Result badName = alto("clusters", "create", "-bad");
        assertThat(badName.exit()).isEqualTo(ExitCode.USAGE.code());

        CliRun.Result badPool = alto("clusters", "create", "c", "--nodepool", "name=a,count=x");
        assertThat(badPool.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(badPool.errLines()).singleElement().asString().contains("count");

        CliRun.Result badTaint = alto("clusters", "nodepools", "add", "c", "p", "--taint", "nokey");
        assertThat(badTaint.exit()).isEqualTo(ExitCode.USAGE.code());

        CliRun.Result noCluster = alto("clusters", "nodepools", "ls", "none");
        assertThat(noCluster.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(noCluster.errLines()).hasSize(1);

        CliRun.Result badWait = alto("clusters", "wait", "x", "--state", "creating");
        assertThat(badWait.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void providerWithoutClustersIsUnsupported() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("minimal")), "no minimal provider");

        CliRun.Result r = alto("clusters", "ls", "--provider", "minimal");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.UNSUPPORTED.code());
        assertThat(r.errLines()).singleElement().asString().contains("minimal");
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
