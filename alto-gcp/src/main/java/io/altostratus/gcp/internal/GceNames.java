package io.altostratus.gcp.internal;

import io.altostratus.core.error.AltoException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and ids of the {@code gcp} provider, the one place their syntax is written.
 *
 * <p>An instance id is {@code {zone}/{name}} ({@code us-central1-a/web-1}): GCE names are unique per project and
 * zone, and a session is one project and one region, so zone and name are the shortest id that is unique in a
 * session and that a user can read and type. GCE's numeric id is kept in the instance's details. An image id is
 * {@code projects/{project}/global/images/{name}}, the image's relative resource name, so public images
 * ({@code projects/ubuntu-os-cloud/...}) and the project's own are named alike.
 */
public final class GceNames {
    /** A GCE resource name (RFC 1035 label): lowercase letter first, no trailing hyphen, at most 63 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern ZONE = Pattern.compile("[a-z]+(?:-[a-z]+)+[0-9]+-[a-z]");
    private static final Pattern REGION = Pattern.compile("[a-z]+(?:-[a-z]+)+[0-9]+");
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][-a-z0-9_.:]{0,62}[a-z0-9]");
    private static final Pattern IMAGE = Pattern.compile(
            "(?:https?://[^/]+/compute/v1/)?projects/([^/]+)/global/images/(family/)?([^/]+)");

    private GceNames() {
    }

    /** An instance's id. */
    public static String instanceId(String zone, String name) {
        return zone + "/" + name;
    }

    /** An instance id split into zone and name. */
    public record InstanceRef(String zone, String name) {
        public String id() {
            return instanceId(zone, name);
        }
    }

    /**
     * Parses an instance id.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidInstanceId) for anything not shaped {@code zone/name}
     */
    public static InstanceRef instance(String id) {
        int slash = id == null ? -1 : id.indexOf('/');
        if (slash < 0 || !ZONE.matcher(id.substring(0, slash)).matches()
                || !NAME.matcher(id.substring(slash + 1)).matches()) {
            throw AltoException.invalid("InvalidInstanceId", "'" + id
                    + "' is not a gcp instance id (expected zone/name, e.g. us-central1-a/web-1)");
        }
        return new InstanceRef(id.substring(0, slash), id.substring(slash + 1));
    }

    /** Whether a text has an instance id's shape. */
    public static boolean isInstanceId(String id) {
        try {
            instance(id);
            return true;
        } catch (AltoException e) {
            return false;
        }
    }

    /** A disk's id: {@code {zone}/disks/{name}}, apart from instance ids so one tag call can tell them apart. */
    public static String diskId(String zone, String name) {
        return zone + "/disks/" + name;
    }

    /** A disk id split into zone and name. */
    public record DiskRef(String zone, String name) {
        public String id() {
            return diskId(zone, name);
        }
    }

    /**
     * Parses a disk id.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidVolumeId) for anything not shaped {@code zone/disks/name}
     */
    public static DiskRef disk(String id) {
        String[] parts = id == null ? new String[0] : id.split("/", -1);
        if (parts.length != 3 || !parts[1].equals("disks") || !ZONE.matcher(parts[0]).matches()
                || !NAME.matcher(parts[2]).matches()) {
            throw AltoException.invalid("InvalidVolumeId", "'" + id
                    + "' is not a gcp disk id (expected zone/disks/name, e.g. us-central1-a/disks/data-1)");
        }
        return new DiskRef(parts[0], parts[2]);
    }

    public static boolean isDiskId(String id) {
        try {
            disk(id);
            return true;
        } catch (AltoException e) {
            return false;
        }
    }

    private static final Pattern SNAPSHOT = Pattern.compile(
            "(?:https?://[^/]+/compute/v1/)?projects/([^/]+)/global/snapshots/([^/]+)");

    /** A snapshot's id: its relative resource name {@code projects/{project}/global/snapshots/{name}}. */
    public static String snapshotId(String project, String name) {
        return "projects/" + project + "/global/snapshots/" + name;
    }

    /** A snapshot id split into project and name. */
    public record SnapshotRef(String project, String name) {
    }

    /**
     * Parses a snapshot id (or self link).
     *
     * @throws AltoException INVALID_PARAMETER (InvalidSnapshotId) for anything else
     */
    public static SnapshotRef snapshot(String id) {
        Matcher m = id == null ? null : SNAPSHOT.matcher(id.trim());
        if (m == null || !m.matches() || !PROJECT.matcher(m.group(1)).matches() || !NAME.matcher(m.group(2)).matches()) {
            throw AltoException.invalid("InvalidSnapshotId", "'" + id
                    + "' is not a gcp snapshot id (expected projects/{project}/global/snapshots/{name})");
        }
        return new SnapshotRef(m.group(1), m.group(2));
    }

    public static boolean isSnapshotId(String id) {
        return id != null && SNAPSHOT.matcher(id.trim()).matches();
    }

    /** Whether a text is a GCE zone name ({@code us-central1-a}). */
    public static boolean isZone(String zone) {
        return zone != null && ZONE.matcher(zone).matches();
    }

    /** An image's id. */
    public static String imageId(String project, String name) {
        return "projects/" + project + "/global/images/" + name;
    }

    /** An image id (or self link, or family path) split into project, name and whether the name is a family. */
    public record ImageRef(String project, String name, boolean family) {
    }

    /**
     * Parses an image id; self links and {@code projects/p/global/images/family/f} are taken too.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidImageId) for anything else
     */
    public static ImageRef image(String id) {
        Matcher m = id == null ? null : IMAGE.matcher(id.trim());
        if (m == null || !m.matches() || !PROJECT.matcher(m.group(1)).matches() || !NAME.matcher(m.group(3)).matches()) {
            throw AltoException.invalid("InvalidImageId", "'" + id
                    + "' is not a gcp image id (expected projects/{project}/global/images/{name})");
        }
        return new ImageRef(m.group(1), m.group(3), m.group(2) != null);
    }

    public static boolean isImageId(String id) {
        return id != null && IMAGE.matcher(id.trim()).matches();
    }

    /** Whether a text is a GCE region name ({@code us-central1}); {@code us-east-1} is EC2's and is not. */
    public static boolean isRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    /** Whether a text is a valid GCE resource name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The last path segment of a resource URL or path ({@code .../zones/us-central1-a} -> us-central1-a), or null. */
    public static String last(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        int slash = url.lastIndexOf('/');
        return slash < 0 ? url : url.substring(slash + 1);
    }
}
