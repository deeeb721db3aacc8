package io.altostratus.catalog.internal.gcp;

import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import java.util.Locale;

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
 *   <li>{@value #UNIT_PRICES}: {@code family, region, resource (core, ram, instance), usage (on-demand, spot),
 *       USD per unit-hour, Cloud Billing SKU id} per unit price the type prices were assembled from, sorted in that
 *       order. Empty when the catalog was not built from unit prices (a frozen refresh).</li>
 * </ul>
 */
public final class GcpLayout {
    /** Class-path folder of the GCP data, also the folder under {@code src/main/resources}. */
    public static final String BASE = "io/altostratus/catalog/gcp/";
    public static final String TYPES = "machine-types.tsv";
    public static final String IMAGES = "images.tsv";
    public static final String UNIT_PRICES = "unit-prices.tsv";
    public static final String ON_DEMAND = "on-demand";
    public static final String SPOT = "spot";
    public static final String ZONE = "Z";
    public static final String TYPE = "T";

    /** The API host of every region: Compute Engine has one global endpoint. */
    public static final String ENDPOINT = "compute.googleapis.com";

    /** The reserved tag that carries an image's family (GCE labels cannot contain {@code :}, so it never clashes). */
    public static final String FAMILY_TAG = "gce:family";

    private GcpLayout() {
    }

    /** A unit price's resource as {@value #UNIT_PRICES} writes it ({@code core}, {@code ram}, {@code instance}). */
    public static String resourceWord(GcpUnitPrice.Resource resource) {
        return resource.name().toLowerCase(Locale.ROOT);
    }

    public static GcpUnitPrice.Resource resource(String word) {
        return GcpUnitPrice.Resource.valueOf(word.toUpperCase(Locale.ROOT));
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
