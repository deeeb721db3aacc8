package io.altostratus.catalog.internal.build;

import static io.altostratus.catalog.internal.shipped.TsvWriter.empty;
import static io.altostratus.catalog.internal.shipped.TsvWriter.line;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.internal.aws.ShippedLayout;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link CatalogSnapshot} as the static files {@code AwsCatalog} ships ({@link ShippedLayout}): the second
 * tier of the catalog, read when no fresh refreshed snapshot is at hand. Spot prices have no column in that layout
 * and are left out; on-demand prices keep their sources and estimate marks. Each file is written beside its final name and renamed over it, and region files of regions
 * the snapshot lacks are removed, so the folder ends up describing exactly the snapshot.
 */
public final class ShippedWriter {
    private ShippedWriter() {
    }

    /** What one freeze wrote. */
    public record Written(int regions, int types, int offers, int images, long bytes) {
    }

    /** Writes under {@code resourcesRoot}/{@value ShippedLayout#BASE}. */
    public static Written write(CatalogSnapshot snapshot, Path resourcesRoot) throws IOException {
        if (!"aws".equals(snapshot.provider())) {
            throw new IllegalArgumentException("only the aws catalog has a shipped layout, not " + snapshot.provider());
        }
        Path base = resourcesRoot.resolve(ShippedLayout.BASE);
        Files.createDirectories(base.resolve(ShippedFiles.REGION_DIR));
        long bytes = 0;
        int offers = 0;
        int images = 0;
        StringBuilder index = new StringBuilder();
        Set<Path> regionFiles = new HashSet<>();
        // Each distinct (source, date) of the snapshot's prices gets a number, listed in the source file.
        Map<PriceSource, Integer> sources = new LinkedHashMap<>();
        PriceSource own = PriceSource.quoted("aws-catalog", snapshot.source().takenAt());
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            line(index, r.name(), r.region().displayName(), r.region().optIn() ? "1" : "0");
            List<Zone> zones = r.zones();
            ShippedRegion.checkFits(r.name(), zones);
            StringBuilder text = new StringBuilder();
            for (Zone z : zones) {
                line(text, ShippedLayout.ZONE, z.name(), z.zoneId());
            }
            for (CatalogSnapshot.Offer offer : r.offers()) {
                Price p = offer.pricePerHour() == null || !(offer.pricePerHour() > 0) ? null
                        : new Price(offer.pricePerHour(), offer.priceSource() != null ? offer.priceSource() : own);
                int sourceIndex = p == null ? 0 : sources.computeIfAbsent(
                        PriceSource.quoted(p.source().name(), p.source().date()), k -> sources.size());
                line(text, ShippedLayout.typeLine(offer.type(), p, ShippedRegion.mask(zones, offer), sourceIndex));
                offers++;
            }
            for (Image image : r.images()) {
                line(text, ShippedLayout.IMAGE, image.id(), image.name(), empty(image.description()), image.ownerId(),
                        empty(image.ownerAlias()), empty(image.distro()), empty(image.release()),
                        image.architecture().wireName(), image.state(), image.isPublic() ? "1" : "0",
                        empty(image.rootDeviceName()), Integer.toString(image.rootSizeGiB()),
                        image.creationDate().atOffset(ZoneOffset.UTC).toLocalDate().toString());
                images++;
            }
            Path file = base.resolve(ShippedLayout.regionFile(r.name()));
            regionFiles.add(file);
            bytes += TsvWriter.write(file, text.toString());
        }
        TsvWriter.deleteAllBut(base.resolve(ShippedFiles.REGION_DIR), regionFiles);
        StringBuilder types = new StringBuilder();
        for (InstanceType t : snapshot.types()) {
            line(types, TypeTable.fields(t));
        }
        bytes += TsvWriter.write(base.resolve(ShippedLayout.TYPES), types.toString());
        bytes += TsvWriter.write(base.resolve(ShippedFiles.REGIONS), index.toString());
        StringBuilder source = new StringBuilder(TsvWriter.source(snapshot));
        sources.forEach((s, i) -> source.append(ShippedLayout.PRICE_SOURCE).append(i).append('=')
                .append(ShippedLayout.sourceValue(s)).append('\n'));
        bytes += TsvWriter.write(base.resolve(ShippedFiles.SOURCE), source.toString());
        return new Written(snapshot.regions().size(), snapshot.types().size(), offers, images, bytes);
    }
}
