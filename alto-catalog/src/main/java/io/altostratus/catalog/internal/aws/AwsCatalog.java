package io.altostratus.catalog.internal.aws;

import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.internal.shipped.ShippedCatalog;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.ShippedRegion;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS catalog over the files {@link ShippedLayout} describes, read lazily as {@link ShippedCatalog} says; within a
 * region the images too are decoded only when asked for.
 */
public final class AwsCatalog extends ShippedCatalog<AwsCatalog.RegionData> {
    private static final String ERROR_CODE = "InvalidParameterValue";

    private AwsCatalog(ShippedFiles files) {
        super(files, ShippedLayout.TYPES, "AWS", ERROR_CODE);
    }

    /** The catalog shipped in this jar. */
    public static AwsCatalog fromClasspath() {
        return new AwsCatalog(ShippedFiles.onClasspath(ShippedLayout.BASE));
    }

    /** A catalog over files laid out under {@code root}/{@value ShippedLayout#BASE}, e.g. a converter's output. */
    public static AwsCatalog fromDirectory(Path root) {
        return new AwsCatalog(ShippedFiles.inDirectory(root, ShippedLayout.BASE));
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public Optional<InstanceType> instanceType(String region, String name) {
        RegionData data = region(region);
        int i = name == null ? -1 : data.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(data.priced(types(), i));
    }

    /**
     * The price with the source its line names ({@link ShippedLayout}): the numbered {@code priceSource} of the
     * source file, and what the gap rule estimated it from where it did.
     */
    @Override
    public Optional<Price> onDemandPrice(String region, String name) {
        RegionData data = region(region);
        int i = name == null ? -1 : data.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        Double amount = data.priced(types(), i).pricePerHour();
        if (amount == null || !(amount > 0)) {
            return Optional.empty();
        }
        String origin = data.origin(i);
        int index = 0;
        String basis = null;
        if (origin != null) {
            int tab = origin.indexOf(ShippedFiles.SEPARATOR);
            String number = tab < 0 ? origin : origin.substring(0, tab);
            index = number.isEmpty() ? 0 : Integer.parseInt(number);
            basis = tab < 0 ? null : ShippedFiles.emptyToNull(origin.substring(tab + 1));
        }
        PriceSource source = priceSource(index);
        return Optional.of(new Price(amount, basis == null ? source : source.estimate(basis)));
    }

    /** The numbered price source; files from before sources were numbered say only when prices were updated. */
    private PriceSource priceSource(int index) {
        Map<String, String> props = files.properties();
        String value = props.get(ShippedLayout.PRICE_SOURCE + index);
        if (value != null) {
            return ShippedLayout.parseSource(value);
        }
        String updated = props.get("pricesUpdated");
        return PriceSource.quoted(provider() + "-catalog", updated != null ? Instant.parse(updated)
                : source().takenAt());
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        if (zone == null) {
            throw AltoException.invalid(ERROR_CODE, "an availability zone name is required");
        }
        String region = regionOfZone(zone);
        Set<String> offered = region == null ? null : region(region).typesIn(zone);
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown AWS availability zone '" + zone + "'");
        }
        return offered;
    }

    @Override
    public List<Image> images(String region) {
        return region(region).images();
    }

    /** The region a zone name belongs to: the longest region name it starts with. */
    private String regionOfZone(String zone) {
        String best = null;
        for (Region r : regions()) {
            String region = r.name();
            if (zone.startsWith(region) && zone.length() > region.length()
                    && (best == null || region.length() > best.length())) {
                best = region;
            }
        }
        return best;
    }

    @Override
    protected Region readRegion(List<String> f) {
        String name = f.get(0);
        return new Region(name, f.get(1), "ec2." + name + ".amazonaws.com", "1".equals(f.get(2)));
    }

    @Override
    protected RegionData readRegionFile(String region) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(2048);
        List<String> prices = new ArrayList<>(2048);
        List<Long> masks = new ArrayList<>(2048);
        List<String> origins = new ArrayList<>(2048);
        List<String> imageLines = new ArrayList<>();
        // Type lines are cut by hand (tag, name, price, mask, origin) since they are most of the file.
        for (String line : files.lines(ShippedLayout.regionFile(region))) {
            if (line.startsWith(ShippedLayout.TYPE + ShippedFiles.SEPARATOR)) {
                int a = line.indexOf(ShippedFiles.SEPARATOR, 2);
                int b = line.indexOf(ShippedFiles.SEPARATOR, a + 1);
                int c = line.indexOf(ShippedFiles.SEPARATOR, b + 1);
                names.add(line.substring(2, a));
                prices.add(line.substring(a + 1, b));
                masks.add(Long.parseLong(line, b + 1, c < 0 ? line.length() : c, 16));
                origins.add(c < 0 ? null : line.substring(c + 1));
            } else if (line.startsWith(ShippedLayout.ZONE + ShippedFiles.SEPARATOR)) {
                List<String> f = ShippedFiles.fields(line);
                zones.add(new Zone(f.get(1), f.get(2), region, "available"));
            } else if (line.startsWith(ShippedLayout.IMAGE + ShippedFiles.SEPARATOR)) {
                imageLines.add(line);
            } else {
                throw new IllegalStateException("unexpected line in the catalog file of " + region + ": " + line);
            }
        }
        return new RegionData(region, zones, names, prices, masks, origins, List.copyOf(imageLines));
    }

    /**
     * One region's data. Type names are sorted (the converter writes them so), which lets a single type be found
     * by binary search without building a map.
     */
    static final class RegionData extends ShippedRegion {
        private final List<String> imageLines;
        private final String[] origins;
        private List<Image> images;

        RegionData(String name, List<Zone> zones, List<String> typeNames, List<String> priceTexts, List<Long> masks,
                   List<String> origins, List<String> imageLines) {
            super(name, zones, typeNames, priceTexts, masks);
            this.imageLines = imageLines;
            this.origins = origins.toArray(String[]::new);
        }

        /** The i-th type line's fields after its mask (source number, estimate basis), or null when it has none. */
        String origin(int i) {
            return origins[i];
        }

        int indexOf(String typeName) {
            return Arrays.binarySearch(typeNames, typeName);
        }

        synchronized List<Image> images() {
            if (images == null) {
                Image[] out = new Image[imageLines.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = image(ShippedFiles.fields(imageLines.get(i)));
                }
                images = List.of(out);
            }
            return images;
        }
    }

    private static Image image(List<String> f) {
        return new Image(
                f.get(1), f.get(2), ShippedFiles.emptyToNull(f.get(3)), f.get(4), ShippedFiles.emptyToNull(f.get(5)),
                f.get(6), f.get(7), Architecture.parse(f.get(8)), f.get(9), "1".equals(f.get(10)), f.get(11),
                Integer.parseInt(f.get(12)), List.of(), null, ShippedFiles.startOfDay(f.get(13)), Map.of());
    }
}
