package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Denied;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.StreamSupport;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** firewalls through the official client, checked against the security groups the backend itself shows. */
class GceFirewallsTest {
    private static final String PROJECT = "fw-project";
    private static StateStore backendStore;
    private static GceFront front;
    private static Gateway gateway;
    private static Cloud backend;
    private static FirewallsClient firewalls;
    private static String customNetworkId;

    @BeforeAll
    static void start() throws Exception {
        backendStore = StateStores.inMemory();
        LocalProviderFactory factory = LocalProviderFactory.withStore(backendStore, new TestGcpCatalog());
        front = GceFront.builder(factory).context(new ProviderContext(TestGcpCatalog.REGION,
                ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(), null)).authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        backend = new Cloud(factory.open(new ProviderContext(TestGcpCatalog.REGION, PROJECT, null, null, Map.of(),
                null)));
        customNetworkId = backend.require(Networks.class).createNetwork(new NetworkSpec("lab", "10.40.0.0/16",
                Map.of())).id();
        firewalls = FirewallsClient.create(FirewallsSettings.newBuilder()
                .setEndpoint("http://127.0.0.1:" + gateway.port())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
    }

    @AfterAll
    static void stop() {
        firewalls.close();
        backend.close();
        gateway.close();
        front.close();
        backendStore.close();
    }

    private static SecurityGroup backendGroup(String firewall) {
        return backend.require(SecurityGroups.class).securityGroups().stream()
                .filter(g -> firewall.equals(g.tags().get("Name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no backend group for firewall " + firewall));
    }

    private static void assertFails(ThrowingCallable call, StatusCode.Code code, String reason) {
        assertThatThrownBy(call).satisfies(thrown -> {
            Throwable e = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
            assertThat(e).isInstanceOf(ApiException.class);
            assertThat(((ApiException) e).getStatusCode().getCode()).isEqualTo(code);
            assertThat(e.getCause().getMessage()).contains("\"reason\":\"" + reason + "\"");
        });
    }

    @Test
    void anIngressFirewallIsASecurityGroupOfItsNetwork() throws Exception {
        Operation op = firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("allow-web")
                .setNetwork("global/networks/default").setDescription("web in")
                .addAllowed(Allowed.newBuilder().setIPProtocol("tcp").addPorts("80").addPorts("8000-8080"))
                .addAllowed(Allowed.newBuilder().setIPProtocol("icmp"))
                .addSourceRanges("10.0.0.0/8").addTargetTags("web").setPriority(900).build()).get();
        assertThat(op.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(op.getOperationType()).isEqualTo("insert");
        assertThat(op.getSelfLink()).contains("/global/operations/");

        Firewall got = firewalls.get(PROJECT, "allow-web");
        assertThat(got.getDirection()).isEqualTo("INGRESS");
        assertThat(got.getPriority()).isEqualTo(900);
        assertThat(got.getTargetTagsList()).containsExactly("web");
        assertThat(got.getSourceRangesList()).containsExactly("10.0.0.0/8");
        assertThat(got.getNetwork()).endsWith("/compute/v1/projects/" + PROJECT + "/global/networks/default");
        assertThat(got.getDescription()).isEqualTo("web in");
        assertThat(got.getAllowedList()).containsExactlyInAnyOrder(
                Allowed.newBuilder().setIPProtocol("tcp").addPorts("80").addPorts("8000-8080").build(),
                Allowed.newBuilder().setIPProtocol("icmp").build());
        assertThat(got.getId()).isEqualTo(op.getTargetId());

        SecurityGroup group = backendGroup("allow-web");
        String defaultNetwork = backend.require(Networks.class).networks().stream()
                .filter(io.altostratus.core.model.Network::isDefault).findFirst().orElseThrow().id();
        assertThat(group.networkId()).isEqualTo(defaultNetwork);
        assertThat(group.ingress()).extracting(SecurityRule::protocol, SecurityRule::fromPort, SecurityRule::toPort)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("tcp", 80, 80),
                        org.assertj.core.groups.Tuple.tuple("tcp", 8000, 8080),
                        org.assertj.core.groups.Tuple.tuple("icmp", -1, -1));
        assertThat(group.ingress()).allSatisfy(r -> assertThat(r.cidrs()).containsExactly("10.0.0.0/8"));

        assertThat(StreamSupport.stream(firewalls.list(PROJECT).iterateAll().spliterator(), false)
                .map(Firewall::getName)).contains("allow-web");
        assertFails(() -> firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("allow-web")
                        .addAllowed(Allowed.newBuilder().setIPProtocol("tcp")).build()).get(),
                StatusCode.Code.ABORTED, "alreadyExists");

        firewalls.deleteAsync(PROJECT, "allow-web").get();
        assertFails(() -> firewalls.get(PROJECT, "allow-web"), StatusCode.Code.NOT_FOUND, "notFound");
        assertThat(backend.require(SecurityGroups.class).securityGroups())
                .noneMatch(g -> g.id().equals(group.id()));
    }

