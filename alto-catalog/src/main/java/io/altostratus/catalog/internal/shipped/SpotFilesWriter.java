package io.altostratus.catalog.internal.shipped;

import static io.altostratus.catalog.internal.shipped.TsvWriter.line;
import static io.altostratus.catalog.internal.shipped.TsvWriter.price;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the writers of the layouts {@link SpotRegion} reads share: the region files (the layout's own zone lines, then
 * a type line {@code TYPE name price spot mask} per offer), the region index, the {@link TypeTable} and the source,
 * with the counts and bytes a writer reports ({@link Counts}). Files of regions not written are removed. A writer
 * writes its own files (images and what else its layout has) through {@link #write}, then calls {@link #finish}.
 */
public final class SpotFilesWriter {
    private final Path base;
    private final StringBuilder index = new StringBuilder();
    private final Set<Path> regionFiles = new HashSet<>();
    private int zones;
    private int offers;
    private int priced;
    private int spots;
    private long bytes;

    /** Over the folder {@code base}, whose region folder it makes. */
    public SpotFilesWriter(Path base) throws IOException {
        this.base = base;
        Files.createDirectories(base.resolve(ShippedFiles.REGION_DIR));
    }

    /**
     * Writes the region {@code r} to {@code file} (under the base): a line per zone as {@code zoneLine} writes it,
     * then a type line per offer of {@code offers} in their order; and adds the region to the index.
     */
    public void region(CatalogSnapshot.RegionData r, String file, BiConsumer<StringBuilder, Zone> zoneLine,
                       String typeWord, List<CatalogSnapshot.Offer> offers) throws IOException {
        line(index, r.name(), r.region().displayName());
        List<Zone> zones = r.zones();
        ShippedRegion.checkFits(r.name(), zones);
        StringBuilder text = new StringBuilder();
        for (Zone z : zones) {
            zoneLine.accept(text, z);
        }
        for (CatalogSnapshot.Offer offer : offers) {
            line(text, typeWord, offer.type(), price(offer.pricePerHour()), price(offer.spotPricePerHour()),
                    Long.toHexString(ShippedRegion.mask(zones, offer)));
            this.offers++;
            priced += offer.pricePerHour() == null ? 0 : 1;
            spots += offer.spotPricePerHour() == null ? 0 : 1;
        }
        this.zones += zones.size();
        Path path = base.resolve(file);
        regionFiles.add(path);
        bytes += TsvWriter.write(path, text.toString());
    }

    /** Writes {@code text} to {@code file} under the base, counting its bytes. */
    public void write(String file, String text) throws IOException {
        bytes += TsvWriter.write(base.resolve(file), text);
    }

    /** What the regions written came to, and the bytes of every file written. */
    public record Counts(int zones, int offers, int pricedOffers, int spotPrices, long bytes) {
    }

    /**
     * Removes the files of regions not written, and writes the snapshot's types sorted by name to {@code typesFile},
     * the region index and the source.
     *
     * @return what was written, this writer's own files included
     */
    public Counts finish(CatalogSnapshot snapshot, String typesFile) throws IOException {
        TsvWriter.deleteAllBut(base.resolve(ShippedFiles.REGION_DIR), regionFiles);
        StringBuilder types = new StringBuilder();
        for (InstanceType t : snapshot.types().stream().sorted(Comparator.comparing(InstanceType::name)).toList()) {
            line(types, TypeTable.fields(t));
        }
        write(typesFile, types.toString());
        write(ShippedFiles.REGIONS, index.toString());
        write(ShippedFiles.SOURCE, TsvWriter.source(snapshot));
        return new Counts(zones, offers, priced, spots, bytes);
    }

    /** An image's creation date as the layouts write it: the UTC day. */
    public static String day(Instant date) {
        return date.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
