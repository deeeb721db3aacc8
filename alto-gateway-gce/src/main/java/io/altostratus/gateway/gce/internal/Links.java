package io.altostratus.gateway.gce.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs resources carry ({@code selfLink}, {@code zone}, {@code machineType}, ...), rooted at the address the
 * client called, so a client that follows a link comes back here rather than to Google. Also reads the partial and
 * full URLs clients send back.
 *
 * @param base e.g. {@code http://127.0.0.1:8773/compute/v1/}
 */
public record Links(String base) {
    private static final Pattern ZONE_OF = Pattern.compile("(?:^|/)zones/([a-z0-9-]+)(?:/|$)");

    public String project(String project) {
        return base + "projects/" + project;
    }

    public String zone(String project, String zone) {
        return project(project) + "/zones/" + zone;
    }

    public String region(String project, String region) {
        return project(project) + "/regions/" + region;
    }

    public String instance(String project, String zone, String name) {
        return zone(project, zone) + "/instances/" + name;
    }

    public String disk(String project, String zone, String name) {
        return zone(project, zone) + "/disks/" + name;
    }

    public String machineType(String project, String zone, String name) {
        return zone(project, zone) + "/machineTypes/" + name;
    }

    public String diskType(String project, String zone, String name) {
        return zone(project, zone) + "/diskTypes/" + name;
    }

    public String global(String project, String collection, String name) {
        return project(project) + "/global/" + collection + "/" + name;
    }

    public String image(String project, String name) {
        return global(project, "images", name);
    }

    public String network(String project, String name) {
        return global(project, "networks", name);
    }

    /** The operation's link under its scope: {@code zones/z}, {@code regions/r} or {@code global}. */
    public String operation(String project, String scope, String name) {
        return project(project) + "/" + scope + "/operations/" + name;
    }

    /** The path a resource link names, from {@code projects/...}, whatever host and version prefix it has. */
    public static String relative(String link) {
        int at = link.indexOf("projects/");
        return at < 0 ? link : link.substring(at);
    }

    /** The last path segment of a full or partial URL, or the text itself. */
    public static String lastSegment(String link) {
        String trimmed = link.endsWith("/") ? link.substring(0, link.length() - 1) : link;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The zone a partial or full URL names ({@code zones/us-central1-a/...}), or null. */
    public static String zoneOf(String link) {
        Matcher m = ZONE_OF.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /** The region of a zone: Compute Engine zone names are the region's name and a letter. */
    public static String regionOfZone(String zone) {
        int dash = zone.lastIndexOf('-');
        return dash > 0 ? zone.substring(0, dash) : zone;
    }
}
