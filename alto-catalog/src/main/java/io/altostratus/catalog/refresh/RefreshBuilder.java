package io.altostratus.catalog.refresh;

import io.altostratus.catalog.Catalog;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;

/**
 * The options every cloud's catalog refresh takes, each with a default; a cloud's builder extends it with its own
 * (where to call, as whom) and reads these back when it builds.
 *
 * @param <B> the cloud's builder, so that a chain of options keeps its type
 */
public abstract class RefreshBuilder<B extends RefreshBuilder<B>> {
    private Collection<String> regions;
    private int concurrency = 48;
    private CatalogRefresher.Progress listener;
    private Catalog fallback;
    private Clock clock = Clock.systemUTC();
    private boolean carryOver = true;

    protected RefreshBuilder() {
    }

    /** This builder as the cloud's type. */
    protected abstract B self();

    /** Only these regions (default: every region the source lists that can be used). */
    public B regions(Collection<String> regions) {
        this.regions = regions == null || regions.isEmpty() ? null : regions;
        return self();
    }

    /** The most calls in flight at once (default 48). */
    public B concurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        return self();
    }

    /** Progress for a display: called after every call, from any thread. */
    public B listener(CatalogRefresher.Progress listener) {
        this.listener = listener;
        return self();
    }

    /**
     * The catalog to take what the source does not give from (region display names, prices it does not answer) and,
     * with {@link #carryOver}, the regions not refreshed.
     */
    public B fallback(Catalog fallback) {
        this.fallback = fallback;
        return self();
    }

    /** The time the snapshot is stamped with (and the cloud's calls ask for, where they take a time). */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return self();
    }

    /** Whether regions the refresh skipped are copied from the fallback catalog (default true). */
    public B carryOver(boolean carryOver) {
        this.carryOver = carryOver;
        return self();
    }

    /**
     * What a service's request asks for: its regions, concurrency, fallback and progress. Its {@code keepBuilds}
     * is the cloud's to take, where its images come in builds.
     */
    public B request(CatalogRefresher.Request request) {
        return regions(request.regions()).concurrency(request.concurrency()).fallback(request.fallback())
                .listener(request.progress());
    }

    /** The regions asked for, or null for all. */
    public Collection<String> regions() {
        return regions;
    }

    public int concurrency() {
        return concurrency;
    }

    public CatalogRefresher.Progress listener() {
        return listener;
    }

    public Catalog fallback() {
        return fallback;
    }

    public Clock clock() {
        return clock;
    }

    public boolean carryOver() {
        return carryOver;
    }
}
