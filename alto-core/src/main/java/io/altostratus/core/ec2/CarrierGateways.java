package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/** EC2's carrier gateways. */
public interface CarrierGateways extends Extension {

    /** Makes one in the VPC ({@code pending}, then {@code available}); an unknown VPC fails with {@code NOT_FOUND}. */
    CarrierGateway createCarrierGateway(String vpcId, Map<String, String> tags);

    /** Every gateway, deleted ones included while EC2 still lists them. */
    List<CarrierGateway> carrierGateways();

    /** Starts deleting ({@code deleting}, then {@code deleted}); an unknown id fails with {@code NOT_FOUND}. */
    CarrierGateway deleteCarrierGateway(String id);
}
