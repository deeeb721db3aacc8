package io.altostratus.gateway.arm.internal;

import io.altostratus.core.Cloud;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The backend: one {@link Cloud} session per (subscription, location), opened on first use and kept. A subscription
 * is the backend account, a location is a backend region and its availability zones are the region's zones. Nothing
 * here knows which provider it is.
 */
public final class Sessions implements AutoCloseable {
    private final CloudSessions sessions;
    private final String homeRegion;
    private final Map<String, List<Region>> regions = new ConcurrentHashMap<>();
    private final Map<String, List<Zone>> zones = new ConcurrentHashMap<>();

    public Sessions(ProviderFactory factory, ProviderContext template, UnaryOperator<ComputeProvider> decorator,
                    String homeRegion) {
        this.sessions = new CloudSessions(factory, template, decorator);
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
    }

    public Cloud cloud(String subscription, String region) {
        return sessions.cloud(subscription, region);
    }

    /** The backend's regions, sorted by name, asked once per subscription. */
    public List<Region> regions(String subscription) {
        return regions.computeIfAbsent(subscription, s -> {
            List<Region> sorted = new ArrayList<>(cloud(s, homeRegion).regions());
            sorted.sort(Comparator.comparing(Region::name));
            return List.copyOf(sorted);
        });
    }

    /**
     * The backend region a location names (ARM compares locations without case and spaces: "East US" is eastus),
     * or a 400 LocationNotAvailableForResourceType naming the locations there are.
     */
    public String region(String subscription, String location) {
        if (location == null || location.isBlank()) {
            throw ArmException.invalid("The location property is required for this definition.");
        }
        String wanted = normalise(location);
        for (Region region : regions(subscription)) {
            if (normalise(region.name()).equals(wanted) || normalise(region.displayName()).equals(wanted)) {
                return region.name();
            }
        }
        throw new ArmException(400, "LocationNotAvailableForResourceType", "The provided location '" + location
                + "' is not available for resource type. List of available regions is '"
                + String.join(",", regions(subscription).stream().map(Region::name).toList()) + "'.");
    }

    /**
     * The zones of a region, sorted by name, asked once per session: a region's zones do not come or go within a
     * session, and every zonal VM's answer numbers its zone among them (a list must not cost a call per VM).
     */
    public List<Zone> zones(String subscription, String region) {
        return zones.computeIfAbsent(subscription + '\u0000' + region, key -> {
            List<Zone> sorted = new ArrayList<>(cloud(subscription, region).zones());
            sorted.sort(Comparator.comparing(Zone::name));
            return List.copyOf(sorted);
        });
    }

    /**
     * The ARM zone number of a backend zone: the part after the region's name ({@code eastus-1} is "1"), else its
     * 1-based position among the region's zones.
     */
    public static String zoneNumber(String region, String zone, List<Zone> zones) {
        if (zone == null) {
            return null;
        }
        if (zone.startsWith(region + "-")) {
            return zone.substring(region.length() + 1);
        }
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).name().equals(zone)) {
                return Integer.toString(i + 1);
            }
        }
        return zone;
    }

    /** The backend zone for an ARM zone number, or a 400 naming the zones there are. */
    public String backendZone(String subscription, String region, String number) {
        List<Zone> zones = zones(subscription, region);
        for (Zone zone : zones) {
            if (zone.name().equals(region + "-" + number)) {
                return zone.name();
            }
        }
        try {
            int index = Integer.parseInt(number);
            if (index >= 1 && index <= zones.size()) {
                return zones.get(index - 1).name();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ArmException.invalid("The zone(s) '" + number + "' for resource is not supported in location '"
                + region + "'. The supported zones are '" + String.join(",", zones.stream()
                .map(z -> zoneNumber(region, z.name(), zones)).toList()) + "'.");
    }

    private static String normalise(String location) {
        return location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    public void closeSessions() {
        regions.clear();
        zones.clear();
        sessions.closeSessions();
    }

    @Override
    public void close() {
        closeSessions();
    }
}
