package io.altostratus.catalog.internal.azure;

import io.altostratus.catalog.internal.shipped.ShippedCatalog;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.SpotCatalog;
import io.altostratus.catalog.internal.shipped.SpotRegion;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Azure catalog over the files {@link AzureLayout} describes: locations with their availability zones, VM sizes
 * with on-demand and spot Linux prices, the sizes each location offers, and marketplace images, read lazily as
 * {@link ShippedCatalog} says; the sizes by name, spot prices and the one image list as {@link SpotCatalog} does.
 */
public final class AzureCatalog extends SpotCatalog {
    // What ARM answers for a location it does not know; the portable code is INVALID_PARAMETER either way.
    private static final String ERROR_CODE = "LocationNotAvailableForResourceType";

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

    // Zones are named <location>-<number> (AzureLayout.zoneName).
    @Override
    protected String regionOfZone(String zone) {
        int dash = zone.lastIndexOf('-');
        return dash > 0 ? zone.substring(0, dash) : null;
    }

    @Override
    protected Region readRegion(List<String> f) {
        return new Region(f.get(0), f.get(1), AzureLayout.ENDPOINT, false);
    }

    /** The same marketplace images in every location. */
    @Override
    protected List<Image> loadImages() {
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
    protected SpotRegion readRegionFile(String region) {
        return SpotRegion.read(region, files.lines(AzureLayout.regionFile(region)), AzureLayout.ZONE,
                (f, location) -> new Zone(f.get(1), f.get(2), location, "available"), AzureLayout.TYPE, "Azure");
    }
}
