package io.altostratus.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.auth.Authenticator;
import io.altostratus.gateway.auth.internal.SigV4Verifier;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.gateway.http.internal.Ec2HttpHandler;
import io.altostratus.gateway.http.internal.FaultScopeFilter;
import io.altostratus.gateway.http.internal.FaultsAdminHandler;
import io.altostratus.gateway.http.internal.MetricsHandler;
import io.altostratus.gateway.http.internal.TargetRouter;
import io.altostratus.gateway.metrics.AccessLog;
import io.altostratus.gateway.metrics.GatewayMetrics;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The EC2-compatible gateway's server: EC2 Query over HTTP on virtual threads, requests authenticated against
 * {@link AccessKeys} and handed to an {@link ActionDispatcher}. Also serves {@code GET /_alto/health} and
 * {@code POST /_alto/reset} / {@code POST /moto-api/reset}, {@code GET /_alto/metrics} (Prometheus' text format, see
 * {@link GatewayMetrics}) and, when given a {@link Faults}, {@code GET/POST/DELETE /_alto/faults} (see
 * {@link FaultsAdminHandler}). Every request of every front is counted and timed, and written to the access log when
 * one is given.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.builder().port(0).dispatcher(dispatcher).stateStore(store).start()) {
 *     gateway.defaultKeyCreated().ifPresent(key -> out.println("created access key test/test"));
 *     URI endpoint = gateway.endpoint();
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    /** The port {@code alto serve} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8773;
    /** The address {@code alto serve} binds unless told otherwise: this machine only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The region of requests whose signature names none (SigV2, unsigned in permissive mode). */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The largest request body accepted: 10 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** The most parameters one request may carry. */
    public static final int DEFAULT_MAX_PARAMETERS = 100_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final InetSocketAddress address;
    private final AccessKeys accessKeys;
    private final AuthMode authMode;
    private final AccessKey defaultKeyCreated;
    private final StateStore ownedStore;
    private final GatewayMetrics metrics;
    private final Faults faults;
    private final AccessLog accessLog;

    private Gateway(HttpServer server, ExecutorService executor, AccessKeys accessKeys, AuthMode authMode,
                    AccessKey defaultKeyCreated, StateStore ownedStore, GatewayMetrics metrics, Faults faults,
                    AccessLog accessLog) {
        this.server = server;
        this.executor = executor;
        this.address = server.getAddress();
        this.accessKeys = accessKeys;
        this.authMode = authMode;
        this.defaultKeyCreated = defaultKeyCreated;
        this.ownedStore = ownedStore;
        this.metrics = metrics;
        this.faults = faults;
        this.accessLog = accessLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port actually bound (the ephemeral one when the builder asked for port 0). */
    public int port() {
        return address.getPort();
    }

    /** The address and port actually bound. */
    public InetSocketAddress address() {
        return address;
    }

    /** The URL clients use as their EC2 endpoint, e.g. {@code http://127.0.0.1:8773/}. */
    public URI endpoint() {
        InetAddress bound = address.getAddress();
        String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The registered keys this gateway authenticates against. */
    public AccessKeys accessKeys() {
        return accessKeys;
    }

    public AuthMode authMode() {
        return authMode;
    }

    /**
     * The key this start registered because no key existed yet ({@code test}/{@code test} for the default account),
     * so the caller can say so; empty on every later start.
     */
    public Optional<AccessKey> defaultKeyCreated() {
        return Optional.ofNullable(defaultKeyCreated);
    }

    /** The meters {@code GET /_alto/metrics} shows. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The fault plan {@code /_alto/faults} changes, when the builder was given one. */
    public Optional<Faults> faults() {
        return Optional.ofNullable(faults);
    }

    /**
     * Stops listening at once; requests in flight are cut off. Closes the store only if the gateway opened it, and the
     * access log it was given.
     */
    @Override
    public void close() {
        server.stop(0);
        // Exchanges already answered may still be recording (the access log and metrics are written when an exchange
        // ends, which can be just after its client has the answer): let them finish before the log is closed.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (accessLog != null) {
                accessLog.close();
            }
        } finally {
            if (ownedStore != null) {
                ownedStore.close();
            }
        }
    }

    /** Configures and starts a {@link Gateway}. Not thread-safe; {@link #start()} may be called once per setting. */
    public static final class Builder {
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private ActionDispatcher dispatcher;
        private Runnable resetHook;
        private AccessKeys accessKeys;
        private StateStore stateStore;
        private AuthMode authMode = AuthMode.STRICT;
        private String defaultRegion = DEFAULT_REGION;
        private Clock clock = Clock.systemUTC();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxParameters = DEFAULT_MAX_PARAMETERS;
        private final Map<String, Object> healthInfo = new LinkedHashMap<>();
        private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();
        private final Map<String, String> mountedApis = new LinkedHashMap<>();
        private final Map<String, TargetRouter.Route> targets = new LinkedHashMap<>();
        private GatewayMetrics metrics;
        private Faults faults;
        private AccessLog accessLog;

        private Builder() {
        }

        /** The address to listen on: a host name or IP literal (default {@value #DEFAULT_BIND}). */
        public Builder bindAddress(String host) {
            this.bind = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on (default {@value #DEFAULT_PORT}); 0 picks a free one, see {@link #port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Required: what answers authenticated EC2 requests. */
        public Builder dispatcher(ActionDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /**
         * What {@code POST /_alto/reset} and {@code POST /moto-api/reset} run (wipe the backend's state). Without
         * one, both answer 404. Access keys are not the hook's business and survive a reset.
         */
        public Builder resetHook(Runnable resetHook) {
            this.resetHook = Objects.requireNonNull(resetHook, "resetHook");
            return this;
        }

        /** The registered keys; alternatively give {@link #stateStore}. */
        public Builder accessKeys(AccessKeys accessKeys) {
            this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
            return this;
        }

        /**
         * The store the access keys live in (ignored when {@link #accessKeys} is given). Without either, keys live in
         * a store in memory that the gateway closes with itself.
         */
        public Builder stateStore(StateStore stateStore) {
            this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
            return this;
        }

        /** {@link AuthMode#STRICT} (default) or {@link AuthMode#PERMISSIVE}, which needs a loopback bind address. */
        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        /** The region of requests whose signature names none (default {@value #DEFAULT_REGION}). */
        public Builder defaultRegion(String region) {
            if (!SigV4Verifier.isRegionName(region)) {
                throw new IllegalArgumentException("not a region name: " + region);
            }
            this.defaultRegion = region;
            return this;
        }

        /** The clock signatures' dates are checked against (tests inject a manual one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The largest body accepted (default 10 MiB); larger ones get a 413 EC2 error. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** The most query plus form parameters one request may have (default 100,000). */
        public Builder maxParameters(int maxParameters) {
            if (maxParameters < 1) {
                throw new IllegalArgumentException("maxParameters must be positive: " + maxParameters);
            }
            this.maxParameters = maxParameters;
            return this;
        }

        /**
         * Serves another API front on the same server under a path prefix (e.g. {@code /compute/} for the GCE
         * front). The JDK server hands each request to the context with the longest matching prefix, so requests
         * under the prefix go to {@code handler} and everything else still reaches the EC2 handler on {@code /}.
         * The mounted handler does its own authentication and error documents.
         *
         * @param pathPrefix an absolute path other than {@code /}, e.g. {@code /compute/}
         * @throws IllegalArgumentException for {@code /}, a relative path, or a prefix mounted twice
         */
        public Builder mount(String pathPrefix, HttpHandler handler) {
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            String segment = pathPrefix.replaceAll("^/+", "");
            int slash = segment.indexOf('/');
            return mount(pathPrefix, handler, slash < 0 ? segment : segment.substring(0, slash));
        }

        /**
         * As {@link #mount(String, HttpHandler)}, with the {@code api} label its requests carry in the metrics and the
         * access log ({@code gce}, {@code arm}, ...); the two-argument form uses the prefix's first segment.
         */
        public Builder mount(String pathPrefix, HttpHandler handler, String api) {
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(handler, "handler");
            if (!pathPrefix.startsWith("/") || pathPrefix.equals("/")) {
                throw new IllegalArgumentException("a mount needs an absolute path other than /: " + pathPrefix);
            }
            if (mounts.putIfAbsent(pathPrefix, handler) != null) {
                throw new IllegalArgumentException("already mounted: " + pathPrefix);
            }
            mountedApis.put(pathPrefix, api.isEmpty() ? "other" : api);
            return this;
        }

        /**
         * Serves another AWS API that uses the JSON protocol on {@code POST /} (the Price List API): requests whose
         * {@code X-Amz-Target} header starts with {@code targetPrefix} (e.g. {@code AWSPriceListService.}) go to
         * {@code handler}; everything else on {@code /} still reaches EC2's Query handler, whose requests carry no
         * such header. The handler does its own authentication and error documents.
         *
         * @param api the label its requests carry in the metrics and the access log
         * @throws IllegalArgumentException for an empty prefix or one registered twice
         */
        public Builder jsonTarget(String targetPrefix, HttpHandler handler, String api) {
            Objects.requireNonNull(targetPrefix, "targetPrefix");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(api, "api");
            if (targetPrefix.isEmpty()) {
                throw new IllegalArgumentException("a JSON target needs a non-empty prefix");
            }
            if (targets.putIfAbsent(targetPrefix, new TargetRouter.Route(handler, api)) != null) {
                throw new IllegalArgumentException("already served: " + targetPrefix);
            }
            return this;
        }

        /**
         * The meters to count requests into and show at {@code /_alto/metrics}: give the same object whose
         * {@link GatewayMetrics#backendDecorator()} wraps the backend's sessions, so backend calls and instances show
         * too. Without one the gateway makes its own, which sees requests only.
         */
        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * The fault plan whose {@link Faults#decorator()} wraps the backend's sessions: serves {@code /_alto/faults}
         * to show and change it, and counts its faults in the metrics. Without one, {@code /_alto/faults} answers 404.
         */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Writes one line per request there (off by default); the gateway closes it when it closes. */
        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            return this;
        }

        /** An extra field for the health answer, e.g. {@code backend=local}. */
        public Builder healthInfo(String key, long value) {
            healthInfo.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        public Builder healthInfo(String key, String value) {
            healthInfo.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Binds, registers the default key if no key exists, and starts serving.
         *
         * @throws AltoException {@code INVALID_PARAMETER} ({@code InvalidBindAddress}) for permissive mode on a
         *         non-loopback address or an unknown host; {@code PROVIDER_ERROR} ({@code GatewayBindFailed}) when the
         *         address cannot be bound (port in use)
         * @throws IllegalStateException without a dispatcher
         */
        public Gateway start() {
            if (dispatcher == null) {
                throw new IllegalStateException("a Gateway needs a dispatcher");
            }
            InetAddress host;
            try {
                host = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidBindAddress",
                        "cannot resolve the bind address " + bind, e);
            }
            if (authMode == AuthMode.PERMISSIVE && !host.isLoopbackAddress()) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidBindAddress",
                        "permissive authentication accepts any key, so it is only allowed on a loopback address, "
                                + "not " + bind);
            }
            StateStore owned = accessKeys == null && stateStore == null ? StateStores.inMemory() : null;
            AccessKeys keys = accessKeys != null ? accessKeys
                    : new AccessKeys(owned != null ? owned : stateStore, clock);
            try {
                AccessKey created = keys.ensureDefault().orElse(null);
                Authenticator authenticator = new Authenticator(authMode, keys, defaultRegion, clock);
                Instant startedAt = clock.instant();
                Map<String, Object> extra = Map.copyOf(healthInfo);
                String mode = authMode.name().toLowerCase(java.util.Locale.ROOT);
                String region = defaultRegion;
                Ec2HttpHandler handler = new Ec2HttpHandler(new Ec2HttpHandler.Settings(dispatcher, authenticator,
                        resetHook, () -> health(startedAt, mode, region, extra), maxBodyBytes, maxParameters));

                avoidNagleDelays();
                HttpServer server;
                try {
                    server = HttpServer.create(new InetSocketAddress(host, port), 0);
                } catch (IOException e) {
                    throw new AltoException(ErrorCode.PROVIDER_ERROR, "GatewayBindFailed",
                            "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
                }
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                server.setExecutor(executor);
                GatewayMetrics meters = metrics != null ? metrics : new GatewayMetrics();
                if (faults != null) {
                    meters.watch(faults);
                }
                serve(server, "/", targets.isEmpty() ? handler : new TargetRouter(handler, targets),
                        meters.requestObserver("ec2", accessLog));
                serve(server, MetricsHandler.PATH, new MetricsHandler(meters),
                        meters.requestObserver("alto", accessLog));
                if (faults != null) {
                    serve(server, FaultsAdminHandler.PATH, new FaultsAdminHandler(faults),
                            meters.requestObserver("alto", accessLog));
                }
                mounts.forEach((prefix, mounted) -> serve(server, prefix, mounted,
                        meters.requestObserver(mountedApis.get(prefix), accessLog)));
                server.start();
                return new Gateway(server, executor, keys, authMode, created, owned, meters, faults, accessLog);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                throw e;
            }
        }

        /** One path served: observed (meters, access log) and, with a fault plan, one fault draw per request. */
        private void serve(HttpServer server, String path, HttpHandler handler, Filter observer) {
            List<Filter> filters = server.createContext(path, handler).getFilters();
            filters.add(observer);
            if (faults != null) {
                filters.add(new FaultScopeFilter());
            }
        }

        private Map<String, Object> health(Instant startedAt, String mode, String region, Map<String, Object> extra) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", "ok");
            fields.put("service", "alto-gateway");
            fields.put("auth", mode);
            fields.put("defaultRegion", region);
            fields.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
            fields.putAll(extra);
            return fields;
        }

        /**
         * The JDK server writes a response's headers and body in separate packets; with Nagle's algorithm on, the body
         * can wait for the client's delayed ACK (~40 ms per request on keep-alive connections). The switch is a
         * system property read once when the JDK server first starts, so it is set here unless the user set it.
         */
        private static void avoidNagleDelays() {
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
        }
    }
}
