package io.altostratus.catalog.internal.azure;

import io.altostratus.catalog.internal.shipped.ShippedFiles;

/**
 * Where the shipped Azure catalog lives on the class path and how its lines are laid out. The builder in
 * {@code internal.build} writes this layout and {@link AzureCatalog} reads it. Plain (not gzipped) text, like the GCP
 * layout: it is small, and a review of a refresh sees which prices moved.
 *
 * <ul>
 *   <li>{@value ShippedFiles#SOURCE}: {@code key=value} lines (description, takenAt).</li>
 *   <li>{@value ShippedFiles#REGIONS}: {@code name, displayName} per location.</li>
 *   <li>{@value #TYPES}: the {@link io.altostratus.catalog.internal.shipped.TypeTable} per VM size.</li>
 *   <li>{@value #IMAGES}: {@code urn, publisher, distro, release, architecture, rootSizeGiB, asOf, description} per
 *       marketplace image. Marketplace images are published to every public location, so one list serves all.</li>
 *   <li>{@code regions/<location>.tsv}: lines tagged {@value #ZONE} ({@code name, zone number}) and {@value #TYPE}
 *       ({@code size, on-demand price, spot price, zone mask in hex}; bit i set when the i-th zone line offers it).
 *       A location without availability zones has no zone lines, and its sizes a mask of 0.</li>
 * </ul>
 */
public final class AzureLayout {
    /** Class-path folder of the Azure data, also the folder under {@code src/main/resources}. */
    public static final String BASE = "io/altostratus/catalog/azure/";
    public static final String TYPES = "vm-sizes.tsv";
    public static final String IMAGES = "images.tsv";
    public static final String ZONE = "Z";
    public static final String TYPE = "T";

    /** The Azure Resource Manager host of every public location. */
    public static final String ENDPOINT = "management.azure.com";

    private AzureLayout() {
    }

    /** The file of one location, relative to {@link #BASE}. */
    public static String regionFile(String location) {
        return ShippedFiles.REGION_DIR + location + ".tsv";
    }

    /**
     * The portable name of availability zone {@code number} ("1", "2", "3") of a location: Azure names a zone by its
     * number alone, which is only unique within a location, so alto prefixes the location ({@code eastus-1}); the
     * number stays the zone's id.
     */
    public static String zoneName(String location, String number) {
        return location + "-" + number;
    }
}
