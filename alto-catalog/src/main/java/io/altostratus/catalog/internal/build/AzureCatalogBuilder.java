package io.altostratus.catalog.internal.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.internal.azure.AzureLayout;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Builds the shipped Azure catalog ({@link AzureLayout}) from the facts in this package (locations and zones:
 * {@link AzureLocationFacts}; VM size specs: {@link AzureVmSizes}; marketplace images: {@link AzureMarketplaceImages})
 * and the prices of Apache Libcloud's {@code pricing.json} ({@code compute.azure_linux}: per size key, per location,
 * the on-demand Linux USD per hour).
 *
 * <p>A size is offered in a location when the data prices it there, in every zone of the location (an approximation:
 * zone restrictions come from resource SKUs, which the static tier does not have). Its spot price is the data's
 * {@code lowpriority<size>} entry for the same location, where there is one (Azure Spot VMs replaced low-priority VMs
 * and are billed at those rates). Sizes the data prices but {@link AzureVmSizes} has no specs for are left out and
 * counted; a price of 0 means "not sold there".
 *
 * <p>Run it after a data or facts update and commit the result:
 * {@code java -cp <classpath> io.altostratus.catalog.internal.build.AzureCatalogBuilder /work/shared/data
 * alto-catalog/src/main/resources}. {@code AzureCatalogBuilderTest} fails while the committed files differ from a
 * fresh build.
 */
public final class AzureCatalogBuilder {
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();

    /** What one run produced; {@code unspecifiedSizes}: sizes the data prices that have no specs here. */
    public record Report(int regions, int zones, int sizes, int offers, int spotPrices, int images,
                         int unspecifiedSizes, long bytes, List<String> warnings) {
    }

