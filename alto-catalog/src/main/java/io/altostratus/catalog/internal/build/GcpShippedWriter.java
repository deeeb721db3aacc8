package io.altostratus.catalog.internal.build;

import static io.altostratus.catalog.internal.shipped.TsvWriter.empty;
import static io.altostratus.catalog.internal.shipped.TsvWriter.line;
import static io.altostratus.catalog.internal.shipped.TsvWriter.price;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.gcp.GcpLayout;
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
        Path base = resourcesRoot.resolve(GcpLayout.BASE);
        Files.createDirectories(base.resolve(ShippedFiles.REGION_DIR));
        long bytes = 0;
        int zoneCount = 0;
        int offers = 0;
        int priced = 0;
        StringBuilder index = new StringBuilder();
        Set<Path> regionFiles = new HashSet<>();
        // GCE images are global: one list, whatever regions a snapshot files them under.
        Map<String, Image> images = new TreeMap<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            line(index, r.name(), r.region().displayName());
            List<Zone> zones = r.zones();
            ShippedRegion.checkFits(r.name(), zones);
            StringBuilder text = new StringBuilder();
            for (Zone z : zones) {
                line(text, GcpLayout.ZONE, z.name());
            }
            for (CatalogSnapshot.Offer offer : r.offers()) {
                line(text, GcpLayout.TYPE, offer.type(), price(offer.pricePerHour()), price(offer.spotPricePerHour()),
                        Long.toHexString(ShippedRegion.mask(zones, offer)));
                offers++;
                priced += offer.pricePerHour() == null ? 0 : 1;
            }
            for (Image image : r.images()) {
                images.putIfAbsent(image.name(), checked(image));
            }
            zoneCount += zones.size();
            Path file = base.resolve(GcpLayout.regionFile(r.name()));
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
            line(imageLines, i.name(), empty(i.description()), i.ownerId(), empty(i.distro()), empty(i.release()),
                    i.architecture().wireName(), Integer.toString(i.rootSizeGiB()),
                    i.creationDate().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                    empty(i.tags().get(GcpLayout.FAMILY_TAG)));
        }
        bytes += TsvWriter.write(base.resolve(GcpLayout.TYPES), types.toString());
        bytes += TsvWriter.write(base.resolve(GcpLayout.IMAGES), imageLines.toString());
        StringBuilder unitLines = new StringBuilder();
        for (GcpUnitPrice p : unitPrices.all()) {
            line(unitLines, p.family(), p.region(), GcpLayout.resourceWord(p.resource()),
                    p.spot() ? GcpLayout.SPOT : GcpLayout.ON_DEMAND, p.usdPerHour().stripTrailingZeros().toPlainString(),
                    p.skuId());
        }
        bytes += TsvWriter.write(base.resolve(GcpLayout.UNIT_PRICES), unitLines.toString());
        bytes += TsvWriter.write(base.resolve(ShippedFiles.REGIONS), index.toString());
        bytes += TsvWriter.write(base.resolve(ShippedFiles.SOURCE), TsvWriter.source(snapshot));
        return new Written(snapshot.regions().size(), zoneCount, snapshot.types().size(), offers, priced,
                images.size(), unitPrices.all().size(), bytes);
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
