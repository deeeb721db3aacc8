package io.altostratus.catalog.internal.build;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.internal.gcp.GcpLayout;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    public record Written(int regions, int zones, int types, int offers, int pricedOffers, int images, long bytes) {
    }

    /** Writes under {@code resourcesRoot}/{@value GcpLayout#BASE}. */
    public static Written write(CatalogSnapshot snapshot, Path resourcesRoot) throws IOException {
        if (!"gcp".equals(snapshot.provider())) {
            throw new IllegalArgumentException("the GCP layout holds the gcp catalog, not " + snapshot.provider());
        }
        Path base = resourcesRoot.resolve(GcpLayout.BASE);
        Files.createDirectories(base.resolve("regions"));
        long bytes = 0;
        int zoneCount = 0;
        int offers = 0;
        int priced = 0;
        StringBuilder index = new StringBuilder();
        Set<String> regionFiles = new HashSet<>();
        // GCE images are global: one list, whatever regions a snapshot files them under.
        Map<String, Image> images = new TreeMap<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            line(index, r.name(), r.region().displayName());
            List<Zone> zones = r.zones();
            if (zones.size() > 64) {
                throw new IllegalStateException(r.name() + " has " + zones.size() + " zones; the layout holds 64");
            }
            StringBuilder text = new StringBuilder();
            for (Zone z : zones) {
                line(text, GcpLayout.ZONE, z.name());
            }
            for (CatalogSnapshot.Offer offer : r.offers()) {
                long mask = 0;
                for (String zone : offer.zones()) {
                    int i = indexOf(zones, zone);
                    if (i < 0) {
                        throw new IllegalStateException(offer.type() + " offered in unknown zone " + zone);
                    }
                    mask |= 1L << i;
                }
                line(text, GcpLayout.TYPE, offer.type(), price(offer.pricePerHour()), price(offer.spotPricePerHour()),
                        Long.toHexString(mask));
                offers++;
                priced += offer.pricePerHour() == null ? 0 : 1;
            }
            for (Image image : r.images()) {
                images.putIfAbsent(image.name(), checked(image));
            }
            zoneCount += zones.size();
            String file = GcpLayout.regionFile(r.name());
            regionFiles.add(base.resolve(file).getFileName().toString());
            bytes += write(base.resolve(file), text.toString());
        }
        try (Stream<Path> old = Files.list(base.resolve("regions"))) {
            for (Path p : old.toList()) {
                if (!regionFiles.contains(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        StringBuilder types = new StringBuilder();
        for (InstanceType t : snapshot.types().stream().sorted(Comparator.comparing(InstanceType::name)).toList()) {
            line(types, t.name(), Integer.toString(t.vcpus()), Long.toString(t.memoryMiB()), Integer.toString(t.gpus()),
                    empty(t.gpuModel()),
                    t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining(",")),
                    t.burstable() ? "1" : "0", t.currentGeneration() ? "1" : "0", empty(t.networkPerformance()),
                    Long.toString(t.localStorageGiB()));
        }
        StringBuilder imageLines = new StringBuilder();
        for (Image i : images.values()) {
            line(imageLines, i.name(), empty(i.description()), i.ownerId(), empty(i.distro()), empty(i.release()),
                    i.architecture().wireName(), Integer.toString(i.rootSizeGiB()),
                    i.creationDate().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                    empty(i.tags().get(GcpLayout.FAMILY_TAG)));
        }
        bytes += write(base.resolve(GcpLayout.TYPES), types.toString());
        bytes += write(base.resolve(GcpLayout.IMAGES), imageLines.toString());
        bytes += write(base.resolve(GcpLayout.REGIONS), index.toString());
        String description = snapshot.source().description();
        if (!snapshot.notes().isEmpty()) {
            description += " (" + String.join("; ", snapshot.notes()) + ")";
        }
        bytes += write(base.resolve(GcpLayout.SOURCE), "description=" + description.replace('\n', ' ') + "\n"
                + "takenAt=" + snapshot.source().takenAt() + "\n");
        return new Written(snapshot.regions().size(), zoneCount, snapshot.types().size(), offers, priced,
                images.size(), bytes);
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

    private static int indexOf(List<Zone> zones, String name) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String price(Double p) {
        return p == null ? "" : BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    private static String empty(String s) {
        return s == null ? "" : s;
    }

    private static void line(StringBuilder text, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.indexOf(GcpLayout.SEPARATOR) >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                // A tab or line break would split the field; the layout has no escaping, so flatten it.
                f = f.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            }
            if (i > 0) {
                text.append(GcpLayout.SEPARATOR);
            }
            text.append(f);
        }
        text.append('\n');
    }

    private static long write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return bytes.length;
    }
}
