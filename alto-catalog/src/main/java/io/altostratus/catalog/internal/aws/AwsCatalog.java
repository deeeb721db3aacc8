package io.altostratus.catalog.internal.aws;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The AWS catalog over the files {@link ShippedLayout} describes. Nothing is read at construction: the region index,
 * the instance-type table and each region's file are read on first use and kept, and within a region the prices,
 * per-zone offerings and images are decoded only when asked for, so a CLI call about one region stays cheap in a
 * cold JVM. Safe for concurrent use: caches are filled under a lock or through
 * {@link ConcurrentHashMap#computeIfAbsent}, and everything handed out is immutable.
 */
public final class AwsCatalog implements Catalog {
    private static final String ERROR_CODE = "InvalidParameterValue";

    private final Opener opener;
    private final Map<String, RegionData> regionData = new ConcurrentHashMap<>();
    private volatile Index index;
    private volatile Map<String, InstanceType> types;
    // Racy but idempotent: two threads may both parse the tiny source file and publish equal values.
    private volatile Source source;

    /** Opens one shipped file by its path relative to {@link ShippedLayout#BASE}. */
    @FunctionalInterface
    interface Opener {
        InputStream open(String relativePath) throws IOException;
    }

    private AwsCatalog(Opener opener) {
        this.opener = opener;
    }

    /** The catalog shipped in this jar. */
    public static AwsCatalog fromClasspath() {
        ClassLoader loader = AwsCatalog.class.getClassLoader();
        return new AwsCatalog(path -> {
            InputStream in = loader.getResourceAsStream(ShippedLayout.BASE + path);
            if (in == null) {
                throw new NoSuchFileException(ShippedLayout.BASE + path);
            }
            return in;
        });
    }

    /** A catalog over files laid out under {@code root}/{@value ShippedLayout#BASE}, e.g. a converter's output. */
    public static AwsCatalog fromDirectory(Path root) {
        Path base = root.resolve(ShippedLayout.BASE);
        return new AwsCatalog(path -> Files.newInputStream(base.resolve(path)));
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public Source source() {
        Source local = source;
        if (local == null) {
            Map<String, String> props = new HashMap<>();
            for (String line : read(ShippedLayout.SOURCE, false)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    props.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            local = new Source(props.get("description"), Instant.parse(props.get("takenAt")));
            source = local;
        }
        return local;
    }

    @Override
    public List<Region> regions() {
        return index().regionList;
    }

    @Override
    public List<Zone> zones(String region) {
        return region(region).zones;
    }

    @Override
    public List<InstanceType> instanceTypes(String region) {
        return region(region).pricedTypes(types());
    }

    @Override
    public Optional<InstanceType> instanceType(String region, String name) {
        RegionData data = region(region);
        int i = name == null ? -1 : Arrays.binarySearch(data.typeNames, name);
        return i < 0 ? Optional.empty() : Optional.of(data.priced(types(), i));
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        if (zone == null) {
            throw AltoException.invalid(ERROR_CODE, "an availability zone name is required");
        }
        String region = regionOfZone(zone);
        Set<String> offered = region == null ? null : region(region).typesInZone(zone);
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown AWS availability zone '" + zone + "'");
        }
        return offered;
    }

    @Override
    public List<Image> images(String region) {
        return region(region).images();
    }

    /** The region a zone name belongs to: the longest region name it starts with. */
    private String regionOfZone(String zone) {
        String best = null;
        for (String region : index().regions.keySet()) {
            if (zone.startsWith(region) && zone.length() > region.length()
                    && (best == null || region.length() > best.length())) {
                best = region;
            }
        }
        return best;
    }

    private RegionData region(String name) {
        if (name == null || !index().regions.containsKey(name)) {
            throw AltoException.invalid(ERROR_CODE, "unknown AWS region '" + name + "'");
        }
        RegionData data = regionData.get(name);
        return data != null ? data : regionData.computeIfAbsent(name, this::loadRegion);
    }

    // ---------------------------------------------------------------- the region index and the type table

    private record Index(Map<String, Region> regions, List<Region> regionList) {
    }

    private Index index() {
        Index local = index;
        if (local == null) {
            synchronized (this) {
                local = index;
                if (local == null) {
                    local = loadIndex();
                    index = local;
                }
            }
        }
        return local;
    }

    private Map<String, InstanceType> types() {
        Map<String, InstanceType> local = types;
        if (local == null) {
            synchronized (this) {
                local = types;
                if (local == null) {
                    local = loadTypes();
                    types = local;
                }
            }
        }
        return local;
    }

    private Index loadIndex() {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String line : read(ShippedLayout.REGIONS, false)) {
            List<String> f = ShippedLayout.fields(line);
            String name = f.get(0);
            regions.put(name, new Region(name, f.get(1), "ec2." + name + ".amazonaws.com", "1".equals(f.get(2))));
        }
        return new Index(Collections.unmodifiableMap(regions), List.copyOf(regions.values()));
    }

    private Map<String, InstanceType> loadTypes() {
        Map<String, InstanceType> out = new HashMap<>(2048);
        for (String line : read(ShippedLayout.TYPES, true)) {
            List<String> f = ShippedLayout.fields(line);
            out.put(f.get(0), new InstanceType(
                    f.get(0),
                    Integer.parseInt(f.get(1)),
                    Long.parseLong(f.get(2)),
                    Integer.parseInt(f.get(3)),
                    emptyToNull(f.get(4)),
                    architectures(f.get(5)),
                    null,
                    "1".equals(f.get(6)),
                    "1".equals(f.get(7)),
                    emptyToNull(f.get(8)),
                    Long.parseLong(f.get(9))));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Architecture> architectures(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        List<Architecture> out = new ArrayList<>(2);
        for (String name : field.split(",")) {
            out.add(Architecture.parse(name));
        }
        return out;
    }

    // ---------------------------------------------------------------- one region

    private RegionData loadRegion(String region) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(2048);
        List<String> prices = new ArrayList<>(2048);
        List<Long> masks = new ArrayList<>(2048);
        List<String> imageLines = new ArrayList<>();
        // Type lines are cut by hand (tag, name, price, mask) since they are most of the file.
        for (String line : read(ShippedLayout.regionFile(region), true)) {
            if (line.startsWith(ShippedLayout.TYPE + ShippedLayout.SEPARATOR)) {
                int a = line.indexOf(ShippedLayout.SEPARATOR, 2);
                int b = line.indexOf(ShippedLayout.SEPARATOR, a + 1);
                names.add(line.substring(2, a));
                prices.add(line.substring(a + 1, b));
                masks.add(Long.parseLong(line, b + 1, line.length(), 16));
            } else if (line.startsWith(ShippedLayout.ZONE + ShippedLayout.SEPARATOR)) {
                List<String> f = ShippedLayout.fields(line);
                zones.add(new Zone(f.get(1), f.get(2), region, "available"));
            } else if (line.startsWith(ShippedLayout.IMAGE + ShippedLayout.SEPARATOR)) {
                imageLines.add(line);
            } else {
                throw new IllegalStateException("unexpected line in the catalog file of " + region + ": " + line);
            }
        }
        long[] maskArray = new long[masks.size()];
        for (int i = 0; i < maskArray.length; i++) {
            maskArray[i] = masks.get(i);
        }
        return new RegionData(region, List.copyOf(zones), names.toArray(String[]::new),
                prices.toArray(String[]::new), maskArray, List.copyOf(imageLines));
    }

    /**
     * One region's data. Type names are sorted (the converter writes them so), which lets a single type be found
     * by binary search without building a map.
     */
    private static final class RegionData {
        final String name;
        final List<Zone> zones;
        final String[] typeNames;
        private final String[] priceTexts;
        private final long[] zoneMasks;
        private final List<String> imageLines;
        private final Map<String, Set<String>> typesByZone = new ConcurrentHashMap<>();
        private List<InstanceType> priced;
        private List<Image> images;

        RegionData(String name, List<Zone> zones, String[] typeNames, String[] priceTexts, long[] zoneMasks,
                   List<String> imageLines) {
            this.name = name;
            this.zones = zones;
            this.typeNames = typeNames;
            this.priceTexts = priceTexts;
            this.zoneMasks = zoneMasks;
            this.imageLines = imageLines;
        }

        InstanceType priced(Map<String, InstanceType> all, int i) {
            InstanceType type = all.get(typeNames[i]);
            if (type == null) {
                throw new IllegalStateException(name + " offers " + typeNames[i] + " but the catalog lacks it");
            }
            String price = priceTexts[i];
            return price.isEmpty() ? type : type.withPrice(Double.valueOf(price));
        }

        synchronized List<InstanceType> pricedTypes(Map<String, InstanceType> all) {
            if (priced == null) {
                InstanceType[] out = new InstanceType[typeNames.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = priced(all, i);
                }
                priced = List.of(out);
            }
            return priced;
        }

        /** The types offered in one zone of this region (in name order), or null when the region has no such zone. */
        Set<String> typesInZone(String zone) {
            Set<String> known = typesByZone.get(zone);
            if (known != null) {
                return known;
            }
            for (int z = 0; z < zones.size(); z++) {
                if (zones.get(z).name().equals(zone)) {
                    long bit = 1L << z;
                    Set<String> offered = new LinkedHashSet<>(typeNames.length * 2);
                    for (int i = 0; i < typeNames.length; i++) {
                        if ((zoneMasks[i] & bit) != 0) {
                            offered.add(typeNames[i]);
                        }
                    }
                    Set<String> frozen = Collections.unmodifiableSet(offered);
                    Set<String> raced = typesByZone.putIfAbsent(zone, frozen);
                    return raced != null ? raced : frozen;
                }
            }
            return null;
        }

        synchronized List<Image> images() {
            if (images == null) {
                Image[] out = new Image[imageLines.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = image(ShippedLayout.fields(imageLines.get(i)));
                }
                images = List.of(out);
            }
            return images;
        }
    }

    private static Image image(List<String> f) {
        return new Image(
                f.get(1), f.get(2), emptyToNull(f.get(3)), f.get(4), emptyToNull(f.get(5)), f.get(6), f.get(7),
                Architecture.parse(f.get(8)), f.get(9), "1".equals(f.get(10)), f.get(11), Integer.parseInt(f.get(12)),
                List.of(), null, startOfDay(f.get(13)), Map.of());
    }

    /** {@code yyyy-MM-dd} at 00:00 UTC, without warming up java.time's parsers for a few dozen dates. */
    private static Instant startOfDay(String isoDate) {
        LocalDate date = LocalDate.of(Integer.parseInt(isoDate.substring(0, 4)),
                Integer.parseInt(isoDate.substring(5, 7)), Integer.parseInt(isoDate.substring(8, 10)));
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400L);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    // Plain loops rather than callbacks here: in a fresh JVM every lambda shape costs time to spin up.
    private List<String> read(String path, boolean gzip) {
        List<String> lines = new ArrayList<>(2048);
        try (InputStream raw = opener.open(path);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 15) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 15)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped AWS catalog file " + path, e);
        }
        return lines;
    }
}