    @Test
    void anEgressFirewallOnACustomNetworkHoldsOnlyItsRules() throws Exception {
        firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("out-dns").setNetwork("global/networks/lab")
                .setDirection("EGRESS").addAllowed(Allowed.newBuilder().setIPProtocol("udp").addPorts("53"))
                .addDestinationRanges("8.8.8.8/32").build()).get();
        Firewall got = firewalls.get(PROJECT, "out-dns");
        assertThat(got.getDirection()).isEqualTo("EGRESS");
        assertThat(got.getPriority()).isEqualTo(1000);
        assertThat(got.getDestinationRangesList()).containsExactly("8.8.8.8/32");
        assertThat(got.getSourceRangesList()).isEmpty();
        assertThat(got.getAllowedList()).containsExactly(Allowed.newBuilder().setIPProtocol("udp").addPorts("53")
                .build());
        SecurityGroup group = backendGroup("out-dns");
        assertThat(group.networkId()).isEqualTo(customNetworkId);
        assertThat(group.egress()).containsExactly(new SecurityRule("udp", 53, 53, List.of("8.8.8.8/32"),
                List.of(), List.of(), null));
    }

    @Test
    void whatSecurityGroupsCannotSayIsRefused() {
        assertFails(() -> firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("deny-all")
                        .addDenied(Denied.newBuilder().setIPProtocol("all")).build()).get(),
                StatusCode.Code.INVALID_ARGUMENT, "badRequest");
        assertFails(() -> firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("bad-ports")
                        .addAllowed(Allowed.newBuilder().setIPProtocol("tcp").addPorts("90-80")).build()).get(),
                StatusCode.Code.INVALID_ARGUMENT, "invalid");
        assertFails(() -> firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("no-net")
                        .setNetwork("global/networks/nowhere")
                        .addAllowed(Allowed.newBuilder().setIPProtocol("tcp")).build()).get(),
                StatusCode.Code.NOT_FOUND, "notFound");
        assertFails(() -> firewalls.get(PROJECT, "bad-ports"), StatusCode.Code.NOT_FOUND, "notFound");
        assertFails(() -> firewalls.get(PROJECT, "no-net"), StatusCode.Code.NOT_FOUND, "notFound");
    }

    @Test
    void shapesMatchTheRecordings() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(WireShapes.recordingsPresent(),
                "recorded GCE responses absent under " + WireShapes.RECORDINGS);
        firewalls.insertAsync(PROJECT, Firewall.newBuilder().setName("shape").setDescription("d")
                .addAllowed(Allowed.newBuilder().setIPProtocol("tcp").addPorts("4567")).addTargetTags("t")
                .build()).get();
        String base = "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/" + PROJECT;
        com.fasterxml.jackson.databind.JsonNode ours = Http.call("GET", base + "/global/firewalls/shape", null, null)
                .json();
        com.fasterxml.jackson.databind.JsonNode recorded = WireShapes.recording("firewalls_get.json");
        assertThat(WireShapes.typeMismatches(ours, recorded)).isEmpty();
        assertThat(WireShapes.missing(ours, recorded, List.of("allowed.0.IPProtocol", "allowed.0.ports",
                "creationTimestamp", "description", "direction", "id", "kind", "name", "network", "priority",
                "selfLink", "targetTags"))).isEmpty();
        assertThat(WireShapes.typeMismatches(Http.call("GET", base + "/global/firewalls", null, null).json(),
                WireShapes.recording("firewalls_list.json"))).isEmpty();
    }
}
