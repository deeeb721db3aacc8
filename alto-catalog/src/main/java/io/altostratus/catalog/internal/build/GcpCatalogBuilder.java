package io.altostratus.catalog.internal.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.gcp.GcpLayout;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Builds the shipped GCP catalog ({@link GcpLayout}) from the facts in this package (regions and zones:
 * {@link GceRegionFacts}; machine types and where each family is offered: {@link GceMachineShapes}; public images:
 * {@link GcePublicImages}) and the prices of Apache Libcloud's {@code pricing.json} ({@code compute.gce_instances}:
 * per machine family and region, an on-demand and a preemptible price per vCPU and per GiB, or per instance for
 * f1/g1).
 *
 * <p>Prices. A type's hourly price is its vCPUs x the family's vCPU price + its GiB x the family's GiB price in that
 * region, as Google bills predefined types. Shared-core e2 types (e2-micro, e2-small, e2-medium) show the guest two
 * vCPUs but are billed for a fraction of one (0.25, 0.5, 1) at e2's vCPU price plus their memory (e2-micro: 0.25 x
 * vCPU + 1 x GiB). f1-micro and g1-small have no unit prices: the price data holds their whole-instance price under
 * {@code cpu}, which is used as is. The spot price is the same sum over the {@code preemptible} entries (Spot VMs are
 * billed at the preemptible SKUs). A price of 0 in the data means "not sold there"; a family without both unit
 * prices in a region is not priced there. A family the data prices in a region is offered in every zone of it (an
 * approximation: see {@link GceMachineShapes}); families or regions the data lacks are offered unpriced where
 * {@link GceMachineShapes} says.
 *
 * <p>It assembles a {@link CatalogSnapshot} and writes it with {@link GcpShippedWriter}, the writer
 * {@code alto catalog freeze} uses for a refreshed GCP snapshot, so both paths make the same files. Beside it, the
 * writer keeps the unit prices themselves with their Cloud Billing SKU ids ({@link GcpUnitPrices}), which the
 * Cloud Billing Catalog front of the GCE endpoint serves as SKUs.
 *
 * <p>Run it after a data or facts update and commit the result:
 * {@code java -cp <classpath> io.altostratus.catalog.internal.build.GcpCatalogBuilder /work/shared/data
 * alto-catalog/src/main/resources}. {@code GcpCatalogBuilderTest} fails while the committed files differ from a
 * fresh build.
 */
public final class GcpCatalogBuilder {
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();

    /** What one run produced. */
    public record Report(int regions, int zones, int machineTypes, int offers, int pricedOffers, int images,
                         int unitPrices, long bytes, List<String> warnings) {
    }

