package io.altostratus.catalog.internal.build;

import static io.altostratus.catalog.internal.shipped.TsvWriter.empty;
import static io.altostratus.catalog.internal.shipped.TsvWriter.line;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.internal.azure.AzureLayout;
import io.altostratus.catalog.internal.shipped.SpotFilesWriter;
import io.altostratus.core.model.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an Azure {@link CatalogSnapshot} as the files {@code AzureCatalog} ships ({@link AzureLayout}): what
 * {@link AzureCatalogBuilder} assembles, and what {@code alto catalog freeze} makes of a refreshed snapshot. Spot
 * prices are kept. An image that is not public, available and dated, or whose id is not a URN, is refused rather
 * than dropped silently. Each file is written beside its final name and renamed over it, and files of locations the
 * snapshot lacks are removed.
 */
public final class AzureShippedWriter {
    private AzureShippedWriter() {
    }

    /** What one write produced. */
    public record Written(int regions, int zones, int types, int offers, int pricedOffers, int spotPrices,
                          int images, long bytes) {
    }

    /** Writes under {@code resourcesRoot}/{@value AzureLayout#BASE}. */
    public static Written write(CatalogSnapshot snapshot, Path resourcesRoot) throws IOException {
        if (!"azure".equals(snapshot.provider())) {
            throw new IllegalArgumentException("the Azure layout holds the azure catalog, not "
                    + snapshot.provider());
        }
        SpotFilesWriter files = new SpotFilesWriter(resourcesRoot.resolve(AzureLayout.BASE));
        // Marketplace images are the same in every location: one list, whatever locations a snapshot files them under.
        Map<String, Image> images = new TreeMap<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            for (Image image : r.images()) {
                images.putIfAbsent(image.id(), checked(image));
            }
            // The file lists sizes by name, whatever order a snapshot gives them in.
            List<CatalogSnapshot.Offer> offers = r.offers().stream()
                    .sorted(Comparator.comparing(CatalogSnapshot.Offer::type)).toList();
            files.region(r, AzureLayout.regionFile(r.name()),
                    (text, z) -> line(text, AzureLayout.ZONE, z.name(), z.zoneId()), AzureLayout.TYPE, offers);
        }
        StringBuilder imageLines = new StringBuilder();
        for (Image i : images.values()) {
            line(imageLines, i.id(), i.ownerId(), empty(i.distro()), empty(i.release()),
                    i.architecture().wireName(), Integer.toString(i.rootSizeGiB()),
                    SpotFilesWriter.day(i.creationDate()), empty(i.description()));
        }
        files.write(AzureLayout.IMAGES, imageLines.toString());
        SpotFilesWriter.Counts n = files.finish(snapshot, AzureLayout.TYPES);
        return new Written(snapshot.regions().size(), n.zones(), snapshot.types().size(), n.offers(), n.pricedOffers(),
                n.spotPrices(), images.size(), n.bytes());
    }

    private static Image checked(Image image) {
        if (image.id().split(":", -1).length != 4 || !image.id().startsWith(image.ownerId() + ":")) {
            throw new IllegalStateException("image " + image.id() + " is not a URN publisher:offer:sku:version of "
                    + image.ownerId());
        }
        if (!image.isPublic() || !Image.AVAILABLE.equals(image.state()) || image.creationDate() == null) {
            throw new IllegalStateException("image " + image.id() + " is not a dated, public, available image");
        }
        return image;
    }
}
