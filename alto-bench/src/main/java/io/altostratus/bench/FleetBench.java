package io.altostratus.bench;

import io.altostratus.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 20's fleet workload in one run, figures per fleet size (1,000, 10,000, 100,000 by default), against a
 * separate {@code bin/alto serve} process spoken to over raw signed HTTP ({@link WireClient}: answers read whole,
 * never parsed into objects), so that it measures the server, whatever its internals, and keeps working while they
 * change. Per store ({@code sqlite}: a state directory; {@code postgresql}: the store replicas share, in a throwaway
 * cluster; {@code memory}: {@code --ephemeral}), it grows the fleet by RunInstances of 100 ({@link FleetGrowth}) and at
 * each size times the queries ({@link FleetQueries}), reads the server's memory, times {@code bin/alto ls} over the
 * same state with the server running and stopped, and restarts the server on that state. Prints one table per store
 * with the targets (PASS/MISS) and writes it as JSON with {@code --json FILE}.
 *
 * <pre>
 * bin/bench fleet [--sizes 1000,10000,100000] [--repeats 5] [--warmups 3] [--stores sqlite,postgresql]
 *                 [--json FILE] [--cli-runs 3] [--server-java-opts OPTS] [--alto PATH]
 * </pre>
 *
 * The server is restarted at every size (after the CLI runs), and grows on to the next size as the restarted
 * process: so each size's queries meet a JVM that has seen only the launches since and the untimed warm-up calls.
 */
public final class FleetBench {
    private static final PrintStream OUT = System.out;
    private static final String CALLS = "RunInstances calls/s (last 10)";
    private static final String LAUNCHED = "RunInstances instances/s (last 10)";
    private static final String RSS = "server RSS now (VmRSS)";
    private static final String PEAK = "server RSS peak (VmHWM)";
    private static final String GROWN_RSS = "server RSS after launches (VmRSS)";
    private static final String HEAP = "server heap in use (jcmd)";
    private static final String LIVE = "server heap live after full GC";
    private static final String PER_INSTANCE = "  live heap per instance (over the empty server's)";
    private static final String LOAD = "machine load (1 min avg)";
    private static final String LISTEN = "restart: port open";
    private static final String FIRST_ANSWER = "restart: first DescribeInstances";
    private static final String RESTART_RSS = "restart: RSS after first answer";
    private static final String CLI_STOPPED = "CLI ls --tag batch=hot, server stopped";
    private static final String CLI_STOPPED_RSS = "CLI ls --tag, server stopped: peak RSS";
    private static final String CLI_RUNNING = "CLI ls --tag batch=hot, server running";
    private static final String CLI_RUNNING_RSS = "CLI ls --tag, server running: peak RSS";
    private static final String CLI_JSON = "CLI ls --state running -o json | head";
    private static final String CLI_JSON_RSS = "CLI ls -o json | head: peak RSS";
    private static final int LAST_LAUNCHES = 10;

    /** What the command line asked for. */
    record Options(List<Integer> sizes, int repeats, int warmups, List<String> stores, Path json, int cliRuns,
                   String serverJavaOpts, Path alto) {
    }

