package io.altostratus.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

/** A refresh against the gateway in-process yields exactly what the gateway serves from the shipped catalog. */
class AwsCatalogRefreshTest {
    private static final StaticCredentialsProvider TEST_KEY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final Catalog SHIPPED = Catalogs.aws();

    private static CatalogGateway gateway;
    private static CatalogRefresher.Result full;

    @BeforeAll
    static void refreshEveryRegion() {
        gateway = new CatalogGateway(Duration.ZERO);
        full = AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY).fallback(SHIPPED)
                .keepBuilds(0).build().run();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyRegionWithItsZonesAndOfferingsPerZone() {
        CatalogSnapshot s = full.snapshot();
        assertThat(s.regions()).extracting(CatalogSnapshot.RegionData::region).isEqualTo(SHIPPED.regions().stream()
                .map(r -> new Region(r.name(), r.displayName(), r.endpoint(), r.optIn())).toList());
        assertThat(s.regions()).hasSizeGreaterThanOrEqualTo(30);
        for (CatalogSnapshot.RegionData r : s.regions()) {
            assertThat(r.zones()).as(r.name()).isEqualTo(SHIPPED.zones(r.name()));
            assertThat(r.offers()).extracting(CatalogSnapshot.Offer::type).as(r.name())
                    .containsExactlyElementsOf(SHIPPED.instanceTypes(r.name()).stream().map(InstanceType::name)
                            .sorted().toList());
            Map<String, Set<String>> byZone = new HashMap<>();
            for (CatalogSnapshot.Offer o : r.offers()) {
                o.zones().forEach(z -> byZone.computeIfAbsent(z, k -> new TreeSet<>()).add(o.type()));
            }
            for (Zone z : r.zones()) {
                assertThat(byZone.getOrDefault(z.name(), Set.of())).as(z.name())
                        .isEqualTo(new TreeSet<>(SHIPPED.typesOfferedInZone(z.name())));
            }
        }
        assertThat(full.stats().regions()).isEqualTo(s.regions().size());
        assertThat(full.stats().offers()).isEqualTo(s.offerCount());
    }

