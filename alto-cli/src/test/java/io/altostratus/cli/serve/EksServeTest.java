package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;

/**
 * {@code alto serve --api ec2,eks}: EKS and EC2 on one port over the local cloud, signed with the same access key, so
 * a node group's nodes are EC2 instances the EC2 API lists, and the reset wipes clusters with everything else.
 */
class EksServeTest {
    private GatewayServer server;
    private EksClient eks;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        server = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local",
                Map.of("transition_ms", "0", "cluster_transition_ms", "0"), null, Duration.ZERO, AuthMode.STRICT,
                "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null, Set.of(ServeApi.EC2, ServeApi.EKS)));
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        eks = EksClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(keys).build();
        ec2 = Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(keys).build();
    }

    @AfterEach
    void stop() {
        eks.close();
        ec2.close();
        server.close();
    }

    @Test
    void nodeGroupNodesAreInstancesOfTheSameAccountAndResetWipesClusters() throws Exception {
        eks.createCluster(r -> r.name("lab").roleArn("arn:aws:iam::000000000000:role/eks")
                .resourcesVpcConfig(v -> v.subnetIds(List.of())));
        assertThat(eks.describeCluster(r -> r.name("lab")).cluster().status()).isEqualTo(ClusterStatus.ACTIVE);
        eks.createNodegroup(r -> r.clusterName("lab").nodegroupName("workers").nodeRole("arn:aws:iam::000000000000:role/node")
                .subnets(List.of()).scalingConfig(s -> s.minSize(1).desiredSize(2).maxSize(3))
                .instanceTypes("t3.medium"));
        assertThat(eks.describeNodegroup(r -> r.clusterName("lab").nodegroupName("workers")).nodegroup().status())
                .isEqualTo(NodegroupStatus.ACTIVE);

        var nodes = ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:alto:cluster").values("lab")
                .build(), Filter.builder().name("instance-state-name").values("running", "pending").build()))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList();
        assertThat(nodes).hasSize(2).allSatisfy(i -> assertThat(i.instanceTypeAsString()).isEqualTo("t3.medium"));

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/_alto/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
        }
        assertThat(eks.listClusters().clusters()).isEmpty();
    }
}
