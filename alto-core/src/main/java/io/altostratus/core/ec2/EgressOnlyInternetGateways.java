package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/** EC2's egress-only internet gateways. */
public interface EgressOnlyInternetGateways extends Extension {

    /** Makes a gateway attached to the VPC; an unknown VPC fails with {@code NOT_FOUND}. */
    EgressOnlyInternetGateway createEgressOnlyInternetGateway(String vpcId, Map<String, String> tags);

    /** Every gateway of the account in the region. */
    List<EgressOnlyInternetGateway> egressOnlyInternetGateways();

    /**
     * Deletes a gateway; an unknown id fails with {@code NOT_FOUND}
     * ({@code InvalidEgressOnlyInternetGatewayId.NotFound}).
     */
    void deleteEgressOnlyInternetGateway(String id);
}
