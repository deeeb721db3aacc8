package io.altostratus.azure.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.azure.internal.ArmClients;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The azure catalog refresh against an in-process ARM endpoint serving the recorded eastus sizes and Microsoft's
 * documented resource SKU example, and our Retail Prices front over the shipped catalog's prices.
 */
class AzureCatalogRefreshTest {
    private static final Catalog SHIPPED = Catalogs.azure();
    private FakeArm arm;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(FakeArm.SKUS_EXAMPLE) && Files.isReadable(FakeArm.VM_SIZES),
                "skipped: the recorded Azure responses are not at " + FakeArm.WIRE
                        + " (resourceSkus_list_docexample.json, vmSizes_list_eastus.json.gz)");
        arm = new FakeArm();
    }

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1.0, false);

    private ArmClients clients() {
        return new ArmClients(arm.url(), FakeArm.SUBSCRIPTION, null, "test-token");
    }

    /** The service as the provider hands it out: prices from the ARM endpoint itself, where alto serve mounts them. */
    private CatalogRefresher refresher() {
        return new AzureCatalogRefresher(clients(), arm.url(), 4, QUICK, d -> {
        }, Retrier.Listener.NONE, Clock.systemUTC());
    }

    private static CatalogRefresher.Request request(List<String> regions) {
        return new CatalogRefresher.Request(regions, 16, 1, null, null);
    }

    @Test
    void namedLocationsGetTheirSizesZonesRestrictionsPricesAndTheNewestImages() {
        CatalogRefresher.Result result = refresher().refresh(request(List.of("eastus", "westus")));
        CatalogSnapshot snapshot = result.snapshot();
        Catalog refreshed = snapshot.catalog();

        // Sizes with the figures of their SKU capabilities.
        InstanceType b2s = refreshed.instanceType("eastus", "Standard_B2s").orElseThrow();
        assertThat(b2s.vcpus()).isEqualTo(2);
        assertThat(b2s.memoryMiB()).isEqualTo(4096);
        assertThat(b2s.burstable()).isTrue();
        assertThat(b2s.architectures()).containsExactly(Architecture.X86_64);
        assertThat(refreshed.instanceType("eastus", "Standard_D2ps_v5").orElseThrow().architectures())
                .containsExactly(Architecture.ARM64);
        InstanceType a0 = refreshed.instanceType("westus", "Standard_A0").orElseThrow();
        assertThat(a0.vcpus()).isEqualTo(1);
        assertThat(a0.memoryMiB()).isEqualTo(768);
        assertThat(a0.localStorageGiB()).isEqualTo(20);

        // Zones from locationInfo, named as the shipped catalog names them; restrictions honoured.
        assertThat(refreshed.zones("eastus")).extracting(Zone::name)
                .containsExactly("eastus-1", "eastus-2", "eastus-3");
        assertThat(refreshed.zones("westus")).extracting(Zone::name).containsExactly("westus-1", "westus-2",
                "westus-3");
        CatalogSnapshot.Offer b2sOffer = offer(snapshot, "eastus", "Standard_B2s");
        assertThat(b2sOffer.zones()).containsExactly("eastus-1", "eastus-2");
        assertThat(refreshed.typesOfferedInZone("eastus-3")).doesNotContain("Standard_B2s").contains("Standard_B1s");
        assertThat(offer(snapshot, "westus", "Standard_A0").zones()).containsExactly("westus-1", "westus-2");
        assertThat(refreshed.instanceType("eastus", "Standard_D2s_v3")).isEmpty();
        assertThat(refreshed.instanceType("eastus", "Premium_LRS")).isEmpty();
        assertThat(offer(snapshot, "eastus", "Standard_B1s")).isNotNull();
        assertThat(snapshot.region("eastus").offers()).hasSize(arm.skus("eastus").size() - 2);

        // Prices from the Retail Prices API: on demand and Spot, as the served catalog has them.
        assertThat(b2sOffer.pricePerHour())
                .isEqualTo(SHIPPED.instanceType("eastus", "Standard_B2s").orElseThrow().pricePerHour());
        // The B series has no Spot meter; the A v2 series has one.
        assertThat(b2sOffer.spotPricePerHour()).isNull();
        CatalogSnapshot.Offer a2v2 = offer(snapshot, "eastus", "Standard_A2_v2");
        assertThat(a2v2.pricePerHour())
                .isEqualTo(SHIPPED.instanceType("eastus", "Standard_A2_v2").orElseThrow().pricePerHour());
        assertThat(a2v2.spotPricePerHour())
                .isEqualTo(SHIPPED.spotPricePerHour("eastus", "Standard_A2_v2").orElseThrow());
        assertThat(a2v2.spotPricePerHour()).isLessThan(a2v2.pricePerHour());
        // Sizes the price list does not know stay unpriced rather than borrowing a price.
        assertThat(offer(snapshot, "westus", "Standard_A0").pricePerHour()).isNull();

        // The newest version of each series, compared as numbers (1888 after 999).
        List<Image> images = refreshed.images("eastus");
        assertThat(images).hasSize(AzureCatalogRefresh.IMAGES.size());
        assertThat(images).extracting(Image::id).contains(
                "Canonical:ubuntu-24_04-lts:server:" + FakeArm.NEWEST,
                "Debian:debian-12:12-arm64:" + FakeArm.NEWEST);
        Image noble = images.stream().filter(i -> i.id().startsWith("Canonical:ubuntu-24_04-lts:server:"))
                .findFirst().orElseThrow();
        assertThat(noble.distro()).isEqualTo("ubuntu");
        assertThat(noble.release()).isEqualTo("24.04");
        assertThat(noble.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(noble.creationDate()).hasToString("2024-10-04T00:00:00Z");

        // The other shipped locations are carried over; the logical location never appears.
        assertThat(refreshed.regions()).hasSize(SHIPPED.regions().size());
        assertThat(snapshot.region("europe")).isNull();
        assertThat(snapshot.notes()).anyMatch(n -> n.startsWith("regions not refreshed"));
    }

    @Test
    void callsAreCountedAndTheCriticalPathIsTheLongestPerLocationChain() {
        CatalogRefresher.Result named = refresher().refresh(request(List.of("eastus", "westus")));
        CatalogRefresher.Stats stats = named.stats();
        int eastusSkuPages = arm.skuPages("eastus");
        int eastusPricePages = arm.pricePages.get("eastus").get();
        assertThat(eastusSkuPages).isEqualTo(4);
        assertThat(eastusPricePages).isGreaterThan(1);
        assertThat(stats.calls()).isEqualTo(arm.total());
        assertThat(stats.attempts()).isEqualTo(arm.total());
        assertThat(arm.requests("locations")).isEqualTo(1);
        assertThat(arm.requests("images")).isEqualTo(AzureCatalogRefresh.IMAGES.size());
        assertThat(arm.requests("skus")).isEqualTo(eastusSkuPages + arm.skuPages("westus"));
        // Everything starts at once when the locations are named: the longest chain of pages is the path.
        assertThat(stats.criticalPath()).isEqualTo(Math.max(eastusSkuPages, eastusPricePages));
        assertThat(stats.regions()).isEqualTo(2);
        assertThat(stats.images()).isEqualTo(AzureCatalogRefresh.IMAGES.size());
        System.out.printf("azure refresh, 2 named locations: %d calls, critical path %d (%d SKU pages, %d price"
                        + " pages in eastus), %d types, %d offers, %d images%n", stats.calls(), stats.criticalPath(),
                eastusSkuPages, eastusPricePages, stats.types(), stats.offers(), stats.images());

        int before = arm.total();
        CatalogRefresher.Stats all = refresher().refresh(request(null)).stats();
        assertThat(all.calls()).isEqualTo(arm.total() - before);
        // Without named locations the per-location chains wait for the location list: one call deeper.
        assertThat(all.criticalPath()).isEqualTo(stats.criticalPath() + 1);
        assertThat(all.regions()).isEqualTo(2);
        System.out.printf("azure refresh, every location: %d calls, critical path %d%n", all.calls(),
                all.criticalPath());
    }

    @Test
    void withoutAPricesApiThePricesOfTheShippedTierAreCarriedOverAndSaidSo() {
        CatalogRefresher.Result result = AzureCatalogRefresh.builder().clients(clients(), arm.url())
                .pricesUrl(arm.url() + "/no-prices-here").retries(4, QUICK, d -> {
                }).request(request(List.of("eastus"))).build().run();
        CatalogSnapshot.Offer a2v2 = offer(result.snapshot(), "eastus", "Standard_A2_v2");
        assertThat(a2v2.pricePerHour())
                .isEqualTo(SHIPPED.instanceType("eastus", "Standard_A2_v2").orElseThrow().pricePerHour());
        assertThat(a2v2.spotPricePerHour())
                .isEqualTo(SHIPPED.spotPricePerHour("eastus", "Standard_A2_v2").orElseThrow());
        assertThat(result.snapshot().notes()).anyMatch(n -> n.contains("Retail Prices API") && n.contains("HTTP404")
                && n.contains("carried over"));
    }

    @Test
    void throttledCallsAreRetriedAndEveryAttemptIsCounted() {
        arm.throttle("skus", 2);
        arm.throttle("prices", 1);
        CatalogRefresher.Stats stats = refresher().refresh(request(List.of("westus"))).stats();
        // 1 location list + 6 image lists + 1 SKU page + the westus price pages, each answered once.
        int pricePages = arm.pricePages.get("westus").get();
        assertThat(stats.calls()).isEqualTo(1 + 6 + 1 + pricePages);
        assertThat(stats.attempts()).isEqualTo(stats.calls() + 3);
        assertThat(arm.total()).isEqualTo((int) stats.attempts());
        assertThat(stats.criticalPath()).isEqualTo(pricePages);
    }

    @Test
    void aCallStillThrottledAfterItsLastTryFailsTheRefreshAsThrottled() {
        arm.throttle("skus", 10);
        assertThatThrownBy(() -> refresher().refresh(request(List.of("westus"))))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED));
    }

    @Test
    void keepBuildsKeepsTheNewestVersionsOfEachSeries() {
        CatalogRefresher.Result result = refresher().refresh(
                new CatalogRefresher.Request(List.of("westus"), 8, 2, null, null));
        List<String> noble = result.snapshot().catalog().images("westus").stream().map(Image::id)
                .filter(id -> id.startsWith("Canonical:ubuntu-24_04-lts:server:")).sorted().toList();
        assertThat(noble).containsExactly("Canonical:ubuntu-24_04-lts:server:0.20241004.1888",
                "Canonical:ubuntu-24_04-lts:server:0.20241004.999");
        assertThat(result.stats().images()).isEqualTo(2 * AzureCatalogRefresh.IMAGES.size());
    }

    @Test
    void aLocationTheSubscriptionDoesNotListIsAnInvalidParameter() {
        assertThatThrownBy(() -> refresher().refresh(request(List.of("eastus", "marsnorth"))))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("marsnorth");
                });
    }

    @Test
    void versionsCompareAsNumbersPartByPart() {
        assertThat(AzureCatalogRefresh.compareVersions("0.20241004.1888", "0.20241004.999")).isPositive();
        assertThat(AzureCatalogRefresh.compareVersions("24.04.202411030", "24.04.202409120")).isPositive();
        assertThat(AzureCatalogRefresh.compareVersions("1.2", "1.2.0")).isZero();
        assertThat(Set.of(AzureCatalogRefresh.compareVersions("22.04.1", "24.04.0"))).containsOnly(-1);
    }

    private static CatalogSnapshot.Offer offer(CatalogSnapshot snapshot, String region, String type) {
        return snapshot.region(region).offers().stream().filter(o -> o.type().equals(type)).findFirst()
                .orElse(null);
    }
}
