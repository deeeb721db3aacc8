package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's NAT gateways. A route reaches one through {@link RouteTarget#gatewayId()} holding its {@code nat-} id (see
 * {@link Ec2IdKind#NAT_GATEWAY}), so backends that offer this extension accept such targets in
 * {@link Ec2Networking#createRoute} and report them back the same way.
 */
public interface NatGateways extends Extension {

    /**
     * Makes a gateway in the subnet; it is {@code pending}, then {@code available}. A public one takes the elastic
     * address {@code allocationId}: an unknown one fails with {@code NOT_FOUND}, one already associated with
     * {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated}). A private one takes none.
     */
    NatGateway createNatGateway(String subnetId, String connectivityType, String allocationId,
                                Map<String, String> tags);

    /** Every gateway, deleted ones included while EC2 would still list them (about an hour). */
    List<NatGateway> natGateways();

    /**
     * Starts deleting: {@code deleting}, then {@code deleted}, its elastic address freed. Deleting one already deleted
     * is accepted, as on EC2; an unknown id fails with {@code NOT_FOUND} ({@code NatGatewayNotFound}).
     */
    NatGateway deleteNatGateway(String natGatewayId);
}
