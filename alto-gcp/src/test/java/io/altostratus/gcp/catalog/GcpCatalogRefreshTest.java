package io.altostratus.gcp.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.Sku;
import com.google.type.Money;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.spi.Providers;
import io.altostratus.gcp.internal.BillingClient;
import io.altostratus.local.LocalProviderFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gcp catalog refresh end to end in this process: Google's Compute Engine and Cloud Billing clients against the
 * GCE front over the local cloud on the shipped GCP catalog and the billing front serving that catalog's unit prices.
 * The fronts serve what the shipped catalog holds, so a full refresh must give it back: every region, zone, offer and
 * price, read through the APIs.
 */
class GcpCatalogRefreshTest {
    private static final Catalog SHIPPED = Catalogs.gcp();

    private static RefreshFronts fronts;
    private static CatalogRefresher.Result full;
    private static long computeRequestsOfFull;
    private static long billingRequestsOfFull;

    @BeforeAll
    static void refreshEverything() {
        fronts = new RefreshFronts(true, Duration.ZERO);
        full = GcpCatalogRefresh.builder().endpoint(fronts.endpoint()).project("test-project")
                .fallback(SHIPPED).concurrency(16).build().run();
        computeRequestsOfFull = fronts.computeRequests();
        billingRequestsOfFull = fronts.billingRequests();
    }

    @AfterAll
    static void stop() {
        fronts.close();
    }

    @Test
    void usCentral1HasItsFourZonesAndE2SmallIsOfferedInZoneA() {
        CatalogSnapshot s = full.snapshot();
        assertThat(s.provider()).isEqualTo("gcp");
        assertThat(s.format()).isEqualTo(CatalogSnapshot.FORMAT);
        Catalog refreshed = s.catalog();
        assertThat(refreshed.zones("us-central1")).extracting(Zone::name)
                .containsExactly("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f");
        assertThat(refreshed.zones("us-central1")).allSatisfy(z -> {
            assertThat(z.region()).isEqualTo("us-central1");
            assertThat(z.state()).isEqualTo("available");
        });
        assertThat(refreshed.typesOfferedInZone("us-central1-a")).contains("e2-small", "n2-standard-4");
        // Region names come from the API, display names from the catalog in use (GCE describes a region by its name).
        assertThat(refreshed.regions()).extracting(Region::name)
                .containsExactlyElementsOf(SHIPPED.regions().stream().map(Region::name).toList());
        assertThat(refreshed.regions().get(0).displayName()).isEqualTo(SHIPPED.regions().get(0).displayName());
    }

    @Test
    void machineTypesCarryTheirShapeArchitectureAndSharedCore() {
        Catalog refreshed = full.snapshot().catalog();
        InstanceType e2Small = refreshed.instanceType("us-central1", "e2-small").orElseThrow();
        assertThat(e2Small.vcpus()).isEqualTo(2);
        assertThat(e2Small.memoryMiB()).isEqualTo(2048);
        assertThat(e2Small.burstable()).isTrue();
        assertThat(e2Small.architectures()).containsExactly(Architecture.X86_64);
        InstanceType arm = refreshed.instanceType("us-central1", "t2a-standard-1").orElseThrow();
        assertThat(arm.architectures()).containsExactly(Architecture.ARM64);
        assertThat(arm.burstable()).isFalse();
        assertThat(refreshed.instanceType("us-central1", "c4a-standard-4").orElseThrow().architectures())
                .containsExactly(Architecture.ARM64);
    }