    private AzureCatalogBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Paths.get(args.length > 0 ? args[0] : "/work/shared/data");
        Path resources = Paths.get(args.length > 1 ? args[1] : "alto-catalog/src/main/resources");
        Report r = build(data, resources);
        r.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.printf(Locale.ROOT, "%d locations, %d zones, %d sizes, %d offers (%d with spot prices), %d images,"
                        + " %d priced sizes without specs left out, %d bytes%n", r.regions(), r.zones(), r.sizes(),
                r.offers(), r.spotPrices(), r.images(), r.unspecifiedSizes(), r.bytes());
    }

    /**
     * Reads {@code data}/pricing.json.gz and writes the shipped files under
     * {@code resourcesRoot}/{@value AzureLayout#BASE}, replacing earlier ones.
     */
    public static Report build(Path data, Path resourcesRoot) throws IOException {
        return new AzureCatalogBuilder().run(data.resolve("pricing.json.gz"), resourcesRoot);
    }

    private Report run(Path pricingFile, Path resourcesRoot) throws IOException {
        JsonNode pricing;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(pricingFile))) {
            pricing = json.readTree(in);
        }
        JsonNode azure = pricing.path("compute").path("azure_linux");
        if (!azure.isObject() || azure.isEmpty()) {
            throw new IllegalStateException(pricingFile + " has no compute.azure_linux");
        }
        List<AzureVmSizes.Size> sizes = new ArrayList<>(AzureVmSizes.all());
        sizes.sort(Comparator.comparing(AzureVmSizes.Size::name));
        checkUniqueKeys(sizes);
        checkPricedLocationsAreKnown(azure);

        List<Image> images = images();
        Set<String> offeredAnywhere = new HashSet<>();
        List<CatalogSnapshot.RegionData> regions = new ArrayList<>();
        for (Map.Entry<String, AzureLocationFacts.Location> entry : AzureLocationFacts.LOCATIONS.entrySet()) {
            String location = entry.getKey();
            List<Zone> zones = new ArrayList<>();
            for (int n = 1; n <= entry.getValue().zones(); n++) {
                String number = Integer.toString(n);
                zones.add(new Zone(AzureLayout.zoneName(location, number), number, location, "available"));
            }
            List<String> zoneNames = zones.stream().map(Zone::name).toList();
            List<CatalogSnapshot.Offer> offers = new ArrayList<>();
            for (AzureVmSizes.Size size : sizes) {
                Double onDemand = price(azure, size.priceKey(), location);
                if (onDemand == null) {
                    continue;
                }
                offers.add(new CatalogSnapshot.Offer(size.name(), onDemand, price(azure, size.spotKey(), location),
                        zoneNames));
                offeredAnywhere.add(size.name());
            }
            if (offers.isEmpty()) {
                warnings.add(location + " has no priced size; left out");
                continue;
            }
            regions.add(new CatalogSnapshot.RegionData(new Region(location, entry.getValue().displayName(),
                    AzureLayout.ENDPOINT, false), zones, offers, images));
        }
        List<InstanceType> types = new ArrayList<>();
        for (AzureVmSizes.Size s : sizes) {
            if (offeredAnywhere.contains(s.name())) {
                types.add(new InstanceType(s.name(), s.vcpus(), s.memoryMiB(), 0, null, List.of(s.arch()), null,
                        s.burstable(), true, null, 0));
            } else {
                warnings.add(s.name() + " is priced in no location; left out");
            }
        }
        Set<String> specified = new HashSet<>();
        sizes.forEach(s -> specified.add(s.priceKey()));
        int unspecified = 0;
        for (String key : (Iterable<String>) azure::fieldNames) {
            if (!key.startsWith("lowpriority") && !specified.contains(key)) {
                unspecified++;
            }
        }

        Instant updated = Instant.ofEpochSecond(pricing.path("updated").asLong());
        Catalog.Source source = new Catalog.Source("Azure public locations and availability zones and VM size specs"
                + " from Microsoft's public documentation (sizes offered where priced, in every zone of a location);"
                + " on-demand and spot (low-priority) Linux prices from Apache Libcloud pricing.json"
                + " (compute.azure_linux, updated " + updated + "); marketplace images of Ubuntu and Debian by URN"
                + " (version latest, as of " + AzureMarketplaceImages.AS_OF + ")", updated);
        CatalogSnapshot snapshot = new CatalogSnapshot(CatalogSnapshot.FORMAT, "azure", source, List.of(), types,
                regions);
        AzureShippedWriter.Written w = AzureShippedWriter.write(snapshot, resourcesRoot);
        return new Report(w.regions(), w.zones(), w.types(), w.offers(), w.spotPrices(), w.images(), unspecified,
                w.bytes(), List.copyOf(warnings));
    }

    /** The marketplace images, the same list in every location. */
    private static List<Image> images() {
        List<Image> out = new ArrayList<>();
        Instant asOf = ShippedFiles.startOfDay(AzureMarketplaceImages.AS_OF);
        for (AzureMarketplaceImages.Urn u : AzureMarketplaceImages.all()) {
            out.add(new Image(u.urn(), u.urn(), u.description(), u.publisher(), u.publisher(), u.distro(),
                    u.release(), u.arch(), Image.AVAILABLE, true, null, AzureMarketplaceImages.ROOT_SIZE_GIB,
                    List.of(), null, asOf, Map.of()));
        }
        return List.copyOf(out);
    }

    /** Every location the data prices must be one of the catalog's (or left out on purpose), or it would be lost. */
    private void checkPricedLocationsAreKnown(JsonNode azure) {
        Set<String> seen = new TreeSet<>();
        azure.forEach(byLocation -> byLocation.fieldNames().forEachRemaining(seen::add));
        seen.removeAll(AzureLocationFacts.LOCATIONS.keySet());
        seen.removeAll(AzureLocationFacts.LEFT_OUT);
        if (!seen.isEmpty()) {
            warnings.add("locations priced by the data but unknown to AzureLocationFacts (left out): " + seen);
        }
    }

    private static void checkUniqueKeys(List<AzureVmSizes.Size> sizes) {
        Set<String> keys = new HashSet<>();
        for (AzureVmSizes.Size s : sizes) {
            if (!keys.add(s.priceKey())) {
                throw new IllegalStateException("size " + s.name() + " is listed twice");
            }
        }
    }

    /** One price; 0 or absent is "not sold there". Prices have a few significant digits, which a double keeps. */
    private static Double price(JsonNode azure, String key, String location) {
        JsonNode price = azure.path(key).path(location);
        return price.isNumber() && price.decimalValue().signum() > 0 ? price.doubleValue() : null;
    }
}
