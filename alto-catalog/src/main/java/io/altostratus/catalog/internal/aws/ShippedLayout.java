package io.altostratus.catalog.internal.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the shipped AWS catalog lives on the class path and how its lines are laid out. The converter in
 * {@code internal.build} writes this layout and {@link AwsCatalog} reads it, so both sides share these names.
 *
 * <p>The files are tab-separated text (gzip for the large ones) rather than JSON: a CLI call starts a fresh JVM,
 * and splitting a few thousand short lines costs a few milliseconds where warming up a JSON mapper costs far more.
 *
 * <ul>
 *   <li>{@value #SOURCE}: {@code key=value} lines (description, takenAt, pricesUpdated).</li>
 *   <li>{@value #REGIONS}: {@code name, displayName, optIn(0|1)} per region.</li>
 *   <li>{@value #TYPES}: {@code name, vcpus, memoryMiB, gpus, gpuModel, architectures(comma list), burstable,
 *       currentGeneration, networkPerformance, localStorageGiB} per instance type.</li>
 *   <li>{@code regions/<region>.tsv.gz}: lines tagged {@value #ZONE} ({@code name, zoneId}), {@value #TYPE}
 *       ({@code name, price, zone mask in hex}; bit i set when the i-th zone line offers the type) and
 *       {@value #IMAGE} ({@code id, name, description, ownerId, ownerAlias, distro, release, architecture, state,
 *       public, rootDeviceName, rootSizeGiB, creationDate}).</li>
 * </ul>
 * An empty field stands for "unknown" (null).
 */
public final class ShippedLayout {
    /** Class-path folder of the AWS data, also the folder under {@code src/main/resources}. */
    public static final String BASE = "io/altostratus/catalog/aws/";
    public static final String SOURCE = "source.properties";
    public static final String REGIONS = "regions.tsv";
    public static final String TYPES = "instance-types.tsv.gz";
    public static final String ZONE = "Z";
    public static final String TYPE = "T";
    public static final String IMAGE = "I";
    public static final char SEPARATOR = '\t';

    private ShippedLayout() {
    }

    /** The file of one region, relative to {@link #BASE}. */
    public static String regionFile(String region) {
        return "regions/" + region + ".tsv.gz";
    }

    /** Splits one line on tabs, keeping empty fields (String.split would drop trailing ones). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(16);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == SEPARATOR) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }
}
