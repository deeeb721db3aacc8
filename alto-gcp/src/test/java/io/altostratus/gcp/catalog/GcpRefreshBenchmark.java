package io.altostratus.gcp.catalog;

import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import java.time.Duration;
import java.util.Locale;

/**
 * A full GCP catalog refresh (every region the front lists) against the Compute Engine and Cloud Billing fronts
 * in-process, with a fixed latency before every backend call of the Compute Engine front (the {@code Latency}
 * decorator, as {@code alto serve --latency} applies it; BACKEND_CALL), then before every Compute Engine request
 * instead (API_REQUEST: what the refresh itself achieves when each call costs the latency), and before every billing
 * request in both. Prints wall time, the
 * calls the refresh made, the critical path and its bound (longest chain of dependent calls times the latency), and
 * what the fronts did for them. Not a test: run it by hand. Arguments: latency in ms (default 100), concurrency
 * (default 48), rounds (default 2; the first warms the JVM up).
 */
public final class GcpRefreshBenchmark {
    private GcpRefreshBenchmark() {
    }

    public static void main(String[] args) {
        Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 100);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (RefreshFronts.Delay where : RefreshFronts.Delay.values()) {
            run(latency, concurrency, rounds, where);
        }
    }

    private static void run(Duration latency, int concurrency, int rounds, RefreshFronts.Delay where) {
        try (RefreshFronts fronts = new RefreshFronts(true, latency, where)) {
            for (int round = 1; round <= rounds; round++) {
                long computeBefore = fronts.computeRequests();
                long billingBefore = fronts.billingRequests();
                long backendBefore = fronts.backendCalls();
                CatalogRefresher.Result r = GcpCatalogRefresh.builder().endpoint(fronts.endpoint())
                        .project("bench-project").fallback(Catalogs.gcp()).concurrency(concurrency).build().run();
                CatalogRefresher.Stats s = r.stats();
                System.out.printf(Locale.ROOT, "%s round %d: latency %d ms, concurrency %d: %d regions, %d types, "
                                + "%d offerings, %d images; wall %.2f s; %d calls (%d HTTP attempts); critical path "
                                + "%d calls = %.1f s bound; the fronts answered %d Compute Engine and %d billing "
                                + "requests with %d backend calls%n",
                        where, round, latency.toMillis(), concurrency, s.regions(), s.types(), s.offers(), s.images(),
                        s.wall().toMillis() / 1000.0, s.calls(), s.attempts(), s.criticalPath(),
                        s.criticalPathBound(latency).toMillis() / 1000.0, fronts.computeRequests() - computeBefore,
                        fronts.billingRequests() - billingBefore, fronts.backendCalls() - backendBefore);
            }
        }
    }
}
