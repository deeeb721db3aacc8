package io.altostratus.catalog.internal.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.catalog.internal.aws.ImageIds;
import io.altostratus.catalog.internal.aws.ShippedLayout;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.catalog.internal.shipped.TsvWriter;
import io.altostratus.catalog.prices.PriceGaps;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Converts the reference data of {@code /work/shared/data} (moto's DescribeInstanceTypes and offering dumps, its
 * Amazon Linux image list, and Libcloud's pricing.json) into the compact files {@code AwsCatalog} ships, laid out as
 * {@link ShippedLayout} describes. It checks the data on the way (zone names paired with zone ids, zone offerings
 * inside region offerings, unique image ids) and fails instead of shipping something it cannot vouch for. Libcloud's
 * prices are shipped as quoted, with their source and date; the types it does not price (or prices at zero, which is a
 * gap, not a free machine) get the estimate of {@link PriceGaps}, marked with what it was derived from.
 *
 * <p>Run it after a data update and commit the result:
 * {@code java -cp <classpath> io.altostratus.catalog.internal.build.AwsCatalogBuilder /work/shared/data
 * alto-catalog/src/main/resources}.
 */
public final class AwsCatalogBuilder {
    /** The moto release the instance types, offerings and images were taken from (see the data's README). */
    static final String MOTO_VERSION = "5.2.1";

    private static final Pattern BUILD_DATE = Pattern.compile("\\.(\\d{8})\\.");
    private static final Pattern AL1_RELEASE = Pattern.compile("-(\\d{4}\\.\\d{2})\\.\\d+\\.\\d{8}\\.");
    private static final Pattern ZONE_ID_NUMBER = Pattern.compile("-az(\\d+)$");

    private final ObjectMapper json = new ObjectMapper();
    private final Path source;
    private final List<String> warnings = new ArrayList<>();

    /** What one run produced. */
    public record Report(int regions, int instanceTypes, int zones, int images, long bytes, List<String> warnings) {
    }

    private AwsCatalogBuilder(Path source) {
        this.source = source;
    }

    public static void main(String[] args) throws IOException {
        Path data = Paths.get(args.length > 0 ? args[0] : "/work/shared/data");
        Path resources = Paths.get(args.length > 1 ? args[1] : "alto-catalog/src/main/resources");
        long started = System.nanoTime();
        Report report = build(data, resources);
        report.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.printf(Locale.ROOT, "%d regions, %d zones, %d instance types, %d images, %d bytes in %d ms%n",
                report.regions(), report.zones(), report.instanceTypes(), report.images(), report.bytes(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Reads {@code data} (the folder holding {@code aws/} and {@code pricing.json.gz}) and writes the shipped files
     * under {@code resourcesRoot}/{@value ShippedLayout#BASE}, replacing earlier ones.
     */
    public static Report build(Path data, Path resourcesRoot) throws IOException {
        return new AwsCatalogBuilder(data).run(resourcesRoot.resolve(ShippedLayout.BASE));
    }

    private Report run(Path out) throws IOException {
        Path aws = source.resolve("aws");
        List<String> regions = listRegions(aws.resolve("offerings/region"));
        JsonNode pricing = readJson(source.resolve("pricing.json.gz"));
        JsonNode linuxPrices = pricing.path("compute").path("ec2_linux");
        JsonNode typeInfos = readJson(aws.resolve("instance_types.json.gz"));

        Files.createDirectories(out.resolve(ShippedFiles.REGION_DIR));
        try (Stream<Path> old = Files.list(out.resolve(ShippedFiles.REGION_DIR))) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }

        // Prices first: the gap rule reads every region's quoted prices before any region file is written.
        Instant pricesUpdated = Instant.ofEpochSecond(pricing.path("updated").asLong());
        Map<String, Set<String>> offeredByRegion = new TreeMap<>();
        for (String region : regions) {
            offeredByRegion.put(region, offerings(aws.resolve("offerings/region/" + region + ".json.gz"))
                    .getOrDefault(region, Set.of()));
        }
        Map<String, Map<String, Price>> prices = prices(typeInfos, offeredByRegion, linuxPrices, pricesUpdated);

        Set<String> offeredAnywhere = new TreeSet<>();
        StringBuilder regionIndex = new StringBuilder();
        LocalDate newestImage = LocalDate.MIN;
        long bytes = 0;
        int zoneCount = 0;
        int imageCount = 0;
        for (String region : regions) {
            if (!AwsRegionFacts.isKnown(region)) {
                warnings.add("no display name known for " + region + "; shipping its code and opt-in");
            }
            AwsRegionFacts.Facts facts = AwsRegionFacts.of(region);
            line(regionIndex, region, facts.displayName(), facts.optIn() ? "1" : "0");

            RegionFile file = regionFile(aws, region, typeInfos, offeredByRegion.get(region),
                    prices.getOrDefault(region, Map.of()));
            offeredAnywhere.addAll(file.offered);
            zoneCount += file.zones;
            imageCount += file.images;
            if (file.newestRealImage.isAfter(newestImage)) {
                newestImage = file.newestRealImage;
            }
            bytes += TsvWriter.write(out.resolve(ShippedLayout.regionFile(region)), file.text);
        }
        bytes += TsvWriter.write(out.resolve(ShippedFiles.REGIONS), regionIndex.toString());
        bytes += TsvWriter.write(out.resolve(ShippedLayout.TYPES), typesFile(typeInfos, offeredAnywhere));

        StringBuilder sourceFile = new StringBuilder();
        sourceFile.append("description=AWS instance types, offerings and Amazon Linux images from moto ")
                .append(MOTO_VERSION).append("; on-demand Linux prices from Apache Libcloud pricing.json")
                .append(", gaps estimated by the catalog's gap rule and marked so")
                .append("; Ubuntu, Debian and older Amazon Linux builds are well-known names with catalog ids\n");
        // The data carries no collection date; its newest Amazon Linux build is the best lower bound it offers.
        sourceFile.append("takenAt=").append(newestImage.atStartOfDay(ZoneOffset.UTC).toInstant()).append('\n');
        sourceFile.append("pricesUpdated=").append(pricesUpdated).append('\n');
        sourceFile.append(ShippedLayout.PRICE_SOURCE).append("0=").append(PriceSource.LIBCLOUD).append(' ')
                .append(pricesUpdated).append('\n');
        bytes += TsvWriter.write(out.resolve(ShippedFiles.SOURCE), sourceFile.toString());
        return new Report(regions.size(), offeredAnywhere.size(), zoneCount, imageCount, bytes, List.copyOf(warnings));
    }

    private static List<String> listRegions(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json.gz"))
                    .map(n -> n.substring(0, n.length() - ".json.gz".length()))
                    .sorted()
                    .toList();
        }
    }

    private record RegionFile(String text, Set<String> offered, int zones, int images, LocalDate newestRealImage) {
    }

    /**
     * Libcloud's prices (a zero there is "unknown", not "free"), with the gaps filled by {@link PriceGaps}: every
     * offered type the rule can reach gets a price, marked estimated where the rule made it.
     */
    static Map<String, Map<String, Price>> prices(JsonNode typeInfos, Map<String, Set<String>> offeredByRegion,
                                                  JsonNode linuxPrices, Instant pricesUpdated) {
        return PriceGaps.fill(sizes(typeInfos, offeredByRegion),
                offeredByRegion, quoted(offeredByRegion, linuxPrices, pricesUpdated));
    }

    /** Libcloud's positive prices of the offered types; its zeros are left out, as the gaps they are. */
    static Map<String, Map<String, Price>> quoted(Map<String, Set<String>> offeredByRegion, JsonNode linuxPrices,
                                                  Instant pricesUpdated) {
        PriceSource libcloud = PriceSource.quoted(PriceSource.LIBCLOUD, pricesUpdated);
        Map<String, Map<String, Price>> quoted = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : offeredByRegion.entrySet()) {
            Map<String, Price> q = new HashMap<>();
            for (String type : e.getValue()) {
                JsonNode value = linuxPrices.path(type).path(e.getKey());
                if (value.isNumber() && value.doubleValue() > 0) {
                    q.put(type, new Price(value.doubleValue(), libcloud));
                }
            }
            quoted.put(e.getKey(), q);
        }
        return quoted;
    }

    /** What the gap rule reads of each offered type: vCPUs, memory and GPUs. */
    static Map<String, InstanceType> sizes(JsonNode typeInfos, Map<String, Set<String>> offeredByRegion) {
        Map<String, InstanceType> types = new HashMap<>();
        for (Set<String> offered : offeredByRegion.values()) {
            for (String name : offered) {
                JsonNode info = typeInfos.get(name);
                if (info == null || types.containsKey(name)) {
                    continue;
                }
                int gpus = 0;
                for (JsonNode gpu : info.path("GpuInfo").path("Gpus")) {
                    gpus += gpu.path("Count").asInt();
                }
                types.put(name, new InstanceType(name, info.path("VCpuInfo").path("DefaultVCpus").asInt(),
                        info.path("MemoryInfo").path("SizeInMiB").asLong(), gpus, null, List.of(), null, false,
                        false, null, 0));
            }
        }
        return types;
    }

    private RegionFile regionFile(Path aws, String region, JsonNode typeInfos, Set<String> offered,
                                  Map<String, Price> prices) throws IOException {
        for (String type : offered) {
            if (!typeInfos.has(type)) {
                throw new IllegalStateException(region + " offers " + type + ", which instance_types.json lacks");
            }
        }
        Map<String, Set<String>> byZoneName = offerings(aws.resolve("offerings/availability-zone/" + region
                + ".json.gz"));
        Map<String, Set<String>> byZoneId = offerings(aws.resolve("offerings/availability-zone-id/" + region
                + ".json.gz"));
        Map<String, String> zoneIds = pairZones(region, byZoneName, byZoneId);

        StringBuilder text = new StringBuilder();
        List<String> zoneNames = new ArrayList<>(zoneIds.keySet());
        for (String zone : zoneNames) {
            if (!byZoneName.get(zone).stream().allMatch(offered::contains)) {
                throw new IllegalStateException(zone + " offers types its region " + region + " does not");
            }
            line(text, ShippedLayout.ZONE, zone, zoneIds.get(zone));
        }
        for (String type : offered) {
            long mask = 0;
            for (int i = 0; i < zoneNames.size(); i++) {
                if (byZoneName.get(zoneNames.get(i)).contains(type)) {
                    mask |= 1L << i;
                }
            }
            line(text, ShippedLayout.typeLine(type, prices.get(type), mask, 0));
        }

        List<String[]> images = new ArrayList<>();
        LocalDate newest = LocalDate.MIN;
        JsonNode real = readJson(aws.resolve("latest_amis/" + region + ".json.gz"));
        Map<String, Integer> amazonOwners = new HashMap<>();
        for (JsonNode ami : real) {
            String name = ami.path("name").asText();
            LocalDate date = buildDate(name);
            newest = date.isAfter(newest) ? date : newest;
            amazonOwners.merge(ami.path("owner_id").asText(), 1, Integer::sum);
            images.add(new String[] {
                    ami.path("ami_id").asText(), name, ami.path("description").asText(""),
                    ami.path("owner_id").asText(), "amazon", "amazon-linux", amazonLinuxRelease(name),
                    Architecture.parse(ami.path("architecture").asText()).wireName(), ami.path("state").asText(),
                    ami.path("public").asBoolean() ? "1" : "0", ami.path("root_device_name").asText(), "8",
                    date.toString()});
        }
        // Opt-in regions publish Amazon Linux from their own account; keep the catalog's builds consistent with it.
        String amazonOwner = amazonOwners.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(WellKnownImages.AMAZON);
        for (WellKnownImages.Build b : WellKnownImages.all(amazonOwner)) {
            images.add(new String[] {
                    ImageIds.wellKnown(region, b.name()), b.name(), b.description(), b.ownerId(),
                    b.ownerAlias() == null ? "" : b.ownerAlias(), b.distro(), b.release(),
                    b.architecture().wireName(), "available", "1", b.rootDeviceName(), "8",
                    b.creationDate().toString()});
        }
        images.sort(Comparator.comparing((String[] i) -> i[1]).thenComparing(i -> i[0]));
        Set<String> ids = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String[] image : images) {
            if (!ids.add(image[0]) || !names.add(image[1])) {
                throw new IllegalStateException(region + ": duplicate image id or name " + image[0] + " " + image[1]);
            }
            String[] tagged = new String[image.length + 1];
            tagged[0] = ShippedLayout.IMAGE;
            System.arraycopy(image, 0, tagged, 1, image.length);
            line(text, tagged);
        }
        return new RegionFile(text.toString(), offered, zoneNames.size(), images.size(), newest);
    }

    /**
     * Pairs zone names with zone ids. The offering dumps list the same zones twice, once keyed by name and once by
     * id, so a zone's type set identifies its id. Where two zones offer identical sets the data cannot tell them
     * apart; those are paired in order (a with the lowest az number), which is how AWS maps zones in regions launched
     * since 2019 (e.g. il-central-1a is ilc1-az1 and il-central-1c is ilc1-az3), and the pairing is reported.
     */
    private Map<String, String> pairZones(String region, Map<String, Set<String>> byName,
                                          Map<String, Set<String>> byId) {
        if (byName.size() != byId.size()) {
            throw new IllegalStateException(region + ": " + byName.size() + " zone names but " + byId.size()
                    + " zone ids");
        }
        Map<Set<String>, List<String>> namesBySet = new LinkedHashMap<>();
        byName.forEach((name, set) -> namesBySet.computeIfAbsent(set, k -> new ArrayList<>()).add(name));
        Map<Set<String>, List<String>> idsBySet = new HashMap<>();
        byId.forEach((id, set) -> idsBySet.computeIfAbsent(set, k -> new ArrayList<>()).add(id));

        Map<String, String> pairs = new TreeMap<>();
        for (Map.Entry<Set<String>, List<String>> group : namesBySet.entrySet()) {
            List<String> names = group.getValue().stream().sorted().toList();
            List<String> ids = idsBySet.getOrDefault(group.getKey(), List.of()).stream()
                    .sorted(Comparator.comparingInt(AwsCatalogBuilder::zoneIdNumber)).toList();
            if (names.size() != ids.size()) {
                throw new IllegalStateException(region + ": zones " + names + " match zone ids " + ids
                        + " by offered types; cannot pair them");
            }
            if (names.size() > 1) {
                warnings.add(region + ": zones " + names + " offer identical types; paired in order with " + ids);
            }
            for (int i = 0; i < names.size(); i++) {
                pairs.put(names.get(i), ids.get(i));
            }
        }
        return pairs;
    }

    private static int zoneIdNumber(String zoneId) {
        Matcher m = ZONE_ID_NUMBER.matcher(zoneId);
        if (!m.find()) {
            throw new IllegalStateException("unexpected zone id " + zoneId);
        }
        return Integer.parseInt(m.group(1));
    }

    private Map<String, Set<String>> offerings(Path file) throws IOException {
        Map<String, Set<String>> byLocation = new TreeMap<>();
        for (JsonNode offering : readJson(file)) {
            byLocation.computeIfAbsent(offering.path("Location").asText(), k -> new TreeSet<>())
                    .add(offering.path("InstanceType").asText());
        }
        return byLocation;
    }


    private String typesFile(JsonNode typeInfos, Set<String> offered) {
        StringBuilder text = new StringBuilder();
        for (String name : offered) {
            JsonNode info = typeInfos.get(name);
            int gpus = 0;
            Set<String> gpuModels = new LinkedHashSet<>();
            for (JsonNode gpu : info.path("GpuInfo").path("Gpus")) {
                gpus += gpu.path("Count").asInt();
                gpuModels.add((gpu.path("Manufacturer").asText("") + " " + gpu.path("Name").asText("")).trim());
            }
            List<String> arches = new ArrayList<>();
            for (JsonNode arch : info.path("ProcessorInfo").path("SupportedArchitectures")) {
                String wire = architecture(arch.asText());
                if (wire == null) {
                    warnings.add(name + ": architecture " + arch.asText() + " has no portable equivalent; left out");
                } else {
                    arches.add(wire);
                }
            }
            line(text, name,
                    Integer.toString(info.path("VCpuInfo").path("DefaultVCpus").asInt()),
                    Long.toString(info.path("MemoryInfo").path("SizeInMiB").asLong()),
                    Integer.toString(gpus),
                    String.join(", ", gpuModels),
                    String.join(",", arches),
                    info.path("BurstablePerformanceSupported").asBoolean() ? "1" : "0",
                    info.path("CurrentGeneration").asBoolean() ? "1" : "0",
                    info.path("NetworkInfo").path("NetworkPerformance").asText(""),
                    // EC2 reports instance storage as TotalSizeInGB; the catalog ships that figure as is.
                    Long.toString(info.path("InstanceStorageInfo").path("TotalSizeInGB").asLong(0)));
        }
        return text.toString();
    }

    /**
     * EC2's architecture names that map onto {@link Architecture}; Mac hosts ({@code arm64_mac}, {@code x86_64_mac})
     * cannot boot ordinary images of either architecture, so they get none.
     */
    private static String architecture(String ec2Name) {
        return switch (ec2Name) {
            case "x86_64" -> Architecture.X86_64.wireName();
            case "arm64" -> Architecture.ARM64.wireName();
            case "i386" -> Architecture.I386.wireName();
            default -> null;
        };
    }

    private static LocalDate buildDate(String imageName) {
        Matcher m = BUILD_DATE.matcher(imageName);
        if (!m.find()) {
            throw new IllegalStateException("no build date in image name " + imageName);
        }
        return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String amazonLinuxRelease(String imageName) {
        if (imageName.startsWith("al2023-")) {
            return "2023";
        }
        if (imageName.startsWith("amzn2-")) {
            return "2";
        }
        Matcher al1 = AL1_RELEASE.matcher(imageName);
        if (imageName.startsWith("amzn-ami-") && al1.find()) {
            return al1.group(1);
        }
        throw new IllegalStateException("not an Amazon Linux image name the catalog knows: " + imageName);
    }

    /** Like {@link TsvWriter#line} but refusing a field it would have to flatten: the source data should have none. */
    private static void line(StringBuilder text, String... fields) {
        for (String field : fields) {
            if (TsvWriter.breaksLine(field)) {
                throw new IllegalStateException("field holds a tab or line break: " + field);
            }
        }
        TsvWriter.line(text, fields);
    }

    private JsonNode readJson(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return json.readTree(in);
        }
    }
}
