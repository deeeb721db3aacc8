package io.altostratus.gateway.gce.internal;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.wait.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The backend: one {@link Cloud} session per (project, region), opened on first use and kept. A GCE project is the
 * backend account; a GCE region is the backend region, and zones are the session's zones. Nothing here knows which
 * provider it is.
 */
public final class Sessions implements AutoCloseable {
    private final ProviderFactory factory;
    private final ProviderContext template;
    private final UnaryOperator<ComputeProvider> decorator;
    private final String homeRegion;
    private final Map<String, Cloud> sessions = new ConcurrentHashMap<>();

    /**
     * @param homeRegion the region whose session answers account-wide questions (the list of regions)
     */
    public Sessions(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                    String homeRegion) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = Objects.requireNonNull(template, "template");
        this.decorator = decorator == null ? UnaryOperator.identity() : decorator;
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    }

    /** The region whose session answers account-wide questions. */
    public String homeRegion() {
        return homeRegion;
    }

    public String providerName() {
        return factory.name();
    }

    public Cloud cloud(String project, String region) {
        return sessions.computeIfAbsent(project + '\u0000' + region, key -> {
            ProviderContext context = new ProviderContext(region, project, template.endpoint(), template.stateDir(),
                    template.settings(), template.clock());
            return new Cloud(decorator.apply(factory.open(context)), Waiter.builder().clock(template.clock()));
        });
    }

    /** Every region of the backend, sorted by name. */
    public List<Region> regions(String project) {
        List<Region> regions = new ArrayList<>(cloud(project, homeRegion).regions());
        regions.sort(java.util.Comparator.comparing(Region::name));
        return regions;
    }

    public Optional<Region> region(String project, String name) {
        return regions(project).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The zones of one region, or empty when the backend does not know the region. */
    public List<Zone> zones(String project, String region) {
        if (region(project, region).isEmpty()) {
            return List.of();
        }
        try {
            List<Zone> zones = new ArrayList<>(cloud(project, region).zones());
            zones.sort(java.util.Comparator.comparing(Zone::name));
            return zones;
        } catch (AltoException e) {
            return List.of();
        }
    }

    /** Every zone of every region. */
    public List<Zone> allZones(String project) {
        List<Zone> all = new ArrayList<>();
        for (Region region : regions(project)) {
            all.addAll(zones(project, region.name()));
        }
        return all;
    }

    /** The zone by name, or {@code notFound} in Google's words. */
    public Zone zone(String project, String zone) {
        return zones(project, Links.regionOfZone(zone)).stream().filter(z -> z.name().equals(zone)).findFirst()
                .orElseThrow(() -> GceException.notFound("projects/" + project + "/zones/" + zone));
    }

    /** The session of the region a zone belongs to, after checking the zone exists. */
    public Cloud cloudOfZone(String project, String zone) {
        zone(project, zone);
        return cloud(project, Links.regionOfZone(zone));
    }

    public void closeSessions() {
        for (String key : sessions.keySet()) {
            Cloud cloud = sessions.remove(key);
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Override
    public void close() {
        closeSessions();
    }
}
