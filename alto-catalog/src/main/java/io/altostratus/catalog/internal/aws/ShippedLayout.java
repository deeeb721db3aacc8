package io.altostratus.catalog.internal.aws;

import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.TsvWriter;
import java.time.Instant;

/**
 * Where the shipped AWS catalog lives on the class path and how its lines are laid out. The converter in
 * {@code internal.build} writes this layout and {@link AwsCatalog} reads it, so both sides share these names;
 * what it has in common with the GCP layout is in {@link ShippedFiles}.
 *
 * <ul>
 *   <li>{@value ShippedFiles#SOURCE}: {@code key=value} lines (description, takenAt, pricesUpdated, and the price
 *       sources {@code priceSource.<n>=<name> <ISO instant>}, numbered from 0).</li>
 *   <li>{@value ShippedFiles#REGIONS}: {@code name, displayName, optIn(0|1)} per region.</li>
 *   <li>{@value #TYPES}: the {@link io.altostratus.catalog.internal.shipped.TypeTable} per instance type.</li>
 *   <li>{@code regions/<region>.tsv.gz}: lines tagged {@value #ZONE} ({@code name, zoneId}), {@value #TYPE}
 *       ({@code name, price, zone mask in hex}; bit i set when the i-th zone line offers the type; then, only when
 *       needed, the number of the price's source (empty: 0) and, for a price the catalog estimated, what it was
 *       estimated from) and
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
    /** The prefix of the numbered price-source keys of {@value ShippedFiles#SOURCE}. */
    public static final String PRICE_SOURCE = "priceSource.";

    private ShippedLayout() {
    }

    /**
     * The fields of one type line: an unknown price is empty; the source number and estimate basis are written only
     * when the price has them. Prices are kept to a millionth of a dollar, which no source is more precise than.
     */
    public static String[] typeLine(String type, Price price, long mask, int sourceIndex) {
        String hex = Long.toHexString(mask);
        if (price == null) {
            return new String[] {TYPE, type, "", hex};
        }
        String amount = TsvWriter.price(Math.round(price.perHour() * 1_000_000d) / 1_000_000d);
        String index = sourceIndex == 0 ? "" : Integer.toString(sourceIndex);
        if (price.estimated()) {
            return new String[] {TYPE, type, amount, hex, index, price.source().estimatedFrom()};
        }
        return sourceIndex == 0 ? new String[] {TYPE, type, amount, hex} : new String[] {TYPE, type, amount, hex, index};
    }

    /** A price source as its {@value #PRICE_SOURCE} value: its name, a space, its instant. */
    public static String sourceValue(PriceSource source) {
        return source.name() + " " + source.date();
    }

    /** The quoted source a {@value #PRICE_SOURCE} value names. */
    public static PriceSource parseSource(String value) {
        int space = value.lastIndexOf(' ');
        return PriceSource.quoted(value.substring(0, space), Instant.parse(value.substring(space + 1)));
    }

    /** The file of one region, relative to {@link #BASE}. */
    public static String regionFile(String region) {
        return ShippedFiles.REGION_DIR + region + ".tsv.gz";
    }
}
