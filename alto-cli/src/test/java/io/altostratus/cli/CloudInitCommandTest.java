package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code alto cloud-init render} and {@code alto cloud-init seed} as a user runs them. */
class CloudInitCommandTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3dQ5Yb0p9l1W8e2Vt0GJmT7zT2cX9QxkTkJ1fUaQx me@laptop";

    @TempDir
    Path dir;

    private CliRun cli() {
        return new CliRun(dir.resolve("home"));
    }

    @Test
    void renderBuildsAConfigFromFlagsThatCloudInitAccepts() throws Exception {
        Path key = Files.writeString(dir.resolve("id.pub"), "# my key\n" + KEY + "\n");
        Path motd = Files.writeString(dir.resolve("motd"), "hello\n");
        CliRun.Result r = cli().run("cloud-init", "render", "--hostname", "web1", "--user", "alto",
                "--ssh-key", key.toString(), "--package", "nginx", "--package", "yes", "--runcmd", "echo hi > /tmp/x",
                "--write-file", "/etc/motd=" + motd);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("#cloud-config\n");
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r.out());
        assertThat(doc).containsEntry("hostname", "web1").containsEntry("packages", List.of("nginx", "yes"))
                .containsEntry("runcmd", List.of("echo hi > /tmp/x"));
        assertThat(doc.get("users").toString()).contains("name=alto").contains(KEY).contains("NOPASSWD:ALL");
        assertThat(doc.get("write_files").toString()).contains("/etc/motd").contains("hello");
        schemaCheck(r.out());
    }

    @Test
    void renderMergesFromAnExistingConfig() throws Exception {
        Path base = Files.writeString(dir.resolve("base.yaml"), "#cloud-config\npackages: [git]\nhostname: old\n"
                + "apt:\n  preserve_sources_list: true\n");
        CliRun.Result r = cli().run("cloud-init", "render", "--from", base.toString(), "--package", "htop",
                "--hostname", "new");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r.out());
        assertThat(doc).containsEntry("packages", List.of("git", "htop")).containsEntry("hostname", "new")
                .containsEntry("apt", Map.of("preserve_sources_list", true));
        schemaCheck(r.out());
    }

    @Test
    void renderWithScriptsPrintsMultipartMime() throws Exception {
        Path script = Files.writeString(dir.resolve("setup.sh"), "#!/bin/sh\necho setup\n");
        CliRun.Result r = cli().run("cloud-init", "render", "--hostname", "h", "--script", script.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Content-Type: multipart/mixed; boundary=")
                .contains("Content-Type: text/cloud-config").contains("Content-Type: text/x-shellscript")
                .contains("filename=\"setup.sh\"").contains("#!/bin/sh\necho setup\n");
    }

    @Test
    void renderGzipPrintsBase64OfGzipAndRefusesOverSixteenKib() throws Exception {
        CliRun.Result r = cli().run("cloud-init", "render", "--hostname", "h", "--gzip");
        assertThat(r.exit()).as(r.toString()).isZero();
        byte[] gz = Base64.getDecoder().decode(r.out().strip());
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("#cloud-config\nhostname: h\n");
        }
        Path big = Files.write(dir.resolve("big"), new java.util.Random(1).ints(20_000).collect(
                java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> { }).toByteArray());
        CliRun.Result over = cli().run("cloud-init", "render", "--write-file", "/x=" + big, "--base64");
        assertThat(over.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(over.err()).contains("over EC2's limit of 16384");
    }

    @Test
    void missingFilesAndBadScriptsAreUsageErrors() throws Exception {
        CliRun.Result missing = cli().run("cloud-init", "render", "--ssh-key", dir.resolve("nope.pub").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err()).contains("not found");
        Path notAScript = Files.writeString(dir.resolve("plain.txt"), "hello\n");
        CliRun.Result bad = cli().run("cloud-init", "render", "--script", notAScript.toString());
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).contains("first line");
    }

    @Test
    void seedIntoAMissingDirectorySaysWhyInsteadOfRepeatingThePath() throws Exception {
        Path userData = Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
        Path out = dir.resolve("no-such-dir").resolve("seed.iso");
        CliRun.Result r = cli().run("cloud-init", "seed", "--user-data", userData.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("cannot write " + out + ": no such file or directory").hasLineCount(1);
    }

    @Test
    void seedWritesAnIsoThatIsoinfoReadsBack() throws Exception {
        Path userData = Files.writeString(dir.resolve("user-data"), "#cloud-config\nhostname: seeded\n");
        Path network = Files.writeString(dir.resolve("net.yaml"), "version: 2\n");
        Path iso = dir.resolve("seed.iso");
        CliRun.Result r = cli().run("cloud-init", "seed", "--user-data", userData.toString(), "--hostname", "seeded",
                "--instance-id", "iid-1", "--network-config", network.toString(), "--out", iso.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("wrote " + iso);
        byte[] image = Files.readAllBytes(iso);
        assertThat(new String(image, 16 * 2048 + 40, 6, StandardCharsets.US_ASCII)).isEqualTo("cidata");
        Path isoinfo = Path.of("/usr/bin/isoinfo");
        assumeTrue(Files.isExecutable(isoinfo), "genisoimage's isoinfo is not installed");
        assertThat(run(isoinfo.toString(), "-R", "-x", "/user-data", "-i", iso.toString()))
                .isEqualTo(Files.readAllBytes(userData));
        assertThat(new String(run(isoinfo.toString(), "-J", "-x", "/meta-data", "-i", iso.toString()),
                StandardCharsets.UTF_8)).isEqualTo("instance-id: iid-1\nlocal-hostname: seeded\n");
        assertThat(run(isoinfo.toString(), "-R", "-x", "/network-config", "-i", iso.toString()))
                .isEqualTo(Files.readAllBytes(network));
    }

    @Test
    void seedWithoutAnIdDerivesAStableOneAndPrintsJsonWhenAsked() throws Exception {
        Path userData = Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
        CliRun.Result a = cli().run("-o", "json", "cloud-init", "seed", "--user-data", userData.toString(),
                "--out", dir.resolve("a.iso").toString());
        CliRun.Result b = cli().run("-o", "json", "cloud-init", "seed", "--user-data", userData.toString(),
                "--out", dir.resolve("b.iso").toString());
        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(a.json().get("volumeId").asText()).isEqualTo("cidata");
        assertThat(a.json().get("instanceId").asText()).startsWith("iid-").isEqualTo(b.json().get("instanceId").asText());
        assertThat(a.json().get("bytes").asLong()).isEqualTo(Files.size(dir.resolve("a.iso")));
        CliRun.Result missing = cli().run("cloud-init", "seed", "--out", dir.resolve("c.iso").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    private void schemaCheck(String document) throws Exception {
        Path cloudInit = Path.of("/usr/bin/cloud-init");
        assumeTrue(Files.isExecutable(cloudInit), "cloud-init is not installed");
        Path file = Files.writeString(dir.resolve("check.yaml"), document);
        Process p = new ProcessBuilder(cloudInit.toString(), "schema", "--config-file", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Valid cloud-config");
    }

    private static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
