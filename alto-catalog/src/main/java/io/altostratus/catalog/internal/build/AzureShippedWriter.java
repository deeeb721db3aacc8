package io.altostratus.catalog.internal.build;

import static io.altostratus.catalog.internal.shipped.TsvWriter.empty;
import static io.altostratus.catalog.internal.shipped.TsvWriter.line;
import static io.altostratus.catalog.internal.shipped.TsvWriter.price;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.internal.azure.AzureLayout;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.ShippedRegion;
import io.altostratus.catalog.internal.shipped.TsvWriter;
import io.altostratus.catalog.internal.shipped.TypeTable;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Path base = resourcesRoot.resolve(AzureLayout.BASE);
        Files.createDirectories(base.resolve(ShippedFiles.REGION_DIR));
        long bytes = 0;
        int zoneCount = 0;
        int offers = 0;
        int priced = 0;
        int spots = 0;
        StringBuilder index = new StringBuilder();
        Set<Path> regionFiles = new HashSet<>();
        // Marketplace images are the same in every location: one list, whatever locations a snapshot files them under.
        Map<String, Image> images = new TreeMap<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            line(index, r.name(), r.region().displayName());
            List<Zone> zones = r.zones();
            ShippedRegion.checkFits(r.name(), zones);
            StringBuilder text = new StringBuilder();
            for (Zone z : zones) {
                line(text, AzureLayout.ZONE, z.name(), z.zoneId());
            }
            for (CatalogSnapshot.Offer offer : r.offers().stream()
                    .sorted(Comparator.comparing(CatalogSnapshot.Offer::type)).toList()) {
                line(text, AzureLayout.TYPE, offer.type(), price(offer.pricePerHour()), price(offer.spotPricePerHour()),
                        Long.toHexString(ShippedRegion.mask(zones, offer)));
                offers++;
                priced += offer.pricePerHour() == null ? 0 : 1;
                spots += offer.spotPricePerHour() == null ? 0 : 1;
            }
            for (Image image : r.images()) {
                images.putIfAbsent(image.id(), checked(image));
            }
            zoneCount += zones.size();
            Path file = base.resolve(AzureLayout.regionFile(r.name()));
            regionFiles.add(file);
            bytes += TsvWriter.write(file, text.toString());
        }
        TsvWriter.deleteAllBut(base.resolve(ShippedFiles.REGION_DIR), regionFiles);
        StringBuilder types = new StringBuilder();
        for (InstanceType t : snapshot.types().stream().sorted(Comparator.comparing(InstanceType::name)).toList()) {
            line(types, TypeTable.fields(t));
        }
        StringBuilder imageLines = new StringBuilder();
        for (Image i : images.values()) {
            line(imageLines, i.id(), i.ownerId(), empty(i.distro()), empty(i.release()),
                    i.architecture().wireName(), Integer.toString(i.rootSizeGiB()),
                    i.creationDate().atOffset(ZoneOffset.UTC).toLocalDate().toString(), empty(i.description()));
        }
        bytes += TsvWriter.write(base.resolve(AzureLayout.TYPES), types.toString());
        bytes += TsvWriter.write(base.resolve(AzureLayout.IMAGES), imageLines.toString());
        bytes += TsvWriter.write(base.resolve(ShippedFiles.REGIONS), index.toString());
        bytes += TsvWriter.write(base.resolve(ShippedFiles.SOURCE), TsvWriter.source(snapshot));
        return new Written(snapshot.regions().size(), zoneCount, snapshot.types().size(), offers, priced, spots,
                images.size(), bytes);
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
