package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.spi.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when walk through the real launcher: every step is a separate {@code bin/alto} process on one
 * state directory, so state must survive between processes. Runs after {@code package} (failsafe).
 */
class BinAltoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path repo;
    Path bin;
    Path stateDir;

    @BeforeEach
    void setUp() {
        repo = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize();
        bin = repo.resolve("bin/alto");
        stateDir = dir.resolve("state");
        assumeTrue(Files.isExecutable(bin), "bin/alto not found at " + bin);
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
    }

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : err.lines().toList();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run alto(Map<String, String> extraEnv, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(bin.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // The developer's own alto settings must not change what the test sees.
        env.keySet().removeIf(k -> k.startsWith("ALTO_"));
        env.put("ALTO_TARGET", System.getProperty("alto.target", "target"));
        env.put("HOME", dir.toString());
        env.remove("XDG_CONFIG_HOME");
        env.putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/alto " + args + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run alto(String... args) throws Exception {
        return alto(Map.of(), List.of(args));
    }

    private Run altoInState(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return alto(env, all);
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(name).asText()));
        return values;
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    @Test
    void doneWhenWalkAcrossSeparateProcesses() throws Exception {
        // Warm-up: the first run after a build may train the start-up cache and say so on stderr.
        assertThat(alto("version").exit()).isZero();
        Map<String, String> instant = Map.of("ALTO_LOCAL_TRANSITION_MS", "0");
        Map<String, String> slow = Map.of("ALTO_LOCAL_TRANSITION_MS", "300");

        Run launched = altoInState(instant, "launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "3",
                "-o", "json");
        assertThat(launched.exit()).as(launched.toString()).isZero();
        JsonNode array = launched.json();
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        array.forEach(i -> {
            assertThat(i.get("id").asText()).startsWith("i-");
            assertThat(i.get("instanceType").asText()).isEqualTo("t3.micro");
            assertThat(i.has("launchTime")).isTrue();
        });
        List<String> ids = field(array, "id");

        Run listed = altoInState(instant, "ls", "-o", "json");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(field(listed.json(), "id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(field(listed.json(), "state")).containsOnly("running");

        // Stop with a real transition time, so the next process really has to wait.
        Run stop = altoInState(slow, concat(List.of("stop", "-o", "json"), ids));
        assertThat(stop.exit()).as(stop.toString()).isZero();
        assertThat(field(stop.json(), "currentState")).containsOnly("stopping");

        Run stopped = altoInState(slow, concat(List.of("wait", "--state", "stopped", "--timeout", "60", "-o", "json"),
                ids));
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(field(stopped.json(), "state")).containsOnly("stopped");

        Run start = altoInState(slow, concat(List.of("start", "-o", "json"), ids));
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(field(start.json(), "previousState")).containsOnly("stopped");

        Run rm = altoInState(slow, concat(List.of("rm", "--wait", "--timeout", "60", "-o", "json"), ids));
        assertThat(rm.exit()).as(rm.toString()).isZero();
        assertThat(field(rm.json(), "currentState")).containsOnly("terminated");

        Run missing = altoInState(instant, "show", "i-doesnotexist");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).isEmpty();
        assertThat(missing.errLines()).singleElement().asString().startsWith("alto: error: ");
    }

    @Test
    void withoutASuitableJdkItSaysSoInOneLineAndExitsTwo() throws Exception {
        Path fakeBin = Files.createDirectories(dir.resolve("fakebin"));
        Path java = fakeBin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"17.0.2\" 2022-01-18' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path emptyJvmRoot = Files.createDirectories(dir.resolve("jvm"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", dir.resolve("no-such-jdk").toString());
        env.put("ALTO_JVM_DIR", emptyJvmRoot.toString());
        env.put("PATH", fakeBin + ":/usr/bin:/bin");

        Run r = alto(env, List.of("regions"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("alto: needs a JDK 21 or newer")
                .contains("17 at " + java)
                .contains("JAVA_HOME");
    }
}
