package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Durations;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.store.StateStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alto serve}: the EC2-compatible gateway. Runs until SIGINT or SIGTERM; a shutdown hook then stops the server
 * and closes the backend and the store, so every acknowledged change is on disk.
 */
@Command(name = "serve", description = {
        "Serve the EC2 API (Query protocol, version 2016-11-15) over a backend, the local cloud by default, until "
                + "interrupted. Point any EC2 client at it, e.g. aws --endpoint-url http://127.0.0.1:8773 ec2 ...",
        "On the first start it registers access key 'test', secret 'test' for account 000000000000 (the account "
                + "the other alto verbs use, so `alto ls` sees instances made through the gateway).",
        "With --api ec2,gce it also serves Compute Engine v1 under /compute/v1/ (point gcloud there with "
                + "CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE); strict auth then registers bearer token 'test' for project "
                + "test-project on the first start.",
        "With --api ec2,arm (or arm alone) it serves Azure Resource Manager under /subscriptions/ and the Retail "
                + "Prices API under /api/retail/prices (point an Azure SDK's resource manager endpoint at the server's "
                + "URL); strict auth then registers bearer token 'test' for subscription "
                + "00000000-0000-0000-0000-000000000000 on the first start.",
        "With --api ec2,eks it serves Amazon EKS (aws eks --endpoint-url ...) over the backend's managed Kubernetes "
                + "clusters, signed with the same access keys as EC2; with --api gke, Google Kubernetes Engine "
                + "(gcloud: CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER) with Compute Engine's bearer tokens.",
        "With --store postgresql://USER@HOST/DATABASE (or url in the [store] table of alto.toml) the state lives in "
                + "PostgreSQL instead of the state directory: every alto serve on that URL serves the same state, "
                + "each write durable before it is answered and seen by every replica's next request.",
        "POST /_alto/reset (or /moto-api/reset) wipes every resource but the access keys and tokens; GET "
                + "/_alto/health answers when ready; GET /_alto/metrics answers in the Prometheus text format; "
                + "GET, POST (a --faults spec as the body, ?seed=N) and DELETE /_alto/faults read, replace and clear "
                + "the injected faults of a running server.",
        "A backend whose sizes are not EC2's takes a type map: 'ec2type = backendsize' lines in the [type_map] table "
                + "of alto.toml, in a --type-map file, or as --map-type flags (later ones win). Clients launch and "
                + "see the EC2 name; unmapped names pass through; when several names map to one size, instances "
                + "report the first."})
