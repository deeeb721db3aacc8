package io.altostratus.catalog.refresh;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.core.spi.ProviderService;
import java.time.Duration;
import java.util.List;

/**
 * A provider's catalog refresh, offered as a service ({@code ProviderFactory.service(CatalogRefresher.class, ctx)}):
 * asks the provider's API for regions, zones, types, offerings, images and prices, in parallel, and writes a new
 * snapshot. The context it was opened with says where (endpoint) and as whom (credentials); the request says what.
 */
public interface CatalogRefresher extends ProviderService {

    /**
     * What to refresh.
     *
     * @param regions     only these regions (the others are carried over from {@code fallback}), or null for all
     * @param concurrency at most this many API calls in flight (1 or more)
     * @param keepBuilds  builds kept per image series, newest first; 0 keeps all
     * @param fallback    the catalog in use, to carry over what is not refreshed and to make up for what the source
     *                    does not answer; may be null
     * @param progress    called after every call, from any thread; may be null
     */
    record Request(List<String> regions, int concurrency, int keepBuilds, Catalog fallback, Progress progress) {
        public Request {
            regions = regions == null ? null : List.copyOf(regions);
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
            if (keepBuilds < 0) {
                throw new IllegalArgumentException("keepBuilds must not be negative, got " + keepBuilds);
            }
        }
    }

    /** Progress for a display. */
    @FunctionalInterface
    interface Progress {
        void update(long callsDone, long callsStarted, int regionsDone, int regionsTotal);
    }

    /**
     * What a refresh measured.
     *
     * @param criticalPath the longest chain of calls that had to wait for one another
     */
    record Stats(long calls, long attempts, int criticalPath, Duration wall, int regions, int types, int offers,
                 int images) {
        /** The critical-path bound for a given per-call latency: the longest chain of dependent calls times it. */
        public Duration criticalPathBound(Duration perCall) {
            return perCall.multipliedBy(criticalPath);
        }
    }

    /** A snapshot and how it was made. */
    record Result(CatalogSnapshot snapshot, Stats stats) {
    }

    /** The provider whose catalog this refreshes (the snapshot's name in a {@link SnapshotStore}). */
    String provider();

    /** Refreshes and returns the snapshot without writing it. */
    Result refresh(Request request);

    /**
     * Refreshes and writes the snapshot atomically into {@code store}; the previous one stays until then, and a
     * refresh that fails writes nothing.
     */
    default Result refreshInto(SnapshotStore store, Request request) {
        Result result = refresh(request);
        store.write(result.snapshot());
        return result;
    }
}
