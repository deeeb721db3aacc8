package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.testkit.peers.Vcsim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user walk with {@code --provider vsphere} against VMware's simulator (govmomi's vcsim, through
 * {@code peers/vcsim}): import a cloud image made by real {@code qemu-img}, launch from {@code ubuntu:24.04}, wait,
 * show the address VMware Tools reports, stop, start, snapshot, rm --wait; in table output and in {@code -o json}.
 */
class VsphereProviderCliTest {
    @TempDir
    Path home;

    private CliRun alto;
    private Vcsim sim;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        sim = Vcsim.start("-tools-delay", "0s");
        alto = new CliRun(home);
        config = home.resolve("alto.toml");
        Files.writeString(config, "[vsphere]\nuser = \"" + sim.user() + "\"\npassword = \"" + sim.password()
                + "\"\nfingerprint = \"" + sim.thumbprint() + "\"\n");
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private CliRun.Against vsphere() {
        return alto.against("vsphere", sim.url(), config);
    }

    /** A small cloud-image-shaped qcow2 made by qemu-img, named as Ubuntu publishes its images. */
    private Path cloudImage() throws Exception {
        Path image = home.resolve("noble-server-cloudimg-amd64.img");
        Process p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", image.toString(), "64M")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("qemu-img create").isTrue();
        return image;
    }

    private static boolean hasQemuImg() {
        try {
            return new ProcessBuilder("qemu-img", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void importLaunchWaitShowStopStartSnapshotAndRemoveInJson() throws Exception {
        assumeTrue(hasQemuImg(), "no qemu-img (install qemu-utils)");
        JsonNode imported = vsphere().ok("-o", "json", "images", "import", cloudImage().toString()).json();
        String template = imported.get("id").asText();
        assertThat(template).startsWith("vm-");
        assertThat(imported.get("distro").asText()).isEqualTo("ubuntu");
        assertThat(imported.get("release").asText()).isEqualTo("24.04");

        JsonNode launched = vsphere().ok("-o", "json", "launch", "--image", "ubuntu:24.04", "--type", "small",
                "--name", "walk-1").json();
        assertThat(launched).hasSize(1);
        String id = launched.get(0).get("id").asText();
        assertThat(id).startsWith("vm-");
        assertThat(launched.get(0).get("instanceType").asText()).isEqualTo("small");

        vsphere().ok("wait", id, "--state", "running");
        vsphere().ok("wait", id, "--state", "has-ip");
        JsonNode shown = vsphere().ok("-o", "json", "show", id).json();
        assertThat(shown.get("state").asText()).isEqualTo("running");
        assertThat(shown.get("privateIp").asText()).as("the IPv4 VMware Tools reports, not its link-local IPv6")
                .matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        vsphere().ok("stop", id);
        vsphere().ok("wait", id, "--state", "stopped");
        assertThat(vsphere().ok("-o", "json", "show", id).json().get("state").asText()).isEqualTo("stopped");
        vsphere().ok("start", id);
        vsphere().ok("wait", id, "--state", "running");

        JsonNode snapshot = vsphere().ok("-o", "json", "snapshot", id, "--name", "walk-1-gold").json();
        String snapshotId = snapshot.get("id").asText();
        List<String> imageIds = new ArrayList<>();
        vsphere().ok("-o", "json", "images").json().forEach(i -> imageIds.add(i.get("id").asText()));
        assertThat(imageIds).contains(template, snapshotId);

        // A snapshot of the whole machine, reverted to: the machine is stopped afterwards and starts again.
        JsonNode vmSnap = vsphere().ok("-o", "json", "snapshots", "take", id, "--description", "before upgrade").json();
        String vmSnapId = vmSnap.get("id").asText();
        assertThat(vmSnap.get("instanceId").asText()).isEqualTo(id);
        List<String> snapIds = new ArrayList<>();
        vsphere().ok("-o", "json", "snapshots").json().forEach(sn -> snapIds.add(sn.get("id").asText()));
        assertThat(snapIds).contains(vmSnapId);
        vsphere().ok("snapshots", "revert", vmSnapId);
        vsphere().ok("wait", id, "--state", "stopped");
        vsphere().ok("start", id);
        vsphere().ok("wait", id, "--state", "running");
        vsphere().ok("snapshots", "rm", vmSnapId);

        vsphere().ok("rm", "--wait", id);
        JsonNode listed = vsphere().ok("-o", "json", "ls").json();
        listed.forEach(i -> {
            if (i.get("id").asText().equals(id)) {
                assertThat(i.get("state").asText()).isEqualTo("terminated");
            }
        });
    }

    @Test
    void theSameWalkInTablesShowsTheAddressAndStates() {
        CliRun.Result launched = vsphere().ok("launch", "--image", "ubuntu:24.04", "--type", "small", "--name", "t-1");
        String id = launched.out().lines().filter(l -> l.contains("vm-")).findFirst().orElseThrow().strip()
                .split("\\s+")[0];
        assertThat(id).startsWith("vm-");
        vsphere().ok("wait", id, "--state", "has-ip");
        CliRun.Result shown = vsphere().ok("show", id);
        assertThat(shown.out()).contains(id).contains("running").containsPattern("\\d+\\.\\d+\\.\\d+\\.\\d+");
        vsphere().ok("stop", id);
        vsphere().ok("wait", id, "--state", "stopped");
        assertThat(vsphere().ok("ls").out()).contains(id).contains("stopped");
        vsphere().ok("rm", "--wait", id);
    }

    @Test
    void aWrongPasswordIsAOneLineAuthError() throws IOException {
        Files.writeString(config, "[vsphere]\nuser = \"" + sim.user() + "\"\npassword = \"wrong\"\nfingerprint = \""
                + sim.thumbprint() + "\"\n");
        CliRun.Result refused = vsphere().run("ls");
        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.err().strip()).doesNotContain("\n").containsIgnoringCase("login");
    }
}
