package io.altostratus.aws.catalog;

import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A full AWS catalog refresh (every region the gateway lists) against the gateway in-process with a fixed latency
 * before every backend call, as {@code alto serve --latency} adds. Prints wall time, the number of calls and the
 * critical-path bound (longest chain of dependent calls times the latency). Arguments: latency in ms (default 100),
 * concurrency (default 48), rounds (default 2; the first warms the JVM up).
 */
public final class RefreshBenchmark {
    private RefreshBenchmark() {
    }

    public static void main(String[] args) {
        Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 100);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (CatalogGateway gateway = new CatalogGateway(latency)) {
            for (int round = 1; round <= rounds; round++) {
                CatalogRefresher.Result r = AwsCatalogRefresh.builder().endpoint(gateway.endpoint())
                        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .fallback(Catalogs.aws()).concurrency(concurrency).build().run();
                CatalogRefresher.Stats s = r.stats();
                System.out.printf(Locale.ROOT, "round %d: latency %d ms, concurrency %d: %d regions, %d types, "
                                + "%d offerings, %d images; wall %.2f s; %d calls (%d HTTP attempts); critical path "
                                + "%d calls = %.1f s bound%n",
                        round, latency.toMillis(), concurrency, s.regions(), s.types(), s.offers(), s.images(),
                        s.wall().toMillis() / 1000.0, s.calls(), s.attempts(), s.criticalPath(),
                        s.criticalPathBound(latency).toMillis() / 1000.0);
            }
        }
    }
}
