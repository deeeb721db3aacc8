package io.altostratus.local;

import static io.altostratus.local.TestClouds.ec2Networking;
import static io.altostratus.local.TestClouds.ext;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.ec2.TransitGateway;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayRoute;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transit gateways' timed states, which the gateway's harness (instant transitions) cannot show: steps refused
 * while a gateway or attachment is pending, routes that carry traffic only once the attachment is available,
 * deleted resources listed for an hour.
 */
class TransitGatewayTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "60000");
    private final LocalCloud cloud = clouds.open();
    private final TransitGateways tgws = ext(cloud, TransitGateways.class);

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private TransitGateway gateway(String id) {
        return tgws.transitGateways().stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
    }

    private TransitGatewayAttachment attachment(String id) {
        return tgws.transitGatewayAttachments().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    private void later() {
        clouds.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void stepsWaitForAvailableAndDeletedOnesLeaveTheListAfterAnHour() {
        String vpc = networks(cloud).createNetwork(new NetworkSpec(null, "10.80.0.0/16", Map.of())).id();
        String subnet = networks(cloud).createSubnet(new SubnetSpec(vpc, "10.80.1.0/24", "us-east-1a", null, false,
                Map.of())).id();
        TransitGateway made = tgws.createTransitGateway("hub", null, Map.of("Name", "hub"));
        String table = made.options().associationDefaultRouteTableId();
        assertThat(gateway(made.id()).state()).isEqualTo(TransitGateway.PENDING);
        AltoException early = catchThrowableOfType(AltoException.class,
                () -> tgws.createVpcAttachment(made.id(), vpc, List.of(subnet), null, Map.of()));
        assertThat(early.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(early.providerCode()).isEqualTo("IncorrectState");

        later();
        assertThat(gateway(made.id()).state()).isEqualTo(TransitGateway.AVAILABLE);
        String id = tgws.createVpcAttachment(made.id(), vpc, List.of(subnet), null, Map.of()).id();
        // Pending: associated with the default table already, but not yet routing.
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.PENDING);
        assertThat(attachment(id).associatedRouteTableId()).isEqualTo(table);
        assertThat(tgws.routes(table)).isEmpty();
        String vpcTable = ec2Networking(cloud).createRouteTable(vpc, Map.of()).id();
        ec2Networking(cloud).createRoute(vpcTable, "10.0.0.0/8", RouteTarget.gateway(made.id()));
        assertThat(routeState(vpcTable)).isEqualTo("blackhole");
        AltoException pendingAssociation = catchThrowableOfType(AltoException.class,
                () -> tgws.associate(table, id));
        assertThat(pendingAssociation.code()).isEqualTo(ErrorCode.INVALID_STATE);

        later();
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.AVAILABLE);
        assertThat(tgws.routes(table)).containsExactly(new TransitGatewayRoute("10.80.0.0/16",
                TransitGatewayRoute.PROPAGATED, TransitGatewayRoute.ACTIVE, id));
        assertThat(routeState(vpcTable)).isEqualTo("active");

        tgws.deleteAttachment(id, TransitGatewayAttachment.VPC);
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.DELETING);
        assertThat(routeState(vpcTable)).isEqualTo("blackhole");
        AltoException stillDeleting = catchThrowableOfType(AltoException.class,
                () -> tgws.deleteTransitGateway(made.id()));
        assertThat(stillDeleting.providerCode()).isEqualTo("IncorrectState");
        later();
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.DELETED);
        tgws.deleteTransitGateway(made.id());
        assertThat(gateway(made.id()).state()).isEqualTo(TransitGateway.DELETING);
        later();
        assertThat(gateway(made.id()).state()).isEqualTo(TransitGateway.DELETED);
        clouds.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(gateway(made.id())).isNull();
        assertThat(attachment(id)).isNull();
        assertThat(tgws.transitGatewayRouteTables()).isEmpty();
        AltoException gone = catchThrowableOfType(AltoException.class, () -> tgws.deleteTransitGateway(made.id()));
        assertThat(gone.providerCode()).isEqualTo("InvalidTransitGatewayID.NotFound");
    }

    @Test
    void peeringWaitsForAcceptanceAndTheAsnStaysInItsRanges() {
        AltoException badAsn = catchThrowableOfType(AltoException.class, () -> tgws.createTransitGateway(null,
                new TransitGateway.OptionsChange(100L, null, null, null, null, null, null, null), Map.of()));
        assertThat(badAsn.providerCode()).isEqualTo("InvalidParameterValue");
        String left = tgws.createTransitGateway("left", null, Map.of()).id();
        String right = tgws.createTransitGateway("right", null, Map.of()).id();
        later();
        String id = tgws.createPeeringAttachment(left, right, null, null, Map.of()).id();
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.INITIATING_REQUEST);
        AltoException early = catchThrowableOfType(AltoException.class, () -> tgws.acceptPeeringAttachment(id));
        assertThat(early.providerCode()).isEqualTo("IncorrectState");
        later();
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.PENDING_ACCEPTANCE);
        tgws.acceptPeeringAttachment(id);
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.PENDING);
        later();
        assertThat(attachment(id).state()).isEqualTo(TransitGatewayAttachment.AVAILABLE);
        assertThat(attachment(id).peer().transitGatewayId()).isEqualTo(right);
    }

    private String routeState(String vpcTable) {
        return ec2Networking(cloud).routeTables().stream().filter(t -> t.id().equals(vpcTable)).findFirst()
                .orElseThrow().routes().stream().filter(r -> "10.0.0.0/8".equals(r.destinationCidr())).findFirst()
                .orElseThrow().state();
    }
}
