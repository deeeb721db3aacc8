package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Spot capacity ({@link Capability#SPOT}): a spot launch makes spot instances, each with a spot request naming it;
 * cancelling the request leaves the instance alone; prices are listed.
 */
public interface SpotContract extends ProviderContract {

    @Test
    default void aSpotInstanceHasARequestAndCancellingItLeavesTheInstance(ContractSession s) {
        assumeTrue(s.supports(Capability.SPOT), "provider does not declare SPOT");
        Instance launched = s.launch(b -> b.name(s.name("spot")).spot(SpotOptions.oneTime())).get(0);

        assertThat(launched.spot()).as("the launch's answer").isTrue();
        String requestId = s.await("the instance's spot request id",
                () -> s.cloud().instance(launched.id()).spotInstanceRequestId(), Objects::nonNull);
        SpotRequest request = s.await("the spot request", () -> s.cloud().spotRequests(List.of(requestId)),
                found -> !found.isEmpty()).get(0);
        assertThat(request.instanceId()).isEqualTo(launched.id());
        assertThat(request.type()).isEqualTo(SpotRequest.Type.ONE_TIME);
        assertThat(s.cloud().spotRequests(List.of())).extracting(SpotRequest::id).contains(requestId);

        List<SpotRequest> cancelled = s.cloud().cancelSpotRequests(List.of(requestId));

        assertThat(cancelled).singleElement().extracting(SpotRequest::state).isEqualTo(SpotRequest.State.CANCELLED);
        assertThat(s.cloud().instance(launched.id()).state())
                .as("cancelling the request does not end the instance")
                .isNotIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
    }

    @Test
    default void unknownSpotRequestsAreNotFound(ContractSession s) {
        assumeTrue(s.supports(Capability.SPOT), "provider does not declare SPOT");
        s.expectError(ErrorCode.NOT_FOUND, "InvalidSpotInstanceRequestID.NotFound",
                () -> s.cloud().spotRequests(List.of("sir-0fedcba9876543210")));
        s.expectError(ErrorCode.NOT_FOUND, "InvalidSpotInstanceRequestID.NotFound",
                () -> s.cloud().cancelSpotRequests(List.of("sir-0fedcba9876543210")));
    }

    @Test
    default void spotPricesArePositiveAndNarrowToTheZoneAsked(ContractSession s) {
        assumeTrue(s.supports(Capability.SPOT), "provider does not declare SPOT");
        String type = s.spec().build().instanceType();
        List<SpotPrice> prices = s.cloud().spotPrices(type == null ? List.of() : List.of(type), List.of());
        assertThat(prices).isNotEmpty().allSatisfy(p -> assertThat(p.pricePerHour()).isPositive());
        String zone = prices.get(0).zone();
        assertThat(s.cloud().spotPrices(type == null ? List.of() : List.of(type), List.of(zone)))
                .isNotEmpty().extracting(SpotPrice::zone).containsOnly(zone);
    }
}