public final class ServeCommand implements Callable<Integer> {
    /** The alto.toml table that holds the type map, e.g. {@code [type_map]} with {@code "t3.micro" = "small"}. */
    static final String TYPE_MAP_TABLE = "type_map";
    /** The alto.toml table that names a shared store, e.g. {@code [store]} with {@code url = "postgresql://..."}. */
    static final String STORE_TABLE = "store";
    /** The alto.toml table of injected faults, e.g. {@code [faults]} with {@code spec = "throttle=5%"}, {@code seed}. */
    static final String FAULTS_TABLE = "faults";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + Gateway.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = Gateway.DEFAULT_BIND, paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--ephemeral",
            description = "Keep all state in memory (lost on exit) instead of the state directory.")
    boolean ephemeral;

    @Option(names = "--store", paramLabel = "URL",
            description = "Keep the state in PostgreSQL instead of the state directory's SQLite file: "
                    + "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE. Every alto serve given the same URL serves "
                    + "one state, so several replicas can stand behind a load balancer. Default: url in the [store] "
                    + "table of alto.toml, else the state directory.")
    String store;

    @Option(names = "--backend", defaultValue = "local", paramLabel = "PROVIDER",
            description = "The provider EC2 calls are served by (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--api", defaultValue = "ec2", paramLabel = "API[,API]",
            description = "The cloud APIs to serve on the one port, comma-separated: ec2 (on /), gce (Compute "
                    + "Engine v1 under /compute/v1/, over the GCP catalog when the backend is local), arm (Azure "
                    + "Resource Manager under /subscriptions/, over the Azure catalog when the backend is local), pve "
                    + "(the Proxmox VE API under /api2/json/: a cluster of the backend's region, its zones as nodes), "
                    + "eks (Amazon EKS under /clusters, over the backend's managed Kubernetes clusters), gke "
                    + "(Google Kubernetes Engine container/v1 under /v1/projects/, likewise). "
                    + "Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--latency", defaultValue = "0", paramLabel = "DURATION",
            description = "Add this delay before every backend call, e.g. 100ms or 1s (default: none).")
    String latency;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "Inject faults into backend calls, e.g. 'throttle=5%%,error=1%%,eventual=2s,"
                    + "capacity=t3.micro@us-east-1a,quota=eu-west-1' (throttling, server errors, new resources hidden "
                    + "from describes for a while, no capacity for a type in a zone or region, a used-up quota in a "
                    + "region, for every type or TYPE@REGION). Default: spec in the [faults] table of alto.toml, else "
                    + "none; POST /_alto/faults changes them while serving.")
    String faults;

    @Option(names = "--faults-seed", paramLabel = "N",
            description = "Seed of the fault draws, so a run replays the same faults (default: seed in [faults], "
                    + "else a random one, announced at start).")
    Long faultsSeed;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "Write one JSON line per request (request id, api, account, action, status, ms) to FILE, "
                    + "or to standard error with '-'. Default: none.")
    String accessLog;

    @Option(names = "--auth", defaultValue = "strict", paramLabel = "MODE",
            description = "strict (every request signed with a registered key) or permissive (any key, no signature "
                    + "check; loopback bind only). Default: ${DEFAULT-VALUE}.")
    AuthMode auth;

    @Option(names = "--type-map", paramLabel = "FILE",
            description = "EC2 instance type names to backend sizes, one 'ec2type = backendsize' per line "
                    + "(# comments; names may be quoted as in TOML).")
    Path typeMapFile;

    @Option(names = "--map-type", paramLabel = "EC2TYPE=SIZE",
            description = "Map one EC2 instance type to a backend size, e.g. t3.micro=small; repeatable, and wins "
                    + "over --type-map and alto.toml's [type_map].")
    List<String> mappedTypes = new ArrayList<>();

    private Main main() {
        return (Main) spec.root().userObject();
    }

    /** The options this command line asks for; refuses contradictory ones before anything is opened. */
    ServeOptions options() {
        Main main = main();
        if (ephemeral && main.stateDirGiven()) {
            throw new UsageException("--ephemeral and --state-dir contradict each other: choose one");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, not " + port);
        }
        String storeUrl = storeUrl(main);
        if (ephemeral && storeUrl != null) {
            throw new UsageException("--ephemeral and " + (store != null ? "--store" : "[store] url in alto.toml")
                    + " contradict each other: choose one");
        }
        Duration delay = Durations.parse(latency);
        Set<ServeApi> apis;
        try {
            apis = ServeApi.parseList(api);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api: " + e.getMessage());
        }
        Map<String, String> faultsTable = main.config().section(FAULTS_TABLE);
        String faultsSpec = faults != null ? faults : faultsTable.getOrDefault("spec", "");
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(faultsSpec);
        } catch (IllegalArgumentException e) {
            throw new UsageException((faults != null ? "--faults" : "[faults] spec") + ": " + e.getMessage());
        }
        Long seed = faultsSeed;
        if (seed == null && faultsTable.get("seed") != null) {
            try {
                seed = Long.parseLong(faultsTable.get("seed").strip());
            } catch (NumberFormatException e) {
                throw new UsageException("[faults] seed must be a whole number, not '" + faultsTable.get("seed")
                        + "'");
            }
        }
        return new ServeOptions(bind, port, ephemeral ? null : main.stateDirectory(), backend,
                main.config().section(backend), main.endpointUrl(), delay, auth, main.regionName(backend),
                main.environment().clock(), main.environment().sleeper(), typeMap(main), apis, storeUrl, plan, seed,
                accessLog);
    }

    /** {@code --store}, else {@code url} in alto.toml's {@code [store]}; null for the state directory's SQLite file. */
    private String storeUrl(Main main) {
        return storeUrl(main, store);
    }

    /**
     * The shared store a command was pointed at: {@code flag} (its {@code --store}), else {@code url} in alto.toml's
     * {@code [store]}; null for the state directory's SQLite file.
     *
     * @throws UsageException for an empty value or one that is not a {@code postgresql://} URL
     */
    public static String storeUrl(Main main, String flag) {
        String chosen = flag != null ? flag : main.config().section(STORE_TABLE).get("url");
        if (chosen == null) {
            return null;
        }
        String origin = flag != null ? "--store" : main.config().source().map(file -> file + " [store] url")
                .orElse("[store] url");
        if (chosen.isBlank()) {
            throw new UsageException(origin + " must not be empty");
        }
        if (!StateStores.isPostgres(chosen)) {
            throw new UsageException(origin + " must be a postgresql://USER@HOST[:PORT]/DATABASE URL, not '" + chosen
                    + "' (a directory is --state-dir)");
        }
        return chosen;
    }

    /**
     * The type map from alto.toml's {@code [type_map]}, then {@code --type-map}, then {@code --map-type}: each later
     * source replaces an EC2 name an earlier one gave, as flags win over the config file everywhere else.
     */
    private InstanceTypeMap typeMap(Main main) {
        String origin = main.config().source().map(file -> file + " [type_map]").orElse("[type_map]");
        InstanceTypeMap map = InstanceTypeMap.fromConfig(main.config().section(TYPE_MAP_TABLE), origin);
        if (typeMapFile != null) {
            map = map.overriddenBy(InstanceTypeMap.read(typeMapFile));
        }
        List<InstanceTypeMap.Entry> flags = new ArrayList<>();
        for (String assignment : mappedTypes) {
            flags.add(InstanceTypeMap.parseEntry(assignment, "--map-type"));
        }
        return map.overriddenBy(InstanceTypeMap.ofEntries(flags));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeOptions options = options();
        GatewayServer server = GatewayServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "alto-serve-shutdown"));
        server.warmInBackground();
        PrintWriter out = spec.commandLine().getOut();
        server.announcement().forEach(out::println);
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }
}
