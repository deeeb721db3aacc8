package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Carrier gateways through the SDK: lifecycle, filters, paging, the VPC they hold, errors. */
class CarrierGatewayActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeCarrierGateways(r -> r.filters(filters)).carrierGateways().stream()
                .map(CarrierGateway::carrierGatewayId).toList();
    }

    @Test
    void lifecycleFiltersAndTheVpcItHolds() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.70.0.0/16")).vpc().vpcId();
        CarrierGateway made = ec2().createCarrierGateway(r -> r.vpcId(vpcId)
                .tagSpecifications(tags(ResourceType.CARRIER_GATEWAY, "Name", "wl"))).carrierGateway();
        assertThat(made.carrierGatewayId()).matches("cagw-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("pending");
        assertThat(made.ownerId()).isEqualTo(gw.account());
        String id = made.carrierGatewayId();
        String other = ec2().createCarrierGateway(r -> r.vpcId(vpcId)).carrierGateway().carrierGatewayId();

        assertThat(ids(filter("vpc-id", vpcId))).containsExactlyInAnyOrder(id, other);
        assertThat(ids(filter("tag:Name", "wl"))).containsExactly(id);
        assertThat(ids(filter("state", "available"))).containsExactlyInAnyOrder(id, other);
        assertThat(ec2().describeCarrierGateways(r -> r.maxResults(5)).carrierGateways()).hasSize(2);
        ec2Error(() -> ec2().describeCarrierGateways(r -> r.filters(filter("colour", "red"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeCarrierGateways(r -> r.carrierGatewayIds("cagw-0123456789abcdef0")),
                "InvalidCarrierGatewayID.NotFound");

        ec2Error(() -> ec2().deleteVpc(r -> r.vpcId(vpcId)), "DependencyViolation");
        assertDryRun(() -> ec2().deleteCarrierGateway(r -> r.carrierGatewayId(id).dryRun(true)));
        ec2().deleteCarrierGateway(r -> r.carrierGatewayId(id));
        ec2().deleteCarrierGateway(r -> r.carrierGatewayId(other));
        assertThat(ids(filter("state", "deleted"))).containsExactlyInAnyOrder(id, other);
        ec2Error(() -> ec2().deleteCarrierGateway(r -> r.carrierGatewayId("cagw-bad")),
                "InvalidCarrierGatewayID.Malformed");
        ec2Error(() -> ec2().createCarrierGateway(r -> r.vpcId("vpc-0123456789abcdef0")), "InvalidVpcID.NotFound");
        ec2().deleteVpc(r -> r.vpcId(vpcId));
    }
}
