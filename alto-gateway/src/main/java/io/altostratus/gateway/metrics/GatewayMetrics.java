package io.altostratus.gateway.metrics;

import com.sun.net.httpserver.Filter;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.decorate.FaultKind;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.store.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What {@code GET /_alto/metrics} shows, in Prometheus' text format (Micrometer's Prometheus registry):
 *
 * <pre>
 * alto_gateway_requests_total{api,action,status,account}          requests answered
 * alto_gateway_request_duration_seconds{api,action,status,account} their latency (histogram, 1 ms to 10 s)
 * alto_backend_calls_total{method,outcome}                          backend calls (outcome: ok or the error code)
 * alto_backend_call_duration_seconds{method,outcome}                their latency (histogram)
 * alto_store_write_duration_seconds{operation,outcome}              store writes, call to durable commit (histogram)
 * alto_instances{state}                                             instances by state, counted when scraped
 * alto_faults_injected_total{kind}                                  faults injected, when the gateway has a plan
 * </pre>
 *
 * Backend calls, store writes and instances are seen only where this object is wired in: sessions wrapped by
 * {@link #backendDecorator()} and a store wrapped by {@link #meteredStore}. Thread-safe.
 */
public final class GatewayMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LabelValues actions = new LabelValues(400);
    private final LabelValues accounts = new LabelValues(1000);
    private final LabelValues apis = new LabelValues(32);
    private final LabelValues methods = new LabelValues(400);
    private final Set<MeteredProvider> sessions = ConcurrentHashMap.newKeySet();
    private final MultiGauge instances;
    private final Set<Faults> watched = ConcurrentHashMap.newKeySet();

    public GatewayMetrics() {
        instances = MultiGauge.builder("alto.instances")
                .description("Instances of the backend sessions the gateway has open, by state, counted at scrape")
                .register(registry);
    }

    /** Wraps each backend session so its calls are counted and timed and its instances counted; innermost is best. */
    public UnaryOperator<ComputeProvider> backendDecorator() {
        return provider -> {
            MeteredProvider metered = new MeteredProvider(Objects.requireNonNull(provider, "provider"), this);
            sessions.add(metered);
            return metered;
        };
    }

    /** {@code store} with its writes timed; give this one to everything that writes (the local cloud, the keys). */
    public StateStore meteredStore(StateStore store) {
        return new MeteredStateStore(Objects.requireNonNull(store, "store"), this);
    }

    /** Counts the faults {@code faults} injects under {@code alto_faults_injected_total}. */
    public void watch(Faults faults) {
        Objects.requireNonNull(faults, "faults");
        if (!watched.add(faults)) {
            return;
        }
        for (FaultKind kind : FaultKind.values()) {
            FunctionCounter.builder("alto.faults.injected", faults, f -> f.injected().get(kind))
                    .description("Faults injected into backend calls, by kind")
                    .tag("kind", kind.specName())
                    .register(registry);
        }
    }

    /**
     * The HTTP filter that times each request of one API and writes its access log line; the gateway puts one on
     * every path it serves.
     *
     * @param api       the label of the requests it sees ({@code ec2}, {@code gce}, {@code alto})
     * @param accessLog where lines go, or null for none
     */
    public Filter requestObserver(String api, AccessLog accessLog) {
        return new RequestObserver(this, Objects.requireNonNull(api, "api"), accessLog);
    }

    /** The text format Prometheus scrapes (version 0.0.4), with the instances gauge counted now. */
    public String scrape() {
        countInstances();
        return registry.scrape();
    }

    /** The registry, for meters of the caller's own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    void request(String api, String action, int status, String account, long nanos) {
        Tags tags = Tags.of("api", apis.of(api), "action", actions.of(action), "status", Integer.toString(status),
                "account", accounts.of(account));
        Counter.builder("alto.gateway.requests").description("Requests answered").tags(tags)
                .register(registry).increment();
        Timer.builder("alto.gateway.request.duration").description("From a request's arrival to its last byte")
                .serviceLevelObjectives(BUCKETS).tags(tags)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void backendCall(String method, String outcome, long nanos) {
        Tags tags = Tags.of("method", methods.of(method), "outcome", outcome);
        Counter.builder("alto.backend.calls").description("Calls the gateway made to its backend").tags(tags)
                .register(registry).increment();
        Timer.builder("alto.backend.call.duration").description("Backend calls' latency")
                .serviceLevelObjectives(BUCKETS).tags(tags)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void storeWrite(String operation, String outcome, long nanos) {
        Timer.builder("alto.store.write.duration")
                .description("State store writes, from the call to the durable commit")
                .serviceLevelObjectives(BUCKETS).tags("operation", operation, "outcome", outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void closed(MeteredProvider session) {
        sessions.remove(session);
    }

    /**
     * Each instance once, however many open sessions see it (the EC2 and GCE fronts' sessions of one account see the
     * same ones). A session whose backend fails the listing is left out of this count rather than failing the scrape.
     */
    private void countInstances() {
        Map<String, String> stateById = new HashMap<>();
        for (MeteredProvider session : sessions) {
            try {
                for (Instance instance : session.instancesForGauge()) {
                    stateById.put(instance.id(), instance.state().wireName());
                }
            } catch (RuntimeException e) {
                // Counted without this session; its own calls' meters show what is wrong with it.
            }
        }
        Map<String, Long> byState = new TreeMap<>();
        stateById.values().forEach(state -> byState.merge(state, 1L, Long::sum));
        List<MultiGauge.Row<?>> rows = new ArrayList<>(byState.size());
        byState.forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", state), count)));
        instances.register(rows, true);
    }
}
