package io.altostratus.local;

import static io.altostratus.local.TestClouds.ext;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.Ec2InstanceExtras;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.IamInstanceProfileAssociation;
import io.altostratus.core.ec2.IamInstanceProfiles;
import io.altostratus.core.ec2.InstanceExtras;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.ec2.SiteToSiteVpn;
import io.altostratus.core.ec2.VpnConnection;
import io.altostratus.core.ec2.VpnGateway;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timed states of VPN resources, monitoring and IAM profile associations, which the gateway's harness (instant
 * transitions) cannot show: each holds its transitional state until the clock passes the transition time, and what
 * depends on a settled state (propagated routes, route targets) follows the clock too.
 */
class VpnAndInstanceExtrasTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "60000");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private VpnGateway vgw(SiteToSiteVpn vpn, String id) {
        return vpn.vpnGateways().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    private VpnConnection connection(SiteToSiteVpn vpn, String id) {
        return vpn.vpnConnections().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private RouteTable table(String id) {
        return ext(cloud, Ec2Networking.class).routeTables().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private void settle() {
        clouds.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void vpnResourcesSettleAndPropagateOnlyOnceAvailable() {
        SiteToSiteVpn vpn = ext(cloud, SiteToSiteVpn.class);
        String vpc = networks(cloud).createNetwork(new NetworkSpec(null, "10.70.0.0/16", Map.of())).id();
        String rtb = ext(cloud, Ec2Networking.class).createRouteTable(vpc, Map.of()).id();
        String cgw = vpn.createCustomerGateway(65020, "192.0.2.7", null, Map.of()).id();
        String vgwId = vpn.createVpnGateway(null, Map.of()).id();
        assertThat(vgw(vpn, vgwId).state()).isEqualTo(VpnGateway.PENDING);
        settle();
        assertThat(vgw(vpn, vgwId).state()).isEqualTo(VpnGateway.AVAILABLE);

        vpn.attachVpnGateway(vgwId, vpc);
        assertThat(vgw(vpn, vgwId).attachments()).extracting(VpnGateway.Attachment::state)
                .containsExactly(VpnGateway.Attachment.ATTACHING);
        vpn.enableVgwRoutePropagation(rtb, vgwId);
        String id = vpn.createVpnConnection(cgw, vgwId, null, true, Map.of()).id();
        vpn.createVpnConnectionRoute(id, "172.16.0.0/16");
        // Nothing propagates until the connection is available.
        assertThat(table(rtb).routes()).extracting(RouteTable.Route::destinationCidr)
                .doesNotContain("172.16.0.0/16");
        assertThat(connection(vpn, id).state()).isEqualTo(VpnConnection.PENDING);
        settle();
        assertThat(vgw(vpn, vgwId).attachments()).extracting(VpnGateway.Attachment::state)
                .containsExactly(VpnGateway.Attachment.ATTACHED);
        assertThat(connection(vpn, id).state()).isEqualTo(VpnConnection.AVAILABLE);
        assertThat(table(rtb).routes()).filteredOn(r -> r.destinationCidr().equals("172.16.0.0/16"))
                .singleElement().satisfies(r -> {
                    assertThat(r.gatewayId()).isEqualTo(vgwId);
                    assertThat(r.origin()).isEqualTo(RouteTable.Route.ORIGIN_PROPAGATION);
                });
        // A static route to the same block wins over the propagated one.
        ext(cloud, Ec2Networking.class).createRoute(rtb, "172.16.0.0/16",
                io.altostratus.core.ec2.RouteTarget.gateway(vgwId));
        assertThat(table(rtb).routes()).filteredOn(r -> r.destinationCidr().equals("172.16.0.0/16"))
                .singleElement().satisfies(r -> assertThat(r.origin()).isEqualTo(RouteTable.Route.ORIGIN_ROUTE));

        vpn.detachVpnGateway(vgwId, vpc);
        settle();
        // Detached: the static route to the gateway is a blackhole, propagation brings nothing.
        assertThat(table(rtb).routes()).filteredOn(r -> r.destinationCidr().equals("172.16.0.0/16"))
                .singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(RouteTable.Route.BLACKHOLE));

        vpn.deleteVpnConnection(id);
        assertThat(connection(vpn, id).state()).isEqualTo(VpnConnection.DELETING);
        settle();
        assertThat(connection(vpn, id).state()).isEqualTo(VpnConnection.DELETED);
        vpn.deleteVpnGateway(vgwId);
        settle();
        assertThat(vgw(vpn, vgwId).state()).isEqualTo(VpnGateway.DELETED);
        clouds.clock.advance(Duration.ofHours(2));
        assertThat(vpn.vpnGateways()).isEmpty();
        assertThat(vpn.vpnConnections()).isEmpty();
        AltoException gone = catchThrowableOfType(AltoException.class, () -> vpn.deleteVpnGateway(vgwId));
        assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void monitoringAndProfilesSettleThroughTheClock() {
        String instance = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .zone("us-east-1a").build()).get(0).id();
        Ec2InstanceExtras extras = ext(cloud, Ec2InstanceExtras.class);
        assertThat(extras.monitor(List.of(instance), true)).extracting(InstanceExtras::monitoring)
                .containsExactly(InstanceExtras.PENDING);
        assertThat(extras.instanceExtras(List.of(instance)).get(instance).monitoring())
                .isEqualTo(InstanceExtras.PENDING);
        settle();
        assertThat(extras.instanceExtras(List.of(instance)).get(instance).monitoring())
                .isEqualTo(InstanceExtras.ENABLED);

        IamInstanceProfiles profiles = ext(cloud, IamInstanceProfiles.class);
        IamInstanceProfileAssociation a = profiles.associate(instance, null, "app");
        assertThat(profiles.associations()).singleElement().satisfies(x ->
                assertThat(x.state()).isEqualTo(IamInstanceProfileAssociation.ASSOCIATING));
        settle();
        assertThat(profiles.associations()).singleElement().satisfies(x ->
                assertThat(x.state()).isEqualTo(IamInstanceProfileAssociation.ASSOCIATED));
        profiles.disassociate(a.id());
        settle();
        assertThat(profiles.associations()).singleElement().satisfies(x ->
                assertThat(x.state()).isEqualTo(IamInstanceProfileAssociation.DISASSOCIATED));
        clouds.clock.advance(Duration.ofHours(2));
        assertThat(profiles.associations()).isEmpty();
    }
}
