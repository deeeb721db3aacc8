package io.altostratus.gateway.gke.internal;

import java.util.regex.Pattern;

/**
 * GKE locations over backend regions: a location is a region ({@code us-central1}) or a zone of one
 * ({@code us-central1-a}, whose region drops the last {@code -letter}); {@code -} means every location.
 */
public final class Locations {
    public static final String ALL = "-";
    private static final Pattern ZONE = Pattern.compile(".+-[a-z]");

    private Locations() {
    }

    public static boolean isAll(String location) {
        return ALL.equals(location);
    }

    public static boolean isZone(String location) {
        return ZONE.matcher(location).matches();
    }

    /** The backend region a location lies in. */
    public static String region(String location) {
        return isZone(location) ? location.substring(0, location.lastIndexOf('-')) : location;
    }
}
