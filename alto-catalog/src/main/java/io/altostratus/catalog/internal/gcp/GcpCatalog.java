package io.altostratus.catalog.internal.gcp;

import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.shipped.Lazy;
import io.altostratus.catalog.internal.shipped.ShippedCatalog;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.SpotCatalog;
import io.altostratus.catalog.internal.shipped.SpotRegion;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GCP catalog over the files {@link GcpLayout} describes: Compute Engine regions, zones, machine types with
 * on-demand and spot prices, per-zone offerings and the public images of the main families, read lazily as
 * {@link ShippedCatalog} says; the image list and the unit prices ({@link #unitPrices()}) too are read on first use
 * and kept.
 */
public final class GcpCatalog extends SpotCatalog {
    // GCE's own reason for a name it does not know; the portable code is INVALID_PARAMETER either way.
    private static final String ERROR_CODE = "invalid";

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

    // GCE zones are the region's name, a dash and a letter (us-central1-a).
    @Override
    protected String regionOfZone(String zone) {
        int dash = zone.lastIndexOf('-');
        return dash > 0 ? zone.substring(0, dash) : null;
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

    /** The same public images in every region: GCE images are global resources. */
    @Override
    protected List<Image> loadImages() {
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
    protected SpotRegion readRegionFile(String region) {
        // A GCE zone is known by its name, which the file gives as its id too.
        return SpotRegion.read(region, files.lines(GcpLayout.regionFile(region)), GcpLayout.ZONE,
                (f, r) -> new Zone(f.get(1), f.get(1), r, "available"), GcpLayout.TYPE, "GCP");
    }
}
