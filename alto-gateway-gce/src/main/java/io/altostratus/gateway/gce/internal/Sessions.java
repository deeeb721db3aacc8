package io.altostratus.gateway.gce.internal;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.gateway.backend.CloudSessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The backend: one {@link Cloud} session per (project, region), opened on first use and kept. A GCE project is the
 * backend account; a GCE region is the backend region, and zones are the session's zones. Nothing here knows which
 * provider it is.
 *
 * <p>Every backend call may cost a WAN round trip, so what cannot change within a session is asked once and kept with
 * the sessions (the account's regions, the names of each region's zones: every zonal call checks its zone against
 * them), account-wide questions go to the regions side by side ({@link Fanout}), and the same question asked by
 * requests at the same moment goes to the backend once ({@link InFlight}). What can change (a zone's state, the
 * instance types and offerings) is asked afresh.
 */
public final class Sessions implements AutoCloseable {
    private final CloudSessions sessions;
    private final String homeRegion;
    /** The backend's regions by project, sorted (see {@link #regions}). */
    private final Map<String, List<Region>> regions = new ConcurrentHashMap<>();
    /** The names of each region's zones by (project, region), sorted (see {@link #zoneNames}). */
    private final Map<String, List<String>> zoneNames = new ConcurrentHashMap<>();
    private final InFlight<String, List<Region>> regionsAsked = new InFlight<>();
    private final InFlight<String, List<InstanceType>> instanceTypes = new InFlight<>();
    private final InFlight<String, Map<String, Set<String>>> offerings = new InFlight<>();

    /**
     * @param homeRegion the region whose session answers account-wide questions (the list of regions)
     */
    public Sessions(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                    String homeRegion) {
        this.sessions = new CloudSessions(factory, template, decorator);
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    }

    /** The region whose session answers account-wide questions. */
    public String homeRegion() {
        return homeRegion;
    }

    public String providerName() {
        return sessions.providerName();
    }

    public Cloud cloud(String project, String region) {
        return sessions.cloud(project, region);
    }

    /**
     * Every region of the backend, sorted by name. Asked once per project and kept with the sessions: the regions an
     * account may use do not change within a session, and every zonal call checks its region against them.
     */
    public List<Region> regions(String project) {
        List<Region> known = regions.get(project);
        if (known != null) {
            return known;
        }
        return regionsAsked.ask(project, () -> {
            List<Region> sorted = new ArrayList<>(cloud(project, homeRegion).regions());
            sorted.sort(Comparator.comparing(Region::name));
            List<Region> answer = List.copyOf(sorted);
            regions.put(project, answer);
            return answer;
        });
    }

    public Optional<Region> region(String project, String name) {
        return regions(project).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The zones of one region as the backend sees them now, or empty when the backend does not know the region. */
    public List<Zone> zones(String project, String region) {
        if (region(project, region).isEmpty()) {
            return List.of();
        }
        try {
            List<Zone> zones = new ArrayList<>(cloud(project, region).zones());
            zones.sort(Comparator.comparing(Zone::name));
            List<Zone> answer = List.copyOf(zones);
            if (!answer.isEmpty()) {
                zoneNames.put(project + '\u0000' + region, answer.stream().map(Zone::name).toList());
            }
            return answer;
        } catch (AltoException e) {
            return List.of();
        }
    }

    /**
     * The names of one region's zones, sorted, asked of the backend once per session and then kept: a region's zones
     * do not come or go within a session (their state may change, so listings that show it ask {@link #zones}).
     */
    public List<String> zoneNames(String project, String region) {
        List<String> known = zoneNames.get(project + '\u0000' + region);
        return known != null ? known : zones(project, region).stream().map(Zone::name).toList();
    }

    /** Every zone of every region, by region and name; the regions are asked in parallel. */
    public List<Zone> allZones(String project) {
        List<String> names = regions(project).stream().map(Region::name).toList();
        return Fanout.map(names, region -> zones(project, region)).stream().flatMap(List::stream).toList();
    }

    /** The names of every zone of every region, by region and name: the kept names, the rest asked side by side. */
    public List<String> allZoneNames(String project) {
        List<String> names = regions(project).stream().map(Region::name).toList();
        return Fanout.map(names, region -> zoneNames(project, region)).stream().flatMap(List::stream).toList();
    }

    /** The zone by name, as the backend sees it now, or {@code notFound} in Google's words. */
    public Zone zone(String project, String zone) {
        return zones(project, Links.regionOfZone(zone)).stream().filter(z -> z.name().equals(zone)).findFirst()
                .orElseThrow(() -> zoneNotFound(project, zone));
    }

    /** The instance types of one region's session; callers asking at the same moment share one backend call. */
    public List<InstanceType> instanceTypes(String project, String region) {
        return instanceTypes.ask(project + '\u0000' + region, () -> cloud(project, region).instanceTypes());
    }

    /** The offerings by zone of one region's session; callers asking at the same moment share one backend call. */
    public Map<String, Set<String>> offeringsByZone(String project, String region) {
        return offerings.ask(project + '\u0000' + region,
                () -> cloud(project, region).instanceTypeOfferingsByZone());
    }

    /** Checks the zone exists (against the kept zone names), or {@code notFound} in Google's words. */
    public void requireZone(String project, String zone) {
        if (!zoneNames(project, Links.regionOfZone(zone)).contains(zone)) {
            throw zoneNotFound(project, zone);
        }
    }

    private static GceException zoneNotFound(String project, String zone) {
        return GceException.notFound("projects/" + project + "/zones/" + zone);
    }

    /** The session of the region a zone belongs to, after checking the zone exists. */
    public Cloud cloudOfZone(String project, String zone) {
        requireZone(project, zone);
        return cloud(project, Links.regionOfZone(zone));
    }

    public void closeSessions() {
        regions.clear();
        zoneNames.clear();
        sessions.closeSessions();
    }

    @Override
    public void close() {
        closeSessions();
    }
}
