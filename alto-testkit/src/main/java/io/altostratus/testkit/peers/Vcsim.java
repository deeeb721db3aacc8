package io.altostratus.testkit.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VMware's vSphere simulator (govmomi's, through our launcher {@code peers/vcsim}) on loopback for one test class:
 * builds the launcher when it is missing or older than its source, starts it, reads the line it prints when
 * listening, and stops it by closing its stdin. Tests skip, saying why, only where Go or the govmomi sources are
 * not installed; any other failure to start fails the test. Used by the vsphere provider's tests and the CLI's.
 */
public final class Vcsim implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    private final String url;
    private final String thumbprint;
    private final String user;
    private final String password;
    private final String datacenter;
    private final Path log;
    private final Process process;

    private Vcsim(Process process, Path log, Map<String, String> ready) {
        this.process = process;
        this.log = log;
        this.url = ready.get("url");
        this.thumbprint = ready.get("thumbprint");
        this.user = ready.get("user");
        this.password = ready.get("password");
        this.datacenter = ready.get("datacenter");
    }

    /** The SDK URL ({@code https://127.0.0.1:PORT/sdk}). */
    public String url() {
        return url;
    }

    /** SHA-256 of the simulator's certificate, colon hex. */
    public String thumbprint() {
        return thumbprint;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code DC0} for a vCenter, {@code ha-datacenter} for a standalone ESXi host. */
    public String datacenter() {
        return datacenter;
    }

    /** What the simulator logged (faults it answered, NFC transfers). */
    public Path log() {
        return log;
    }

    /** The repository's root: the first directory above the working directory holding {@code peers/vcsim}. */
    public static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("peers/vcsim"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("peers/vcsim not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Starts a simulator with the launcher's flags ({@code -esx}, {@code -vm N}, {@code -templates ...}, ...). */
    public static Vcsim start(String... flags) {
        Path here = repo().resolve("peers/vcsim");
        Path binary = here.resolve("target/alto-vcsim");
        try {
            if (!Files.isExecutable(binary) || Files.getLastModifiedTime(binary)
                    .compareTo(Files.getLastModifiedTime(here.resolve("main.go"))) < 0) {
                assumeTrue(onPath("go"), "vcsim: no 'go' on the PATH (install golang-go)");
                assumeTrue(Files.isDirectory(Path.of("/usr/share/gocode/src/github.com/vmware/govmomi/simulator")),
                        "vcsim: no govmomi sources (install golang-github-vmware-govmomi-dev)");
                Process build = new ProcessBuilder(here.resolve("build").toString()).redirectErrorStream(true)
                        .start();
                String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                    throw new IllegalStateException("peers/vcsim/build failed: " + out);
                }
            }
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            command.addAll(List.of(flags));
            // The simulator logs every fault it answers: kept beside the test reports for whoever reads a failure.
            Path log = Files.createDirectories(Path.of("target", "vcsim")).resolve("vcsim-" + System.nanoTime() + ".log");
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = lines.readLine();
            if (line == null) {
                p.destroyForcibly();
                throw new IllegalStateException("alto-vcsim exited without printing its address");
            }
            Map<String, String> ready = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                ready.put(m.group(1), m.group(2));
            }
            return new Vcsim(p, log, ready);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start alto-vcsim: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code [vsphere]} settings a session needs: the endpoint, the credentials, the pinned certificate. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("endpoint", url);
        s.put("user", user);
        s.put("password", password);
        s.put("fingerprint", thumbprint);
        s.put("retry_base_ms", "20");
        s.put("retry_max_ms", "200");
        return s;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
