package io.altostratus.cli.command;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto catalog refresh}: asks the provider's API for its regions, zones, types, offerings, images and spot
 * prices, in parallel, and writes a new snapshot atomically into the cache (or {@code --out}). The refresh is a
 * service the provider offers ({@link CatalogRefresher}); where to call and as whom come from the provider's context,
 * exactly as for a compute session.
 */
@Command(name = "refresh", description = "Refresh the catalog from the provider's API into the cache (or --out); "
        + "the previous snapshot stays until the new one is complete.")
public final class CatalogRefreshCommand extends CatalogVerb {
    private static final String CLEAR_LINE = "\r\u001b[K";

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Only these regions (comma-separated); the others are carried over from the catalog in use.")
    List<String> regions;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the snapshot here instead of the cache.")
    Path out;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "48",
            description = "At most N API calls in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--keep-builds", paramLabel = "N", defaultValue = "3",
            description = "Builds kept per image series, newest first; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int keepBuilds;

    /**
     * What a refresh did.
     *
     * @param provider     the provider
     * @param file         the snapshot written
     * @param regions      regions refreshed
     * @param types        instance types described
     * @param offerings    (region, type) offerings
     * @param images       images kept
     * @param calls        API calls made
     * @param attempts     HTTP attempts (calls plus retries)
     * @param criticalPath the longest chain of calls that had to wait for one another
     * @param wallSeconds  how long it took
     * @param notes        what the source did not answer and how the snapshot made up for it
     */
    public record RefreshView(String provider, String file, int regions, int types, int offerings, int images,
                              long calls, long attempts, int criticalPath, double wallSeconds, List<String> notes) {
    }

    @Override
    protected ExitCode run(Output output) {
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1");
        }
        String name = provider();
        ProviderContext context = main().providerContext(name, region());
        SnapshotStore store = out != null ? new SnapshotStore(out) : cache();
        try (CatalogRefresher refresher = Providers.named(name).service(CatalogRefresher.class, context)
                .orElseThrow(() -> new UsageException("provider '" + name + "' offers no catalog refresh"))) {
            boolean terminal = main().environment().stderrTerminal();
            CatalogRefresher.Request request = new CatalogRefresher.Request(regions, concurrency, keepBuilds,
                    fallback(name), terminal ? progressLine(refresher.provider()) : null);
            CatalogRefresher.Result result;
            try {
                result = refresher.refreshInto(store, request);
            } finally {
                if (terminal) {
                    synchronized (this) {
                        err().print(CLEAR_LINE);
                        err().flush();
                    }
                }
            }
            CatalogRefresher.Stats s = result.stats();
            output.object(new RefreshView(refresher.provider(), store.file(refresher.provider()).toString(),
                    s.regions(), s.types(), s.offers(), s.images(), s.calls(), s.attempts(), s.criticalPath(),
                    s.wall().toMillis() / 1000.0, result.snapshot().notes()));
        }
        return ExitCode.OK;
    }

    /** The catalog in use, which fills in what the refresh leaves out; none when alto ships no catalog for it. */
    private Catalog fallback(String name) {
        return Catalogs.providers().contains(name) ? choice().catalog() : null;
    }

    /** One progress line on stderr, redrawn at most ten times a second (calls finish from many threads). */
    private CatalogRefresher.Progress progressLine(String catalog) {
        long[] lastDraw = {0};
        return (done, started, regionsDone, regionsTotal) -> {
            long now = System.nanoTime();
            synchronized (this) {
                if (now - lastDraw[0] < 100_000_000L) {
                    return;
                }
                lastDraw[0] = now;
                err().print(CLEAR_LINE + "refreshing the " + catalog + " catalog: " + regionsDone + "/" + regionsTotal
                        + " regions, " + done + " calls done, " + (started - done) + " in flight");
                err().flush();
            }
        };
    }
}
