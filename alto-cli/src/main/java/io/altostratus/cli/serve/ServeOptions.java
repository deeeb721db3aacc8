package io.altostratus.cli.serve;

import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code alto serve} was asked for, resolved from flags, config and defaults.
 *
 * @param bind             the address to listen on
 * @param port             the port, 0 for any free one
 * @param stateDir         the state directory, or null to keep everything in memory ({@code --ephemeral})
 * @param backend          the provider behind the gateway ({@code local}, {@code aws}, ...)
 * @param backendSettings  that provider's config section
 * @param endpoint         the provider's API endpoint override, or null
 * @param latency          the delay added before every backend call ({@link Duration#ZERO} for none)
 * @param auth             how strictly callers are checked
 * @param region           the region of requests whose signature names none
 * @param clock            the time source of the backend and of signature checks
 * @param sleeper          how the latency is waited out
 * @param typeMap          EC2 instance type names to the backend's sizes ({@link InstanceTypeMap#empty()} for none)
 * @param apis             the cloud APIs served (at least one)
 * @param store            where the shared state lives when it is not the state directory's SQLite file: a
 *                         {@code postgresql://user@host/db} URL ({@code --store}, {@code [store] url}), so several
 *                         replicas share one state; null for the default. The state directory still holds what
 *                         backends keep in files.
 * @param faults           the faults injected into backend calls ({@code --faults}, {@code [faults] spec});
 *                         {@link FaultPlan#NONE} for none (they can still be set later with {@code POST /_alto/faults})
 * @param faultsSeed       the seed of the fault draws ({@code --faults-seed}), or null for a random one the server
 *                         announces, so a failing run can be replayed
 * @param accessLog        where one JSON line per request goes: a file, {@code -} for standard error, or null for
 *                         no access log
 */
public record ServeOptions(String bind, int port, Path stateDir, String backend, Map<String, String> backendSettings,
                           String endpoint, Duration latency, AuthMode auth, String region, Clock clock,
                           Sleeper sleeper, InstanceTypeMap typeMap, Set<ServeApi> apis, String store,
                           FaultPlan faults, Long faultsSeed, String accessLog) {
    public ServeOptions {
        faults = faults == null ? FaultPlan.NONE : faults;
        if (accessLog != null && accessLog.isBlank()) {
            accessLog = null;
        }
        if (store != null && store.isBlank()) {
            store = null;
        }
        typeMap = typeMap == null ? InstanceTypeMap.empty() : typeMap;
        apis = apis == null ? Set.of(ServeApi.EC2) : Set.copyOf(apis);
        if (apis.isEmpty()) {
            throw new IllegalArgumentException("alto serve needs at least one API to serve");
        }
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(backend, "backend");
        backendSettings = backendSettings == null ? Map.of() : Map.copyOf(backendSettings);
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Options without faults or an access log. */
    public ServeOptions(String bind, int port, Path stateDir, String backend, Map<String, String> backendSettings,
                        String endpoint, Duration latency, AuthMode auth, String region, Clock clock, Sleeper sleeper,
                        InstanceTypeMap typeMap, Set<ServeApi> apis, String store) {
        this(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region, clock, sleeper, typeMap,
                apis, store, null, null, null);
    }

    /** Options with the state in the state directory (or in memory when {@code stateDir} is null). */
    public ServeOptions(String bind, int port, Path stateDir, String backend, Map<String, String> backendSettings,
                        String endpoint, Duration latency, AuthMode auth, String region, Clock clock, Sleeper sleeper,
                        InstanceTypeMap typeMap, Set<ServeApi> apis) {
        this(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region, clock, sleeper, typeMap,
                apis, null);
    }

    /** Options serving the EC2 API only. */
    public ServeOptions(String bind, int port, Path stateDir, String backend, Map<String, String> backendSettings,
                        String endpoint, Duration latency, AuthMode auth, String region, Clock clock, Sleeper sleeper,
                        InstanceTypeMap typeMap) {
        this(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region, clock, sleeper, typeMap,
                null);
    }

    /** Options without a type map: every EC2 instance type name reaches the backend as it is. */
    public ServeOptions(String bind, int port, Path stateDir, String backend, Map<String, String> backendSettings,
                        String endpoint, Duration latency, AuthMode auth, String region, Clock clock, Sleeper sleeper) {
        this(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region, clock, sleeper, null);
    }

    /** An in-memory local cloud on a free loopback port, strict auth, no latency: what tests and benchmarks start. */
    public static ServeOptions ephemeralLocal(Map<String, String> localSettings) {
        return new ServeOptions("127.0.0.1", 0, null, "local", localSettings, null, Duration.ZERO, AuthMode.STRICT,
                "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** Whether the state is kept in memory only: no state directory and no {@link #store()}. */
    public boolean ephemeral() {
        return stateDir == null && store == null;
    }

    public ServeOptions withLatency(Duration newLatency) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, newLatency, auth, region,
                clock, sleeper, typeMap, apis, store, faults, faultsSeed, accessLog);
    }

    public ServeOptions withApis(Set<ServeApi> newApis) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region,
                clock, sleeper, typeMap, newApis, store, faults, faultsSeed, accessLog);
    }

    public ServeOptions withTypeMap(InstanceTypeMap newTypeMap) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region,
                clock, sleeper, newTypeMap, apis, store, faults, faultsSeed, accessLog);
    }

    public ServeOptions withStore(String newStore) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region,
                clock, sleeper, typeMap, apis, newStore, faults, faultsSeed, accessLog);
    }

    public ServeOptions withFaults(FaultPlan newFaults, Long newSeed) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region,
                clock, sleeper, typeMap, apis, store, newFaults, newSeed, accessLog);
    }

    public ServeOptions withAccessLog(String newAccessLog) {
        return new ServeOptions(bind, port, stateDir, backend, backendSettings, endpoint, latency, auth, region,
                clock, sleeper, typeMap, apis, store, faults, faultsSeed, newAccessLog);
    }
}
