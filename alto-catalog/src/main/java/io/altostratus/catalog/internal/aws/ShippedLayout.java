package io.altostratus.catalog.internal.aws;

import io.altostratus.catalog.internal.shipped.ShippedFiles;

/**
 * Where the shipped AWS catalog lives on the class path and how its lines are laid out. The converter in
 * {@code internal.build} writes this layout and {@link AwsCatalog} reads it, so both sides share these names;
 * what it has in common with the GCP layout is in {@link ShippedFiles}.
 *
 * <ul>
 *   <li>{@value ShippedFiles#SOURCE}: {@code key=value} lines (description, takenAt, pricesUpdated).</li>
 *   <li>{@value ShippedFiles#REGIONS}: {@code name, displayName, optIn(0|1)} per region.</li>
 *   <li>{@value #TYPES}: the {@link io.altostratus.catalog.internal.shipped.TypeTable} per instance type.</li>
 *   <li>{@code regions/<region>.tsv.gz}: lines tagged {@value #ZONE} ({@code name, zoneId}), {@value #TYPE}
 *       ({@code name, price, zone mask in hex}; bit i set when the i-th zone line offers the type) and
 *       {@value #IMAGE} ({@code id, name, description, ownerId, ownerAlias, distro, release, architecture, state,
 *       public, rootDeviceName, rootSizeGiB, creationDate}).</li>
 * </ul>
 * The large files are gzipped.
 */
public final class ShippedLayout {
    /** Class-path folder of the AWS data, also the folder under {@code src/main/resources}. */
    public static final String BASE = "io/altostratus/catalog/aws/";
    public static final String TYPES = "instance-types.tsv.gz";
    public static final String ZONE = "Z";
    public static final String TYPE = "T";
    public static final String IMAGE = "I";

    private ShippedLayout() {
    }

    /** The file of one region, relative to {@link #BASE}. */
    public static String regionFile(String region) {
        return ShippedFiles.REGION_DIR + region + ".tsv.gz";
    }
}
