package io.altostratus.catalog.internal.build;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.internal.aws.ShippedLayout;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link CatalogSnapshot} as the static files {@code AwsCatalog} ships ({@link ShippedLayout}): the second
 * tier of the catalog, read when no fresh refreshed snapshot is at hand. Spot prices have no column in that layout
 * and are left out. Each file is written beside its final name and renamed over it, and region files of regions
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
        Files.createDirectories(base.resolve("regions"));
        long bytes = 0;
        int offers = 0;
        int images = 0;
        StringBuilder index = new StringBuilder();
        Set<String> regionFiles = new HashSet<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            line(index, r.name(), r.region().displayName(), r.region().optIn() ? "1" : "0");
            List<Zone> zones = r.zones();
            if (zones.size() > 64) {
                throw new IllegalStateException(r.name() + " has " + zones.size() + " zones; the layout holds 64");
            }
            StringBuilder text = new StringBuilder();
            for (Zone z : zones) {
                line(text, ShippedLayout.ZONE, z.name(), z.zoneId());
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
                line(text, ShippedLayout.TYPE, offer.type(), price(offer.pricePerHour()), Long.toHexString(mask));
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
            String file = ShippedLayout.regionFile(r.name());
            regionFiles.add(base.resolve(file).getFileName().toString());
            bytes += write(base.resolve(file), text.toString(), true);
        }
        try (Stream<Path> old = Files.list(base.resolve("regions"))) {
            for (Path p : old.toList()) {
                if (!regionFiles.contains(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        StringBuilder types = new StringBuilder();
        for (InstanceType t : snapshot.types()) {
            line(types, t.name(), Integer.toString(t.vcpus()), Long.toString(t.memoryMiB()), Integer.toString(t.gpus()),
                    empty(t.gpuModel()),
                    t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining(",")),
                    t.burstable() ? "1" : "0", t.currentGeneration() ? "1" : "0", empty(t.networkPerformance()),
                    Long.toString(t.localStorageGiB()));
        }
        bytes += write(base.resolve(ShippedLayout.TYPES), types.toString(), true);
        bytes += write(base.resolve(ShippedLayout.REGIONS), index.toString(), false);
        String description = snapshot.source().description();
        if (!snapshot.notes().isEmpty()) {
            description += " (" + String.join("; ", snapshot.notes()) + ")";
        }
        String source = "description=" + description.replace('\n', ' ') + "\n"
                + "takenAt=" + snapshot.source().takenAt() + "\n";
        bytes += write(base.resolve(ShippedLayout.SOURCE), source, false);
        return new Written(snapshot.regions().size(), snapshot.types().size(), offers, images, bytes);
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
            if (f.indexOf(ShippedLayout.SEPARATOR) >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                // A tab or line break would split the field; the layout has no escaping, so flatten it.
                f = f.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            }
            if (i > 0) {
                text.append(ShippedLayout.SEPARATOR);
            }
            text.append(f);
        }
        text.append('\n');
    }

    private static long write(Path file, String text, boolean gzip) throws IOException {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (OutputStream out = gzip ? new BestGzip(buffer) : buffer) {
            out.write(raw);
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, buffer.toByteArray());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return buffer.size();
    }

    /** GZIP at the best level; the JDK writes a zero timestamp, so the output depends on the content only. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