    private static volatile ProcessTarget running;

    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessTarget server = running;
            if (server != null) {
                server.close();
            }
        }, "fleet-bench-stop-server"));
        OUT.printf(Locale.ROOT, "fleet: sizes %s, %d timed repeats per query (median / p90 in the table), %d CLI runs, "
                        + "stores %s; JDK %s, %d cores, load %s; %s%n", options.sizes(), options.repeats(),
                options.cliRuns(), options.stores(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                loadAverage(), Instant.now());
        List<FleetTable> tables = new ArrayList<>();
        // Written again after every size: a long run stopped part-way keeps the figures it has.
        Runnable save = () -> save(options, args, tables);
        for (String store : options.stores()) {
            FleetTable table = table(store, options.sizes());
            tables.add(table);
            try {
                lane(store, options, table, save);
            } catch (Exception e) {
                table.note("the lane stopped early: " + e);
                OUT.println("fleet: " + store + " lane stopped early: " + e);
            }
            table.print(OUT);
            save.run();
        }
        if (options.json() != null) {
            OUT.println("fleet: wrote " + options.json());
        }
    }

    private static void save(Options options, String[] args, List<FleetTable> tables) {
        if (options.json() == null) {
            return;
        }
        StringBuilder json = new StringBuilder("{\"benchmark\":\"fleet\",\"date\":")
                .append(FleetTable.quote(Instant.now().toString())).append(",\"command\":")
                .append(FleetTable.quote("bin/bench fleet " + String.join(" ", args))).append(",\"cores\":")
                .append(Runtime.getRuntime().availableProcessors()).append(",\"repeats\":")
                .append(options.repeats()).append(",\"lanes\":[");
        for (int i = 0; i < tables.size(); i++) {
            json.append(i == 0 ? "" : ",").append(tables.get(i).json());
        }
        try {
            Files.writeString(options.json(), json.append("]}\n").toString());
        } catch (IOException e) {
            OUT.println("fleet: could not write " + options.json() + ": " + e.getMessage());
        }
    }

    private static Options parse(String[] args) {
        List<Integer> sizes = List.of(1_000, 10_000, 100_000);
        int repeats = 5;
        int warmups = 3;
        List<String> stores = List.of("sqlite", "postgresql");
        Path json = null;
        int cliRuns = 3;
        String serverJavaOpts = null;
        Path alto = Path.of(System.getProperty("alto.repo", ".")).resolve("bin/alto");
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--sizes" -> sizes = Stream.of(value(args, ++i, arg).split(",")).map(String::strip)
                            .map(s -> positive(s.replace("_", ""), arg)).sorted().distinct().toList();
                    case "--repeats" -> repeats = positive(value(args, ++i, arg), arg);
                    case "--warmups" -> warmups = positive(value(args, ++i, arg), arg);
                    case "--stores" -> stores = Stream.of(value(args, ++i, arg).split(",")).map(String::strip)
                            .toList();
                    case "--json" -> json = Path.of(value(args, ++i, arg));
                    case "--cli-runs" -> cliRuns = positive(value(args, ++i, arg), arg);
                    case "--server-java-opts" -> serverJavaOpts = value(args, ++i, arg);
                    case "--alto" -> alto = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        OUT.println("usage: bin/bench fleet [--sizes 1000,10000,100000] [--repeats N] [--warmups N] "
                                + "[--stores sqlite,postgresql,memory] [--json FILE] [--cli-runs N] "
                                + "[--server-java-opts OPTS] [--alto PATH]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            for (int size : sizes) {
                if (size % FleetGrowth.LAUNCH != 0) {
                    throw new IllegalArgumentException("--sizes: " + size + " is not a multiple of "
                            + FleetGrowth.LAUNCH + " (the fleet grows by launches of 100)");
                }
            }
            for (String store : stores) {
                if (!List.of("sqlite", "postgresql", "memory").contains(store)) {
                    throw new IllegalArgumentException("--stores: unknown store " + store
                            + " (sqlite, postgresql or memory)");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fleet: " + e.getMessage() + " (see bin/bench fleet --help)");
            System.exit(2);
        }
        return new Options(sizes, repeats, warmups, stores, json, cliRuns, serverJavaOpts, alto);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, not " + text);
    }

    /** The store's table with every row declared, each with the targets. */
    private static FleetTable table(String store, List<Integer> sizes) {
        String label = switch (store) {
            case "sqlite" -> "store sqlite: alto serve --state-dir (durable writes)";
            case "postgresql" -> "store postgresql: alto serve --state-dir --store postgresql://... (throwaway cluster)";
            default -> "store memory: alto serve --ephemeral";
        };
        FleetTable t = new FleetTable(label, sizes);
        int big = 100_000;
        t.row(FleetQueries.TAG, "ms", 1, new FleetTable.Goal("flat (<= 2x its figure at the smallest size)", 0,
                (value, row) -> {
                    FleetTable.Cell smallest = row.values().stream().filter(FleetTable.Cell::measured).findFirst()
                            .orElseThrow();
                    return value <= 2 * smallest.median();
                }));
        t.row(FleetQueries.ONE_ID, "ms", 1);
        t.row(FleetQueries.ID_FILTER, "ms", 1, FleetTable.Goal.atMost("<= 10 ms at 100k", big, 10));
        for (String page : List.of(FleetQueries.PAGE, FleetQueries.PAGE_STATE, FleetQueries.PAGE_TYPE,
                FleetQueries.PAGE_SUBNET)) {
            t.row(page, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k", big, 50));
        }
        for (String page : List.of(FleetQueries.SECOND_PAGE, FleetQueries.TENTH_PAGE)) {
            t.row(page, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k (a page costs a page)", big, 50));
        }
        t.row(FleetQueries.TAGS, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k", big, 50));
        t.row(FleetQueries.VOLUMES, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k (a page costs a page)", big,
                50));
        t.row(FleetQueries.INTERFACES, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k (a page costs a page)",
                big, 50));
        t.row(FleetQueries.STATUS, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k (a page costs a page)", big,
                50));
        t.row(CALLS, "1/s", 1);
        t.row(LAUNCHED, "1/s", 0, new FleetTable.Goal("at 100k >= 80% of at 1k", big, (value, row) -> {
            FleetTable.Cell first = row.get(1_000);
            return first == null || !first.measured() ? null : value >= 0.8 * first.median();
        }));
        t.row(GROWN_RSS, "MiB", 0);
        t.row(RSS, "MiB", 0);
        t.row(PEAK, "MiB", 0, FleetTable.Goal.atMost("<= 200 MiB at 10k", 10_000, 200),
                FleetTable.Goal.atMost("<= 600 MiB at 100k", big, 600));
        t.row(HEAP, "MiB", 0);
        t.row(LIVE, "MiB", 0);
        t.row(PER_INSTANCE, "KiB", 1);
        t.row(LOAD, "", 2);
        if (!store.equals("memory")) {
            t.row(LISTEN, "s", 2);
            t.row(FIRST_ANSWER, "s", 2, FleetTable.Goal.atMost("<= 3 s at 100k", big, 3));
            t.row(RESTART_RSS, "MiB", 0);
            t.row(CLI_STOPPED, "s", 2, FleetTable.Goal.atMost("<= 0.5 s at 100k", big, 0.5));
            t.row(CLI_STOPPED_RSS, "MiB", 0, FleetTable.Goal.atMost("<= 200 MiB at 100k", big, 200));
            t.row(CLI_RUNNING, "s", 2, FleetTable.Goal.atMost("<= 0.5 s at 100k", big, 0.5));
            t.row(CLI_RUNNING_RSS, "MiB", 0, FleetTable.Goal.atMost("<= 200 MiB at 100k", big, 200));
            t.row(CLI_JSON, "s", 2);
            t.row(CLI_JSON_RSS, "MiB", 0);
        }
        return t;
    }

    private static void lane(String store, Options options, FleetTable table, Runnable afterSize) throws Exception {
        ThrowawayPostgres pg = null;
        Path stateDir = store.equals("memory") ? null : Files.createTempDirectory("alto-fleet-state");
        Path config = Files.createTempFile("alto-fleet", ".toml");
        try {
            String storeUrl = null;
            if (store.equals("postgresql")) {
                var bin = ThrowawayPostgres.binaries();
                if (bin.isEmpty()) {
                    table.note("skipped: no PostgreSQL server binaries (install Debian's 'postgresql', or set "
                            + "ALTO_PG_BIN)");
                    OUT.println("fleet: postgresql lane skipped: no PostgreSQL server binaries");
                    return;
                }
                pg = ThrowawayPostgres.start(bin.get());
                storeUrl = pg.url(pg.createDatabase());
                // The CLI finds a shared store in alto.toml's [store] table, as serve does without --store.
                Files.writeString(config, "[store]\nurl = " + FleetTable.quote(storeUrl) + "\n");
                table.note("the CLI runs with the store in alto.toml's [store] url (ALTO_CONFIG) and the server's "
                        + "--state-dir: a CLI that reads only the state directory lists none of the fleet");
            }
            int largest = options.sizes().getLast();
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                    "ALTO_LOCAL_MAX_INSTANCES", Integer.toString(largest + 1_000),
                    "ALTO_CONFIG", config.toString()));
            if (options.serverJavaOpts() != null) {
                settings.put("ALTO_JAVA_OPTS", options.serverJavaOpts());
            }
            Map<String, String> cliEnv = Map.of("ALTO_CONFIG", config.toString());
            new Lane(options, table, stateDir, storeUrl, settings, cliEnv, afterSize).run();
        } finally {
            if (pg != null) {
                pg.close();
            }
            Files.deleteIfExists(config);
            if (stateDir != null) {
                deleteTree(stateDir);
            }
        }
    }

    /** One store's run: a server, the fleet it grows, and the figures at each size. */
    private static final class Lane {
        private final Options options;
        private final FleetTable table;
        private final Path stateDir;
        private final String storeUrl;
        private final Map<String, String> settings;
        private final Map<String, String> cliEnv;
        private final Runnable afterSize;
        private final FleetGrowth growth = new FleetGrowth();
        private ProcessTarget server;
        private WireClient ec2;
        private double emptyLiveMiB = Double.NaN;

        Lane(Options options, FleetTable table, Path stateDir, String storeUrl, Map<String, String> settings,
             Map<String, String> cliEnv, Runnable afterSize) {
            this.options = options;
            this.table = table;
            this.stateDir = stateDir;
            this.storeUrl = storeUrl;
            this.settings = settings;
            this.cliEnv = cliEnv;
            this.afterSize = afterSize;
        }

        void run() throws Exception {
            try {
                start();
                growth.prepare(ec2);
                emptyLiveMiB = JvmHeap.liveMiB(server.pid().orElseThrow()).orElse(Double.NaN);
                for (int size : options.sizes()) {
                    long grow = System.nanoTime();
                    growth.growTo(ec2, size);
                    OUT.printf(Locale.ROOT, "fleet: %s: %,d instances (grown in %.1f s); timing queries...%n",
                            table.label().substring(0, table.label().indexOf(':')), size,
                            (System.nanoTime() - grow) / 1e9);
                    measure(size);
                    afterSize.run();
                }
            } finally {
                stop();
            }
        }

        private void measure(int size) throws IOException {
            table.put(GROWN_RSS, size, FleetTable.Cell.of(GatewayBench.Memory.of(server.pid()).rssMiB()));
            int n = growth.launchesTimed(LAST_LAUNCHES);
            double seconds = growth.lastLaunchSeconds(LAST_LAUNCHES);
            table.put(CALLS, size, FleetTable.Cell.of(n / seconds));
            table.put(LAUNCHED, size, FleetTable.Cell.of(n * FleetGrowth.LAUNCH / seconds));
            for (FleetQueries.Query query : FleetQueries.of(growth)) {
                table.put(query.row(), size, FleetQueries.time(ec2, query, options.warmups(), options.repeats()));
            }
            putPage(FleetQueries.SECOND_PAGE, 2, size);
            putPage(FleetQueries.TENTH_PAGE, 10, size);
            GatewayBench.Memory memory = GatewayBench.Memory.of(server.pid());
            table.put(RSS, size, FleetTable.Cell.of(memory.rssMiB()));
            table.put(PEAK, size, FleetTable.Cell.of(memory.peakMiB()));
            long pid = server.pid().orElseThrow();
            JvmHeap.usedMiB(pid).ifPresentOrElse(mib -> table.put(HEAP, size, FleetTable.Cell.of(mib)),
                    () -> table.note("server heap: jcmd could not attach to the server"));
            // Last of the server's figures: the full collection changes what the process holds.
            JvmHeap.liveMiB(pid).ifPresent(mib -> {
                table.put(LIVE, size, FleetTable.Cell.of(mib));
                if (!Double.isNaN(emptyLiveMiB)) {
                    table.put(PER_INSTANCE, size, FleetTable.Cell.of((mib - emptyLiveMiB) * 1024 / size));
                }
            });
            table.put(LOAD, size, FleetTable.Cell.of(loadAverage()));
            if (stateDir == null) {
                return;
            }
            cli(size, CLI_RUNNING, CLI_RUNNING_RSS, List.of("ls", "--tag", "batch=hot"), -1);
            stop();
            cli(size, CLI_STOPPED, CLI_STOPPED_RSS, List.of("ls", "--tag", "batch=hot"), -1);
            cli(size, CLI_JSON, CLI_JSON_RSS, List.of("ls", "--state", "running", "-o", "json"), 10);
            restart(size);
        }

        private void putPage(String row, int page, int size) throws IOException {
            FleetTable.Cell cell = FleetQueries.timePage(ec2, page, size, options.warmups(), options.repeats());
            if (cell != null) {
                table.put(row, size, cell);
            }
        }

        private void restart(int size) throws IOException {
            start();
            String wrong = null;
            WireClient.Answer answer = ec2.call("Action=DescribeInstances&InstanceId.1=" + growth.sampleId()
                    + FleetGrowth.VERSION, true);
            long answered = System.nanoTime();
            if (answer.status() != 200 || answer.count("<instanceId>") != 1) {
                wrong = "the first DescribeInstances answered " + answer.status() + " with "
                        + (answer.status() == 200 ? answer.count("<instanceId>") + " instances" : answer.text());
            }
            String retrained = server.log().contains("training the start-up cache")
                    ? "bin/alto retrained its start-up cache (a new build): slower than a plain restart" : null;
            table.put(LISTEN, size, noted(FleetTable.Cell.of(server.listenMillis() / 1000.0), retrained));
            table.put(FIRST_ANSWER, size, wrong != null ? FleetTable.Cell.failed(wrong)
                    : noted(FleetTable.Cell.of((answered - server.startedNanos()) / 1e9), retrained));
            table.put(RESTART_RSS, size, FleetTable.Cell.of(GatewayBench.Memory.of(server.pid()).rssMiB()));
        }

        private static FleetTable.Cell noted(FleetTable.Cell cell, String note) {
            return note == null ? cell : cell.noted(note);
        }

        /**
         * {@code bin/alto --state-dir D <args>}: once untimed (bin/alto may make its start-up cache first), then
         * {@code --cli-runs} times: median wall time, and the largest peak RSS of those runs.
         */
        private void cli(int size, String timeRow, String rssRow, List<String> args, int keepLines) {
            List<String> command = new ArrayList<>(List.of(options.alto().toString(), "--state-dir",
                    stateDir.toString()));
            command.addAll(args);
            try {
                CliTimer.Run first = CliTimer.run(command, cliEnv, keepLines);
                String wrong = wrong(first, keepLines);
                if (wrong != null) {
                    table.put(timeRow, size, FleetTable.Cell.failed(wrong));
                    return;
                }
                Stats stats = new Stats();
                double peak = Double.NaN;
                for (int r = 0; r < options.cliRuns(); r++) {
                    CliTimer.Run run = CliTimer.run(command, cliEnv, keepLines);
                    wrong = wrong(run, keepLines);
                    if (wrong != null) {
                        table.put(timeRow, size, FleetTable.Cell.failed(wrong));
                        return;
                    }
                    stats.add((long) (run.seconds() * 1e9));
                    peak = Double.isNaN(peak) ? run.peakMiB() : Math.max(peak, run.peakMiB());
                }
                table.put(timeRow, size, new FleetTable.Cell(stats.medianMs() / 1000, stats.percentileMs(90) / 1000,
                        null));
                table.put(rssRow, size, Double.isNaN(peak) ? FleetTable.Cell.failed("no GNU time at /usr/bin/time")
                        : FleetTable.Cell.of(peak));
            } catch (IOException e) {
                table.put(timeRow, size, FleetTable.Cell.failed(e.getMessage()));
            }
        }

        /** Null when the CLI's output is what the fleet should give, else what is wrong. */
        private static String wrong(CliTimer.Run run, int keepLines) {
            if (keepLines < 0) {
                if (run.exit() != 0) {
                    return "exit " + run.exit() + ": " + FleetGrowth.abbreviate(run.errors());
                }
                long rows = run.lines().stream().filter(l -> l.startsWith("i-")).count();
                return rows == FleetGrowth.LAUNCH ? null : "listed " + rows + " instances, not " + FleetGrowth.LAUNCH
                        + (run.errors().isEmpty() ? "" : " (" + FleetGrowth.abbreviate(run.errors()) + ")");
            }
            // Cut off after its first lines, as by `| head`: those must have come, starting a JSON array.
            if (run.lines().size() < keepLines || !run.lines().getFirst().strip().equals("[")) {
                return "printed " + run.lines().size() + " lines, not a JSON array's first " + keepLines
                        + " (exit " + run.exit() + ": " + FleetGrowth.abbreviate(run.errors()) + ")";
            }
            return null;
        }

        private void start() throws IOException {
            server = ProcessTarget.altoFleet(options.alto(), stateDir, storeUrl, settings, Duration.ofMinutes(10));
            running = server;
            ec2 = new WireClient(server.endpoint(), server.accessKey(), server.secretKey());
        }

        private void stop() {
            if (ec2 != null) {
                ec2.close();
                ec2 = null;
            }
            if (server != null) {
                server.close();
                server = null;
                running = null;
            }
        }
    }

    /** The machine's 1-minute load average: how busy the other tenants of these cores were (figures' noise). */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // A leftover temp file is harmless.
                }
            });
        } catch (IOException e) {
            // Same.
        }
    }
}
