package io.altostratus.local.internal;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.model.Zone;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What every part of one session needs: who and where, the catalog, the clock and the settings.
 *
 * @param scope the store's namespace for this account and region (documents of other accounts or regions are
 *              invisible, so their ids read as NotFound)
 */
public record Env(String provider, String account, String region, String scope, Catalog catalog, Clock clock,
                  Settings settings) {

    /** Shared documents that are unique across every account and region (the public address pool). */
    public static final String GLOBAL_SCOPE = "~global";

    public static Env of(String provider, String account, String region, Catalog catalog, Clock clock,
                         Settings settings) {
        return new Env(provider, account, region, account + "/" + region, catalog, clock, settings);
    }

    public long now() {
        return clock.millis();
    }

    public static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    public long settleTime() {
        return now() + settings.transitionMs();
    }

    public List<Zone> zones() {
        return catalog.zones(region);
    }

    /** The zone, when it belongs to this region; else null. */
    public Zone zone(String name) {
        for (Zone z : zones()) {
            if (z.name().equals(name)) {
                return z;
            }
        }
        return null;
    }
}
