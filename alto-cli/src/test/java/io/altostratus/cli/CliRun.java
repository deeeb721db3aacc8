package io.altostratus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.cli.internal.CliEnvironment;
import io.altostratus.core.wait.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code alto} in-process the way the launcher does, with captured writers, an environment of the test's
 * choosing (never the developer's own config) and a manual clock that waiting advances instead of sleeping.
 */
final class CliRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = new ManualClock();
    final Map<String, String> env = new HashMap<>();
    boolean terminal;
    String stdin = "";

    CliRun(Path home) {
        // A private HOME so that no ~/.config/alto/alto.toml of the machine leaks in.
        env.put("HOME", home.toString());
    }

    /** Runs each line against one provider's endpoint: {@code --provider P --endpoint URL --config FILE} first. */
    Against against(String provider, String endpoint, Path config) {
        return new Against(this, List.of("--provider", provider, "--endpoint", endpoint, "--config", config.toString()));
    }

    /** A {@link CliRun} with global options put before every line. */
    record Against(CliRun cli, List<String> globals) {
        Result run(String... args) {
            List<String> all = new java.util.ArrayList<>(globals);
            all.addAll(List.of(args));
            return cli.run(all.toArray(String[]::new));
        }

        /** Runs and requires exit 0, naming the line and its output otherwise. */
        Result ok(String... args) {
            Result result = run(args);
            org.assertj.core.api.Assertions.assertThat(result.exit()).as(String.join(" ", args) + "\n" + result)
                    .isZero();
            return result;
        }
    }

    /** Runs like the launcher: each writer over a byte stream that is also the raw stream beneath it. */
    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = Main.commandLine(new CliEnvironment(env, clock, clock, terminal,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err), args);
        cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int exit = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    /**
     * Runs through {@link QuickCommands} as the launcher does first, with the same environment and captured
     * writers; empty when the quick path declined the line (the launcher would then hand it to picocli).
     */
    java.util.Optional<Result> runQuick(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        java.util.OptionalInt exit = QuickCommands.run(new CliEnvironment(env, clock, clock, terminal,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err), args, outWriter,
                errWriter);
        outWriter.flush();
        errWriter.flush();
        if (exit.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Result(exit.getAsInt(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), out.toByteArray()));
    }

    /**
     * Runs with stdout and stderr going to ONE writer, as on a terminal where both are the screen; returns what the
     * screen received, in order.
     */
    String runOnOneScreen(String... args) {
        CommandLine cmd = Main.commandLine(new CliEnvironment(env, clock, clock, terminal,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
        StringWriter screen = new StringWriter();
        PrintWriter both = new PrintWriter(screen, true);
        cmd.setOut(both);
        cmd.setErr(both);
        cmd.execute(args);
        return screen.toString();
    }

    /** What one command did. */
    record Result(int exit, String out, String err, byte[] outBytes) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : err.lines().toList();
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
