package io.altostratus.catalog.internal.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.gcp.GcpUnitPrice;
import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped GCP catalog, checked against the price source itself where it is present (prices are recomputed
 * here from {@code pricing.json}, not read back from the catalog's files).
 */
class GcpCatalogTest {
    private static final Path SOURCE = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));
    private static final double EXACT = 1e-12;

    private final Catalog gcp = Catalogs.shipped("gcp");

    @Test
    void gcpIsAShippedCatalog() {
        assertThat(Catalogs.providers()).contains("aws", "gcp");
        assertThat(gcp).isSameAs(Catalogs.gcp());
        assertThat(gcp.provider()).isEqualTo("gcp");
        assertThat(gcp.source().description()).contains("Libcloud").contains("gce_instances");
        // The date of the price data (libcloud's "updated": 1691336076).
        assertThat(gcp.source().takenAt()).isEqualTo(Instant.parse("2023-08-06T15:34:36Z"));
    }

    @Test
    void usCentral1HasItsFourZones() {
        assertThat(gcp.regions()).extracting(Region::name).contains("us-central1", "us-east1", "europe-west1")
                .isSortedAccordingTo(Comparator.naturalOrder());
        Region central = gcp.regions().stream().filter(r -> r.name().equals("us-central1")).findFirst().orElseThrow();
        assertThat(central.endpoint()).isEqualTo("compute.googleapis.com");
        assertThat(central.optIn()).isFalse();
        assertThat(gcp.zones("us-central1")).extracting(Zone::name)
                .containsExactly("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f");
        assertThat(gcp.zones("us-central1")).allSatisfy(z -> {
            assertThat(z.region()).isEqualTo("us-central1");
            assertThat(z.state()).isEqualTo("available");
        });
        assertThat(gcp.zones("us-east1")).extracting(Zone::name)
                .containsExactly("us-east1-b", "us-east1-c", "us-east1-d");
    }

    @Test
    void everyRegionThePriceDataPricesIsACatalogRegion() {
        JsonNode gce = gceInstances();
        Set<String> priced = new TreeSet<>();
        gce.path("n1").path("cpu").path("on_demand").fieldNames().forEachRemaining(priced::add);
        gce.path("e2").path("cpu").path("on_demand").fieldNames().forEachRemaining(priced::add);
        assertThat(priced).hasSizeGreaterThan(20);
        assertThat(gcp.regions()).extracting(Region::name).containsAll(priced);
    }

    @Test
    void e2SmallIsTwoSharedVcpusWithTwoGibInUsCentral1a() {
        InstanceType small = gcp.instanceType("us-central1", "e2-small").orElseThrow();
        assertThat(small.vcpus()).isEqualTo(2);
        assertThat(small.memoryMiB()).isEqualTo(2048);
        assertThat(small.burstable()).as("shared core").isTrue();
        assertThat(small.architectures()).containsExactly(Architecture.X86_64);
        assertThat(small.gpus()).isZero();
        assertThat(gcp.typesOfferedInZone("us-central1-a")).contains("e2-small", "e2-micro", "n2-standard-4");
        assertThat(gcp.instanceType("us-central1", "n2-standard-4").orElseThrow().burstable()).isFalse();
    }

    @Test
    void n2Standard4IsPricedAsFourVcpusAndSixteenGibOfN2() {
        InstanceType n2 = gcp.instanceType("us-central1", "n2-standard-4").orElseThrow();
        assertThat(n2.vcpus()).isEqualTo(4);
        assertThat(n2.memoryMiB()).isEqualTo(16 * 1024);

        JsonNode gce = gceInstances();
        double expected = 4 * unit(gce, "n2", "cpu", "on_demand", "us-central1")
                + 16 * unit(gce, "n2", "ram", "on_demand", "us-central1");
        assertThat(n2.pricePerHour()).isCloseTo(expected, within(EXACT));
        double spot = 4 * unit(gce, "n2", "cpu", "preemptible", "us-central1")
                + 16 * unit(gce, "n2", "ram", "preemptible", "us-central1");
        assertThat(gcp.spotPricePerHour("us-central1", "n2-standard-4")).hasValueSatisfying(
                p -> assertThat(p).isCloseTo(spot, within(EXACT)));
        assertThat(spot).isLessThan(expected);
    }

    @Test
    void everyUnitPricedTypeInEveryRegionIsItsVcpusAndGibAtTheFamilysPrices() {
        JsonNode gce = gceInstances();
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (Region region : gcp.regions()) {
            for (InstanceType t : gcp.instanceTypes(region.name())) {
                String family = t.name().substring(0, t.name().indexOf('-'));
                if (t.pricePerHour() == null || t.burstable() || !gce.path(family).has("ram")) {
                    continue;
                }
                double ram = unit(gce, family, "ram", "on_demand", region.name());
                double expected = t.vcpus() * unit(gce, family, "cpu", "on_demand", region.name())
                        + t.memoryMiB() / 1024.0 * ram;
                // memoryMiB is GCE's figure rounded to the MiB (n1-highcpu-2: 1843 MiB for 1.8 GiB); the price is on
                // the documented GiB, so the two differ by at most half a MiB of memory.
                if (Math.abs(t.pricePerHour() - expected) > 0.5 / 1024 * ram + EXACT) {
                    wrong.add(t.name() + " in " + region.name() + ": " + t.pricePerHour() + " != " + expected);
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(1500);
    }

    @Test
    void sharedCoreTypesAreBilledForTheirShareOfAVcpu() {
        JsonNode gce = gceInstances();
        double cpu = unit(gce, "e2", "cpu", "on_demand", "us-central1");
        double ram = unit(gce, "e2", "ram", "on_demand", "us-central1");
        assertThat(price("e2-micro")).isCloseTo(0.25 * cpu + 1 * ram, within(EXACT));
        assertThat(price("e2-small")).isCloseTo(0.5 * cpu + 2 * ram, within(EXACT));
        assertThat(price("e2-medium")).isCloseTo(1 * cpu + 4 * ram, within(EXACT));
        // f1-micro and g1-small carry a whole-instance price in the data.
        assertThat(price("f1-micro")).isEqualTo(unit(gce, "f1", "cpu", "on_demand", "us-central1"));
        assertThat(price("g1-small")).isEqualTo(unit(gce, "g1", "cpu", "on_demand", "us-central1"));
        InstanceType micro = gcp.instanceType("us-central1", "f1-micro").orElseThrow();
        assertThat(micro.vcpus()).isEqualTo(1);
        assertThat(micro.memoryMiB()).isEqualTo(614);
        assertThat(micro.burstable()).isTrue();
    }

    @Test
    void theUnitPricesAreTheSourcesWithTheirSkuIds() {
        JsonNode gce = gceInstances();
        GcpUnitPrices prices = Catalogs.gcpUnitPrices();
        assertThat(prices).isSameAs(Catalogs.gcpUnitPrices());
        GcpUnitPrice core = prices.find("n2", "us-central1", GcpUnitPrice.Resource.CORE, false).orElseThrow();
        assertThat(core.usdPerHour().doubleValue()).isEqualTo(unit(gce, "n2", "cpu", "on_demand", "us-central1"));
        assertThat(core.skuId()).isEqualTo(gce.path("n2").path("cpu").path("on_demand").path("us-central1")
                .path("sku").asText());
        GcpUnitPrice spotRam = prices.find("n2", "us-central1", GcpUnitPrice.Resource.RAM, true).orElseThrow();
        assertThat(spotRam.usdPerHour().doubleValue()).isEqualTo(unit(gce, "n2", "ram", "preemptible",
                "us-central1"));
        assertThat(prices.find("f1", "us-central1", GcpUnitPrice.Resource.INSTANCE, false)).hasValueSatisfying(
                p -> assertThat(p.usdPerHour().doubleValue()).isEqualTo(price("f1-micro")));
        assertThat(prices.find("f1", "us-central1", GcpUnitPrice.Resource.CORE, false)).isEmpty();
        // 0 in the data is "not sold there": no unit price, and no priced n2 type there either.
        assertThat(prices.find("n2", "europe-west6", GcpUnitPrice.Resource.CORE, false)).isEmpty();
        assertThat(gcp.instanceType("europe-west6", "n2-standard-4").map(InstanceType::pricePerHour)).isEmpty();
        // Families without prices in the data have none here either.
        assertThat(prices.all()).extracting(GcpUnitPrice::family).doesNotContain("c3", "t2a")
                .contains("e2", "n1", "n2", "n2d", "c2", "m1", "f1", "g1");
        assertThat(prices.regions()).isSubsetOf(gcp.regions().stream().map(Region::name).toList());
    }

    @Test
    void everyPricedTypeIsItsFamilysUnitPricesAddedUp() {
        GcpUnitPrices prices = Catalogs.gcpUnitPrices();
        int checked = 0;
        for (Region region : gcp.regions()) {
            for (InstanceType t : gcp.instanceTypes(region.name())) {
                String family = t.name().substring(0, t.name().indexOf('-'));
                if (t.pricePerHour() == null || t.burstable()) {
                    continue;
                }
                // GCE's memoryMb rounds the documented GiB; the bill is on the documented GiB, within half a MiB.
                java.math.BigDecimal gib = java.math.BigDecimal.valueOf(t.memoryMiB())
                        .divide(java.math.BigDecimal.valueOf(1024), 12, java.math.RoundingMode.HALF_EVEN);
                double assembled = prices.hourlyPrice(family, region.name(), false,
                        java.math.BigDecimal.valueOf(t.vcpus()), gib).orElseThrow().doubleValue();
                assertThat(t.pricePerHour()).as(t.name() + " in " + region.name()).isCloseTo(assembled,
                        within(0.001));
                Double spot = gcp.spotPricePerHour(region.name(), t.name()).orElse(null);
                assertThat(spot == null).as("spot of " + t.name() + " in " + region.name()).isEqualTo(
                        prices.hourlyPrice(family, region.name(), true, java.math.BigDecimal.ONE, gib).isEmpty());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1500);
        assertThat(prices.hourlyPrice("n2", "us-central1", false, java.math.BigDecimal.valueOf(4),
                java.math.BigDecimal.valueOf(16)).orElseThrow().doubleValue())
                .isEqualTo(gcp.instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour());
    }

    @Test
    void theCheapestTypeWithFourVcpusAnd16GibInUsCentral1IsE2Standard4(@TempDir Path emptyCache) {
        // As `alto catalog types` chooses: the catalog in use (no refreshed snapshot: the shipped one), then TypeQuery.
        CatalogChoice choice = CatalogChoice.resolve("gcp", new SnapshotStore(emptyCache), CatalogChoice.DEFAULT_TTL,
                new ManualClock());
        assertThat(choice.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        List<InstanceType> all = choice.catalog().instanceTypes("us-central1");
        List<InstanceType> chosen = new TypeQuery(4, 16 * 1024, null, null, null).select(all);

        JsonNode gce = gceInstances();
        double e2Standard4 = 4 * unit(gce, "e2", "cpu", "on_demand", "us-central1")
                + 16 * unit(gce, "e2", "ram", "on_demand", "us-central1");
        assertThat(chosen.get(0).name()).isEqualTo("e2-standard-4");
        assertThat(chosen.get(0).pricePerHour()).isCloseTo(e2Standard4, within(EXACT));
        System.out.printf("cheapest >= 4 vCPU / 16 GiB in us-central1: %s at %s USD/h%n", chosen.get(0).name(),
                chosen.get(0).pricePerHour());
        // It is the cheapest of every priced type that fits, and every fitting type is listed, unpriced ones last.
        assertThat(all.stream().filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16384 && t.pricePerHour() != null))
                .allSatisfy(t -> assertThat(t.pricePerHour()).isGreaterThanOrEqualTo(chosen.get(0).pricePerHour()));
        assertThat(chosen).hasSize((int) all.stream().filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16384).count());
        assertThat(chosen.get(chosen.size() - 1).pricePerHour()).as("unpriced families come last").isNull();
    }

    @Test
    void armTypesAreArm64AndT2aIsOnlyInItsZones() {
        InstanceType t2a = gcp.instanceType("us-central1", "t2a-standard-4").orElseThrow();
        assertThat(t2a.architectures()).containsExactly(Architecture.ARM64);
        assertThat(gcp.instanceType("us-central1", "c4a-standard-4").orElseThrow().architectures())
                .containsExactly(Architecture.ARM64);
        assertThat(gcp.typesOfferedInZone("us-central1-a")).contains("t2a-standard-4");
        assertThat(gcp.typesOfferedInZone("us-central1-f")).contains("t2a-standard-4");
        assertThat(gcp.typesOfferedInZone("us-central1-c")).doesNotContain("t2a-standard-4");
        assertThat(gcp.instanceType("us-west2", "t2a-standard-4")).isEmpty();
        List<InstanceType> arm = new TypeQuery(2, 0, null, Architecture.ARM64, null)
                .select(gcp.instanceTypes("us-central1"));
        assertThat(arm).isNotEmpty().allMatch(t -> t.supports(Architecture.ARM64));
    }

    @Test
    void everyRegionsTypesAreSortedDescribedAndOfferedInSomeOfItsZones() {
        for (Region region : gcp.regions()) {
            List<InstanceType> types = gcp.instanceTypes(region.name());
            assertThat(types).as(region.name()).isNotEmpty()
                    .isSortedAccordingTo(Comparator.comparing(InstanceType::name));
            Set<String> inZones = new HashSet<>();
            for (Zone zone : gcp.zones(region.name())) {
                assertThat(zone.name()).startsWith(region.name() + "-");
                inZones.addAll(gcp.typesOfferedInZone(zone.name()));
            }
            assertThat(inZones).as(region.name()).isEqualTo(
                    types.stream().map(InstanceType::name).collect(Collectors.toSet()));
            assertThat(types).allSatisfy(t -> {
                assertThat(t.vcpus()).isPositive();
                assertThat(t.memoryMiB()).isPositive();
                assertThat(t.architectures()).hasSize(1);
                assertThat(gcp.instanceType(region.name(), t.name())).contains(t);
            });
            assertThat(types).filteredOn(t -> t.name().startsWith("e2-")).as("e2 in " + region.name()).isNotEmpty();
        }
    }

    @Test
    void ubuntuAndDebianAliasesResolveInEveryRegionToTheNewestImageOfTheirFamily() {
        Map<String, String> families = Map.of(
                "ubuntu:24.04", "ubuntu-2404-lts-amd64",
                "ubuntu:24.04/arm64", "ubuntu-2404-lts-arm64",
                "ubuntu:22.04", "ubuntu-2204-lts",
                "ubuntu:22.04/arm64", "ubuntu-2204-lts-arm64",
                "debian:12", "debian-12",
                "debian:12/arm64", "debian-12-arm64");
        List<Image> first = gcp.images("us-central1");
        for (Region region : gcp.regions()) {
            List<Image> images = gcp.images(region.name());
            assertThat(images).as("GCE images are global").isEqualTo(first);
            for (Map.Entry<String, String> alias : families.entrySet()) {
                Image image = resolve(images, ImageRef.parse(alias.getKey()));
                String family = alias.getValue();
                assertThat(image.tags()).as(alias.getKey()).containsEntry("gce:family", family);
                Image newestOfFamily = images.stream().filter(i -> family.equals(i.tags().get("gce:family")))
                        .max(Comparator.comparing(Image::creationDate)).orElseThrow();
                assertThat(image).isEqualTo(newestOfFamily);
            }
        }
        Image noble = resolve(first, ImageRef.parse("ubuntu:24.04"));
        assertThat(noble.id()).isEqualTo("projects/ubuntu-os-cloud/global/images/" + noble.name());
        assertThat(noble.name()).isEqualTo("ubuntu-2404-noble-amd64-v20241115");
        assertThat(noble.ownerId()).isEqualTo("ubuntu-os-cloud");
        assertThat(noble.ownerAlias()).isEqualTo("ubuntu-os-cloud");
        assertThat(noble.isPublic()).isTrue();
        assertThat(noble.rootSizeGiB()).isEqualTo(10);
        assertThat(noble.rootDeviceName()).isNull();
        assertThat(noble.state()).isEqualTo(Image.AVAILABLE);
        Image debianArm = resolve(first, ImageRef.parse("debian:12/arm64"));
        assertThat(debianArm.id()).isEqualTo("projects/debian-cloud/global/images/" + debianArm.name());
        assertThat(debianArm.architecture()).isEqualTo(Architecture.ARM64);
    }

    @Test
    void everyImageFamilyIsOneDistroReleaseAndArchitecture() {
        Map<String, List<Image>> byFamily = gcp.images("europe-west4").stream()
                .collect(Collectors.groupingBy(i -> i.tags().get("gce:family")));
        assertThat(byFamily).hasSize(6);
        byFamily.forEach((family, images) -> {
            assertThat(images).hasSizeGreaterThan(1);
            assertThat(images.stream().map(i -> i.distro() + ":" + i.release() + "/" + i.architecture()).distinct())
                    .as(family).hasSize(1);
            assertThat(images).allSatisfy(i -> assertThat(i.id()).endsWith("/global/images/" + i.name()));
        });
        assertThat(gcp.images("europe-west4").stream().map(Image::id).distinct().count())
                .isEqualTo(gcp.images("europe-west4").size());
    }

    @Test
    void unknownRegionsAndZonesAreInvalidParameters() {
        for (Runnable call : List.<Runnable>of(() -> gcp.zones("us-east-1"), () -> gcp.instanceTypes("mars1"),
                () -> gcp.images(null), () -> gcp.typesOfferedInZone("us-central1-z"),
                () -> gcp.typesOfferedInZone("us-east-1a"), () -> gcp.typesOfferedInZone(null),
                () -> gcp.spotPricePerHour("nowhere1", "e2-small"))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThat(gcp.instanceType("us-central1", "t3.micro")).isEmpty();
        assertThat(gcp.spotPricePerHour("us-central1", "t3.micro")).isEmpty();
        // A family the price data does not price has no spot price either.
        assertThat(gcp.spotPricePerHour("us-central1", "t2a-standard-4")).isEmpty();
    }

    @Test
    void aSnapshotOfTheCatalogKeepsItsSpotPricesThroughTheCache(@TempDir Path dir) {
        CatalogSnapshot snapshot = CatalogSnapshot.of(gcp, List.of(), List.of("us-central1"));
        SnapshotStore store = new SnapshotStore(dir);
        store.write(snapshot);
        Catalog read = store.read("gcp").orElseThrow().catalog();
        assertThat(read.instanceTypes("us-central1")).isEqualTo(gcp.instanceTypes("us-central1"));
        assertThat(read.spotPricePerHour("us-central1", "n2-standard-4"))
                .isEqualTo(gcp.spotPricePerHour("us-central1", "n2-standard-4")).isPresent();
        assertThat(read.typesOfferedInZone("us-central1-c")).isEqualTo(gcp.typesOfferedInZone("us-central1-c"));
        assertThat(read.images("us-central1")).isEqualTo(gcp.images("us-central1"));

        CatalogChoice choice = CatalogChoice.resolve("gcp", new SnapshotStore(dir.resolve("empty")),
                Duration.ofDays(7), new ManualClock());
        assertThat(choice.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        assertThat(choice.catalog()).isSameAs(gcp);
    }

    @Test
    void theAwsCatalogStillHasNoSpotPrices() {
        assertThat(Catalogs.aws().spotPricePerHour("us-east-1", "t3.micro")).isEmpty();
    }

    @Test
    void concurrentFirstCallsOnAFreshCatalogSeeOneConsistentRegion() throws Exception {
        GcpCatalog fresh = GcpCatalog.fromClasspath();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int which = t;
                results.add(pool.submit(() -> {
                    start.await();
                    // Half start with the zone offerings, half with the priced list: both fill the same region.
                    Set<String> inZone = which % 2 == 0 ? fresh.typesOfferedInZone("europe-west4-b") : null;
                    List<InstanceType> types = fresh.instanceTypes("europe-west4");
                    return List.of(types, inZone == null ? fresh.typesOfferedInZone("europe-west4-b") : inZone,
                            fresh.images("europe-west4"));
                }));
            }
            start.countDown();
            List<Object> first = results.get(0).get();
            for (Future<List<Object>> f : results) {
                List<Object> got = f.get();
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).isSameAs(first.get(i));
                }
            }
            assertThat(first.get(0)).isEqualTo(gcp.instanceTypes("europe-west4"));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private double price(String type) {
        return gcp.instanceType("us-central1", type).orElseThrow().pricePerHour();
    }

    /** The alias rule of the local cloud and of GCE's getFromFamily: the newest available public image that fits. */
    private static Image resolve(List<Image> images, ImageRef ref) {
        return images.stream()
                .filter(i -> Image.AVAILABLE.equals(i.state()) && i.isPublic())
                .filter(i -> ref.distro().equals(i.distro()) && ref.release().equals(i.release()))
                .filter(i -> i.architecture() == ref.architecture())
                .max(Comparator.comparing(Image::creationDate).thenComparing(Image::name))
                .orElseThrow(() -> new AssertionError("no image for " + ref));
    }

    private static JsonNode gceInstances;

    /** The source's GCE prices, read once for the class. */
    private static synchronized JsonNode gceInstances() {
        Path file = SOURCE.resolve("pricing.json.gz");
        assumeThat(Files.isRegularFile(file)).as("price source at " + file + " (absent: price checks skipped)")
                .isTrue();
        if (gceInstances == null) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                gceInstances = new ObjectMapper().readTree(in).path("compute").path("gce_instances");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return gceInstances;
    }

    private static double unit(JsonNode gce, String family, String part, String kind, String region) {
        JsonNode price = gce.path(family).path(part).path(kind).path(region).path("price");
        if (!price.isNumber()) {
            throw new AssertionError("the source has no " + family + " " + part + " " + kind + " price in " + region);
        }
        return price.doubleValue();
    }
}
