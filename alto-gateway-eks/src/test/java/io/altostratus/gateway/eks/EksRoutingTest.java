package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.eks.internal.EksOperation;
import io.altostratus.gateway.eks.internal.EksOperations;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations and paths read off the SDK's model, where the front mounts, and EKS's error documents. */
class EksRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyServedOperationIsBoundAsTheModelSays() {
        EksOperations ops = EksOperations.instance();
        for (String name : EksFront.operations()) {
            assertThat(ops.find(name)).as(name).isPresent();
        }
        assertThat(ops.find("CreateCluster").map(EksOperation::pathTemplate)).hasValue("/clusters");
        assertThat(ops.find("CreateCluster").map(EksOperation::method)).hasValue("POST");
        assertThat(ops.find("DescribeNodegroup").map(EksOperation::pathTemplate))
                .hasValue("/clusters/{name}/node-groups/{nodegroupName}");
        assertThat(ops.find("UpdateNodegroupConfig").map(EksOperation::pathTemplate))
                .hasValue("/clusters/{name}/node-groups/{nodegroupName}/update-config");
        assertThat(ops.find("DescribeUpdate").map(EksOperation::pathTemplate))
                .hasValue("/clusters/{name}/updates/{updateId}");
        assertThat(ops.find("DescribeClusterVersions").map(EksOperation::pathTemplate)).hasValue("/cluster-versions");
        assertThat(ops.find("ListTagsForResource").map(EksOperation::pathTemplate)).hasValue("/tags/{resourceArn}");
        // A literal segment wins over a label: /clusters/x/updates is ListUpdates, not a cluster named "updates".
        assertThat(ops.match("GET", List.of("clusters", "c1", "updates")).orElseThrow().operation().name())
                .isEqualTo("ListUpdates");
        assertThat(ops.match("GET", List.of("clusters", "c1")).orElseThrow().labels()).containsEntry("name", "c1");
        // Every path is under a named root, so EC2's POST / never reaches this front.
        assertThat(ops.roots()).contains("clusters", "cluster-versions", "tags").doesNotContain("");
        for (EksOperation op : ops.all()) {
            assertThat(op.path()).as(op.name()).isNotEmpty();
        }
    }

    @Test
    void errorsCarryEksTypeStatusAndMessage() throws Exception {
        try (StateStore store = StateStores.inMemory()) {
            EksFront front = EksFront.builder(LocalProviderFactory.withStore(store, Catalogs.aws()))
                    .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                            Map.of("cluster_transition_ms", "0"), null))
                    .stateStore(store).authMode(AuthMode.PERMISSIVE).build();
            try (front; Gateway gateway = front.mountOn(Gateway.builder().port(0).stateStore(store)
                    .authMode(AuthMode.PERMISSIVE).dispatcher(call -> "<ok/>".getBytes())).start()) {
                HttpClient http = HttpClient.newHttpClient();
                String base = gateway.endpoint().toString().replaceAll("/$", "");
                HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/clusters/nope"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
                assertThat(JSON.readTree(missing.body()).get("message").asText()).contains("nope");

                HttpResponse<String> badJson = http.send(HttpRequest.newBuilder(URI.create(base + "/clusters"))
                        .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(badJson.statusCode()).isEqualTo(400);
                assertThat(badJson.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");

                HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(base + "/clusters"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 5, \"roleArn\": \"r\", "
                                + "\"resourcesVpcConfig\": {}}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(wrongType.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(wrongType.body()).get("message").asText()).contains("name");

                HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/clusters/a/b/c/d/e")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(unknown.statusCode()).isEqualTo(404);

                // Made through EKS, gone after a reset of the front and the store.
                HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/clusters"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"r1\",\"roleArn\":\"r\","
                                + "\"resourcesVpcConfig\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
                front.resetState();
                store.clear(kind -> !kind.equals(io.altostratus.gateway.auth.AccessKeys.KIND));
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/clusters/r1")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

                // EC2's POST / still goes to the EC2 handler.
                HttpResponse<String> ec2 = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeRegions&Version=2016-11-15"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ec2.body()).isEqualTo("<ok/>");
            }
        }
    }
}
