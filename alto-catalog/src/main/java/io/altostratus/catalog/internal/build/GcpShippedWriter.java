package io.altostratus.catalog.internal.build;

import static io.altostratus.catalog.internal.shipped.TsvWriter.empty;
import static io.altostratus.catalog.internal.shipped.TsvWriter.line;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.gcp.GcpLayout;
import io.altostratus.catalog.internal.shipped.SpotFilesWriter;
import io.altostratus.core.model.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a GCP {@link CatalogSnapshot} as the files {@code GcpCatalog} ships ({@link GcpLayout}): what
 * {@link GcpCatalogBuilder} assembles from the price data, and what {@code alto catalog freeze} makes of a refreshed
 * snapshot. Spot prices are kept. What the layout has no column for is refused rather than dropped silently: an image
 * whose id is not {@code projects/{ownerId}/global/images/{name}}, or that is not public and available. A zone's id
 * is not kept (GCE zones are known by name; the reader uses the name as the id). Each file is written beside its final
 * name and renamed over it, and region files of regions the snapshot lacks are removed.
 */
public final class GcpShippedWriter {
    private GcpShippedWriter() {
    }

    /** What one write produced. */
    public record Written(int regions, int zones, int types, int offers, int pricedOffers, int images,
                          int unitPrices, long bytes) {
    }

    /**
     * Writes under {@code resourcesRoot}/{@value GcpLayout#BASE}, with an empty {@value GcpLayout#UNIT_PRICES}: a
     * snapshot carries no unit prices, and leaving the old ones would keep prices its types were not assembled from.
     */
    public static Written write(CatalogSnapshot snapshot, Path resourcesRoot) throws IOException {
        return write(snapshot, GcpUnitPrices.empty(), resourcesRoot);
    }

    /** Writes under {@code resourcesRoot}/{@value GcpLayout#BASE}, with the unit prices its types were priced from. */
    public static Written write(CatalogSnapshot snapshot, GcpUnitPrices unitPrices, Path resourcesRoot)
            throws IOException {
        if (!"gcp".equals(snapshot.provider())) {
            throw new IllegalArgumentException("the GCP layout holds the gcp catalog, not " + snapshot.provider());
        }
        SpotFilesWriter files = new SpotFilesWriter(resourcesRoot.resolve(GcpLayout.BASE));
        // GCE images are global: one list, whatever regions a snapshot files them under.
        Map<String, Image> images = new TreeMap<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            for (Image image : r.images()) {
                images.putIfAbsent(image.name(), checked(image));
            }
            files.region(r, GcpLayout.regionFile(r.name()), (text, z) -> line(text, GcpLayout.ZONE, z.name()),
                    GcpLayout.TYPE, r.offers());
        }
        StringBuilder imageLines = new StringBuilder();
        for (Image i : images.values()) {
            line(imageLines, i.name(), empty(i.description()), i.ownerId(), empty(i.distro()), empty(i.release()),
                    i.architecture().wireName(), Integer.toString(i.rootSizeGiB()),
                    SpotFilesWriter.day(i.creationDate()), empty(i.tags().get(GcpLayout.FAMILY_TAG)));
        }
        files.write(GcpLayout.IMAGES, imageLines.toString());
        StringBuilder unitLines = new StringBuilder();
        for (GcpUnitPrice p : unitPrices.all()) {
            line(unitLines, p.family(), p.region(), GcpLayout.resourceWord(p.resource()),
                    p.spot() ? GcpLayout.SPOT : GcpLayout.ON_DEMAND, p.usdPerHour().stripTrailingZeros().toPlainString(),
                    p.skuId());
        }
        files.write(GcpLayout.UNIT_PRICES, unitLines.toString());
        SpotFilesWriter.Counts n = files.finish(snapshot, GcpLayout.TYPES);
        return new Written(snapshot.regions().size(), n.zones(), snapshot.types().size(), n.offers(), n.pricedOffers(),
                images.size(), unitPrices.all().size(), n.bytes());
    }

    private static Image checked(Image image) {
        if (!image.id().equals(GcpLayout.imageId(image.ownerId(), image.name()))) {
            throw new IllegalStateException("image " + image.id() + " is not projects/{owner}/global/images/{name}"
                    + " of its owner " + image.ownerId() + " and name " + image.name());
        }
        if (!image.isPublic() || !Image.AVAILABLE.equals(image.state()) || image.creationDate() == null) {
            throw new IllegalStateException("image " + image.id() + " is not a dated, public, available image");
        }
        return image;
    }
}