    /** The price is assembled from what the billing API serves, read here without the refresh's own reading. */
    @Test
    void n2Standard4IsFourCoresAndSixteenGibOfTheServedSkus() {
        List<Sku> skus = servedSkus();
        BigDecimal core = tierZero(skus, "N2 Instance Core running in Americas", "OnDemand");
        BigDecimal ram = tierZero(skus, "N2 Instance Ram running in Americas", "OnDemand");
        BigDecimal spotCore = tierZero(skus, "Spot Preemptible N2 Instance Core running in Americas", "Preemptible");
        BigDecimal spotRam = tierZero(skus, "Spot Preemptible N2 Instance Ram running in Americas", "Preemptible");
        Catalog refreshed = full.snapshot().catalog();
        assertThat(refreshed.instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour())
                .isEqualTo(BigDecimal.valueOf(4).multiply(core).add(BigDecimal.valueOf(16).multiply(ram))
                        .doubleValue());
        assertThat(refreshed.spotPricePerHour("us-central1", "n2-standard-4")).contains(
                BigDecimal.valueOf(4).multiply(spotCore).add(BigDecimal.valueOf(16).multiply(spotRam)).doubleValue());
        // The shared-core e2-small is billed for half a vCPU.
        BigDecimal e2Core = tierZero(skus, "E2 Instance Core running in Americas", "OnDemand");
        BigDecimal e2Ram = tierZero(skus, "E2 Instance Ram running in Americas", "OnDemand");
        assertThat(refreshed.instanceType("us-central1", "e2-small").orElseThrow().pricePerHour())
                .isEqualTo(new BigDecimal("0.5").multiply(e2Core).add(BigDecimal.valueOf(2).multiply(e2Ram))
                        .doubleValue());
    }

    /** The fronts serve the shipped catalog: reading it back through both APIs must give the same offers. */
    @Test
    void everyRegionZoneOfferAndPriceIsTheShippedCatalogs() {
        Catalog refreshed = full.snapshot().catalog();
        List<String> differences = new ArrayList<>();
        int priced = 0;
        for (Region region : SHIPPED.regions()) {
            assertThat(refreshed.zones(region.name())).isEqualTo(SHIPPED.zones(region.name()));
            List<InstanceType> mine = refreshed.instanceTypes(region.name());
            List<InstanceType> theirs = SHIPPED.instanceTypes(region.name());
            assertThat(mine).extracting(InstanceType::name)
                    .containsExactlyElementsOf(theirs.stream().map(InstanceType::name).toList());
            for (int i = 0; i < mine.size(); i++) {
                InstanceType a = mine.get(i);
                InstanceType b = theirs.get(i);
                if (!Objects.equals(a.pricePerHour(), b.pricePerHour())
                        || !refreshed.spotPricePerHour(region.name(), a.name())
                        .equals(SHIPPED.spotPricePerHour(region.name(), b.name()))
                        || a.vcpus() != b.vcpus() || a.memoryMiB() != b.memoryMiB()
                        || a.burstable() != b.burstable() || !a.architectures().equals(b.architectures())) {
                    differences.add(region.name() + " " + a + " != " + b);
                }
                priced += a.pricePerHour() == null ? 0 : 1;
            }
            for (Zone zone : SHIPPED.zones(region.name())) {
                assertThat(refreshed.typesOfferedInZone(zone.name())).as(zone.name())
                        .isEqualTo(SHIPPED.typesOfferedInZone(zone.name()));
            }
        }
        assertThat(differences).isEmpty();
        assertThat(priced).isGreaterThan(1500);
        assertThat(full.stats().offers()).isEqualTo(CatalogSnapshot.of(SHIPPED, List.of()).offerCount());
    }

