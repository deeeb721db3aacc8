package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user walk with {@code --provider proxmox} against what {@code alto serve --api pve} runs (the Proxmox
 * VE front over a fresh local cloud, strict API tokens), in this process: import a cloud image by URL, launch from
 * {@code ubuntu:24.04} (which now names the imported template), wait, show the guest agent's IPv4 address, stop,
 * start, snapshot, rm --wait.
 */
class ProxmoxProviderCliTest {
    private static final String NOBLE = "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img";

    @TempDir
    Path home;

    private CliRun alto;
    private GatewayServer serve;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        alto = new CliRun(home);
        serve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.STRICT, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.PVE)));
        Path keys = Files.createDirectories(home.resolve("keys"));
        Files.writeString(keys.resolve("lab.pub"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHg8wzqFMHlxQaK1mE4yqg2tL0v1S4c3Z0bM3qXnYx7A lab@walk\n");
        config = home.resolve("alto.toml");
        Files.writeString(config, "[proxmox]\ntoken = \"" + GatewayServer.DEFAULT_PVE_TOKEN + "\"\nkeys_dir = \""
                + keys + "\"\nshutdown_timeout_s = 30\n");
    }

    @AfterEach
    void tearDown() {
        serve.close();
    }

    private CliRun.Result proxmox(String... args) {
        return alto.against("proxmox", "http://127.0.0.1:" + serve.port(), config).run(args);
    }

    private CliRun.Result ok(String... args) {
        return alto.against("proxmox", "http://127.0.0.1:" + serve.port(), config).ok(args);
    }

    private void agentAnswers(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ok("-o", "json", "show", id).json().path("privateIp").isTextual()) {
            assertThat(System.nanoTime()).as("the guest agent of " + id + " answers within a minute").isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void importLaunchWaitShowStopStartSnapshotAndRemove() {
        JsonNode imported = ok("-o", "json", "images", "import", NOBLE, "--name", "noble-lab").json();
        String template = imported.get("id").asText();
        assertThat(imported.get("name").asText()).isEqualTo("noble-lab");
        assertThat(imported.get("distro").asText()).as("read from the URL's codename").isEqualTo("ubuntu");
        assertThat(imported.get("release").asText()).isEqualTo("24.04");

        JsonNode launched = ok("-o", "json", "launch", "--image", "ubuntu:24.04", "--type", "small", "--key", "lab",
                "--name", "walk-1", "--disk", "8").json();
        assertThat(launched).hasSize(1);
        String id = launched.get(0).get("id").asText();
        assertThat(id).matches("[^/]+/\\d+");
        assertThat(launched.get(0).get("imageId").asText()).as("the newest template answering the alias")
                .isEqualTo(template);
        assertThat(launched.get(0).get("instanceType").asText()).isEqualTo("small");

        ok("wait", id, "--state", "running");
        // The CLI waits on a manual clock here while the endpoint's guest agent answers after a real boot delay, so
        // the walk first lets real time pass until the agent answers; `wait --state has-ip` then holds at once.
        agentAnswers(id);
        ok("wait", id, "--state", "has-ip");
        JsonNode shown = ok("-o", "json", "show", id).json();
        assertThat(shown.get("state").asText()).isEqualTo("running");
        assertThat(shown.get("privateIp").asText()).as("the guest agent's IPv4, not its link-local IPv6")
                .matches("\\d+\\.\\d+\\.\\d+\\.\\d+").doesNotStartWith("169.254.");
        List<String> disks = new ArrayList<>();
        shown.get("blockDevices").forEach(d -> disks.add(d.get("deviceName").asText() + "=" + d.get("volumeId").asText()));
        assertThat(disks).as("the extra disk, allocated by the cluster").anyMatch(d -> d.matches(
                "scsi1=local-lvm:vm-\\d+-disk-\\d+"));
        CliRun.Result table = ok("show", id);
        assertThat(table.out()).contains(shown.get("privateIp").asText());

        ok("stop", id);
        ok("wait", id, "--state", "stopped");
        ok("start", id);
        ok("wait", id, "--state", "running");

        JsonNode snapshot = ok("-o", "json", "snapshot", id, "--name", "walk-1-snap").json();
        String snapshotId = snapshot.get("id").asText();
        assertThat(snapshotId).isNotEqualTo(template);
        JsonNode images = ok("-o", "json", "images").json();
        List<String> imageIds = new ArrayList<>();
        images.forEach(i -> imageIds.add(i.get("id").asText()));
        assertThat(imageIds).contains(template, snapshotId);

        // A snapshot of the whole machine, reverted to: the machine is stopped afterwards and starts again.
        JsonNode vmSnap = ok("-o", "json", "snapshots", "take", id, "--description", "before upgrade").json();
        String vmSnapId = vmSnap.get("id").asText();
        assertThat(vmSnap.get("instanceId").asText()).isEqualTo(id);
        List<String> snapIds = new ArrayList<>();
        ok("-o", "json", "snapshots").json().forEach(sn -> snapIds.add(sn.get("id").asText()));
        assertThat(snapIds).contains(vmSnapId);
        ok("snapshots", "revert", vmSnapId);
        ok("wait", id, "--state", "stopped");
        ok("start", id);
        ok("wait", id, "--state", "running");
        ok("snapshots", "rm", vmSnapId);

        ok("rm", "--wait", id);
        JsonNode listed = ok("-o", "json", "ls").json();
        listed.forEach(i -> {
            if (i.get("id").asText().equals(id)) {
                assertThat(i.get("state").asText()).isEqualTo("terminated");
            }
        });
    }

    @Test
    void importOfAMissingFileIsAOneLineUsageError() {
        CliRun.Result refused = proxmox("images", "import", home.resolve("nope.qcow2").toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err().strip()).contains("no image file").doesNotContain("\n");
    }
}
