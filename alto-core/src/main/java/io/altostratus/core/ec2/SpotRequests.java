package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;

/** EC2 spot: launches with {@code LaunchSpec.spot}, the spot requests behind them, and spot prices. */
public interface SpotRequests extends Extension {
    /**
     * The spot requests with these ids, in the order asked, or every request of the account in this region when
     * {@code ids} is empty. An id that does not exist fails with {@code NOT_FOUND}
     * ({@code InvalidSpotInstanceRequestID.NotFound}), a malformed one with {@code INVALID_PARAMETER}.
     */
    List<SpotRequest> spotRequests(Collection<String> ids);

    /**
     * Cancels spot requests and returns them as they now are. Cancelling never touches the instances: a running one
     * keeps running. Requests already closed or cancelled are returned unchanged. Unknown ids fail as in
     * {@link #spotRequests} and cancel nothing.
     */
    List<SpotRequest> cancelSpotRequests(Collection<String> ids);

    /**
     * The current spot price of each offered instance type in each zone of this region, narrowed to the given types
     * and zones when those are not empty.
     */
    List<SpotPrice> spotPrices(Collection<String> instanceTypes, Collection<String> zones);
}
