package io.altostratus.catalog.internal.gcp;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GCP catalog over the files {@link GcpLayout} describes: Compute Engine regions, zones, machine types with
 * on-demand and spot prices, per-zone offerings and the public images of the main families. Nothing is read at
 * construction; the region index, the machine-type table, the image list and each region's file are read on first
 * use and kept. Safe for concurrent use: caches are filled under a lock or through
 * {@link ConcurrentHashMap#computeIfAbsent}, and everything handed out is immutable.
 */
public final class GcpCatalog implements Catalog {
    // GCE's own reason for a name it does not know; the portable code is INVALID_PARAMETER either way.
    private static final String ERROR_CODE = "invalid";

    private final Opener opener;
    private final Map<String, RegionData> regionData = new ConcurrentHashMap<>();
    private volatile Index index;
    private volatile Map<String, InstanceType> types;
    private volatile List<Image> images;
    // Racy but idempotent: two threads may both parse the tiny source file and publish equal values.
    private volatile Source source;

    /** Opens one shipped file by its path relative to {@link GcpLayout#BASE}. */
    @FunctionalInterface
    interface Opener {
        InputStream open(String relativePath) throws IOException;
    }

    private GcpCatalog(Opener opener) {
        this.opener = opener;
    }

    /** The catalog shipped in this jar. */
    public static GcpCatalog fromClasspath() {
        ClassLoader loader = GcpCatalog.class.getClassLoader();
        return new GcpCatalog(path -> {
            InputStream in = loader.getResourceAsStream(GcpLayout.BASE + path);
            if (in == null) {
                throw new NoSuchFileException(GcpLayout.BASE + path);
            }
            return in;
        });
    }

    /** A catalog over files laid out under {@code root}/{@value GcpLayout#BASE}, e.g. the builder's output. */
    public static GcpCatalog fromDirectory(Path root) {
        Path base = root.resolve(GcpLayout.BASE);
        return new GcpCatalog(path -> Files.newInputStream(base.resolve(path)));
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public Source source() {
        Source local = source;
        if (local == null) {
            Map<String, String> props = new HashMap<>();
            for (String line : read(GcpLayout.SOURCE)) {
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
        return index().list;
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
        Integer i = name == null ? null : data.indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(data.pricedTypes(types()).get(i));
    }

    @Override
    public Optional<Double> spotPricePerHour(String region, String type) {
        RegionData data = region(region);
        Integer i = type == null ? null : data.indexByName.get(type);
        return i == null ? Optional.empty() : Optional.ofNullable(data.spotPrices[i]);
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        if (zone == null) {
            throw AltoException.invalid(ERROR_CODE, "a zone name is required");
        }
        // GCE zones are the region's name, a dash and a letter (us-central1-a).
        int dash = zone.lastIndexOf('-');
        String region = dash > 0 ? zone.substring(0, dash) : null;
        Set<String> offered = region != null && index().byName.containsKey(region)
                ? region(region).typesInZone(zone) : null;
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown GCP zone '" + zone + "'");
        }
        return offered;
    }

    /** The same public images in every region: GCE images are global resources. */
    @Override
    public List<Image> images(String region) {
        region(region);
        List<Image> local = images;
        if (local == null) {
            synchronized (this) {
                local = images;
                if (local == null) {
                    local = loadImages();
                    images = local;
                }
            }
        }
        return local;
    }

    private RegionData region(String name) {
        if (name == null || !index().byName.containsKey(name)) {
            throw AltoException.invalid(ERROR_CODE, "unknown GCP region '" + name + "'");
        }
        RegionData data = regionData.get(name);
        return data != null ? data : regionData.computeIfAbsent(name, this::loadRegion);
    }

    // ---------------------------------------------------------------- the shared files

    /** The regions in file (name) order, and by name. */
    private record Index(List<Region> list, Map<String, Region> byName) {
    }

    private Index index() {
        Index local = index;
        if (local == null) {
            synchronized (this) {
                local = index;
                if (local == null) {
                    Map<String, Region> out = new LinkedHashMap<>();
                    for (String line : read(GcpLayout.REGIONS)) {
                        List<String> f = GcpLayout.fields(line);
                        out.put(f.get(0), new Region(f.get(0), f.get(1), GcpLayout.ENDPOINT, false));
                    }
                    local = new Index(List.copyOf(out.values()), Collections.unmodifiableMap(out));
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
                    Map<String, InstanceType> out = new HashMap<>(512);
                    for (String line : read(GcpLayout.TYPES)) {
                        List<String> f = GcpLayout.fields(line);
                        out.put(f.get(0), new InstanceType(f.get(0), Integer.parseInt(f.get(1)),
                                Long.parseLong(f.get(2)), Integer.parseInt(f.get(3)), emptyToNull(f.get(4)),
                                architectures(f.get(5)), null, "1".equals(f.get(6)), "1".equals(f.get(7)),
                                emptyToNull(f.get(8)), Long.parseLong(f.get(9))));
                    }
                    local = Collections.unmodifiableMap(out);
                    types = local;
                }
            }
        }
        return local;
    }

    private List<Image> loadImages() {
        List<Image> out = new ArrayList<>();
        for (String line : read(GcpLayout.IMAGES)) {
            List<String> f = GcpLayout.fields(line);
            String name = f.get(0);
            String project = f.get(2);
            String family = f.get(8);
            out.add(new Image(GcpLayout.imageId(project, name), name, emptyToNull(f.get(1)), project, project,
                    emptyToNull(f.get(3)), emptyToNull(f.get(4)), Architecture.parse(f.get(5)), Image.AVAILABLE,
                    true, null, Integer.parseInt(f.get(6)), List.of(), null, startOfDay(f.get(7)),
                    family.isEmpty() ? Map.of() : Map.of(GcpLayout.FAMILY_TAG, family)));
        }
        return List.copyOf(out);
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
        List<String> names = new ArrayList<>(256);
        List<Double> prices = new ArrayList<>(256);
        List<Double> spots = new ArrayList<>(256);
        List<Long> masks = new ArrayList<>(256);
        for (String line : read(GcpLayout.regionFile(region))) {
            List<String> f = GcpLayout.fields(line);
            if (GcpLayout.ZONE.equals(f.get(0))) {
                zones.add(new Zone(f.get(1), f.get(1), region, "available"));
            } else if (GcpLayout.TYPE.equals(f.get(0))) {
                names.add(f.get(1));
                prices.add(price(f.get(2)));
                spots.add(price(f.get(3)));
                masks.add(Long.parseLong(f.get(4), 16));
            } else {
                throw new IllegalStateException("unexpected line in the GCP catalog file of " + region + ": " + line);
            }
        }
        long[] maskArray = new long[masks.size()];
        for (int i = 0; i < maskArray.length; i++) {
            maskArray[i] = masks.get(i);
        }
        return new RegionData(region, List.copyOf(zones), names.toArray(String[]::new),
                prices.toArray(Double[]::new), spots.toArray(Double[]::new), maskArray);
    }

    /** One region's data; type names are in the file's (name) order. */
    private static final class RegionData {
        final String name;
        final List<Zone> zones;
        final Map<String, Integer> indexByName;
        final Double[] spotPrices;
        private final String[] typeNames;
        private final Double[] prices;
        private final long[] zoneMasks;
        private final Map<String, Set<String>> typesByZone = new ConcurrentHashMap<>();
        private List<InstanceType> priced;

        RegionData(String name, List<Zone> zones, String[] typeNames, Double[] prices, Double[] spotPrices,
                   long[] zoneMasks) {
            this.name = name;
            this.zones = zones;
            this.typeNames = typeNames;
            this.prices = prices;
            this.spotPrices = spotPrices;
            this.zoneMasks = zoneMasks;
            Map<String, Integer> index = new HashMap<>(typeNames.length * 2);
            for (int i = 0; i < typeNames.length; i++) {
                index.put(typeNames[i], i);
            }
            this.indexByName = Collections.unmodifiableMap(index);
        }

        synchronized List<InstanceType> pricedTypes(Map<String, InstanceType> all) {
            if (priced == null) {
                InstanceType[] out = new InstanceType[typeNames.length];
                for (int i = 0; i < out.length; i++) {
                    InstanceType type = all.get(typeNames[i]);
                    if (type == null) {
                        throw new IllegalStateException(name + " offers " + typeNames[i]
                                + " but the catalog lacks it");
                    }
                    out[i] = prices[i] == null ? type : type.withPrice(prices[i]);
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
    }

    private static Double price(String field) {
        return field.isEmpty() ? null : Double.valueOf(field);
    }

    /** {@code yyyy-MM-dd} at 00:00 UTC. */
    private static Instant startOfDay(String isoDate) {
        return Instant.ofEpochSecond(LocalDate.parse(isoDate).toEpochDay() * 86_400L);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private List<String> read(String path) {
        List<String> lines = new ArrayList<>(512);
        try (InputStream in = opener.open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 15)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped GCP catalog file " + path, e);
        }
        return lines;
    }
}
