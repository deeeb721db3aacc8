package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.altostratus.core.spi.Providers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alto exec}, {@code cp}, {@code inventory}, {@code ssh-config} and {@code wait --ready} in-process. */
class SshCommandsTest {
    @TempDir
    Path dir;

    Process sshd;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor();
        }
    }

    private CliRun cli() {
        CliRun cli = new CliRun(dir.resolve("home"));
        cli.env.put("ALTO_LOCAL_TRANSITION_MS", "0");
        return cli;
    }

    private String launchLocal(CliRun cli) {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")), "no local provider");
        CliRun.Result launched = cli.run("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json",
                "--state-dir", dir.resolve("state").toString());
        assertThat(launched.exit()).as(launched.toString()).isZero();
        return launched.json().get(0).get("id").asText();
    }

    @Test
    void execOnASimulatedLocalInstanceIsUnsupported() {
        CliRun cli = cli();
        String id = launchLocal(cli);
        CliRun.Result r = cli.run("exec", id, "--state-dir", dir.resolve("state").toString(), "--", "uptime");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.UNSUPPORTED.code());
        assertThat(r.err()).startsWith("alto: error: provider 'local' has no guest access");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void readinessInventoryAndCopyToALocalInstanceAreUnsupportedToo() {
        CliRun cli = cli();
        String id = launchLocal(cli);
        String state = dir.resolve("state").toString();
        for (List<String> args : List.of(List.of("wait", id, "--ready"), List.of("inventory"),
                List.of("ssh-config"), List.of("cp", "x", id + ":/tmp/x"))) {
            List<String> all = new java.util.ArrayList<>(args);
            all.addAll(List.of("--state-dir", state));
            CliRun.Result r = cli.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(args + "\n" + r).isEqualTo(ExitCode.UNSUPPORTED.code());
            assertThat(r.err()).contains("no guest access");
        }
    }

    @Test
    void inventoryRefusesFormatsItDoesNotPrint() {
        CliRun.Result r = cli().run("inventory", "-o", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("-o ini or -o yaml");
    }

    @Test
    void execPassesBinaryOutputThroughByteForByte() throws Exception {
        Path key = startSshd();
        CliRun cli = cli();
        cli.stdin = "";
        // Bytes that are not UTF-8 (a text writer would turn them into U+FFFD), a NUL, and no final newline.
        CliRun.Result r = cli.run("exec", "--host", "127.0.0.1", "--port", String.valueOf(port), "--user",
                System.getProperty("user.name"), "--identity", key.toString(), "--no-agent", "-n", "--",
                "printf '\\377\\376\\000a\\200'");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.outBytes()).containsExactly((byte) 0xff, (byte) 0xfe, (byte) 0x00, (byte) 'a', (byte) 0x80);
    }

    @Test
    void execAgainstARealServerCarriesOutputAndTheExitCode() throws Exception {
        Path key = startSshd();
        CliRun cli = cli();
        cli.stdin = "from stdin\n";
        CliRun.Result r = cli.run("exec", "--host", "127.0.0.1", "--port", String.valueOf(port), "--user",
                System.getProperty("user.name"), "--identity", key.toString(), "--no-agent", "--",
                "cat; echo to-stderr >&2; exit 42");
        assertThat(r.exit()).as(r.toString()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("from stdin\n");
        assertThat(r.err()).isEqualTo("to-stderr\n");
        // The host key was recorded under the user's config dir.
        assertThat(Files.readString(dir.resolve("home/.config/alto/known_hosts")))
                .startsWith("[127.0.0.1]:" + port + " ssh-ed25519 ");
    }

    @Test
    void cpPushesAndPullsWithPermissions() throws Exception {
        Path key = startSshd();
        Path local = dir.resolve("tool.sh");
        Files.writeString(local, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-x---"));
        String remote = dir.resolve("remote-tool.sh").toString();
        String host = System.getProperty("user.name") + "@127.0.0.1";
        List<String> login = List.of("--port", String.valueOf(port), "--identity", key.toString(), "--no-agent");

        CliRun cli = cli();
        List<String> push = new java.util.ArrayList<>(List.of("cp", local.toString(), host + ":" + remote));
        push.addAll(login);
        CliRun.Result pushed = cli.run(push.toArray(String[]::new));
        assertThat(pushed.exit()).as(pushed.toString()).isZero();
        assertThat(Files.readString(Path.of(remote))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remote))))
                .isEqualTo("rwxr-x---");

        Path back = dir.resolve("back.sh");
        List<String> pull = new java.util.ArrayList<>(List.of("cp", host + ":" + remote, back.toString()));
        pull.addAll(login);
        CliRun.Result pulled = cli.run(pull.toArray(String[]::new));
        assertThat(pulled.exit()).as(pulled.toString()).isZero();
        assertThat(Files.readString(back)).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back))).isEqualTo("rwxr-x---");
    }

    @Test
    void cpToAHostNamedWithoutAUserIsAHostWhenTheProviderHasNoSuchInstance() throws Exception {
        Path key = startSshd();
        Path local = dir.resolve("plain.txt");
        Files.writeString(local, "plain\n");
        String remote = dir.resolve("remote-plain.txt").toString();

        CliRun.Result pushed = cli().run("cp", local.toString(), "127.0.0.1:" + remote, "--user",
                System.getProperty("user.name"), "--port", String.valueOf(port), "--identity", key.toString(),
                "--no-agent");

        assertThat(pushed.exit()).as(pushed.toString()).isZero();
        assertThat(Files.readString(Path.of(remote))).isEqualTo("plain\n");
    }

    @Test
    void cpNeedsExactlyOneRemoteSide() {
        CliRun.Result r = cli().run("cp", "a", "b");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("exactly one of SRC and DST");
    }

    @Test
    void yamlFromTheLibraryParsesAsAnAnsibleInventory() throws Exception {
        // The CLI prints Inventory.yaml() verbatim; a real YAML parser must read the layout Ansible expects.
        io.altostratus.ssh.Inventory inventory = new io.altostratus.ssh.Inventory(List.of(
                new io.altostratus.ssh.Inventory.Host("web: 1", "i-1", "10.0.0.1", "ubuntu",
                        dir.resolve("k \"q\".pem"), 22, List.of("role_web"))));
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(inventory.yaml());
        JsonNode host = tree.at("/all/hosts").get("web: 1");
        assertThat(host.get("ansible_host").asText()).isEqualTo("10.0.0.1");
        assertThat(host.get("ansible_port").asInt()).isEqualTo(22);
        assertThat(host.get("ansible_ssh_private_key_file").asText()).endsWith("k \"q\".pem");
        assertThat(tree.at("/all/children/role_web/hosts").has("web: 1")).isTrue();
    }

    int port;

    /** A real sshd on a loopback port, as in alto-ssh's tests; skipped where OpenSSH is not installed. */
    private Path startSshd() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                "OpenSSH is not installed");
        Path sd = Files.createDirectories(dir.resolve("sshd"));
        keygen(sd.resolve("host_key"));
        Path key = sd.resolve("id");
        keygen(key);
        Files.copy(sd.resolve("id.pub"), sd.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(sd.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + sd.resolve("host_key"), "PidFile " + sd.resolve("pid"),
                "AuthorizedKeysFile " + sd.resolve("authorized_keys"), "StrictModes no", "PermitRootLogin yes",
                "UsePAM no", "PasswordAuthentication no", "Subsystem sftp /usr/lib/openssh/sftp-server", ""));
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", sd.resolve("sshd_config").toString())
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8));
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            if (line.contains("Server listening on")) {
                Thread drain = new Thread(() -> {
                    try {
                        log.lines().forEach(l -> { });
                    } catch (RuntimeException stopped) {
                        // sshd was stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return key;
            }
        }
        throw new IOException("sshd did not start");
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", file.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }
}
