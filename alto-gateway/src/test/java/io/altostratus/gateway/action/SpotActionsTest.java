package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertCode;
import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CancelledSpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceState;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Spot instances, requests and prices through the real SDK over the local cloud. */
class SpotActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private static final String AMI = Catalogs.aws().images("us-east-1").stream()
            .filter(i -> i.architecture() == Architecture.X86_64 && Image.AVAILABLE.equals(i.state()))
            .findFirst().orElseThrow().id();
    private static final String MISSING = "sir-0fedcba9876543210";

    private Ec2Client ec2() {
        return gw.client();
    }

    private List<Instance> runSpot(int count, Consumer<SpotMarketOptions.Builder> options) {
        return ec2().runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(count).maxCount(count)
                .instanceMarketOptions(m -> m.marketType("spot").spotOptions(options))).instances();
    }

    private SpotInstanceRequest request(String id) {
        return ec2().describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(id)).spotInstanceRequests().get(0);
    }

    private List<String> requestIds(Filter... filters) {
        return ec2().describeSpotInstanceRequests(r -> r.filters(filters)).spotInstanceRequests().stream()
                .map(SpotInstanceRequest::spotInstanceRequestId).sorted().toList();
    }

    private double spotPrice(String type) {
        return Double.parseDouble(ec2().describeSpotPriceHistory(r -> r.instanceTypesWithStrings(type))
                .spotPriceHistory().get(0).spotPrice());
    }

    @Test
    void runInstancesWithSpotMarketOptionsLaunchesSpotInstancesWithRequests() {
        List<Instance> launched = runSpot(2, s -> s.maxPrice("0.05").spotInstanceType("one-time"));

        assertThat(launched).allSatisfy(i -> {
            assertThat(i.instanceLifecycle()).isEqualTo(InstanceLifecycleType.SPOT);
            assertThat(i.spotInstanceRequestId()).matches("sir-[0-9a-f]{17}");
        });
        Instance described = ec2().describeInstances(r -> r.instanceIds(launched.get(0).instanceId()))
                .reservations().get(0).instances().get(0);
        assertThat(described.instanceLifecycle()).isEqualTo(InstanceLifecycleType.SPOT);
        assertThat(described.spotInstanceRequestId()).isEqualTo(launched.get(0).spotInstanceRequestId());
        assertThat(ec2().describeInstances(r -> r.filters(filter("instance-lifecycle", "spot"))).reservations()
                .stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId))
                .containsExactlyInAnyOrder(launched.get(0).instanceId(), launched.get(1).instanceId());

        SpotInstanceRequest request = request(launched.get(0).spotInstanceRequestId());
        assertThat(request.instanceId()).isEqualTo(launched.get(0).instanceId());
        assertThat(request.type()).isEqualTo(SpotInstanceType.ONE_TIME);
        assertThat(request.state()).isEqualTo(SpotInstanceState.ACTIVE);
        assertThat(request.status().code()).isEqualTo("fulfilled");
        assertThat(request.status().updateTime()).isNotNull();
        assertThat(request.spotPrice()).isEqualTo("0.050000");
        assertThat(request.launchedAvailabilityZone()).isEqualTo(described.placement().availabilityZone());
        assertThat(request.createTime()).isNotNull();
        assertThat(request.productDescriptionAsString()).isEqualTo("Linux/UNIX");
        assertThat(request.launchSpecification().imageId()).isEqualTo(AMI);
        assertThat(request.launchSpecification().instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(request.launchSpecification().securityGroups()).extracting(g -> g.groupId())
                .containsExactlyElementsOf(described.securityGroups().stream().map(g -> g.groupId()).toList());
        assertThat(request.tags()).isEmpty();
        assertThat(gw.lastBody()).contains("<tagSet/>").doesNotContain("<tagSet><item/></tagSet>");
    }

    @Test
    void aMaxPriceBelowTheSpotPriceIsRefusedAndLaunchesNothing() {
        double price = spotPrice("t3.micro");
        String tooLow = new BigDecimal(Double.toString(price / 2)).toPlainString();
        var e = ec2Error(() -> runSpot(1, s -> s.maxPrice(tooLow)), "SpotMaxPriceTooLow");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).contains("lower than the minimum required Spot request "
                + "fulfillment price");
        assertThat(ec2().describeInstances().reservations()).isEmpty();
        assertThat(ec2().describeSpotInstanceRequests().spotInstanceRequests()).isEmpty();
    }

    @Test
    void stoppingAOneTimeSpotInstanceIsRefusedAndAPersistentOneStops() {
        String oneTime = runSpot(1, s -> s.spotInstanceType("one-time")).get(0).instanceId();
        Instance persistent = runSpot(1, s -> s.spotInstanceType("persistent")).get(0);

        var e = ec2Error(() -> ec2().stopInstances(r -> r.instanceIds(oneTime)), "UnsupportedOperation");
        assertThat(e.awsErrorDetails().errorMessage()).contains("one-time Spot Instance request");

        ec2().stopInstances(r -> r.instanceIds(persistent.instanceId()));
        SpotInstanceRequest disabled = request(persistent.spotInstanceRequestId());
        assertThat(disabled.type()).isEqualTo(SpotInstanceType.PERSISTENT);
        assertThat(disabled.state()).isEqualTo(SpotInstanceState.DISABLED);
        assertThat(disabled.status().code()).isEqualTo("instance-stopped-by-user");
    }

    @Test
    void terminatingClosesTheRequestAndCancellingLeavesTheInstanceRunning() {
        Instance closedOne = runSpot(1, s -> { }).get(0);
        Instance kept = runSpot(1, s -> { }).get(0);

        ec2().terminateInstances(r -> r.instanceIds(closedOne.instanceId()));
        SpotInstanceRequest closed = request(closedOne.spotInstanceRequestId());
        assertThat(closed.state()).isEqualTo(SpotInstanceState.CLOSED);
        assertThat(closed.status().code()).isEqualTo("instance-terminated-by-user");

        List<CancelledSpotInstanceRequest> cancelled = ec2().cancelSpotInstanceRequests(r -> r
                .spotInstanceRequestIds(kept.spotInstanceRequestId(), closedOne.spotInstanceRequestId()))
                .cancelledSpotInstanceRequests();
        assertThat(cancelled).extracting(CancelledSpotInstanceRequest::spotInstanceRequestId,
                        CancelledSpotInstanceRequest::stateAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kept.spotInstanceRequestId(), "cancelled"),
                        org.assertj.core.groups.Tuple.tuple(closedOne.spotInstanceRequestId(), "closed"));
        assertThat(request(kept.spotInstanceRequestId()).status().code())
                .isEqualTo("request-canceled-and-instance-running");
        assertThat(ec2().describeInstances(r -> r.instanceIds(kept.instanceId())).reservations().get(0)
                .instances().get(0).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void describeFiltersOnWhatIsStored() {
        Instance oneTime = runSpot(1, s -> s.spotInstanceType("one-time")).get(0);
        Instance persistent = runSpot(1, s -> s.spotInstanceType("persistent")).get(0);
        Instance cancelled = runSpot(1, s -> { }).get(0);
        ec2().cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(cancelled.spotInstanceRequestId()));
        ec2().createTags(r -> r.resources(persistent.spotInstanceRequestId())
                .tags(Tag.builder().key("team").value("blue").build()));
        String a = oneTime.spotInstanceRequestId();
        String b = persistent.spotInstanceRequestId();
        String c = cancelled.spotInstanceRequestId();

        assertThat(requestIds(filter("type", "persistent"))).containsExactly(b);
        assertThat(requestIds(filter("state", "active"))).containsExactlyInAnyOrder(a, b);
        assertThat(requestIds(filter("state", "cancelled", "closed"))).containsExactly(c);
        assertThat(requestIds(filter("status-code", "request-canceled-*"))).containsExactly(c);
        assertThat(requestIds(filter("instance-id", oneTime.instanceId(), persistent.instanceId())))
                .containsExactlyInAnyOrder(a, b);
        assertThat(requestIds(filter("state", "active"), filter("type", "one-time"))).containsExactly(a);
        assertThat(requestIds(filter("launched-availability-zone", oneTime.placement().availabilityZone())))
                .contains(a);
        assertThat(requestIds(filter("launched-availability-zone", "eu-west-9?"))).isEmpty();
        assertThat(requestIds(filter("spot-instance-request-id", "sir-*"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(requestIds(filter("launch.instance-type", "t3.*"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(requestIds(filter("tag:team", "blue"))).containsExactly(b);
        assertThat(requestIds(filter("tag-key", "team"))).containsExactly(b);
        assertThat(requestIds(filter("fault-code", "*"))).as("no request has a fault").isEmpty();
        assertThat(request(b).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue"));
        assertCode(() -> requestIds(filter("no-such-filter", "x")), "InvalidParameterValue", 400);
    }

    @Test
    void describePagesWithMaxResultsAndNextToken() {
        List<String> all = runSpot(7, s -> { }).stream().map(Instance::spotInstanceRequestId).sorted().toList();

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeSpotInstanceRequestsResponse page = ec2().describeSpotInstanceRequests(r -> r.maxResults(5)
                    .nextToken(t));
            page.spotInstanceRequests().forEach(s -> seen.add(s.spotInstanceRequestId()));
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty());
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(ec2().describeSpotInstanceRequestsPaginator(r -> r.maxResults(5)).spotInstanceRequests()
                .stream().map(SpotInstanceRequest::spotInstanceRequestId).toList()).containsExactlyElementsOf(all);
        assertCode(() -> ec2().describeSpotInstanceRequests(r -> r.maxResults(4)), "InvalidParameterValue", 400);
        assertCode(() -> ec2().describeSpotInstanceRequests(r -> r.maxResults(5).spotInstanceRequestIds(all.get(0))),
                "InvalidParameterCombination", 400);
    }

    @Test
    void errorsAndDryRun() {
        String real = runSpot(1, s -> { }).get(0).spotInstanceRequestId();

        assertCode(() -> ec2().describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(MISSING)),
                "InvalidSpotInstanceRequestID.NotFound", 400);
        assertCode(() -> ec2().describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-nothex")),
                "InvalidSpotInstanceRequestID.Malformed", 400);
        assertCode(() -> ec2().cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(real, MISSING)),
                "InvalidSpotInstanceRequestID.NotFound", 400);
        assertThat(request(real).state()).as("a failed cancel cancels nothing").isEqualTo(SpotInstanceState.ACTIVE);
        assertCode(() -> ec2().cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds("i-0123456789abcdef0")),
                "InvalidSpotInstanceRequestID.Malformed", 400);
        assertDryRun(() -> ec2().cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(real).dryRun(true)));
        assertDryRun(() -> ec2().describeSpotInstanceRequests(r -> r.dryRun(true)));
        assertThat(request(real).state()).as("a dry run cancels nothing").isEqualTo(SpotInstanceState.ACTIVE);
    }

    @Test
    void otherAccountsSeeNoneOfThisAccountsRequests() {
        String mine = runSpot(1, s -> { }).get(0).spotInstanceRequestId();
        Ec2Client other = gw.otherAccount();

        assertThat(other.describeSpotInstanceRequests().spotInstanceRequests()).isEmpty();
        assertCode(() -> other.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(mine)),
                "InvalidSpotInstanceRequestID.NotFound", 400);
        assertCode(() -> other.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(mine)),
                "InvalidSpotInstanceRequestID.NotFound", 400);
        assertThat(request(mine).state()).isEqualTo(SpotInstanceState.ACTIVE);
    }

    @Test
    void priceHistoryHasTheCurrentPricePerTypeAndZone() {
        List<SpotPrice> micro = ec2().describeSpotPriceHistory(r -> r.instanceTypesWithStrings("t3.micro"))
                .spotPriceHistory();
        assertThat(micro).isNotEmpty().allSatisfy(p -> {
            assertThat(p.instanceTypeAsString()).isEqualTo("t3.micro");
            assertThat(p.productDescriptionAsString()).isEqualTo("Linux/UNIX");
            assertThat(Double.parseDouble(p.spotPrice())).isPositive();
            assertThat(p.timestamp()).isNotNull();
        });
        assertThat(micro).extracting(SpotPrice::availabilityZone).doesNotHaveDuplicates();
        String zone = micro.get(0).availabilityZone();

        List<SpotPrice> inZone = ec2().describeSpotPriceHistory(r -> r.availabilityZone(zone)
                .instanceTypesWithStrings("t3.micro", "m5.large")).spotPriceHistory();
        assertThat(inZone).extracting(SpotPrice::instanceTypeAsString, SpotPrice::availabilityZone)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("m5.large", zone),
                        org.assertj.core.groups.Tuple.tuple("t3.micro", zone));
        assertThat(ec2().describeSpotPriceHistory(r -> r.filters(filter("instance-type", "m5.large"),
                filter("availability-zone", zone))).spotPriceHistory()).singleElement()
                .extracting(SpotPrice::instanceTypeAsString).isEqualTo("m5.large");
        assertThat(ec2().describeSpotPriceHistory(r -> r.instanceTypesWithStrings("t3.micro")
                .filters(filter("product-description", "Windows"))).spotPriceHistory()).isEmpty();
        assertThat(ec2().describeSpotPriceHistory(r -> r.instanceTypesWithStrings("t3.micro")
                .productDescriptions("Linux/UNIX")).spotPriceHistory()).hasSameSizeAs(micro);
        assertCode(() -> ec2().describeSpotPriceHistory(r -> r.availabilityZone("us-east-1z")),
                "InvalidParameterValue", 400);

        // the paginator walks the whole current price list of two types in pages of 3
        List<SpotPrice> walked = ec2().describeSpotPriceHistoryPaginator(r -> r.maxResults(3)
                .instanceTypesWithStrings("t3.micro", "m5.large")).spotPriceHistory().stream().toList();
        assertThat(walked).hasSize(ec2().describeSpotPriceHistory(r -> r.instanceTypesWithStrings("t3.micro",
                "m5.large")).spotPriceHistory().size());

        // a launch at exactly the listed price is fulfilled
        assertThat(runSpot(1, s -> s.maxPrice(micro.get(0).spotPrice())).get(0).instanceLifecycle())
                .isEqualTo(InstanceLifecycleType.SPOT);
    }

    /** A backend without spot capacity: the same local cloud, declaring every capability but SPOT. */
    @Nested
    class WithoutSpotCapacity {
        @RegisterExtension
        final GatewayHarness noSpot = new GatewayHarness(SpotActionsTest::withoutSpot);

        @Test
        void spotLaunchesAreRefusedAndThereAreNoRequestsOrPrices() {
            Ec2Client ec2 = noSpot.client();
            var e = ec2Error(() -> ec2.runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1)
                    .maxCount(1).instanceMarketOptions(m -> m.marketType("spot"))), "UnsupportedOperation");
            assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase("spot");
            assertThat(ec2.describeInstances().reservations()).isEmpty();
            assertThat(ec2.describeSpotInstanceRequests().spotInstanceRequests()).isEmpty();
            assertThat(ec2.describeSpotPriceHistory().spotPriceHistory()).isEmpty();
            assertCode(() -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(MISSING)),
                    "InvalidSpotInstanceRequestID.NotFound", 400);
        }
    }

    private static ComputeProvider withoutSpot(ComputeProvider backend) {
        return new ForwardingComputeProvider(backend) {
            @Override
            protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
                return type == SpotRequests.class ? Optional.empty() : Optional.of(extension);
            }
        };
    }
}