    @Test
    void offeringCountsEqualWhatTheGatewayAnswersToAPlainPaginator() {
        for (String region : List.of("us-east-1", "il-central-1", "ap-southeast-5")) {
            try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(gateway.endpoint()).credentialsProvider(TEST_KEY)
                    .region(software.amazon.awssdk.regions.Region.of(region)).build()) {
                List<InstanceTypeOffering> regional = ec2.describeInstanceTypeOfferingsPaginator(r -> r
                        .locationType(LocationType.REGION)).instanceTypeOfferings().stream().toList();
                long zonal = ec2.describeInstanceTypeOfferingsPaginator(r -> r
                        .locationType(LocationType.AVAILABILITY_ZONE)).instanceTypeOfferings().stream().count();
                CatalogSnapshot.RegionData data = full.snapshot().region(region);
                assertThat(data.offers()).as(region).hasSize(regional.size());
                assertThat(data.offers().stream().mapToLong(o -> o.zones().size()).sum()).as(region).isEqualTo(zonal);
            }
        }
    }

    @Test
    void everyTypeFieldByField() {
        Map<String, InstanceType> expected = new HashMap<>();
        for (Region r : SHIPPED.regions()) {
            SHIPPED.instanceTypes(r.name()).forEach(t -> expected.putIfAbsent(t.name(), t.withPrice(null)));
        }
        assertThat(full.snapshot().types()).hasSize(expected.size());
        for (InstanceType t : full.snapshot().types()) {
            assertThat(t).isEqualTo(expected.get(t.name()));
        }
        // Every kind of field is set on some type, so the comparison above covers each of them.
        List<InstanceType> got = full.snapshot().types();
        assertThat(got).anyMatch(t -> t.gpus() > 1 && t.gpuModel() != null)
                .anyMatch(InstanceType::burstable)
                .anyMatch(t -> t.architectures().equals(List.of(io.altostratus.core.model.Architecture.ARM64)))
                .anyMatch(t -> t.localStorageGiB() > 0)
                .anyMatch(t -> !t.currentGeneration())
                .anyMatch(t -> t.networkPerformance() != null);
    }

    @Test
    void pricesComeFromTheFallbackAndTheMissingSourcesAreNoted() {
        CatalogSnapshot.RegionData east = full.snapshot().region("us-east-1");
        for (CatalogSnapshot.Offer o : east.offers()) {
            assertThat(o.pricePerHour()).as(o.type())
                    .isEqualTo(SHIPPED.instanceType("us-east-1", o.type()).orElseThrow().pricePerHour());
            // The gateway's local cloud answers DescribeSpotPriceHistory with its fixed fraction of on-demand.
            assertThat(o.spotPricePerHour()).as(o.type()).isNotNull().isPositive();
            if (o.pricePerHour() != null) {
                assertThat(o.spotPricePerHour()).as(o.type()).isCloseTo(
                        o.pricePerHour() * io.altostratus.local.internal.SpotOps.SPOT_FRACTION,
                        org.assertj.core.data.Offset.offset(0.0001));
            }
        }
        assertThat(full.snapshot().notes()).noneMatch(n -> n.startsWith("DescribeSpotPriceHistory was not answered"))
                .anyMatch(n -> n.contains("Pricing API was not queried"));
    }

    /**
     * The refresh keeps the well-known images the endpoint lists: here the local cloud's, which are the shipped
     * catalog's (compared field by field) plus moto's default AMIs, served in every region so moto-style suites find
     * them (the refresh reads their distro from their names, which moto's file does not give; compared by id).
     */
    @Test
    void wellKnownImagesFieldByField() {
        java.util.Set<String> moto = io.altostratus.catalog.MotoImages.all().stream().map(Image::id)
                .collect(java.util.stream.Collectors.toSet());
        for (CatalogSnapshot.RegionData r : full.snapshot().regions()) {
            List<Image> expected = SHIPPED.images(r.name()).stream()
                    .filter(i -> ImagePatterns.kindOf(i.ownerId(), i.ownerAlias(), i.name()) != null)
                    .sorted(java.util.Comparator.comparing(Image::name).thenComparing(Image::id)).toList();
            assertThat(expected).as(r.name()).isNotEmpty();
            assertThat(r.images().stream().filter(i -> !moto.contains(i.id())).toList()).as(r.name())
                    .isEqualTo(expected);
            List<String> wellKnownMoto = io.altostratus.catalog.MotoImages.all().stream()
                    .filter(i -> ImagePatterns.kindOf(i.ownerId(), i.ownerAlias(), i.name()) != null)
                    .map(Image::id).toList();
            assertThat(r.images()).extracting(Image::id).as(r.name()).containsAll(wellKnownMoto);
        }
    }

    @Test
    void theCriticalPathIsShortAndEveryCallCounted() {
        // DescribeRegions, then region offerings (one page of up to 1000), then the type batches; beside them the
        // spot price pages, one per 1000 type-and-zone prices (a few for the largest regions).
        assertThat(full.stats().criticalPath()).isBetween(3, 10);
        assertThat(full.stats().calls()).isGreaterThan(30L * 4);
        assertThat(full.stats().attempts()).isGreaterThanOrEqualTo(full.stats().calls());
    }

    @Test
    void anInterruptedRefreshLeavesThePreviousSnapshotIntact(@TempDir Path dir) throws Exception {
        SnapshotStore store = new SnapshotStore(dir);
        AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY).fallback(SHIPPED)
                .regions(List.of("us-east-1", "eu-west-1")).carryOver(false).build().refreshInto(store);
        byte[] before = Files.readAllBytes(store.file("aws"));
        CatalogSnapshot previous = store.read("aws").orElseThrow();

        AtomicInteger requests = new AtomicInteger();
        ExecutionInterceptor fault = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (requests.incrementAndGet() == 25) {
                    throw new IllegalStateException("injected fault: connection lost");
                }
            }
        };
        AwsCatalogRefresh broken = AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY)
                .fallback(SHIPPED).interceptor(fault).build();
        assertThatThrownBy(() -> broken.refreshInto(store)).isInstanceOf(AltoException.class)
                .hasMessageContaining("injected fault");

        assertThat(requests.get()).isGreaterThanOrEqualTo(25);
        assertThat(Files.readAllBytes(store.file("aws"))).isEqualTo(before);
        assertThat(store.read("aws")).contains(previous);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("aws.json.gz");
        }
    }

    @Test
    void throttledAnswersAreRetriedAndCountedAsAttempts() {
        AtomicInteger throttled = new AtomicInteger();
        ExecutionInterceptor throttle = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                                                      ExecutionAttributes attributes) {
                return throttled.incrementAndGet() <= 3
                        ? context.httpResponse().toBuilder().statusCode(503).build() : context.httpResponse();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                   ExecutionAttributes attributes) {
                if (context.httpResponse().statusCode() != 503) {
                    return context.responseBody();
                }
                String body = "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
                        + "exceeded.</Message></Error></Errors><RequestID>t</RequestID></Response>";
                return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            }
        };
        CatalogRefresher.Result r = AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY)
                .fallback(SHIPPED).regions(List.of("eu-north-1")).carryOver(false).interceptor(throttle).build().run();
        assertThat(r.stats().attempts()).isEqualTo(r.stats().calls() + 3);
        assertThat(r.snapshot().region("eu-north-1").offers()).hasSize(SHIPPED.instanceTypes("eu-north-1").size());
    }

    @Test
    void aSubsetCarriesTheOtherRegionsOver() {
        CatalogSnapshot s = AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY)
                .fallback(SHIPPED).regions(List.of("eu-north-1")).build().run().snapshot();
        assertThat(s.regions()).hasSize(SHIPPED.regions().size());
        assertThat(s.notes()).anyMatch(n -> n.startsWith("regions not refreshed") && !n.contains("eu-north-1,"));
        assertThat(s.catalog().instanceTypes("us-west-2"))
                .isEqualTo(SHIPPED.instanceTypes("us-west-2").stream().toList());
    }

    @Test
    void theProvidersRefreshServiceCallsTheContextsEndpointAsTheContextsKeys(@TempDir Path dir) {
        ManualClock clock = new ManualClock();
        ProviderContext context = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT,
                gateway.endpoint().toString(), null, Map.of("access_key_id", "test", "secret_access_key", "test"),
                clock);
        AtomicInteger updates = new AtomicInteger();
        SnapshotStore store = new SnapshotStore(dir);
        CatalogRefresher.Result r;
        try (CatalogRefresher refresher = Providers.named("aws").service(CatalogRefresher.class, context)
                .orElseThrow()) {
            assertThat(refresher.provider()).isEqualTo("aws");
            r = refresher.refreshInto(store, new CatalogRefresher.Request(List.of("eu-north-1"), 4, 0, SHIPPED,
                    (done, started, regionsDone, regionsTotal) -> updates.incrementAndGet()));
        }
        assertThat(r.snapshot().region("eu-north-1").offers()).hasSize(SHIPPED.instanceTypes("eu-north-1").size());
        assertThat(r.snapshot().source().takenAt()).isEqualTo(clock.instant());
        assertThat(store.read("aws")).contains(r.snapshot());
        assertThat((long) updates.get()).as("a progress update after every call").isGreaterThanOrEqualTo(
                r.stats().calls());
    }

    @Test
    void theAwsProviderOffersNoOtherService() {
        ProviderContext context = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT,
                gateway.endpoint().toString(), null, Map.of(), null);
        assertThat(Providers.named("aws").service(ProviderService.class, context)).isEmpty();
    }

    @Test
    void anUnknownRegionIsRefusedBeforeAnythingElseIsAsked() {
        assertThatThrownBy(() -> AwsCatalogRefresh.builder().endpoint(gateway.endpoint()).credentials(TEST_KEY)
                .regions(List.of("xx-nowhere-1")).build().run())
                .isInstanceOf(AltoException.class).hasMessageContaining("xx-nowhere-1");
    }
}