    @Test
    void ubuntu2404ResolvesInTheRefreshedCatalogToTheNewestBuildOfItsFamily() {
        Catalog refreshed = full.snapshot().catalog();
        try (ComputeProvider local = LocalProviderFactory.withCatalog(refreshed)
                .open(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(),
                        null))) {
            Image ubuntu = local.resolveImage(ImageRef.parse("ubuntu:24.04"));
            assertThat(ubuntu.id())
                    .isEqualTo("projects/ubuntu-os-cloud/global/images/ubuntu-2404-noble-amd64-v20241115");
            assertThat(ubuntu.tags()).containsEntry("gce:family", "ubuntu-2404-lts-amd64");
            assertThat(ubuntu.ownerId()).isEqualTo("ubuntu-os-cloud");
            assertThat(ubuntu.isPublic()).isTrue();
            assertThat(ubuntu.distro()).isEqualTo("ubuntu");
            assertThat(ubuntu.release()).isEqualTo("24.04");
            assertThat(ubuntu.architecture()).isEqualTo(Architecture.X86_64);
            Image arm = local.resolveImage(ImageRef.parse("ubuntu:24.04/arm64"));
            assertThat(arm.id()).isEqualTo("projects/ubuntu-os-cloud/global/images/ubuntu-2404-noble-arm64-v20241115");
            assertThat(arm.architecture()).isEqualTo(Architecture.ARM64);
            assertThat(local.resolveImage(ImageRef.parse("debian:12/arm64")).id())
                    .isEqualTo("projects/debian-cloud/global/images/debian-12-bookworm-arm64-v20241112");
        }
        // The newest image of each of the six families, the same in every region (GCE images are global).
        assertThat(refreshed.images("us-central1")).hasSize(6).isEqualTo(refreshed.images("asia-east1"));
        assertThat(refreshed.images("us-central1")).extracting(Image::name).containsExactly(
                "debian-12-bookworm-arm64-v20241112", "debian-12-bookworm-v20241112",
                "ubuntu-2204-jammy-arm64-v20241115", "ubuntu-2204-jammy-v20241115",
                "ubuntu-2404-noble-amd64-v20241115", "ubuntu-2404-noble-arm64-v20241115");
    }

    /**
     * One regions.list, one zones.list, one images.getFromFamily per family, one machineTypes.list per zone and one
     * page of SKUs; the longest chain is zones.list then a zone's machine types.
     */
    @Test
    void callsAreCountedAsTheServerSawThemAndTheCriticalPathIsTwo() {
        int zones = SHIPPED.regions().stream().mapToInt(r -> SHIPPED.zones(r.name()).size()).sum();
        CatalogRefresher.Stats s = full.stats();
        assertThat(computeRequestsOfFull).isEqualTo(2 + GcpCatalogRefresh.FAMILIES.size() + zones);
        assertThat(billingRequestsOfFull).isEqualTo(1);
        assertThat(s.calls()).isEqualTo(computeRequestsOfFull + billingRequestsOfFull);
        assertThat(s.attempts()).isEqualTo(s.calls());
        assertThat(s.criticalPath()).isEqualTo(2);
        assertThat(s.criticalPathBound(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(200));
        assertThat(s.regions()).isEqualTo(SHIPPED.regions().size());
        assertThat(s.images()).isEqualTo(6);
        assertThat(s.types()).isEqualTo(full.snapshot().types().size());
        assertThat(full.snapshot().notes()).anySatisfy(n -> assertThat(n).startsWith("on-demand and spot prices "
                + "assembled from " + Catalogs.gcpUnitPrices().all().size() + " unit prices of the Cloud Billing "
                + "Catalog (" + Catalogs.gcpUnitPrices().all().size() + " SKUs of services/6F81-5844-456A)"));
        assertThat(full.snapshot().source().description()).contains(fronts.endpoint());
    }

    @Test
    void onlyTheRegionsAskedForAreReadAndTheOthersAreCarriedOver() {
        long before = fronts.computeRequests();
        CatalogRefresher.Result r = GcpCatalogRefresh.builder().endpoint(fronts.endpoint()).project("test-project")
                .regions(List.of("us-central1", "europe-west4")).fallback(SHIPPED).build().run();
        int zones = SHIPPED.zones("us-central1").size() + SHIPPED.zones("europe-west4").size();
        assertThat(fronts.computeRequests() - before).isEqualTo(2 + GcpCatalogRefresh.FAMILIES.size() + zones);
        assertThat(r.stats().regions()).isEqualTo(2);
        assertThat(r.snapshot().regions()).hasSize(SHIPPED.regions().size());
        assertThat(r.snapshot().notes()).anySatisfy(n -> assertThat(n)
                .startsWith("regions not refreshed, carried over from the fallback catalog: asia-east1, "));
        assertThat(r.snapshot().catalog().instanceType("asia-east1", "n2-standard-4"))
                .isEqualTo(SHIPPED.instanceType("asia-east1", "n2-standard-4"));

        AltoException unknown = catchThrowableOfType(AltoException.class, () -> GcpCatalogRefresh.builder()
                .endpoint(fronts.endpoint()).project("test-project").regions(List.of("us-east-1")).build().run());
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(unknown.getMessage()).contains("us-east-1");
    }

    @Test
    void withoutABillingApiPricesComeFromTheFallbackAndTheNotesSaySo() {
        try (RefreshFronts computeOnly = new RefreshFronts(false, Duration.ZERO)) {
            CatalogRefresher.Result r = GcpCatalogRefresh.builder().endpoint(computeOnly.endpoint())
                    .project("test-project").regions(List.of("us-central1")).fallback(SHIPPED).carryOver(false)
                    .build().run();
            Catalog refreshed = r.snapshot().catalog();
            assertThat(refreshed.instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour())
                    .isEqualTo(SHIPPED.instanceType("us-central1", "n2-standard-4").orElseThrow().pricePerHour());
            assertThat(refreshed.spotPricePerHour("us-central1", "n2-standard-4"))
                    .isEqualTo(SHIPPED.spotPricePerHour("us-central1", "n2-standard-4"));
            assertThat(r.snapshot().regions()).hasSize(1);
            assertThat(r.snapshot().notes()).anySatisfy(n -> assertThat(n)
                    .contains("did not list services/6F81-5844-456A SKUs").contains("prices carried over from"));

            CatalogRefresher.Result bare = GcpCatalogRefresh.builder().endpoint(computeOnly.endpoint())
                    .project("test-project").regions(List.of("us-central1")).build().run();
            assertThat(bare.snapshot().catalog().instanceType("us-central1", "n2-standard-4").orElseThrow()
                    .pricePerHour()).isNull();
            assertThat(bare.snapshot().notes()).anySatisfy(n -> assertThat(n).endsWith(": no prices"));
        }
    }

    /** What {@code alto catalog refresh --provider gcp --endpoint URL} does: the factory's service, into a store. */
    @Test
    void theProviderOffersTheRefreshAsAServiceThatWritesASnapshot(@TempDir Path dir) {
        ProviderContext context = new ProviderContext(null, "test-project", fronts.endpoint(), null, Map.of(), null);
        assertThat(Providers.named("gcp").service(ProviderService.class, context)).isEmpty();
        AtomicInteger lastRegionsDone = new AtomicInteger(-1);
        try (CatalogRefresher refresher = Providers.named("gcp").service(CatalogRefresher.class, context)
                .orElseThrow()) {
            assertThat(refresher.provider()).isEqualTo("gcp");
            SnapshotStore store = new SnapshotStore(dir);
            CatalogRefresher.Result r = refresher.refreshInto(store, new CatalogRefresher.Request(
                    List.of("us-central1"), 4, 3, SHIPPED, (done, started, regionsDone, total) -> {
                        assertThat(total).isEqualTo(1);
                        lastRegionsDone.accumulateAndGet(regionsDone, Math::max);
                    }));
            assertThat(lastRegionsDone).hasValue(1);
            Optional<CatalogSnapshot> written = store.read("gcp");
            assertThat(written).contains(r.snapshot());
            assertThat(written.orElseThrow().catalog().instanceType("us-central1", "n2-standard-4").orElseThrow()
                    .pricePerHour()).isEqualTo(SHIPPED.instanceType("us-central1", "n2-standard-4").orElseThrow()
                    .pricePerHour());
        }
    }

    private static List<Sku> servedSkus() {
        try (CloudCatalogClient billing = BillingClient.open(fronts.endpoint(), NoCredentialsProvider.create())) {
            List<Sku> out = new ArrayList<>();
            billing.listSkus(ListSkusRequest.newBuilder().setParent("services/6F81-5844-456A").build()).iterateAll()
                    .forEach(out::add);
            return out;
        }
    }

    private static BigDecimal tierZero(List<Sku> skus, String description, String usageType) {
        Sku sku = skus.stream().filter(s -> s.getDescription().equals(description))
                .filter(s -> s.getServiceRegionsList().contains("us-central1"))
                .filter(s -> s.getCategory().getUsageType().equals(usageType)).findFirst().orElseThrow();
        Money price = sku.getPricingInfo(0).getPricingExpression().getTieredRates(0).getUnitPrice();
        assertThat(sku.getPricingInfo(0).getPricingExpression().getTieredRates(0).getStartUsageAmount()).isZero();
        return BigDecimal.valueOf(price.getUnits()).add(BigDecimal.valueOf(price.getNanos(), 9));
    }
}
