package io.altostratus.catalog.internal.azure;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Azure catalog over the files {@link AzureLayout} describes: locations with their availability zones, VM sizes
 * with on-demand and spot Linux prices, the sizes each location offers, and marketplace images, read lazily as
 * {@link ShippedCatalog} says.
 */
public final class AzureCatalog extends ShippedCatalog<AzureCatalog.RegionData> {
    // What ARM answers for a location it does not know; the portable code is INVALID_PARAMETER either way.
    private static final String ERROR_CODE = "LocationNotAvailableForResourceType";

    private final Lazy<List<Image>> images = new Lazy<>(this::loadImages);

    private AzureCatalog(ShippedFiles files) {
        super(files, AzureLayout.TYPES, "Azure", ERROR_CODE);
    }

    /** The catalog shipped in this jar. */
    public static AzureCatalog fromClasspath() {
        return new AzureCatalog(ShippedFiles.onClasspath(AzureLayout.BASE));
    }

    /** A catalog over files laid out under {@code root}/{@value AzureLayout#BASE}, e.g. the builder's output. */
    public static AzureCatalog fromDirectory(Path root) {
        return new AzureCatalog(ShippedFiles.inDirectory(root, AzureLayout.BASE));
    }

    @Override
    public String provider() {
        return "azure";
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
        // Zones are named <location>-<number> (AzureLayout.zoneName).
        int dash = zone.lastIndexOf('-');
        String location = dash > 0 ? zone.substring(0, dash) : null;
        Set<String> offered = location != null && isRegion(location) ? region(location).typesIn(zone) : null;
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown Azure zone '" + zone + "'");
        }
        return offered;
    }

    /** The same marketplace images in every location. */
    @Override
    public List<Image> images(String region) {
        region(region);
        return images.get();
    }

    @Override
    protected Region readRegion(List<String> f) {
        return new Region(f.get(0), f.get(1), AzureLayout.ENDPOINT, false);
    }

    private List<Image> loadImages() {
        List<Image> out = new ArrayList<>();
        for (String line : files.lines(AzureLayout.IMAGES)) {
            List<String> f = ShippedFiles.fields(line);
            String urn = f.get(0);
            out.add(new Image(urn, urn, ShippedFiles.emptyToNull(f.get(7)), f.get(1), f.get(1),
                    ShippedFiles.emptyToNull(f.get(2)), ShippedFiles.emptyToNull(f.get(3)),
                    Architecture.parse(f.get(4)), Image.AVAILABLE, true, null, Integer.parseInt(f.get(5)), List.of(),
                    null, ShippedFiles.startOfDay(f.get(6)), Map.of()));
        }
        return List.copyOf(out);
    }

    @Override
    protected RegionData readRegionFile(String region) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(256);
        List<String> prices = new ArrayList<>(256);
        List<Double> spots = new ArrayList<>(256);
        List<Long> masks = new ArrayList<>(256);
        for (String line : files.lines(AzureLayout.regionFile(region))) {
            List<String> f = ShippedFiles.fields(line);
            if (AzureLayout.ZONE.equals(f.get(0))) {
                zones.add(new Zone(f.get(1), f.get(2), region, "available"));
            } else if (AzureLayout.TYPE.equals(f.get(0))) {
                names.add(f.get(1));
                prices.add(f.get(2));
                spots.add(f.get(3).isEmpty() ? null : Double.valueOf(f.get(3)));
                masks.add(Long.parseLong(f.get(4), 16));
            } else {
                throw new IllegalStateException("unexpected line in the Azure catalog file of " + region + ": "
                        + line);
            }
        }
        return new RegionData(region, zones, names, prices, spots.toArray(Double[]::new), masks);
    }

    /** One location's data with its spot prices; sizes are in the file's (name) order. */
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
