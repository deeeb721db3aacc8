package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.eks.internal.EksJsonCodec;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.CreateClusterResponse;
import software.amazon.awssdk.services.eks.model.CreateNodegroupResponse;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupResponse;

/**
 * The AWS CLI's documented EKS outputs ({@code /work/shared/data/wire/eks/}) read with our decoder, and our
 * DescribeCluster and DescribeNodegroup answers compared with them field by field: the same names with the same JSON
 * types (timestamps aside: the CLI prints them as text, the wire carries epoch seconds).
 */
class EksRecordedShapesTest {
    private static final Path WIRE = Path.of("/work/shared/data/wire/eks");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TIMESTAMPS = Set.of("createdAt", "modifiedAt");

    static StateStore store;
    static EksFront front;
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = StateStores.inMemory();
        front = EksFront.builder(LocalProviderFactory.withStore(store, Catalogs.aws()))
                .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("cluster_transition_ms", "0"), null))
                .stateStore(store).authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).stateStore(store).authMode(AuthMode.PERMISSIVE)
                .dispatcher(call -> {
                    throw new IllegalStateException("no EC2 calls here");
                })).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        front.close();
        store.close();
    }

    @Test
    void documentedOutputsDecode() throws Exception {
        assumeTrue(Files.isDirectory(WIRE), "the recorded EKS outputs are not at " + WIRE);
        Map<String, Class<?>> files = Map.of(
                "awscli_describe_cluster.json", DescribeClusterResponse.class,
                "awscli_create_cluster.json", CreateClusterResponse.class,
                "awscli_describe_nodegroup.json", DescribeNodegroupResponse.class,
                "awscli_create_nodegroup.json", CreateNodegroupResponse.class);
        for (var e : files.entrySet()) {
            for (JsonNode example : JSON.readTree(WIRE.resolve(e.getKey()).toFile()).get("examples")) {
                Object decoded = EksJsonCodec.decodeShape(e.getValue(), JSON.writeValueAsBytes(example.get("output")));
                if (decoded instanceof DescribeClusterResponse d) {
                    assertThat(d.cluster().name()).isEqualTo("my-eks-cluster");
                    assertThat(d.cluster().statusAsString()).isEqualTo("ACTIVE");
                    assertThat(d.cluster().resourcesVpcConfig().subnetIds()).hasSize(6);
                    assertThat(d.cluster().createdAt()).isNotNull();
                } else if (decoded instanceof DescribeNodegroupResponse d) {
                    assertThat(d.nodegroup().scalingConfig().maxSize()).isEqualTo(3);
                    assertThat(d.nodegroup().nodeRole()).startsWith("arn:aws:iam::");
                } else if (decoded instanceof CreateNodegroupResponse d) {
                    assertThat(d.nodegroup().statusAsString()).isEqualTo("CREATING");
                } else if (decoded instanceof CreateClusterResponse d) {
                    assertThat(d.cluster().statusAsString()).isEqualTo("CREATING");
                }
            }
        }
    }

    @Test
    void ourAnswersHaveTheDocumentedFieldsAndTypes() throws Exception {
        assumeTrue(Files.isDirectory(WIRE), "the recorded EKS outputs are not at " + WIRE);
        post("/clusters", "{\"name\":\"shape\",\"version\":\"1.31\",\"roleArn\":\"arn:aws:iam::000000000000:role/r\","
                + "\"resourcesVpcConfig\":{},\"tags\":{\"a\":\"b\"}}");
        post("/clusters/shape/node-groups", "{\"nodegroupName\":\"ng\",\"nodeRole\":\"arn:aws:iam::000000000000:role/n\","
                + "\"subnets\":[\"subnet-1\"],\"instanceTypes\":[\"t3.medium\"],\"diskSize\":20,"
                + "\"scalingConfig\":{\"minSize\":1,\"maxSize\":3,\"desiredSize\":1}}");
        JsonNode cluster = get("/clusters/shape").get("cluster");
        JsonNode nodegroup = get("/clusters/shape/node-groups/ng").get("nodegroup");
        JsonNode documentedCluster = documented("awscli_describe_cluster.json").get("cluster");
        JsonNode documentedNodegroup = documented("awscli_describe_nodegroup.json").get("nodegroup");

        assertThat(cluster.get("createdAt").isNumber()).as("rest-json timestamps are epoch seconds").isTrue();
        sameShape("cluster", documentedCluster, cluster);
        sameShape("nodegroup", documentedNodegroup, nodegroup);
        assertThat(names(cluster)).containsAll(List.of("name", "arn", "createdAt", "version", "endpoint", "roleArn",
                "resourcesVpcConfig", "kubernetesNetworkConfig", "status", "certificateAuthority", "tags", "health",
                "accessConfig"));
        assertThat(names(nodegroup)).containsAll(List.of("nodegroupName", "nodegroupArn", "clusterName", "version",
                "createdAt", "modifiedAt", "status", "capacityType", "scalingConfig", "instanceTypes", "subnets",
                "amiType", "nodeRole", "labels", "resources", "diskSize", "health", "updateConfig", "tags"));
    }

    /** Every field both have is of the same JSON type, recursively; ours has no field the model does not. */
    private static void sameShape(String where, JsonNode documented, JsonNode ours) {
        for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode theirs = documented.get(name);
            if (theirs == null) {
                continue;
            }
            JsonNode mine = ours.get(name);
            String path = where + "." + name;
            if (TIMESTAMPS.contains(name)) {
                assertThat(mine.isNumber()).as(path).isTrue();
                continue;
            }
            assertThat(mine.getNodeType()).as(path).isEqualTo(theirs.getNodeType());
            if (mine.isObject()) {
                sameShape(path, theirs, mine);
            } else if (mine.isArray() && !mine.isEmpty() && !theirs.isEmpty()) {
                assertThat(mine.get(0).getNodeType()).as(path + "[0]").isEqualTo(theirs.get(0).getNodeType());
                if (mine.get(0).isObject()) {
                    sameShape(path + "[0]", theirs.get(0), mine.get(0));
                }
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode documented(String file) throws Exception {
        return JSON.readTree(WIRE.resolve(file).toFile()).get("examples").get(0).get("output");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String base() {
        String s = gateway.endpoint().toString();
        return s.substring(0, s.length() - 1);
    }
}
