package io.altostratus.catalog.internal.gcp;

import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.shipped.Lazy;
import io.altostratus.catalog.internal.shipped.ShippedCatalog;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.ShippedRegion;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GCP catalog over the files {@link GcpLayout} describes: Compute Engine regions, zones, machine types with
 * on-demand and spot prices, per-zone offerings and the public images of the main families, read lazily as
 * {@link ShippedCatalog} says; the image list and the unit prices ({@link #unitPrices()}) too are read on first use
 * and kept.
 */
public final class GcpCatalog extends ShippedCatalog<GcpCatalog.RegionData> {
    // GCE's own reason for a name it does not know; the portable code is INVALID_PARAMETER either way.
    private static final String ERROR_CODE = "invalid";

    private final Lazy<List<Image>> images = new Lazy<>(this::loadImages);
    private final Lazy<GcpUnitPrices> unitPrices = new Lazy<>(this::loadUnitPrices);

    private GcpCatalog(ShippedFiles files) {
        super(files, GcpLayout.TYPES, "GCP", ERROR_CODE);
    }

    /** The catalog shipped in this jar. */
    public static GcpCatalog fromClasspath() {
        return new GcpCatalog(ShippedFiles.onClasspath(GcpLayout.BASE));
    }

    /** A catalog over files laid out under {@code root}/{@value GcpLayout#BASE}, e.g. the builder's output. */
    public static GcpCatalog fromDirectory(Path root) {
        return new GcpCatalog(ShippedFiles.inDirectory(root, GcpLayout.BASE));
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public Optional<InstanceType> instanceType(String region, String name) {
        RegionData data = region(region);
        Integer i = name == null ? null : data.indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(data.pricedTypes(types()).get(i));
    }

    @Override
    public Optional<Double> spotPricePerHour(String region, String type) {
        RegionData data = region(region);
        Integer i = type == null ? null : data.indexByName.get(type);
        return i == null ? Optional.empty() : Optional.ofNullable(data.spotPrices[i]);
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        if (zone == null) {
            throw AltoException.invalid(ERROR_CODE, "a zone name is required");
        }
        // GCE zones are the region's name, a dash and a letter (us-central1-a).
        int dash = zone.lastIndexOf('-');
        String region = dash > 0 ? zone.substring(0, dash) : null;
        Set<String> offered = region != null && isRegion(region) ? region(region).typesIn(zone) : null;
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown GCP zone '" + zone + "'");
        }
        return offered;
    }

    /** The same public images in every region: GCE images are global resources. */
    @Override
    public List<Image> images(String region) {
        region(region);
        return images.get();
    }

    /**
     * The unit prices the machine-type prices were assembled from, read on first use; empty for a catalog built
     * without them (files from before they were shipped, or a frozen refresh).
     */
    public GcpUnitPrices unitPrices() {
        return unitPrices.get();
    }

    @Override
    protected Region readRegion(List<String> f) {
        return new Region(f.get(0), f.get(1), GcpLayout.ENDPOINT, false);
    }

    private List<Image> loadImages() {
        List<Image> out = new ArrayList<>();
        for (String line : files.lines(GcpLayout.IMAGES)) {
            List<String> f = ShippedFiles.fields(line);
            String name = f.get(0);
            String project = f.get(2);
            String family = f.get(8);
            out.add(new Image(GcpLayout.imageId(project, name), name, ShippedFiles.emptyToNull(f.get(1)), project,
                    project, ShippedFiles.emptyToNull(f.get(3)), ShippedFiles.emptyToNull(f.get(4)),
                    Architecture.parse(f.get(5)), Image.AVAILABLE, true, null, Integer.parseInt(f.get(6)), List.of(),
                    null, ShippedFiles.startOfDay(f.get(7)),
                    family.isEmpty() ? Map.of() : Map.of(GcpLayout.FAMILY_TAG, family)));
        }
        return List.copyOf(out);
    }

    private GcpUnitPrices loadUnitPrices() {
        List<String> lines;
        try {
            lines = files.lines(GcpLayout.UNIT_PRICES);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return GcpUnitPrices.empty();
            }
            throw e;
        }
        List<GcpUnitPrice> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            List<String> f = ShippedFiles.fields(line);
            boolean spot = switch (f.get(3)) {
                case GcpLayout.ON_DEMAND -> false;
                case GcpLayout.SPOT -> true;
                default -> throw new IllegalStateException("unexpected usage in the GCP unit prices: " + line);
            };
            out.add(new GcpUnitPrice(f.get(0), f.get(1), GcpLayout.resource(f.get(2)), spot, new BigDecimal(f.get(4)),
                    f.get(5)));
        }
        return GcpUnitPrices.of(out);
    }

    @Override
    protected RegionData readRegionFile(String region) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(256);
        List<String> prices = new ArrayList<>(256);
        List<Double> spots = new ArrayList<>(256);
        List<Long> masks = new ArrayList<>(256);
        for (String line : files.lines(GcpLayout.regionFile(region))) {
            List<String> f = ShippedFiles.fields(line);
            if (GcpLayout.ZONE.equals(f.get(0))) {
                zones.add(new Zone(f.get(1), f.get(1), region, "available"));
            } else if (GcpLayout.TYPE.equals(f.get(0))) {
                names.add(f.get(1));
                prices.add(f.get(2));
                spots.add(f.get(3).isEmpty() ? null : Double.valueOf(f.get(3)));
                masks.add(Long.parseLong(f.get(4), 16));
            } else {
                throw new IllegalStateException("unexpected line in the GCP catalog file of " + region + ": " + line);
            }
        }
        return new RegionData(region, zones, names, prices, spots.toArray(Double[]::new), masks);
    }

    /** One region's data with its spot prices; type names are in the file's (name) order. */
    static final class RegionData extends ShippedRegion {
        final Map<String, Integer> indexByName;
        final Double[] spotPrices;

        RegionData(String name, List<Zone> zones, List<String> typeNames, List<String> priceTexts,
                   Double[] spotPrices, List<Long> masks) {
            super(name, zones, typeNames, priceTexts, masks);
            this.spotPrices = spotPrices;
            Map<String, Integer> index = new HashMap<>(this.typeNames.length * 2);
            for (int i = 0; i < this.typeNames.length; i++) {
                index.put(this.typeNames[i], i);
            }
            this.indexByName = Collections.unmodifiableMap(index);
        }
    }
}
