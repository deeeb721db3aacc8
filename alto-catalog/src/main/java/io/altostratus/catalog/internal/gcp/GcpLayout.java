package io.altostratus.catalog.internal.gcp;

import io.altostratus.catalog.internal.shipped.ShippedFiles;

/**
 * Where the shipped GCP catalog lives on the class path and how its lines are laid out. The builder in
 * {@code internal.build} writes this layout and {@link GcpCatalog} reads it, so both sides share these names;
 * what it has in common with the AWS layout is in {@link ShippedFiles}.
 *
 * <p>Unlike the AWS files it is not gzipped: the whole GCP catalog is a few hundred kilobytes of text (the jar
 * compresses it anyway), and plain lines let a review of a refresh see exactly which prices moved.
 *
 * <ul>
 *   <li>{@value ShippedFiles#SOURCE}: {@code key=value} lines (description, takenAt).</li>
 *   <li>{@value ShippedFiles#REGIONS}: {@code name, displayName} per region.</li>
 *   <li>{@value #TYPES}: the {@link io.altostratus.catalog.internal.shipped.TypeTable} per machine type (the AWS
 *       columns; a shared core is the {@code burstable} of the portable record).</li>
 *   <li>{@value #IMAGES}: {@code name, description, project, distro, release, architecture, rootSizeGiB,
 *       creationDate, family} per public image. GCE images are global, so one list serves every region.</li>
 *   <li>{@code regions/<region>.tsv}: lines tagged {@value #ZONE} ({@code name}) and {@value #TYPE} ({@code name,
 *       on-demand price, spot price, zone mask in hex}; bit i set when the i-th zone line offers the type).</li>
 * </ul>
 */
public final class GcpLayout {
    /** Class-path folder of the GCP data, also the folder under {@code src/main/resources}. */
    public static final String BASE = "io/altostratus/catalog/gcp/";
    public static final String TYPES = "machine-types.tsv";
    public static final String IMAGES = "images.tsv";
    public static final String ZONE = "Z";
    public static final String TYPE = "T";

    /** The API host of every region: Compute Engine has one global endpoint. */
    public static final String ENDPOINT = "compute.googleapis.com";

    /** The reserved tag that carries an image's family (GCE labels cannot contain {@code :}, so it never clashes). */
    public static final String FAMILY_TAG = "gce:family";

    private GcpLayout() {
    }

    /** The file of one region, relative to {@link #BASE}. */
    public static String regionFile(String region) {
        return ShippedFiles.REGION_DIR + region + ".tsv";
    }

    /** {@code projects/{project}/global/images/{name}}: the id every GCP part of alto gives a public image. */
    public static String imageId(String project, String imageName) {
        return "projects/" + project + "/global/images/" + imageName;
    }
}
