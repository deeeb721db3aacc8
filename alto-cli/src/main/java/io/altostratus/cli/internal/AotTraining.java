package io.altostratus.cli.internal;

import io.altostratus.cli.Launcher;
import io.altostratus.cli.Main;
import io.altostratus.cli.QuickCommands;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The training runs for the JDK's ahead-of-time caches ({@code bin/alto} runs them under {@code -XX:AOTCacheOutput}).
 * Without arguments: real commands, in one JVM, against the local provider in a throw-away state directory, so the
 * cache holds the classes an everyday command loads. With {@code serve}: the gateway, for {@code alto serve}'s own
 * cache. With {@code ls}: only the listing, for the cache of {@code alto ls}. Output is discarded; the user's config is
 * not read.
 *
 * <p>These are separate caches because the JVM loads every class of a cache when it starts: the gateway and the AWS
 * SDK model it brings (thousands of classes) would otherwise be loaded by {@code alto --version} too, and
 * {@code alto ls}, the command people run most often, would load the classes of every other verb.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        ClassPathScans.avoid(); // as Main does, so that the cache holds the classes of the same path
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals(PREPARE_LISTING)) {
            System.exit(prepareListing(Path.of(args[1])));
        }
        Path dir = Files.createTempDirectory("alto-aot-");
        try {
            int failures = switch (mode) {
                case "serve" -> trainServe(dir);
                case "ls" -> trainListing(dir);
                default -> train(dir);
            };
            if (failures > 0) {
                System.err.println("alto: " + failures + " training commands failed (the cache is still usable)");
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The process's environment without the user's ALTO_* settings, and a private HOME (no user config). */
    private static CliEnvironment environment(Path dir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("ALTO_"));
        env.put("HOME", dir.toString());
        return new CliEnvironment(env, Clock.systemUTC(), Sleeper.SYSTEM, false, InputStream.nullInputStream());
    }

    /** The options every training command gets: the local provider in the training's own directory. */
    private static List<String> commonOptions(Path dir) throws IOException {
        Path config = dir.resolve("alto.toml");
        if (!Files.exists(config)) {
            Files.writeString(config, "[local]\ntransition_ms = 0\n");
        }
        return List.of("--provider", "local", "--state-dir", dir.resolve("state").toString(),
                "--config", config.toString());
    }

    static int train(Path dir) throws IOException {
        CliEnvironment environment = environment(dir);
        List<String> common = commonOptions(dir);
        int failures = 0;
        failures += run(environment, List.of("--help"), List.of());
        failures += run(environment, List.of("launch", "--help"), List.of());
        // `alto --version` alone is answered by the launcher, without picocli.
        Launcher.printVersion(new PrintStream(OutputStream.nullOutputStream()));
        failures += run(environment, List.of("--version"), List.of());
        failures += run(environment, List.of("version"), List.of());
        failures += run(environment, List.of("providers"), List.of());
        for (String command : List.of("regions", "zones", "types", "images", "keys", "networks", "volumes", "ls")) {
            failures += run(environment, List.of(command), common);
            failures += run(environment, List.of(command, "-o", "json"), common);
        }
        failures += run(environment, List.of("ls", "-o", "yaml"), common);
        String launched = capture(environment, List.of("launch", "--image", "ubuntu:24.04", "--type", "t3.micro",
                "--count", "2", "--tag", "role=training", "--wait", "-o", "json"), common);
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\" ?: ?\"(i-[0-9a-f]+)\"").matcher(launched);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (!ids.isEmpty()) {
            String id = ids.get(0);
            failures += run(environment, List.of("show", id), common);
            failures += run(environment, List.of("show", id, "-o", "json"), common);
            failures += run(environment, List.of("ls", "--tag", "role=training", "--state", "running"), common);
            failures += run(environment, List.of("stop", id), common);
            failures += run(environment, List.of("wait", id, "--state", "stopped"), common);
            failures += run(environment, List.of("start", id), common);
            List<String> rm = new ArrayList<>(List.of("rm", "--wait"));
            rm.addAll(ids);
            failures += run(environment, rm, common);
        }
        // The error path too: it is what a typo runs.
        run(environment, List.of("show", "i-0123456789abcdef0"), common, false);
        run(environment, List.of("ls", "--bogus"), common, false);
        return failures;
    }

    /** The argument of the child JVM that launches the instances {@link #trainListing} lists. */
    private static final String PREPARE_LISTING = "prepare-listing";

    /**
     * The training of {@code alto ls}'s cache: the listings a user runs, over instances that a child JVM launched
     * beforehand, so that the launch's classes stay out of this cache (the JVM records every class the training
     * process loads).
     */
    static int trainListing(Path dir) throws IOException {
        List<String> child = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        child.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("org.sqlite.lib.path", "org.sqlite.lib.name")) {
            String value = System.getProperty(property);
            if (value != null) {
                child.add("-D" + property + "=" + value);
            }
        }
        child.addAll(List.of(AotTraining.class.getName(), PREPARE_LISTING, dir.toString()));
        try {
            Process prepare = new ProcessBuilder(child).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (prepare.waitFor() != 0) {
                System.err.println("alto: launching the instances to list failed; training on an empty listing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        CliEnvironment environment = environment(dir);
        List<String> common = commonOptions(dir);
        int failures = 0;
        for (List<String> listing : List.of(List.of("ls"), List.of("list"), List.of("ls", "-o", "json"),
                List.of("ls", "--state", "running"), List.of("ls", "--tag", "role=training"),
                List.of("ls", "--name", "train*"))) {
            for (int i = 0; i < 3; i++) {
                failures += quick(environment, listing, common, true);
            }
        }
        // The error path too (an unknown id), still without picocli.
        quick(environment, List.of("ls", "i-0123456789abcdef0"), common, false);
        trainPostgres();
        return failures;
    }

    /**
     * A listing on a PostgreSQL store ({@code [store] url}) loads the driver, and no server is here to train against:
     * the store is opened on a stand-in that speaks the protocol ({@link TrainingPostgres}), and asked what a listing
     * asks (its indexes, then a read: a count, a lookup, the documents it names), so the driver's classes for all of
     * it are in the cache.
     */
    private static void trainPostgres() {
        try (TrainingPostgres server = TrainingPostgres.start();
             StateStore store = StateStores.openDirect(server.url())) {
            store.index("training", "all", 1, Map.class, document -> List.of("all"));
            // Not five times or more: from its fifth use of a statement the driver prepares it by name and reads
            // numbers as binary, which one listing never does (the cache would only grow by classes it never uses).
            for (int i = 0; i < 3; i++) {
                store.read(view -> {
                    view.count("training", "a");
                    view.get("training", "a", "training-1", Map.class);
                    List<String> ids = view.lookup("training", "a", "all", "all");
                    view.getAll("training", "a", ids, Map.class);
                    view.lookupFrom("training", "a", "all", List.of("all"), null).hasNext();
                    return view.lookupSize("training", "a", "all", List.of("all"));
                });
            }
        } catch (IOException | RuntimeException e) {
            // Training is an optimisation: a command on PostgreSQL then reads what it misses from the jar.
            System.err.println("alto: the PostgreSQL part of the training failed: " + e);
        }
    }

    /**
     * Runs a listing the way {@code bin/alto} does, through {@link QuickCommands}: picocli's classes stay out of
     * this cache, since a listing never loads them. Returns 1 when it failed though it should not have, or when the
     * quick path did not take the line (the cache would then miss what a listing loads).
     */
    private static int quick(CliEnvironment environment, List<String> args, List<String> common,
                             boolean expectSuccess) {
        List<String> all = new ArrayList<>(args);
        all.addAll(common);
        java.io.StringWriter err = new java.io.StringWriter();
        OptionalInt exit = QuickCommands.run(environment, all.toArray(String[]::new),
                new PrintWriter(OutputStream.nullOutputStream()), new PrintWriter(err));
        if (exit.isEmpty()) {
            System.err.println("alto: training command " + args + " was not taken by the quick path");
            return 1;
        }
        if (exit.getAsInt() != 0 && expectSuccess) {
            System.err.println("alto: training command " + args + " exited " + exit.getAsInt() + ": "
                    + err.toString().strip());
            return 1;
        }
        return 0;
    }

    /** In the child JVM of {@link #trainListing}: launches the instances; returns the exit code. */
    private static int prepareListing(Path dir) throws IOException {
        return run(environment(dir), List.of("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "3",
                "--tag", "role=training", "--tag", "Name=training"), commonOptions(dir));
    }

    /**
     * {@code alto serve} blocks until it is stopped, so it is trained through the same start-up code in-process
     * ({@link ServeTraining}), after the command line's own part: its options and help.
     */
    private static int trainServe(Path dir) {
        int failures = run(environment(dir), List.of("serve", "--help"), List.of());
        try {
            return failures + ServeTraining.train();
        } catch (IOException | RuntimeException e) {
            System.err.println("alto: training alto serve failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int run(CliEnvironment environment, List<String> args, List<String> common) {
        return run(environment, args, common, true);
    }

    private static int run(CliEnvironment environment, List<String> args, List<String> common,
                           boolean expectSuccess) {
        List<String> all = new ArrayList<>(args);
        all.addAll(common);
        CommandLine cmd = Main.commandLine(environment, all.toArray(String[]::new));
        cmd.setOut(new PrintWriter(OutputStream.nullOutputStream()));
        java.io.StringWriter err = new java.io.StringWriter();
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(all.toArray(String[]::new));
        if (exit != 0 && expectSuccess) {
            System.err.println("alto: training command " + args + " exited " + exit + ": " + err.toString().strip());
        }
        return exit == 0 ? 0 : 1;
    }

    private static String capture(CliEnvironment environment, List<String> args, List<String> common) {
        List<String> all = new ArrayList<>(args);
        all.addAll(common);
        CommandLine cmd = Main.commandLine(environment, all.toArray(String[]::new));
        java.io.StringWriter out = new java.io.StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(OutputStream.nullOutputStream()));
        cmd.execute(all.toArray(String[]::new));
        return out.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
