package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Spot capacity ({@link SpotRequests}, where offered): a spot launch makes spot instances, each with a spot request
 * naming it (in its {@link Ec2InstanceDetails}); cancelling the request leaves the instance alone; prices are listed.
 */
public interface SpotContract extends ProviderContract {

    private static SpotRequests spot(ContractSession s) {
        return s.cloud().require(SpotRequests.class);
    }

    @Test
    default void aSpotInstanceHasARequestAndCancellingItLeavesTheInstance(ContractSession s) {
        s.assumeSupports(Capability.SPOT);
        Instance launched = s.launch(b -> b.name(s.name("spot")).spot(SpotOptions.oneTime())).get(0);

        assertThat(launched.spot()).as("the launch's answer").isTrue();
        String requestId = s.await("the instance's spot request id",
                () -> Ec2InstanceDetails.of(s.cloud().instance(launched.id())).spotInstanceRequestId(),
                Objects::nonNull);
        SpotRequest request = s.await("the spot request", () -> spot(s).spotRequests(List.of(requestId)),
                found -> !found.isEmpty()).get(0);
        assertThat(request.instanceId()).isEqualTo(launched.id());
        assertThat(request.type()).isEqualTo(SpotRequest.Type.ONE_TIME);
        assertThat(spot(s).spotRequests(List.of())).extracting(SpotRequest::id).contains(requestId);

        List<SpotRequest> cancelled = spot(s).cancelSpotRequests(List.of(requestId));

        assertThat(cancelled).singleElement().extracting(SpotRequest::state).isEqualTo(SpotRequest.State.CANCELLED);
        assertThat(s.cloud().instance(launched.id()).state())
                .as("cancelling the request does not end the instance")
                .isNotIn(InstanceState.TERMINATING, InstanceState.TERMINATED);
    }

    @Test
    default void unknownSpotRequestsAreNotFound(ContractSession s) {
        s.assumeSupports(Capability.SPOT);
        String missing = s.missingId(ResourceKind.SPOT_REQUEST);
        s.expectError(ErrorCode.NOT_FOUND, "InvalidSpotInstanceRequestID.NotFound",
                () -> spot(s).spotRequests(List.of(missing)));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidSpotInstanceRequestID.NotFound",
                () -> spot(s).cancelSpotRequests(List.of(missing)));
    }

    @Test
    default void spotPricesArePositiveAndNarrowToTheZoneAsked(ContractSession s) {
        s.assumeSupports(Capability.SPOT);
        String type = s.spec().build().instanceType();
        List<SpotPrice> prices = spot(s).spotPrices(type == null ? List.of() : List.of(type), List.of());
        assertThat(prices).isNotEmpty().allSatisfy(p -> assertThat(p.pricePerHour()).isPositive());
        String zone = prices.get(0).zone();
        assertThat(spot(s).spotPrices(type == null ? List.of() : List.of(type), List.of(zone)))
                .isNotEmpty().extracting(SpotPrice::zone).containsOnly(zone);
    }
}
