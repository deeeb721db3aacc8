package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksScopedList;
import com.google.cloud.compute.v1.SubnetworksSettings;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** networks and subnetworks, read through the official client, over networks made on the backend itself. */
class GceNetworksTest {
    private static final String PROJECT = "net-project";
    private static final String REGION = TestGcpCatalog.REGION;
    private static StateStore backendStore;
    private static GceFront front;
    private static Gateway gateway;
    private static Cloud backend;
    private static NetworksClient networks;
    private static SubnetworksClient subnetworks;

    @BeforeAll
    static void start() throws Exception {
        backendStore = StateStores.inMemory();
        LocalProviderFactory factory = LocalProviderFactory.withStore(backendStore, new TestGcpCatalog());
        front = GceFront.builder(factory).context(new ProviderContext(REGION, ProviderContext.DEFAULT_ACCOUNT, null,
                null, Map.of(), null)).authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        backend = new Cloud(factory.open(new ProviderContext(REGION, PROJECT, null, null, Map.of(), null)));
        String endpoint = "http://127.0.0.1:" + gateway.port();
        networks = NetworksClient.create(NetworksSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        subnetworks = SubnetworksClient.create(SubnetworksSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());

        Networks ext = backend.require(Networks.class);
        io.altostratus.core.model.Network custom = ext.createNetwork(new NetworkSpec("custom-net", "10.20.0.0/16",
                Map.of()));
        ext.createSubnet(new SubnetSpec(custom.id(), "10.20.1.0/24", "us-central1-a", "custom-a", false, Map.of()));
        ext.createSubnet(new SubnetSpec(custom.id(), "10.20.2.0/24", "us-central1-b", "Not_A_GCE_Name", false,
                Map.of()));
        // Names a GCE name cannot have go by the backend id.
        ext.createNetwork(new NetworkSpec("Upper Case", "10.30.0.0/16", Map.of()));
    }

    @AfterAll
    static void stop() {
        networks.close();
        subnetworks.close();
        backend.close();
        gateway.close();
        front.close();
        backendStore.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/" + PROJECT;
    }

    @Test
    void backendNetworksAreGlobalNetworksAndTheirSubnetsRegionalSubnetworks() {
        List<String> names = StreamSupport.stream(networks.list(PROJECT).iterateAll().spliterator(), false)
                .map(Network::getName).toList();
        io.altostratus.core.model.Network upper = backend.require(Networks.class).networks().stream()
                .filter(n -> "Upper Case".equals(n.name())).findFirst().orElseThrow();
        assertThat(names).contains("default", "custom-net", upper.id().toLowerCase(java.util.Locale.ROOT));

        Network custom = networks.get(PROJECT, "custom-net");
        assertThat(custom.getSelfLink()).isEqualTo(base() + "/global/networks/custom-net");
        assertThat(custom.getAutoCreateSubnetworks()).isFalse();
        Subnet backendB = backend.require(Networks.class).subnets().stream()
                .filter(s -> "Not_A_GCE_Name".equals(s.name())).findFirst().orElseThrow();
        String nameB = backendB.id().toLowerCase(java.util.Locale.ROOT);
        assertThat(custom.getSubnetworksList()).containsExactlyInAnyOrder(
                base() + "/regions/" + REGION + "/subnetworks/custom-a",
                base() + "/regions/" + REGION + "/subnetworks/" + nameB);

        Subnetwork a = subnetworks.get(PROJECT, REGION, "custom-a");
        assertThat(a.getIpCidrRange()).isEqualTo("10.20.1.0/24");
        assertThat(a.getGatewayAddress()).isEqualTo("10.20.1.1");
        assertThat(a.getNetwork()).isEqualTo(custom.getSelfLink());
        assertThat(a.getRegion()).isEqualTo(base() + "/regions/" + REGION);
        assertThat(a.getSelfLink()).isEqualTo(custom.getSubnetworksList().stream()
                .filter(l -> l.endsWith("/custom-a")).findFirst().orElseThrow());
        assertThat(subnetworks.get(PROJECT, REGION, nameB).getIpCidrRange()).isEqualTo("10.20.2.0/24");

        List<String> inRegion = StreamSupport.stream(subnetworks.list(PROJECT, REGION).iterateAll().spliterator(),
                false).map(Subnetwork::getName).toList();
        assertThat(inRegion).contains("custom-a", nameB).isSorted();
        List<String> aggregated = new ArrayList<>();
        for (Map.Entry<String, SubnetworksScopedList> e : subnetworks.aggregatedList(PROJECT).iterateAll()) {
            e.getValue().getSubnetworksList().forEach(s -> aggregated.add(e.getKey() + "/" + s.getName()));
        }
        assertThat(aggregated).contains("regions/" + REGION + "/custom-a");
    }

    @Test
    void theDefaultNetworkIsTheBackendsDefaultNetwork() {
        Network network = networks.get(PROJECT, "default");
        assertThat(network.getAutoCreateSubnetworks()).isTrue();
        List<Subnet> defaults = backend.require(Networks.class).subnets().stream()
                .filter(s -> backend.require(Networks.class).networks().stream()
                        .anyMatch(n -> n.isDefault() && n.id().equals(s.networkId()))).toList();
        assertThat(defaults).as("the local cloud's default subnets").isNotEmpty();
        assertThat(network.getSubnetworksList()).hasSize(defaults.size());
        for (String link : network.getSubnetworksList()) {
            Subnetwork subnetwork = subnetworks.get(PROJECT, REGION, link.substring(link.lastIndexOf('/') + 1));
            assertThat(subnetwork.getNetwork()).isEqualTo(network.getSelfLink());
            assertThat(defaults).extracting(Subnet::cidr).contains(subnetwork.getIpCidrRange());
        }
    }

    @Test
    void unknownNamesAndRegionsAreNotFound() {
        for (Runnable call : List.<Runnable>of(() -> networks.get(PROJECT, "no-such-net"),
                () -> subnetworks.get(PROJECT, REGION, "no-such-subnet"),
                () -> subnetworks.get(PROJECT, "mars-north1", "custom-a"))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e ->
                    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
        }
    }

    @Test
    void shapesMatchTheRecordings() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(WireShapes.recordingsPresent(),
                "recorded GCE responses absent under " + WireShapes.RECORDINGS);
        com.fasterxml.jackson.databind.JsonNode list = Http.call("GET", base() + "/regions/" + REGION
                + "/subnetworks", null, null).json();
        com.fasterxml.jackson.databind.JsonNode recorded = WireShapes.recording("subnetworks_list.json");
        assertThat(WireShapes.typeMismatches(list, recorded)).isEmpty();
        assertThat(WireShapes.missing(list.get("items").get(0), recorded.get("items").get(0), List.of("kind", "id",
                "creationTimestamp", "gatewayAddress", "name", "network", "ipCidrRange", "region", "selfLink")))
                .isEmpty();
        com.fasterxml.jackson.databind.JsonNode custom = Http.call("GET", base() + "/global/networks/custom-net",
                null, null).json();
        assertThat(WireShapes.typeMismatches(custom, WireShapes.recording("networks_get_custom.json"))).isEmpty();
        assertThat(WireShapes.typeMismatches(Http.call("GET", base() + "/aggregated/subnetworks", null, null).json(),
                WireShapes.recording("subnetworks_aggregatedList.json"))).isEmpty();
    }
}
