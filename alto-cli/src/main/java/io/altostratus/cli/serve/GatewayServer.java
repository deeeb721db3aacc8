package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.core.spi.decorate.Latency;
import io.altostratus.gateway.identity.TypeMapping;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.gateway.auth.BearerTokens;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.gce.GceFront;
import io.altostratus.gateway.http.Call;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.codec.Ec2Operation;
import io.altostratus.gateway.codec.Ec2OperationRegistry;
import io.altostratus.gateway.codec.Ec2XmlEncoder;
import io.altostratus.gateway.metrics.AccessLog;
import io.altostratus.gateway.metrics.GatewayMetrics;
import io.altostratus.gateway.pricing.PricingFront;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * What {@code alto serve} runs: the state store, the backend over the chosen provider (with the latency and the
 * instance type mapping decorators when asked), the EC2 dispatcher and the HTTP gateway, started together and closed together. Tests and the benchmark start
 * one in-process exactly as the command does.
 *
 * <p>With the local backend, {@code POST /_alto/reset} and {@code POST /moto-api/reset} wipe every resource of every
 * account (keeping the gateway's access keys); over a real cloud they answer 404, since wiping the local store would
 * not delete anything there and pretending otherwise would mislead.
 */
public final class GatewayServer implements AutoCloseable {
    /** The actions most clients call first; their codec metadata is built in the background right after start. */
    static final List<String> FIRST_WAVE = List.of("DescribeRegions", "DescribeAvailabilityZones", "DescribeImages",
            "DescribeInstances", "RunInstances", "TerminateInstances", "DescribeKeyPairs", "CreateKeyPair",
            "DeleteKeyPair", "DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups", "CreateTags",
            "DescribeInstanceTypes", "DescribeAccountAttributes", "DescribeTags", "StopInstances", "StartInstances");

    /**
     * The bearer token strict mode registers on a first start with the GCE API, for the project below: the GCE
     * counterpart of the EC2 front's access key test/test.
     */
    public static final String DEFAULT_GCE_TOKEN = "test";
    /** The project {@link #DEFAULT_GCE_TOKEN} grants. */
    public static final String DEFAULT_GCE_PROJECT = "test-project";
    /** The bearer token strict mode registers on a first start with the ARM API, for the subscription below. */
    public static final String DEFAULT_ARM_TOKEN = "test";
    /** The subscription {@link #DEFAULT_ARM_TOKEN} grants (the all-zero id Azure's own recordings use). */
    public static final String DEFAULT_ARM_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** The Proxmox API token strict mode registers on a first start with the PVE API, for the default account. */
    public static final String DEFAULT_PVE_TOKEN = "root@pam!alto=test";
    /** The GCE front's home region over the local cloud: the GCP catalog's most used region (gcloud's default too). */
    static final String GCE_LOCAL_HOME_REGION = "us-central1";

    private final ServeOptions options;
    private final StateStore store;
    private final Backend backend;
    private final List<ServedFront> fronts;
    private final Gateway gateway;
    private final Faults faults;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayServer(ServeOptions options, StateStore store, Backend backend, List<ServedFront> fronts,
                          Gateway gateway, Faults faults) {
        this.options = options;
        this.store = store;
        this.backend = backend;
        this.fronts = fronts;
        this.gateway = gateway;
        this.faults = faults;
    }

    /**
     * Opens the store, the backend and the gateway and starts serving.
     *
     * @throws AltoException as {@link Gateway.Builder#start()} (bad bind address, port in use), or from opening the
     *         store or the provider; nothing is left open then
     */
    public static GatewayServer start(ServeOptions options) {
        Objects.requireNonNull(options, "options");
        GatewayMetrics metrics = new GatewayMetrics();
        StateStore store = metrics.meteredStore(openStore(options));
        Backend backend = null;
        List<ServedFront> fronts = new ArrayList<>();
        try {
            boolean local = options.backend().equalsIgnoreCase(LocalProviderFactory.NAME);
            // The local cloud shares the gateway's store, so access keys and resources live in one file and `alto ls`
            // on the same state directory sees what EC2 clients made.
            ProviderFactory factory = local ? LocalProviderFactory.withStore(store, Catalogs.aws())
                    : Providers.named(options.backend());
            ProviderContext template = new ProviderContext(options.region(), ProviderContext.DEFAULT_ACCOUNT,
                    options.endpoint(), options.stateDir(), options.backendSettings(), options.clock());
            requireMappedSizes(factory, template, options.typeMap());
            UnaryOperator<ComputeProvider> latency = Latency.decorator(options.latency(), options.sleeper());
            UnaryOperator<ComputeProvider> typeMapping = TypeMapping.decorator(options.typeMap());
            // A fault plan is always there, empty unless asked for, so POST /_alto/faults works on any server.
            Faults faults = Faults.create(options.faults(), options.faultsSeed() != null ? options.faultsSeed()
                    : new SecureRandom().nextLong(), options.clock());
            // Faults outermost, so capacity entries name the client's (EC2) types and a refused call never reaches
            // the backend; metering innermost, so it counts only the calls that did.
            UnaryOperator<ComputeProvider> metered = metrics.backendDecorator();
            UnaryOperator<ComputeProvider> chain = provider -> faults.wrap(latency.apply(metered.apply(provider)));
            // The store also keeps the EC2 ids minted for a backend whose own ids are not EC2-shaped, so they survive a
            // restart on the same state directory.
            backend = new Backend(factory, template, provider -> faults.wrap(typeMapping.apply(
                    latency.apply(metered.apply(provider)))), store);
            Backend sessions = backend;
            boolean ec2 = options.apis().contains(ServeApi.EC2);
            Gateway.Builder builder = Gateway.builder()
                    .bindAddress(options.bind())
                    .port(options.port())
                    .stateStore(store)
                    .authMode(options.auth())
                    .defaultRegion(options.region())
                    .clock(options.clock())
                    .dispatcher(ec2 ? new Ec2Dispatcher(backend, Ec2Actions.all()) : GatewayServer::ec2NotServed)
                    .healthInfo("backend", factory.name())
                    .healthInfo("state", store.location())
                    .healthInfo("latencyMs", options.latency().toMillis())
                    .healthInfo("mappedInstanceTypes", options.typeMap().size())
                    .metrics(metrics)
                    .faults(faults);
            if (options.accessLog() != null) {
                builder.accessLog(options.accessLog().equals("-")
                        ? AccessLog.to(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)))
                        : AccessLog.toFile(Path.of(options.accessLog())));
            }
            if (ec2) {
                // AWS's Price List API beside EC2 on POST / (routed by X-Amz-Target), so `alto catalog refresh
                // --provider aws` with pricing_endpoint set to this server prices from the shipped catalog's quotes.
                PricingFront.builder().catalog(Catalogs.aws()).accessKeys(new AccessKeys(store, options.clock()))
                        .authMode(options.auth()).defaultRegion(options.region()).clock(options.clock()).build()
                        .mountOn(builder);
            }
            if (options.apis().contains(ServeApi.GCE)) {
                fronts.add(GceServed.mount(builder, options, store, local, chain));
            }
            if (options.apis().contains(ServeApi.ARM)) {
                fronts.add(ArmServed.mount(builder, options, store, local, chain));
            }
            if (options.apis().contains(ServeApi.PVE)) {
                fronts.add(PveServed.mount(builder, options, store, local, chain));
            }
            if (options.apis().contains(ServeApi.EKS)) {
                fronts.add(EksServed.mount(builder, options, store, local));
            }
            if (options.apis().contains(ServeApi.GKE)) {
                fronts.add(GkeServed.mount(builder, options, store, local));
            }
            List<ServedFront> served = List.copyOf(fronts);
            if (local) {
                builder.resetHook(() -> reset(store, sessions, served));
            }
            Gateway gateway = builder.start();
            return new GatewayServer(options, store, backend, served, gateway, faults);
        } catch (RuntimeException e) {
            fronts.forEach(ServedFront::close);
            if (backend != null) {
                backend.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * The shared store when one was named ({@code --store postgresql://...}: every replica on that URL serves one
     * state), else the state directory's SQLite file, else memory. Either durable store answers at once with indexed
     * queries and from memory once loaded: a restart over a large fleet listens and answers in about a second
     * instead of after loading every document.
     */
    private static StateStore openStore(ServeOptions options) {
        if (options.store() != null) {
            return StateStores.openServing(options.store());
        }
        Path dir = options.stateDir();
        return dir == null ? StateStores.inMemory() : StateStores.openServing(dir);
    }

    /** What EC2 calls get when serve was started without the EC2 API. */
    private static byte[] ec2NotServed(Call call) {
        throw new Ec2WireException(400, "InvalidAction",
                "this alto serve does not serve the EC2 API (start it with --api ec2, or ec2 with others: --api ec2,gce,arm,pve)");
    }

    /**
     * Refuses a type map naming sizes the backend does not list, before anything serves: a typo must stop the start,
     * not fail each launch later. One session of the default account is opened for it and closed again.
     */
    private static void requireMappedSizes(ProviderFactory factory, ProviderContext template, InstanceTypeMap map) {
        if (map.isEmpty()) {
            return;
        }
        try (ComputeProvider probe = factory.open(template)) {
            TypeMapping.requireSizesOf(probe, map);
        }
    }

    /**
     * Wipes every resource of every account and region, keeping the access keys. Sessions are closed before and after
     * the wipe: a session remembers that its region's defaults (default VPC, subnets) exist, and one opened while the
     * wipe ran must not keep believing so.
     */
    static void reset(StateStore store, Backend backend, List<ServedFront> fronts) {
        backend.closeSessions();
        fronts.forEach(ServedFront::resetState);
        store.clear(kind -> !kind.equals(AccessKeys.KIND) && !BearerTokens.isTokenKind(kind));
        backend.closeSessions();
    }

    /** The URL EC2 clients use, e.g. {@code http://127.0.0.1:8773/}. */
    public URI endpoint() {
        return gateway.endpoint();
    }

    public int port() {
        return gateway.port();
    }

    /** The base URL of the Compute Engine API, e.g. {@code http://127.0.0.1:8773/compute/v1/}. */
    public URI gceEndpoint() {
        return GceServed.endpoint(endpoint());
    }

    /** The Compute Engine front, when serve was asked for the GCE API. */
    public Optional<GceFront> gce() {
        return fronts.stream().filter(GceServed.class::isInstance).map(f -> ((GceServed) f).front()).findFirst();
    }

    /** The Proxmox VE front, when serve was asked for the PVE API (under {@code /api2/json}). */
    public Optional<io.altostratus.gateway.pve.PveFront> pve() {
        return fronts.stream().filter(PveServed.class::isInstance).map(f -> ((PveServed) f).front()).findFirst();
    }

    /** The Azure Resource Manager front, when serve was asked for the ARM API; clients use {@link #endpoint()}. */
    public Optional<ArmFront> arm() {
        return fronts.stream().filter(ArmServed.class::isInstance).map(f -> ((ArmServed) f).front()).findFirst();
    }

    /** The key this start registered because none existed ({@code test}/{@code test}), or empty. */
    public Optional<AccessKey> defaultKeyCreated() {
        return gateway.defaultKeyCreated();
    }

    public AccessKeys accessKeys() {
        return gateway.accessKeys();
    }

    /** Where the state lives ({@code memory}, the database file, or the PostgreSQL URL without its password). */
    public String stateLocation() {
        return store.location();
    }

    public String backendName() {
        return backend.providerName();
    }

    /**
     * What {@code alto serve} prints once it is ready: where to point clients and, on a first start, the credentials
     * just made.
     */
    public List<String> announcement() {
        List<String> lines = new java.util.ArrayList<>();
        String auth = options.auth().name().toLowerCase(java.util.Locale.ROOT);
        for (ServedFront front : fronts) {
            lines.addAll(front.announcement(endpoint(), backendName(), auth));
        }
        if (!options.apis().contains(ServeApi.EC2)) {
            return List.copyOf(lines);
        }
        StringBuilder line = new StringBuilder("alto serve: EC2 endpoint ").append(endpoint())
                .append(" (backend ").append(backendName())
                .append(", state ").append(stateLocation())
                .append(", auth ").append(auth)
                .append(", region ").append(options.region());
        if (!options.latency().isZero()) {
            line.append(", latency ").append(options.latency().toMillis()).append(" ms");
        }
        if (!options.typeMap().isEmpty()) {
            line.append(", ").append(options.typeMap().size()).append(" instance types mapped");
        }
        line.append(')');
        // The Price List API shares the URL (routed by X-Amz-Target), so it gets no line of its own.
        line.append("; AWS Price List API (pricing) on the same URL");
        lines.add(0, line.toString());
        if (!faults.plan().isEmpty()) {
            // The seed is printed so that a run that failed under faults can be replayed with --faults-seed.
            lines.add("alto serve: injecting faults " + faults.plan() + " (seed " + faults.seed()
                    + "; change them with POST /_alto/faults)");
        }
        defaultKeyCreated().ifPresent(key -> lines.add("alto serve: created access key '" + key.accessKeyId()
                + "' / secret '" + key.secretAccessKey() + "' for account " + key.account()));
        return List.copyOf(lines);
    }

    /** What {@code POST /_alto/reset} does, for in-process callers. */
    public void reset() {
        reset(store, backend, fronts);
    }

    /**
     * Builds the codec's field metadata of the {@link #FIRST_WAVE} actions on a background thread, so the first call of
     * each does not pay for it, then what the other fronts served need (the Compute Engine front's message
     * descriptors: its first request otherwise costs one to two seconds). Touches nothing but the codecs: over a real cloud, warming must not
     * make API calls. The thread ends when both are warm.
     */
    public Thread warmInBackground() {
        boolean ec2 = options.apis().contains(ServeApi.EC2);
        Thread thread = Thread.ofPlatform().daemon().name("alto-gateway-warm-up").unstarted(() -> {
            if (ec2) {
                warm();
            }
            fronts.forEach(ServedFront::warm);
        });
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    static void warm() {
        Ec2OperationRegistry registry = Ec2OperationRegistry.instance();
        Ec2XmlEncoder encoder = new Ec2XmlEncoder();
        for (String action : FIRST_WAVE) {
            try {
                Optional<Ec2Operation> operation = registry.find(action);
                if (operation.isPresent()) {
                    registry.warm(operation.get());
                    encoder.encode(operation.get(), operation.get().newResponseBuilder().build(), "warm-up");
                }
            } catch (RuntimeException e) {
                // Warming is an optimisation: a failure here only means the first real call does the work.
            }
        }
    }

    /** Stops serving, then closes the backend's sessions and the store. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            gateway.close();
        } finally {
            try {
                fronts.forEach(ServedFront::close);
                backend.close();
            } finally {
                store.close();
            }
        }
    }
}