    private GcpCatalogBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Paths.get(args.length > 0 ? args[0] : "/work/shared/data");
        Path resources = Paths.get(args.length > 1 ? args[1] : "alto-catalog/src/main/resources");
        Report report = build(data, resources);
        report.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.printf(Locale.ROOT, "%d regions, %d zones, %d machine types, %d offers (%d priced), %d images,"
                        + " %d unit prices, %d bytes%n", report.regions(), report.zones(), report.machineTypes(),
                report.offers(), report.pricedOffers(), report.images(), report.unitPrices(), report.bytes());
    }

    /**
     * Reads {@code data}/pricing.json.gz and writes the shipped files under
     * {@code resourcesRoot}/{@value GcpLayout#BASE}, replacing earlier ones.
     */
    public static Report build(Path data, Path resourcesRoot) throws IOException {
        return new GcpCatalogBuilder().run(data.resolve("pricing.json.gz"), resourcesRoot);
    }

    private Report run(Path pricingFile, Path resourcesRoot) throws IOException {
        JsonNode pricing;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(pricingFile))) {
            pricing = json.readTree(in);
        }
        JsonNode gce = pricing.path("compute").path("gce_instances");
        if (!gce.isObject() || gce.isEmpty()) {
            throw new IllegalStateException(pricingFile + " has no compute.gce_instances");
        }
        for (GceMachineShapes.Family family : GceMachineShapes.FAMILIES) {
            if (family.rule() != GceMachineShapes.PriceRule.NONE && !gce.has(family.name())) {
                throw new IllegalStateException("the price data lacks the family " + family.name());
            }
        }
        checkPricedRegionsAreKnown(gce);

        List<GceMachineShapes.Shape> shapes = new ArrayList<>(GceMachineShapes.all());
        shapes.sort(Comparator.comparing(GceMachineShapes.Shape::name));
        checkUnique(shapes);

        List<Image> images = images();
        Set<String> offeredAnywhere = new HashSet<>();
        List<CatalogSnapshot.RegionData> regions = new ArrayList<>();
        for (Map.Entry<String, GceRegionFacts.Facts> entry : GceRegionFacts.REGIONS.entrySet()) {
            String region = entry.getKey();
            List<String> zoneNames = entry.getValue().zones(region);
            List<CatalogSnapshot.Offer> offers = new ArrayList<>();
            for (GceMachineShapes.Shape shape : shapes) {
                GceMachineShapes.Family family = family(shape.family());
                BigDecimal onDemand = price(gce, family, shape, "on_demand", region);
                List<String> offeredIn = onDemand != null ? zoneNames : extraZones(family, region, zoneNames);
                if (offeredIn.isEmpty()) {
                    continue;
                }
                BigDecimal spot = onDemand == null ? null : price(gce, family, shape, "preemptible", region);
                offers.add(new CatalogSnapshot.Offer(shape.name(), toDouble(onDemand), toDouble(spot), offeredIn));
                offeredAnywhere.add(shape.name());
            }
            List<Zone> zones = zoneNames.stream().map(z -> new Zone(z, z, region, "available")).toList();
            regions.add(new CatalogSnapshot.RegionData(
                    new Region(region, entry.getValue().location(), GcpLayout.ENDPOINT, false), zones, offers, images));
        }
        List<InstanceType> types = new ArrayList<>();
        for (GceMachineShapes.Shape s : shapes) {
            if (offeredAnywhere.contains(s.name())) {
                types.add(new InstanceType(s.name(), s.vcpus(), s.memoryMiB(), 0, null, List.of(s.arch()), null,
                        s.sharedCore(), true, null, 0));
            } else {
                warnings.add(s.name() + " is offered in no region; left out");
            }
        }

        Instant pricesUpdated = Instant.ofEpochSecond(pricing.path("updated").asLong());
        // The prices are the dated part of the data (shapes and zones change rarely), so they date the catalog.
        Catalog.Source source = new Catalog.Source("GCE regions, zones and machine shapes from Google's public"
                + " documentation (per-zone offerings approximated by region); on-demand and spot prices from Apache"
                + " Libcloud pricing.json (compute.gce_instances unit prices, updated " + pricesUpdated + "); public"
                + " images of the main Ubuntu and Debian families with catalog names", pricesUpdated);
        CatalogSnapshot snapshot = new CatalogSnapshot(CatalogSnapshot.FORMAT, "gcp", source, List.of(), types,
                regions);
        GcpUnitPrices unitPrices = GcpUnitPrices.of(unitPrices(gce));
        GcpShippedWriter.Written w = GcpShippedWriter.write(snapshot, unitPrices, resourcesRoot);
        return new Report(w.regions(), w.zones(), w.types(), w.offers(), w.pricedOffers(), w.images(),
                w.unitPrices(), w.bytes(), List.copyOf(warnings));
    }

    /**
     * Every unit price the type prices are assembled from, with its SKU id: per priced family (UNIT: core and RAM;
     * FLAT: the instance) and catalog region, on demand and preemptible (which Spot VMs are billed at). A price of 0
     * or none is "not sold there" and left out, as {@link #price} leaves it out.
     */
    private static List<GcpUnitPrice> unitPrices(JsonNode gce) {
        List<GcpUnitPrice> out = new ArrayList<>();
        for (GceMachineShapes.Family family : GceMachineShapes.FAMILIES) {
            Map<String, GcpUnitPrice.Resource> parts = switch (family.rule()) {
                case NONE -> Map.of();
                case FLAT -> Map.of("cpu", GcpUnitPrice.Resource.INSTANCE);
                case UNIT -> Map.of("cpu", GcpUnitPrice.Resource.CORE, "ram", GcpUnitPrice.Resource.RAM);
            };
            for (Map.Entry<String, GcpUnitPrice.Resource> part : parts.entrySet()) {
                for (String region : GceRegionFacts.REGIONS.keySet()) {
                    for (boolean spot : new boolean[] {false, true}) {
                        String kind = spot ? "preemptible" : "on_demand";
                        BigDecimal price = unit(gce.path(family.name()), part.getKey(), kind, region);
                        if (price == null) {
                            continue;
                        }
                        String sku = gce.path(family.name()).path(part.getKey()).path(kind).path(region).path("sku")
                                .asText("");
                        if (sku.isEmpty()) {
                            throw new IllegalStateException("the price data has no SKU id for " + family.name() + " "
                                    + part.getKey() + " " + kind + " in " + region);
                        }
                        out.add(new GcpUnitPrice(family.name(), region, part.getValue(), spot, price, sku));
                    }
                }
            }
        }
        return out;
    }

    /** The public images, the same list in every region. */
    private static List<Image> images() {
        List<Image> out = new ArrayList<>();
        for (GcePublicImages.Build b : GcePublicImages.all()) {
            out.add(new Image(GcpLayout.imageId(b.project(), b.name()), b.name(), b.description(), b.project(),
                    b.project(), b.distro(), b.release(), b.arch(), Image.AVAILABLE, true, null,
                    GcePublicImages.ROOT_SIZE_GIB, List.of(), null, b.created().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    Map.of(GcpLayout.FAMILY_TAG, b.family())));
        }
        return List.copyOf(out);
    }

    /** Exact sums written as doubles: each has at most a dozen significant digits, which a double keeps. */
    private static Double toDouble(BigDecimal price) {
        return price == null ? null : price.doubleValue();
    }

    /** Every region the price data prices must be one of the catalog's, or its prices would be dropped unseen. */
    private void checkPricedRegionsAreKnown(JsonNode gce) {
        Set<String> seen = new java.util.TreeSet<>();
        for (GceMachineShapes.Family family : GceMachineShapes.FAMILIES) {
            if (family.rule() == GceMachineShapes.PriceRule.NONE) {
                continue;
            }
            gce.path(family.name()).path("cpu").path("on_demand").fieldNames().forEachRemaining(seen::add);
        }
        seen.removeAll(GceRegionFacts.REGIONS.keySet());
        if (!seen.isEmpty()) {
            warnings.add("regions priced by the data but unknown to GceRegionFacts (left out): " + seen);
        }
    }

    private static void checkUnique(List<GceMachineShapes.Shape> shapes) {
        Set<String> names = new HashSet<>();
        for (GceMachineShapes.Shape s : shapes) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("machine type " + s.name() + " is listed twice");
            }
        }
    }

    private static GceMachineShapes.Family family(String name) {
        for (GceMachineShapes.Family f : GceMachineShapes.FAMILIES) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalStateException("no family " + name);
    }

    /** The zones a family is offered in where the price data does not price it: its extra regions, else none. */
    private static List<String> extraZones(GceMachineShapes.Family family, String region, List<String> zones) {
        List<String> letters = family.extraRegions().get(region);
        if (letters == null) {
            return List.of();
        }
        if (letters.isEmpty()) {
            return zones;
        }
        List<String> out = new ArrayList<>();
        for (String letter : letters) {
            String zone = region + "-" + letter;
            if (!zones.contains(zone)) {
                throw new IllegalStateException(family.name() + " is placed in " + zone + ", not a zone of " + region);
            }
            out.add(zone);
        }
        return out;
    }

    /**
     * A type's price in a region for one pricing kind ({@code on_demand} or {@code preemptible}), or null when the
     * data does not price the family there.
     */
    private static BigDecimal price(JsonNode gce, GceMachineShapes.Family family, GceMachineShapes.Shape shape,
                                    String kind, String region) {
        JsonNode entry = gce.path(family.name());
        return switch (family.rule()) {
            case NONE -> null;
            case FLAT -> unit(entry, "cpu", kind, region);
            case UNIT -> {
                BigDecimal cpu = unit(entry, "cpu", kind, region);
                BigDecimal ram = unit(entry, "ram", kind, region);
                yield cpu == null || ram == null ? null
                        : shape.pricedVcpus().multiply(cpu).add(shape.memoryGb().multiply(ram));
            }
        };
    }

    /** One unit price; 0 or absent is "not sold there". */
    private static BigDecimal unit(JsonNode family, String part, String kind, String region) {
        JsonNode price = family.path(part).path(kind).path(region).path("price");
        if (!price.isNumber() || price.decimalValue().signum() <= 0) {
            return null;
        }
        return price.decimalValue();
    }

}
