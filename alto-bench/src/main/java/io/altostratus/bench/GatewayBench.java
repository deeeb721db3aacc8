package io.altostratus.bench;

import io.altostratus.bench.Workload.Key;
import io.altostratus.bench.Workload.Lane;
import io.altostratus.bench.Workload.Results;
import io.altostratus.bench.Workload.Step;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code bin/bench}: runs the EC2 workload against the gateway and prints median and minimum per step, moto's
 * figures from the issue as a reference with the ratios, the server's peak memory, and, when {@code moto_server} is on
 * the PATH, the same workload against moto with real ratios.
 *
 * <pre>
 * bin/bench [--endpoint URL [--pid PID] [--access-key K --secret-key S] | --server-process [--alto PATH]]
 *           [--repeats N] [--scale N] [--no-moto] [--moto-scale N]
 * </pre>
 * Default: the gateway in this JVM over an in-memory local cloud. {@code --server-process} starts
 * {@code bin/alto serve --ephemeral} as a separate process, so the memory figure is the server's alone, and compares it
 * with moto (both in memory); then, unless {@code --no-persistent}, runs the workload again against
 * {@code bin/alto serve --state-dir <temp>} and reports that persistent figure apart. Each step runs through the SDK
 * (what its users see) and on the wire (the same signed call written to a socket, its answer read but not parsed: the
 * server alone), plus the SDK against a replay of the answer (the SDK client's own floor); see {@link Workload}.
 */
public final class GatewayBench {
    private static final PrintStream OUT = System.out;

    private GatewayBench() {
    }

    /** The command line. */
    record Options(URI endpoint, OptionalLong pid, String accessKey, String secretKey, boolean serverProcess,
                   Path alto, int repeats, int scale, boolean moto, int motoScale, boolean persistent) {
        static Options parse(String[] args) {
            URI endpoint = null;
            OptionalLong pid = OptionalLong.empty();
            String accessKey = "test";
            String secretKey = "test";
            boolean serverProcess = false;
            Path alto = Path.of(System.getProperty("alto.repo", ".")).resolve("bin/alto");
            int repeats = 5;
            int scale = 10_000;
            boolean moto = true;
            boolean persistent = true;
            int motoScale = -1;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--endpoint" -> endpoint = URI.create(value(args, ++i, arg));
                    case "--pid" -> pid = OptionalLong.of(Long.parseLong(value(args, ++i, arg)));
                    case "--access-key" -> accessKey = value(args, ++i, arg);
                    case "--secret-key" -> secretKey = value(args, ++i, arg);
                    case "--server-process" -> serverProcess = true;
                    case "--alto" -> alto = Path.of(value(args, ++i, arg));
                    case "--repeats" -> repeats = positive(value(args, ++i, arg), arg);
                    case "--scale" -> scale = positive(value(args, ++i, arg), arg);
                    case "--no-moto" -> moto = false;
                    case "--no-persistent" -> persistent = false;
                    case "--moto-scale" -> motoScale = positive(value(args, ++i, arg), arg);
                    case "-h", "--help" -> {
                        OUT.println("usage: bin/bench [--endpoint URL [--pid PID] [--access-key K --secret-key S] | "
                                + "--server-process [--alto PATH] [--no-persistent]] [--repeats N] [--scale N] "
                                + "[--no-moto] [--moto-scale N]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                }
            }
            if (endpoint != null && serverProcess) {
                throw new IllegalArgumentException("--endpoint and --server-process contradict each other");
            }
            return new Options(endpoint, pid, accessKey, secretKey, serverProcess, alto, repeats, scale, moto,
                    motoScale < 0 ? scale : motoScale, persistent);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String text, String option) {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return n;
        }
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        OUT.printf(Locale.ROOT, "alto-bench: EC2 workload with the AWS SDK for Java v2; JDK %s, %d cores, %d repeats "
                + "per step (median and min after one untimed call)%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), options.repeats());

        Run ours;
        try (Target target = ourTarget(options)) {
            ours = measure(target, options.repeats(), options.scale());
        }
        printReference(ours);

        // The persistent figure, labelled apart: moto keeps everything in memory, so --ephemeral is the like-for-like
        // comparison, and this shows what durability (a synchronous commit per write) costs on top.
        Run persistent = null;
        if (options.serverProcess() && options.persistent()) {
            Path stateDir = Files.createTempDirectory("alto-bench-state-");
            try (Target target = ProcessTarget.alto(options.alto(), stateDir)) {
                persistent = measure(target, options.repeats(), options.scale());
            } finally {
                deleteTree(stateDir);
            }
        }

        Optional<String> moto = options.moto() && options.endpoint() == null ? onPath("moto_server") : Optional.empty();
        if (moto.isPresent()) {
            Run theirs;
            try (Target target = ProcessTarget.moto(moto.get())) {
                theirs = measure(target, options.repeats(), options.motoScale());
            }
            printComparison(ours, theirs, persistent);
        } else if (options.moto()) {
            OUT.println();
            OUT.println("moto_server is not on the PATH: only the issue's moto figures are compared above.");
        }
    }

    private static Target ourTarget(Options options) throws IOException {
        if (options.endpoint() != null) {
            return new EndpointTarget(options.endpoint(), options.accessKey(), options.secretKey(), options.pid());
        }
        if (options.serverProcess()) {
            return ProcessTarget.alto(options.alto(), null);
        }
        return new InProcessTarget();
    }

    /** One target's results and memory. */
    record Run(String label, long startupMillis, Results results, Memory atWorkload, Memory atScale, int instances,
               boolean sharesThisProcess) {
    }

    /** {@code VmHWM} (peak) and {@code VmRSS} (now) of a process, in MiB; -1 where unknown. */
    record Memory(double peakMiB, double rssMiB) {
        static Memory of(OptionalLong pid) {
            if (pid.isEmpty()) {
                return new Memory(-1, -1);
            }
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/" + pid.getAsLong() + "/status"));
                return new Memory(kib(lines, "VmHWM:") / 1024.0, kib(lines, "VmRSS:") / 1024.0);
            } catch (IOException | RuntimeException e) {
                return new Memory(-1, -1);
            }
        }

        private static long kib(List<String> lines, String field) {
            return lines.stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").strip())).orElse(-1L);
        }

        String describe() {
            return peakMiB < 0 ? "unknown (no /proc/<pid>/status; pass --pid)"
                    : String.format(Locale.ROOT, "peak %.0f MiB (VmHWM), now %.0f MiB (VmRSS)", peakMiB, rssMiB);
        }
    }

    private static Run measure(Target target, int repeats, int scale) {
        OUT.println();
        OUT.println("== " + target.label() + " at " + target.endpoint()
                + (target.startupMillis() >= 0 ? " (started and answering in " + target.startupMillis() + " ms)" : ""));
        Results results;
        Memory atWorkload;
        Memory atScale;
        int instances;
        try (Workload workload = new Workload(target, repeats, OUT)) {
            results = workload.run();
            atWorkload = Memory.of(target.pid());
            workload.grow(scale);
            atScale = Memory.of(target.pid());
            instances = workload.instances();
        }
        Run run = new Run(target.label(), target.startupMillis(), results, atWorkload, atScale, instances,
                target.sharesThisProcess());
        printRun(run);
        return run;
    }

    private static void printRun(Run run) {
        Results r = run.results();
        OUT.println();
        OUT.printf(Locale.ROOT, "%-50s %-10s %10s %10s  %s%n", "step", "lane", "median ms", "min ms", "work");
        for (Step step : Step.values()) {
            String title = step.title;
            for (Lane lane : Lane.values()) {
                Key key = new Key(step, lane);
                if (r.failures().containsKey(key)) {
                    OUT.printf(Locale.ROOT, "%-50s %-10s %10s %10s  %s%n", title, lane.title, "FAILED", "",
                            r.failures().get(key));
                } else if (r.timings().containsKey(key)) {
                    Stats s = r.timings().get(key);
                    OUT.printf(Locale.ROOT, "%-50s %-10s %10.2f %10.2f  %s (n=%d)%n", title, lane.title, s.medianMs(),
                            s.minMs(), r.notes().getOrDefault(key, ""), s.count());
                } else {
                    continue;
                }
                title = "";
            }
        }
        String whose = run.sharesThisProcess() ? " of this JVM (server AND SDK client: use --server-process for the "
                + "server alone)" : " of the server process";
        OUT.println("memory after the workload" + whose + ": " + run.atWorkload().describe());
        OUT.println("memory at the memory scale" + whose + ": " + run.atScale().describe());
    }

    private static void printReference(Run ours) {
        OUT.println();
        OUT.println("== ours (SDK v2 lane) against moto's figures from the issue (moto server, boto3, 2 cores)");
        OUT.printf(Locale.ROOT, "%-50s %10s %14s %12s %14s%n", "step", "ours ms", "moto ms (ref)", "ours/moto",
                "speed-up");
        for (Step step : Step.values()) {
            if (step.motoLowMs == null) {
                continue;
            }
            Stats s = ours.results().get(step, Lane.SDK);
            String reference = step.motoLowMs.equals(step.motoHighMs) ? String.format(Locale.ROOT, "~%.0f", step.motoLowMs)
                    : String.format(Locale.ROOT, "%.0f-%.0f", step.motoLowMs, step.motoHighMs);
            if (s == null) {
                OUT.printf(Locale.ROOT, "%-50s %10s %14s%n", step.title, "FAILED", reference);
                continue;
            }
            double mid = (step.motoLowMs + step.motoHighMs) / 2;
            OUT.printf(Locale.ROOT, "%-50s %10.1f %14s %12.4f %14s%n", step.title, s.medianMs(), reference,
                    s.medianMs() / mid, speedUp(step.motoLowMs / s.medianMs(), step.motoHighMs / s.medianMs()));
        }
        Memory m = ours.atScale();
        OUT.printf(Locale.ROOT, "%-50s %10s %14s %12s%n", "peak memory at " + ours.instances() + " instances (MiB)",
                m.peakMiB() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", m.peakMiB()), "~200",
                m.peakMiB() < 0 ? "" : String.format(Locale.ROOT, "%.2f", m.peakMiB() / 200));
        if (ours.sharesThisProcess()) {
            OUT.println("(memory of this JVM, which also runs the SDK client; --server-process measures the server alone)");
        }
    }

    /**
     * Ours against moto, lane by lane. The targets are the server's speed, so the verdict is the wire lane's,
     * where nothing but the server (and loopback TCP) is timed; the SDK lane is what an SDK v2 user sees, and its
     * speed-up is capped by the SDK client's own floor, printed beside it (the same client code runs for both servers).
     */
    private static void printComparison(Run ours, Run moto, Run persistent) {
        OUT.println();
        OUT.println("== ours against moto measured now, same workload and clients"
                + (persistent == null ? "" : " (speed-up: ours in memory, like moto; last columns: ours persistent)"));
        OUT.printf(Locale.ROOT, "%-50s %-7s %10s %10s %9s %7s %9s %-7s %10s%s%n", "step", "lane", "ours ms", "moto ms",
                "speed-up", "target", "needs ms", "verdict", "SDK floor",
                persistent == null ? "" : String.format(Locale.ROOT, " %14s %9s", "persistent ms", "speed-up"));
        for (Step step : Step.values()) {
            String title = step.title;
            for (Lane lane : List.of(Lane.SDK, Lane.WIRE)) {
                Stats a = ours.results().get(step, lane);
                Stats b = moto.results().get(step, lane);
                if (a == null && b == null) {
                    continue;
                }
                String speed = a == null || b == null ? "" : String.format(Locale.ROOT, "%.1fx",
                        b.medianMs() / a.medianMs());
                String target = step.target == null ? "" : String.format(Locale.ROOT, "%.0fx", step.target);
                String verdict = step.target == null || a == null || b == null ? ""
                        : b.medianMs() / a.medianMs() >= step.target ? "met" : "MISSED";
                // The time the target asks for: where the SDK floor alone exceeds it, no server can meet it in that lane.
                String needs = step.target == null || b == null ? ""
                        : String.format(Locale.ROOT, b.medianMs() / step.target < 10 ? "%.2f" : "%.1f",
                        b.medianMs() / step.target);
                Stats floor = lane == Lane.SDK ? ours.results().get(step, Lane.SDK_FLOOR) : null;
                String durable = "";
                if (persistent != null) {
                    Stats p = persistent.results().get(step, lane);
                    durable = String.format(Locale.ROOT, " %14s %9s", ms(p),
                            p == null || b == null ? "" : String.format(Locale.ROOT, "%.1fx", b.medianMs() / p.medianMs()));
                }
                OUT.printf(Locale.ROOT, "%-50s %-7s %10s %10s %9s %7s %9s %-7s %10s%s%n", title,
                        lane == Lane.SDK ? "SDK v2" : "wire", ms(a), ms(b), speed, target, needs, verdict,
                        floor == null ? "" : ms(floor), durable);
                title = "";
            }
        }
        OUT.printf(Locale.ROOT, "%-50s %-7s %10s %10s%s%n", "peak memory, MiB (ours at " + ours.instances()
                + ", moto at " + moto.instances() + ")", "", mib(ours.atScale()), mib(moto.atScale()),
                persistent == null ? "" : String.format(Locale.ROOT, " %54s %14s", "", mib(persistent.atScale())));
        if (ours.sharesThisProcess()) {
            OUT.println("(our memory is this JVM's, client included; moto's is its server process alone)");
        }
        if (ours.startupMillis() >= 0 && moto.startupMillis() >= 0) {
            OUT.printf(Locale.ROOT, "%-50s %-7s %10d %10d%n", "start to first answer, ms", "", ours.startupMillis(),
                    moto.startupMillis());
        }
        OUT.println("wire: the call written to a socket and its answer read, unparsed (the server alone). SDK v2: the");
        OUT.println("same call through the AWS SDK for Java v2. SDK floor: that SDK call against a server replaying our");
        OUT.println("recorded answer at once (the client's own cost, in both servers' SDK figures). Verdicts: target");
        OUT.println("speed-up over moto, as measured in that lane; needs ms: moto's time over the target, the most a");
        OUT.println("call may take to meet it (where the SDK floor is above it, no server can meet it through the SDK).");
    }

    private static String ms(Stats s) {
        return s == null ? "FAILED" : String.format(Locale.ROOT, s.medianMs() < 10 ? "%.2f" : "%.1f", s.medianMs());
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String mib(Memory m) {
        return m.peakMiB() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", m.peakMiB());
    }

    private static String speedUp(double low, double high) {
        return Math.abs(low - high) < 0.05 ? String.format(Locale.ROOT, "%.1fx", low)
                : String.format(Locale.ROOT, "%.1f-%.1fx", low, high);
    }

    private static Optional<String> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
