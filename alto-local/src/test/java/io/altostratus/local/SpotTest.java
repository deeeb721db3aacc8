package io.altostratus.local;

import static io.altostratus.local.TestClouds.spot;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import io.altostratus.local.internal.SpotOps;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spot instances in the local cloud: their requests, prices and how the instance lifecycle moves a request. */
class SpotTest {
    private static final SpotOptions PERSISTENT = new SpotOptions(null, true);

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro");
    }

    private static AltoException error(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        return e;
    }

    /** The spot request an instance reports, or null for an on-demand one. */
    private static String requestId(Instance instance) {
        return Ec2InstanceDetails.of(instance).spotInstanceRequestId();
    }

    private static SpotRequest request(LocalCloud cloud, Instance instance) {
        return spot(cloud).spotRequests(List.of(requestId(instance))).get(0);
    }

    @Test
    void aSpotLaunchMakesSpotInstancesWithOneActiveRequestEach() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            assertThat(Capability.of(cloud)).contains(Capability.SPOT);
            List<Instance> launched = cloud.launch(spec().count(2).spot(new SpotOptions(0.05, false))
                    .tags(Map.of("team", "a")).build());
            Instance onDemand = cloud.launch(spec().build()).get(0);

            assertThat(launched).allSatisfy(i -> {
                assertThat(i.spot()).isTrue();
                assertThat(requestId(i)).matches("sir-[0-9a-f]{17}");
            });
            assertThat(requestId(launched.get(0))).isNotEqualTo(requestId(launched.get(1)));
            assertThat(onDemand.spot()).isFalse();
            assertThat(requestId(onDemand)).isNull();
            // every read reports it, not just the launch's answer
            assertThat(requestId(cloud.instance(launched.get(0).id())))
                    .isEqualTo(requestId(launched.get(0)));
            assertThat(cloud.instances(InstanceQuery.all())).filteredOn(Instance::spot).extracting(Instance::id)
                    .containsExactlyInAnyOrder(launched.get(0).id(), launched.get(1).id());

            List<SpotRequest> requests = spot(cloud).spotRequests(List.of());
            assertThat(requests).hasSize(2);
            SpotRequest first = request(cloud, launched.get(0));
            assertThat(first.type()).isEqualTo(SpotRequest.Type.ONE_TIME);
            assertThat(first.state()).isEqualTo(SpotRequest.State.ACTIVE);
            assertThat(first.statusCode()).isEqualTo("fulfilled");
            assertThat(first.instanceId()).isEqualTo(launched.get(0).id());
            assertThat(first.launchedZone()).isEqualTo(launched.get(0).zone());
            assertThat(first.instanceType()).isEqualTo("t3.micro");
            assertThat(first.maxPricePerHour()).isEqualTo(0.05);
            assertThat(first.createTime()).isEqualTo(clouds.clock.instant());
            assertThat(first.tags()).as("instance tags are the instance's, not the request's").isEmpty();
        }
    }

    @Test
    void withoutAMaxPriceTheRequestCapsAtTheOnDemandPrice() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            double onDemand = cloud.instanceTypes().stream().filter(t -> t.name().equals("t3.micro")).findFirst()
                    .orElseThrow().pricePerHour();
            assertThat(request(cloud, spot).maxPricePerHour()).isEqualTo(onDemand);
        }
    }

    @Test
    void spotPricesAreAFixedFractionOfOnDemandInEveryOfferingZone() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            double onDemand = cloud.instanceTypes().stream().filter(t -> t.name().equals("m5.large")).findFirst()
                    .orElseThrow().pricePerHour();
            List<SpotPrice> prices = spot(cloud).spotPrices(List.of("m5.large"), List.of());
            assertThat(prices).isNotEmpty();
            assertThat(prices).extracting(SpotPrice::zone).doesNotHaveDuplicates()
                    .allMatch(z -> cloud.instanceTypeOfferingsByZone().get(z).contains("m5.large"));
            assertThat(prices).allSatisfy(p -> {
                assertThat(p.instanceType()).isEqualTo("m5.large");
                assertThat(p.productDescription()).isEqualTo("Linux/UNIX");
                assertThat(p.pricePerHour()).isCloseTo(onDemand * SpotOps.SPOT_FRACTION,
                        org.assertj.core.data.Offset.offset(0.00006));
                assertThat(p.pricePerHour()).isLessThan(onDemand);
            });
            String zone = prices.get(0).zone();
            assertThat(spot(cloud).spotPrices(List.of("m5.large", "t3.micro"), List.of(zone)))
                    .extracting(SpotPrice::instanceType, SpotPrice::zone)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("m5.large", zone),
                            org.assertj.core.groups.Tuple.tuple("t3.micro", zone));
        }
    }

    @Test
    void aMaxPriceBelowTheSpotPriceFailsAndLaunchesNothing() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            double price = spot(cloud).spotPrices(List.of("t3.micro"), List.of()).get(0).pricePerHour();
            AltoException e = error(() -> cloud.launch(spec().count(3)
                    .spot(new SpotOptions(price / 2, false)).build()));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.providerCode()).isEqualTo("SpotMaxPriceTooLow");
            assertThat(e.getMessage()).contains("is lower than the minimum required Spot request fulfillment price of "
                    + SpotOps.format(price));
            assertThat(cloud.instances(InstanceQuery.all())).isEmpty();
            assertThat(spot(cloud).spotRequests(List.of())).isEmpty();
            assertThat(volumes(cloud).volumes()).as("no volume of the failed launch is left").isEmpty();

            assertThat(cloud.launch(spec().spot(new SpotOptions(price, false)).build()))
                    .as("exactly the spot price is enough").singleElement().extracting(Instance::spot)
                    .isEqualTo(true);
        }
    }

    @Test
    void aOneTimeSpotInstanceCannotBeStoppedAndNothingIsStopped() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            Instance plain = cloud.launch(spec().build()).get(0);

            AltoException e = error(() -> cloud.stop(List.of(plain.id(), spot.id()), false));
            assertThat(e.providerCode()).isEqualTo("UnsupportedOperation");
            assertThat(e.getMessage()).contains("You can't stop the Spot Instance '" + spot.id() + "'")
                    .contains("one-time Spot Instance request");
            assertThat(cloud.instance(plain.id()).state()).as("the other instance was not stopped either")
                    .isEqualTo(InstanceState.RUNNING);
            assertThat(cloud.instance(spot.id()).state()).isEqualTo(InstanceState.RUNNING);
            assertThat(request(cloud, spot).state()).isEqualTo(SpotRequest.State.ACTIVE);
        }
    }

    @Test
    void aPersistentSpotInstanceStopsWithItsRequestDisabledAndStartsWithItActive() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance spot = cloud.launch(spec().spot(PERSISTENT).build()).get(0);
            clouds.clock.advance(Duration.ofMinutes(5));

            cloud.stop(List.of(spot.id()), false);
            assertThat(cloud.instance(spot.id()).state()).isEqualTo(InstanceState.STOPPED);
            SpotRequest stopped = request(cloud, spot);
            assertThat(stopped.type()).isEqualTo(SpotRequest.Type.PERSISTENT);
            assertThat(stopped.state()).isEqualTo(SpotRequest.State.DISABLED);
            assertThat(stopped.statusCode()).isEqualTo("instance-stopped-by-user");
            assertThat(stopped.statusUpdateTime()).isEqualTo(clouds.clock.instant());

            cloud.start(List.of(spot.id()));
            SpotRequest started = request(cloud, spot);
            assertThat(started.state()).isEqualTo(SpotRequest.State.ACTIVE);
            assertThat(started.statusCode()).isEqualTo("fulfilled");
        }
    }

    @Test
    void terminatingClosesAOneTimeRequestAndLeavesAPersistentOneOpen() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance oneTime = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            Instance persistent = cloud.launch(spec().spot(PERSISTENT).build()).get(0);

            cloud.terminate(List.of(oneTime.id(), persistent.id()));

            SpotRequest closed = request(cloud, oneTime);
            assertThat(closed.state()).isEqualTo(SpotRequest.State.CLOSED);
            assertThat(closed.statusCode()).isEqualTo("instance-terminated-by-user");
            SpotRequest open = request(cloud, persistent);
            assertThat(open.state()).isEqualTo(SpotRequest.State.OPEN);
            assertThat(open.statusCode()).isEqualTo("instance-terminated-by-user");

            // terminating again changes nothing; cancelling the open one ends it
            cloud.terminate(List.of(oneTime.id()));
            assertThat(request(cloud, oneTime)).isEqualTo(closed);
            assertThat(spot(cloud).cancelSpotRequests(List.of(requestId(persistent))))
                    .singleElement().extracting(SpotRequest::state).isEqualTo(SpotRequest.State.CANCELLED);
        }
    }

    @Test
    void cancellingLeavesTheInstanceRunning() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);

            List<SpotRequest> cancelled = spot(cloud).cancelSpotRequests(List.of(requestId(spot)));

            assertThat(cancelled).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(SpotRequest.State.CANCELLED);
                assertThat(r.statusCode()).isEqualTo("request-canceled-and-instance-running");
            });
            assertThat(cloud.instance(spot.id()).state()).isEqualTo(InstanceState.RUNNING);
            assertThat(request(cloud, spot)).isEqualTo(cancelled.get(0));
            assertThat(spot(cloud).cancelSpotRequests(List.of(requestId(spot))))
                    .as("cancelling again answers it as it is").containsExactlyElementsOf(cancelled);

            cloud.terminate(List.of(spot.id()));
            SpotRequest after = request(cloud, spot);
            assertThat(after.state()).as("terminating after cancelling keeps it cancelled")
                    .isEqualTo(SpotRequest.State.CANCELLED);
            assertThat(after.statusCode()).isEqualTo("instance-terminated-by-user");
        }
    }

    @Test
    void unknownMalformedAndOtherAccountsRequestsFailAndCancelNothing() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open();
             LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            String mine = requestId(spot);

            AltoException notFound = error(() -> spot(cloud)
                    .cancelSpotRequests(List.of(mine, "sir-0123456789abcdef0")));
            assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(notFound.providerCode()).isEqualTo("InvalidSpotInstanceRequestID.NotFound");
            assertThat(request(cloud, spot).state()).as("nothing was cancelled").isEqualTo(SpotRequest.State.ACTIVE);

            AltoException malformed = error(() -> spot(cloud).spotRequests(List.of("sir-xyz")));
            assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(malformed.providerCode()).isEqualTo("InvalidSpotInstanceRequestID.Malformed");

            assertThat(spot(other).spotRequests(List.of())).isEmpty();
            assertThat(error(() -> spot(other).spotRequests(List.of(mine))).providerCode())
                    .isEqualTo("InvalidSpotInstanceRequestID.NotFound");
            assertThat(error(() -> spot(other).cancelSpotRequests(List.of(mine))).code())
                    .isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void requestsTakeTags() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            cloud.tag(requestId(spot), Map.of("owner", "me", "stage", "dev"));
            cloud.untag(requestId(spot), List.of("stage"));
            assertThat(request(cloud, spot).tags()).containsExactly(Map.entry("owner", "me"));
            assertThat(cloud.instance(spot.id()).tags()).isEmpty();
        }
    }

    @Test
    void aClientTokenReplayAnswersTheSameSpotInstancesWithoutNewRequests() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            List<Instance> first = cloud.launch(spec().count(2).clientToken("spot-1").spot(PERSISTENT).build());
            List<Instance> again = cloud.launch(spec().count(2).clientToken("spot-1").spot(PERSISTENT).build());
            assertThat(again).extracting(Instance::id, SpotTest::requestId)
                    .containsExactlyElementsOf(first.stream()
                            .map(i -> org.assertj.core.groups.Tuple.tuple(i.id(), requestId(i))).toList());
            assertThat(spot(cloud).spotRequests(List.of())).hasSize(2);
        }
    }

    @Test
    void requestsAndSpotInstancesSurviveReopeningTheStateDirectory(@TempDir Path dir) {
        Instance spot;
        SpotRequest stored;
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            spot = cloud.launch(spec().spot(PERSISTENT).build()).get(0);
            cloud.stop(List.of(spot.id()), false);
            stored = request(cloud, spot);
        }
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            Instance read = cloud.instance(spot.id());
            assertThat(read.spot()).isTrue();
            assertThat(requestId(read)).isEqualTo(requestId(spot));
            assertThat(spot(cloud).spotRequests(List.of())).containsExactly(stored);
            assertThat(stored.state()).isEqualTo(SpotRequest.State.DISABLED);
        }
    }

    @Test
    void theFacadeReachesSpotRequests() {
        try (TestClouds clouds = new TestClouds(); Cloud cloud = new Cloud(clouds.open())) {
            Instance spot = cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0);
            assertThat(cloud.require(SpotRequests.class).spotRequests(List.of())).extracting(SpotRequest::instanceId)
                    .containsExactly(spot.id());
            assertThat(cloud.require(SpotRequests.class).cancelSpotRequests(List.of(requestId(spot)))).singleElement()
                    .extracting(SpotRequest::state).isEqualTo(SpotRequest.State.CANCELLED);
            assertThat(cloud.require(SpotRequests.class).spotPrices(List.of("t3.micro"), List.of())).isNotEmpty();
        }
    }
}
