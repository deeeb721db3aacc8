package io.altostratus.aws.clusters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.aws.AwsProviderFactory;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EksClusters} opened through {@code AwsProviderFactory.service(Clusters.class, ...)} against an HTTP fake
 * that answers as EKS's REST API does: the AWS CLI's documented outputs from {@code /work/shared/data/wire/eks/}
 * (timestamps turned into the epoch seconds EKS sends on the wire) and bodies shaped by EKS's model; errors as EKS
 * sends them (status, {@code x-amzn-ErrorType}, a JSON message). Each test checks what reached the wire as well as
 * what came back.
 */
class EksClustersWireTest {
    private static final Path WIRE = Path.of("/work/shared/data/wire/eks");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/eks-cluster";
    private static final String NODE_ROLE = "arn:aws:iam::111122223333:role/eks-nodes";

    private static WireMockServer eks;
    private final ManualClock clock = new ManualClock();
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private Clusters clusters;

    @BeforeAll
    static void start() {
        eks = new WireMockServer(options().dynamicPort());
        eks.start();
    }

    @AfterAll
    static void stop() {
        eks.stop();
    }

    @BeforeEach
    void open() {
        eks.resetAll();
        clusters = open(Map.of());
    }

    @AfterEach
    void close() {
        clusters.close();
    }

    private Clusters open(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("access_key_id", "AKIDFAKE",
                "secret_access_key", "secret", "max_attempts", "4", "retry_base_ms", "200", "retry_max_ms", "1000",
                "eks_cluster_role_arn", ROLE, "eks_node_role_arn", NODE_ROLE,
                "eks_subnet_ids", "subnet-a, subnet-b", "eks_node_ids", "false"));
        settings.putAll(extra);
        AwsProviderFactory factory = new AwsProviderFactory(clock, (op, code, attempt, delay) -> retried.add(
                op + ":" + code));
        return factory.service(Clusters.class, new ProviderContext("us-east-2", "111122223333", eks.baseUrl(), null,
                settings, clock)).orElseThrow();
    }

    // ---- EKS's wire --------------------------------------------------------------------------------------------

    /** The first documented output of an AWS CLI example file, its ISO times turned into epoch seconds. */
    private static ObjectNode documented(String file) throws IOException {
        Path path = WIRE.resolve(file);
        assumeTrue(Files.isRegularFile(path), "the EKS reference outputs are not at " + WIRE + "; skipped");
        JsonNode output = JSON.readTree(path.toFile()).get("examples").get(0).get("output");
        return (ObjectNode) epochTimes(output.deepCopy());
    }

    private static JsonNode epochTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode value = object.get(name);
                if (value.isTextual() && (name.endsWith("At") || name.endsWith("Date"))) {
                    Instant t = OffsetDateTime.parse(value.asText()).toInstant();
                    object.set(name, DecimalNode.valueOf(BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3)));
                } else {
                    epochTimes(value);
                }
            });
        } else if (node.isArray()) {
            node.forEach(EksClustersWireTest::epochTimes);
        }
        return node;
    }

    private static void answer(MappingBuilder request, Object body) {
        eks.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.toString())));
    }

    private static void fail(MappingBuilder request, int status, String type, String message) {
        eks.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("x-amzn-ErrorType", type)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":" + JSON.valueToTree(message) + "}")));
    }

    private static String cluster(String name, String status, String version) {
        return "{\"cluster\":{\"name\":\"" + name + "\",\"arn\":\"arn:aws:eks:us-east-2:111122223333:cluster/" + name
                + "\",\"createdAt\":1765000000.5,\"version\":\"" + version + "\",\"status\":\"" + status + "\","
                + "\"roleArn\":\"" + ROLE + "\",\"resourcesVpcConfig\":{\"subnetIds\":[\"subnet-a\",\"subnet-b\"],"
                + "\"vpcId\":\"vpc-1\"},\"endpoint\":\"https://ABC.gr7.us-east-2.eks.amazonaws.com\","
                + "\"certificateAuthority\":{\"data\":\"Q0EK\"},\"platformVersion\":\"eks.3\",\"tags\":{}}}";
    }

    private static String nodegroup(String cluster, String name, String status, int desired, int min, int max) {
        return "{\"nodegroup\":{\"nodegroupName\":\"" + name + "\",\"clusterName\":\"" + cluster + "\","
                + "\"nodegroupArn\":\"arn:aws:eks:us-east-2:111122223333:nodegroup/" + cluster + "/" + name + "/x\","
                + "\"version\":\"1.31\",\"status\":\"" + status + "\",\"createdAt\":1765000100,"
                + "\"scalingConfig\":{\"minSize\":" + min + ",\"maxSize\":" + max + ",\"desiredSize\":" + desired
                + "},\"instanceTypes\":[\"t3.medium\"],\"labels\":{},\"taints\":[]}}";
    }

    private static String update(String id, String type, String status, String params) {
        return "{\"update\":{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"type\":\"" + type + "\","
                + "\"params\":" + params + ",\"createdAt\":1765000200,\"errors\":[]}}";
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }

    // ---- clusters ----------------------------------------------------------------------------------------------

    @Test
    void describeClusterReadsTheDocumentedOutput() throws IOException {
        answer(get(urlEqualTo("/clusters/my-eks-cluster")), documented("awscli_describe_cluster.json"));

        Cluster c = clusters.get("my-eks-cluster").orElseThrow();

        assertThat(c.name()).isEqualTo("my-eks-cluster");
        assertThat(c.id()).isEqualTo("arn:aws:eks:us-east-2:111122223333:cluster/my-eks-cluster");
        assertThat(c.region()).isEqualTo("us-east-2");
        assertThat(c.version()).isEqualTo("1.26");
        assertThat(c.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(c.rawStatus()).isNull();
        assertThat(c.endpoint()).isEqualTo("https://JSA79429HJDASKJDJ8223829MNDNASW.yl4.us-east-2.eks.amazonaws.com");
        assertThat(c.certificateAuthority()).isEqualTo("CA_DATA_STRING...");
        assertThat(c.platformVersion()).isEqualTo("eks.14");
        assertThat(c.createdAt()).isEqualTo(OffsetDateTime.parse("2024-03-14T11:31:44.348-04:00").toInstant());
        assertThat(c.tags()).containsEntry("karpenter.sh/discovery", "my-eks-cluster");
        assertThat(c.details()).containsEntry("vpcId", "vpc-0012b8e1cc0abb17d")
                .containsEntry("clusterSecurityGroupId", "sg-01c84d09d70f39a7f")
                .containsEntry("oidcIssuer",
                        "https://oidc.eks.us-east-2.amazonaws.com/id/JSA79429HJDASKJDJ8223829MNDNASW");
        assertThat(c.details().get("subnetIds").split(",")).hasSize(6).contains("subnet-0fb75d2d8401716e7");
    }

    @Test
    void missingClusterIsEmptyForGetAndNotFoundForRequire() {
        fail(get(urlEqualTo("/clusters/gone")), 404, "ResourceNotFoundException", "No cluster found for name: gone.");

        assertThat(clusters.get("gone")).isEmpty();
        AltoException e = catchThrowableOfType(AltoException.class, () -> clusters.require("gone"));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(retried).isEmpty();
    }

    @Test
    void createSendsTheRolesSubnetsAndTagsAndReadsTheDocumentedAnswer() throws IOException {
        answer(post(urlEqualTo("/clusters")), documented("awscli_create_cluster.json"));

        Cluster made = clusters.create(ClusterSpec.builder("prod").version("1.10")
                .role("clusterRoleArn", "arn:aws:iam::012345678910:role/spec-role").tag("team", "a").build());

        assertThat(made.state()).isEqualTo(ClusterState.CREATING);
        assertThat(made.name()).isEqualTo("prod");
        assertThat(made.region()).isEqualTo("us-west-2");
        assertThat(made.createdAt()).isEqualTo(Instant.ofEpochMilli(1527808069147L));
        assertThat(made.certificateAuthority()).isNull();
        JsonNode sent = body(eks.findAll(postRequestedFor(urlEqualTo("/clusters"))).get(0));
        assertThat(sent.get("name").asText()).isEqualTo("prod");
        assertThat(sent.get("version").asText()).isEqualTo("1.10");
        assertThat(sent.get("roleArn").asText()).isEqualTo("arn:aws:iam::012345678910:role/spec-role");
        assertThat(sent.get("resourcesVpcConfig").get("subnetIds").toString())
                .isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(sent.get("tags").get("team").asText()).isEqualTo("a");
    }

    @Test
    void createWithoutAClusterRoleOrWithAnUnknownRoleKeyIsRefusedBeforeAnyCall() {
        Clusters noRoles = open(Map.of("eks_cluster_role_arn", ""));
        try {
            AltoException missing = catchThrowableOfType(AltoException.class,
                    () -> noRoles.create(ClusterSpec.builder("c1").build()));
            assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(missing.getMessage()).contains("eks_cluster_role_arn");
            AltoException unknown = catchThrowableOfType(AltoException.class,
                    () -> clusters.create(ClusterSpec.builder("c1").role("serviceAccount", "x").build()));
            assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        } finally {
            noRoles.close();
        }
        assertThat(eks.getAllServeEvents()).isEmpty();
    }

    @Test
    void nameInUseIsAlreadyExistsAndClusterWithNodeGroupsIsADependency() {
        fail(post(urlEqualTo("/clusters")), 409, "ResourceInUseException", "Cluster already exists with name: dup");
        fail(delete(urlEqualTo("/clusters/busy")), 409, "ResourceInUseException",
                "Cluster has nodegroups attached");

        AltoException exists = catchThrowableOfType(AltoException.class,
                () -> clusters.create(ClusterSpec.builder("dup").build()));
        AltoException inUse = catchThrowableOfType(AltoException.class, () -> clusters.delete("busy"));

        assertThat(exists.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(exists.providerCode()).isEqualTo("ResourceInUseException");
        assertThat(inUse.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
    }

    @Test
    void badVersionIsInvalidParameter() {
        fail(post(urlEqualTo("/clusters")), 400, "InvalidParameterException", "unsupported Kubernetes version 9.99");

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> clusters.create(ClusterSpec.builder("v").version("9.99").build()));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.getMessage()).contains("unsupported Kubernetes version 9.99");
    }

    @Test
    void throttlingAndServerErrorsAreRetriedThenAnswered() {
        eks.stubFor(get(urlEqualTo("/clusters/t")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"message\":\"Rate exceeded\"}")).willSetStateTo("second"));
        eks.stubFor(get(urlEqualTo("/clusters/t")).inScenario("t").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500).withHeader("x-amzn-ErrorType", "ServerException")
                        .withBody("{\"message\":\"oops\"}")).willSetStateTo("third"));
        eks.stubFor(get(urlEqualTo("/clusters/t")).inScenario("t").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withBody(cluster("t", "ACTIVE", "1.31"))));

        Cluster c = clusters.require("t");

        assertThat(c.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(retried).containsExactly("DescribeCluster:ThrottlingException", "DescribeCluster:ServerException");
        assertThat(eks.findAll(getRequestedFor(urlEqualTo("/clusters/t")))).hasSize(3);
    }

    @Test
    void listFollowsEveryPageAndDescribesEachClusterInNameOrder() {
        eks.stubFor(get(urlPathEqualTo("/clusters")).withQueryParam("nextToken", equalTo("p2"))
                .willReturn(aResponse().withStatus(200).withBody("{\"clusters\":[\"alpha\"]}")));
        eks.stubFor(get(urlPathEqualTo("/clusters")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"clusters\":[\"zeta\",\"mid\"],"
                        + "\"nextToken\":\"p2\"}")));
        for (String n : List.of("alpha", "zeta", "mid")) {
            answer(get(urlEqualTo("/clusters/" + n)), cluster(n, "ACTIVE", "1.31"));
        }

        assertThat(clusters.list()).extracting(Cluster::name).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void deleteAnswersTheClusterAsEksLeftIt() {
        answer(delete(urlEqualTo("/clusters/old")), cluster("old", "DELETING", "1.30"));

        Cluster c = clusters.delete("old");

        assertThat(c.state()).isEqualTo(ClusterState.DELETING);
        eks.verify(1, deleteRequestedFor(urlEqualTo("/clusters/old")));
    }

    @Test
    void versionsComeFromDescribeClusterVersionsOldestFirstWithOneDefault() {
        eks.stubFor(get(urlPathEqualTo("/cluster-versions")).withQueryParam("nextToken", equalTo("n"))
                .willReturn(aResponse().withStatus(200).withBody("{\"clusterVersions\":[{\"clusterVersion\":\"1.29\","
                        + "\"clusterType\":\"eks\",\"defaultVersion\":false,\"status\":\"extended-support\","
                        + "\"versionStatus\":\"EXTENDED_SUPPORT\",\"endOfStandardSupportDate\":1742774400}]}")));
        eks.stubFor(get(urlPathEqualTo("/cluster-versions")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"clusterVersions\":["
                        + "{\"clusterVersion\":\"1.33\",\"defaultVersion\":false,"
                        + "\"versionStatus\":\"STANDARD_SUPPORT\"},"
                        + "{\"clusterVersion\":\"1.32\",\"defaultVersion\":true,\"versionStatus\":\"STANDARD_SUPPORT\","
                        + "\"endOfStandardSupportDate\":1774224000}],\"nextToken\":\"n\"}")));

        List<KubernetesVersion> versions = clusters.versions();

        assertThat(versions).extracting(KubernetesVersion::version).containsExactly("1.29", "1.32", "1.33");
        assertThat(clusters.defaultVersion().version()).isEqualTo("1.32");
        assertThat(versions.get(0).endOfStandardSupport()).isEqualTo(LocalDate.of(2025, 3, 24));
    }

    @Test
    void upgradeChecksTheStepThenAsksForTheNextMinorVersion() throws IOException {
        answer(get(urlEqualTo("/clusters/up")), cluster("up", "ACTIVE", "1.30"));
        answer(post(urlEqualTo("/clusters/up/updates")),
                update("u-1", "VersionUpdate", "InProgress", "[{\"type\":\"Version\",\"value\":\"1.31\"},"
                        + "{\"type\":\"PlatformVersion\",\"value\":\"eks.1\"}]"));

        AltoException skip = catchThrowableOfType(AltoException.class, () -> clusters.upgrade("up", "1.32"));
        ClusterUpdate u = clusters.upgrade("up", "1.31");

        assertThat(skip.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(u.id()).isEqualTo("u-1");
        assertThat(u.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(u.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(u.params()).containsEntry("Version", "1.31");
        assertThat(u.nodePool()).isNull();
        List<LoggedRequest> posts = eks.findAll(postRequestedFor(urlEqualTo("/clusters/up/updates")));
        assertThat(posts).hasSize(1);
        assertThat(body(posts.get(0)).get("version").asText()).isEqualTo("1.31");
    }

    @Test
    void upgradeOfAClusterThatIsNotActiveIsInvalidState() {
        answer(get(urlEqualTo("/clusters/up")), cluster("up", "UPDATING", "1.30"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> clusters.upgrade("up", "1.31"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(eks.findAll(postRequestedFor(urlEqualTo("/clusters/up/updates")))).isEmpty();
    }

    @Test
    void kubeconfigRunsAltoKubeTokenForTheCluster() {
        answer(get(urlEqualTo("/clusters/k")), cluster("k", "ACTIVE", "1.31"));

        Kubeconfig config = clusters.kubeconfig("k");

        assertThat(config.server()).isEqualTo("https://ABC.gr7.us-east-2.eks.amazonaws.com");
        assertThat(config.certificateAuthority()).isEqualTo("Q0EK");
        assertThat(config.contextName()).isEqualTo("arn:aws:eks:us-east-2:111122223333:cluster/k");
        KubeAuth.Exec exec = (KubeAuth.Exec) config.auth();
        assertThat(exec.apiVersion()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.command()).isEqualTo("alto");
        assertThat(exec.args()).containsSubsequence("kube-token", "--provider", "aws", "--cluster", "k",
                "--region", "us-east-2").contains("--endpoint", eks.baseUrl());
        assertThat(config.yaml()).contains("- \"kube-token\"", "certificate-authority-data: \"Q0EK\"");
    }

    @Test
    void kubeconfigPassesTheProfileOnAndKubectlReadsTheExecPlugin(@TempDir Path dir) throws Exception {
        answer(get(urlEqualTo("/clusters/k")), cluster("k", "ACTIVE", "1.31"));
        Clusters withProfile = open(Map.of("profile", "dev", "kube_token_command", "/opt/alto/bin/alto"));
        Kubeconfig config;
        try {
            config = withProfile.kubeconfig("k");
        } finally {
            withProfile.close();
        }
        Path file = dir.resolve("config");
        Files.writeString(file, config.yaml());
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not on the PATH; the read-back is skipped");

        Process p = new ProcessBuilder(kubectl.toString(), "config", "view", "--kubeconfig", file.toString(), "--raw",
                "-o", "json").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        JsonNode exec = JSON.readTree(out).get("users").get(0).get("user").get("exec");
        assertThat(exec.get("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.get("command").asText()).isEqualTo("/opt/alto/bin/alto");
        List<String> args = new java.util.ArrayList<>();
        exec.get("args").forEach(a -> args.add(a.asText()));
        assertThat(args).containsExactly("kube-token", "--provider", "aws", "--cluster", "k", "--region", "us-east-2",
                "--profile", "dev", "--endpoint", eks.baseUrl());
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    // ---- node groups -------------------------------------------------------------------------------------------

    @Test
    void describeNodegroupReadsTheDocumentedOutput() throws IOException {
        answer(get(urlEqualTo("/clusters/my-eks-cluster/node-groups/my-eks-nodegroup")),
                documented("awscli_describe_nodegroup.json"));

        NodePool p = clusters.nodePool("my-eks-cluster", "my-eks-nodegroup").orElseThrow();

        assertThat(p.cluster()).isEqualTo("my-eks-cluster");
        assertThat(p.state()).isEqualTo(NodePoolState.ACTIVE);
        assertThat(List.of(p.desired(), p.min(), p.max())).isEqualTo(List.of(1, 1, 3));
        assertThat(p.instanceType()).isEqualTo("t3.medium");
        assertThat(p.version()).isEqualTo("1.26");
        assertThat(p.diskGiB()).isEqualTo(20);
        assertThat(p.details()).containsEntry("releaseVersion", "1.26.12-20240329")
                .containsEntry("amiType", "AL2_x86_64")
                .containsEntry("nodeRole", "arn:aws:iam::111122223333:role/role-name")
                .containsEntry("autoScalingGroups", "eks-my-eks-nodegroup-a8c75f2f-df78-a72f-4063-4b69af3de5b1");
    }

    @Test
    void nodeIdsAreTheInstancesEc2FindsByTheNodegroupsTags() {
        answer(get(urlEqualTo("/clusters/c/node-groups/p")), nodegroup("c", "p", "ACTIVE", 2, 1, 3));
        String ns = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
        eks.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .withRequestBody(containing("eks%3Anodegroup-name"))
                .willReturn(aResponse().withStatus(200).withBody("<DescribeInstancesResponse " + ns + "><requestId>r"
                        + "</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet>"
                        + "<item><instanceId>i-0b</instanceId></item><item><instanceId>i-0a</instanceId></item>"
                        + "</instancesSet></item></reservationSet></DescribeInstancesResponse>")));
        eks.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .withRequestBody(containing("alto%3Anodepool"))
                .willReturn(aResponse().withStatus(200).withBody("<DescribeInstancesResponse " + ns + "><requestId>r"
                        + "</requestId><reservationSet/></DescribeInstancesResponse>")));
        Clusters withNodes = open(Map.of("eks_node_ids", "true"));
        try {
            NodePool p = withNodes.requireNodePool("c", "p");

            assertThat(p.nodeIds()).containsExactly("i-0a", "i-0b");
            List<LoggedRequest> asked = eks.findAll(postRequestedFor(urlEqualTo("/")));
            assertThat(asked).hasSize(2);
            assertThat(asked.get(0).getBodyAsString()).contains(
                    "Filter.1.Name=tag%3Aeks%3Acluster-name&Filter.1.Value.1=c",
                    "instance-state-name");
        } finally {
            withNodes.close();
        }
    }

    @Test
    void missingNodegroupIsEmptyButAMissingClusterIsNotFound() {
        fail(get(urlEqualTo("/clusters/c/node-groups/none")), 404, "ResourceNotFoundException",
                "No node group found for name: none.");
        answer(get(urlEqualTo("/clusters/c")), cluster("c", "ACTIVE", "1.31"));
        fail(get(urlEqualTo("/clusters/gone/node-groups/p")), 404, "ResourceNotFoundException",
                "No cluster found for name: gone.");
        fail(get(urlEqualTo("/clusters/gone")), 404, "ResourceNotFoundException", "No cluster found for name: gone.");

        assertThat(clusters.nodePool("c", "none")).isEmpty();
        AltoException e = catchThrowableOfType(AltoException.class, () -> clusters.nodePool("gone", "p"));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void addNodePoolSendsTheSpecWithTheClustersSubnetsAndNodeRole() throws IOException {
        answer(get(urlEqualTo("/clusters/c")), cluster("c", "ACTIVE", "1.31"));
        answer(post(urlEqualTo("/clusters/c/node-groups")), documented("awscli_create_nodegroup.json"));

        NodePool made = clusters.addNodePool("c", new NodePoolSpec("workers", "m5.large", 2, 1, 4,
                Map.of("role", "web"), List.of(new io.altostratus.core.clusters.Taint("dedicated", "web",
                io.altostratus.core.clusters.TaintEffect.NO_SCHEDULE)), 40, "1.31"));

        assertThat(made.state()).isEqualTo(NodePoolState.CREATING);
        JsonNode sent = body(eks.findAll(postRequestedFor(urlEqualTo("/clusters/c/node-groups"))).get(0));
        assertThat(sent.get("nodegroupName").asText()).isEqualTo("workers");
        assertThat(sent.get("nodeRole").asText()).isEqualTo(NODE_ROLE);
        assertThat(sent.get("subnets").toString()).isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(sent.get("instanceTypes").toString()).isEqualTo("[\"m5.large\"]");
        assertThat(sent.get("scalingConfig"))
                .isEqualTo(JSON.readTree("{\"desiredSize\":2,\"minSize\":1,\"maxSize\":4}"));
        assertThat(sent.get("labels").get("role").asText()).isEqualTo("web");
        assertThat(sent.get("taints").get(0))
                .isEqualTo(JSON.readTree("{\"key\":\"dedicated\",\"value\":\"web\",\"effect\":\"NO_SCHEDULE\"}"));
        assertThat(sent.get("diskSize").asInt()).isEqualTo(40);
        assertThat(sent.get("version").asText()).isEqualTo("1.31");
    }

    @Test
    void poolNewerThanTheControlPlaneIsRefusedBeforeAnyCreate() {
        answer(get(urlEqualTo("/clusters/c")), cluster("c", "ACTIVE", "1.30"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> clusters.addNodePool("c",
                NodePoolSpec.of("p", "t3.medium", 1).withVersion("1.31")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(eks.findAll(postRequestedFor(urlEqualTo("/clusters/c/node-groups")))).isEmpty();
    }

    @Test
    void scaleIsAConfigUpdateFollowedWithItsNodegroup() throws IOException {
        answer(get(urlEqualTo("/clusters/c/node-groups/p")), nodegroup("c", "p", "ACTIVE", 1, 1, 2));
        answer(post(urlEqualTo("/clusters/c/node-groups/p/update-config")), update("u-9", "ConfigUpdate",
                "InProgress", "[{\"type\":\"DesiredSize\",\"value\":\"3\"},{\"type\":\"MaxSize\",\"value\":\"5\"}]"));
        answer(get(urlPathEqualTo("/clusters/c/updates/u-9")), update("u-9", "ConfigUpdate", "Successful", "[]"));

        ClusterUpdate started = clusters.scaleNodePool("c", "p", 3, 1, 5);
        ClusterUpdate done = clusters.waitForUpdate("c", started.id(), Duration.ofMinutes(5));

        assertThat(started.type()).isEqualTo(UpdateType.CONFIG_UPDATE);
        assertThat(started.nodePool()).isEqualTo("p");
        assertThat(started.params()).containsEntry("DesiredSize", "3");
        assertThat(done.status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        JsonNode sent = body(eks.findAll(postRequestedFor(urlEqualTo("/clusters/c/node-groups/p/update-config")))
                .get(0));
        assertThat(sent.get("scalingConfig"))
                .isEqualTo(JSON.readTree("{\"minSize\":1,\"maxSize\":5,\"desiredSize\":3}"));
        // DescribeUpdate of a node group's update names the node group, or EKS would not find it.
        List<LoggedRequest> describes = eks.findAll(getRequestedFor(urlPathEqualTo("/clusters/c/updates/u-9")));
        assertThat(describes).isNotEmpty().allSatisfy(r -> assertThat(r.queryParameter("nodegroupName").firstValue())
                .isEqualTo("p"));
    }

    @Test
    void upgradeNodePoolDefaultsToTheControlPlanesVersion() throws IOException {
        answer(get(urlEqualTo("/clusters/c")), cluster("c", "ACTIVE", "1.32"));
        answer(get(urlEqualTo("/clusters/c/node-groups/p")), nodegroup("c", "p", "ACTIVE", 1, 1, 1));
        answer(post(urlEqualTo("/clusters/c/node-groups/p/update-version")),
                update("u-2", "VersionUpdate", "InProgress", "[{\"type\":\"Version\",\"value\":\"1.32\"}]"));

        ClusterUpdate u = clusters.upgradeNodePool("c", "p", null);

        assertThat(u.type()).isEqualTo(UpdateType.VERSION_UPDATE);
        assertThat(body(eks.findAll(postRequestedFor(urlEqualTo("/clusters/c/node-groups/p/update-version"))).get(0))
                .get("version").asText()).isEqualTo("1.32");
    }

    @Test
    void poolsOfASpecAreMadeOnceTheClusterIsActive() throws IOException {
        answer(post(urlEqualTo("/clusters")), cluster("withpools", "CREATING", "1.31"));
        eks.stubFor(get(urlEqualTo("/clusters/withpools")).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(cluster("withpools", "CREATING", "1.31")))
                .willSetStateTo("active"));
        eks.stubFor(get(urlEqualTo("/clusters/withpools")).inScenario("c").whenScenarioStateIs("active")
                .willReturn(aResponse().withStatus(200).withBody(cluster("withpools", "ACTIVE", "1.31"))));
        answer(post(urlEqualTo("/clusters/withpools/node-groups")),
                nodegroup("withpools", "a", "CREATING", 2, 0, 3));
        answer(get(urlEqualTo("/clusters/withpools/node-groups/a")), nodegroup("withpools", "a", "ACTIVE", 2, 0, 3));

        clusters.create(ClusterSpec.builder("withpools").nodePool(new NodePoolSpec("a", null, 2, 0, 3, Map.of(),
                List.of(), null, null)).build());
        NodePool waiting = clusters.nodePool("withpools", "a").orElseThrow(); // the cluster still creating
        assertThat(eks.findAll(postRequestedFor(urlEqualTo("/clusters/withpools/node-groups")))).isEmpty();
        Cluster active = clusters.waitFor("withpools", ClusterCondition.ACTIVE, Duration.ofMinutes(30));
        NodePool made = clusters.waitForNodePool("withpools", "a", ClusterCondition.ACTIVE, Duration.ofMinutes(30));

        assertThat(waiting.state()).isEqualTo(NodePoolState.CREATING);
        assertThat(waiting.rawStatus()).isEqualTo(EksClusters.WAITING_FOR_CLUSTER);
        assertThat(active.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(made.state()).isEqualTo(NodePoolState.ACTIVE);
        List<LoggedRequest> creates = eks.findAll(postRequestedFor(urlEqualTo("/clusters/withpools/node-groups")));
        assertThat(creates).hasSize(1);
        JsonNode sent = body(creates.get(0));
        assertThat(sent.get("nodeRole").asText()).isEqualTo(NODE_ROLE);
        assertThat(sent.get("subnets").toString()).isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(sent.has("instanceTypes")).as("no type: EKS's default").isFalse();
    }

    @Test
    void deletingAMissingNodegroupIsNotFound() {
        fail(delete(urlEqualTo("/clusters/c/node-groups/x")), 404, "ResourceNotFoundException",
                "No node group found for name: x.");
        answer(get(urlEqualTo("/clusters/c")), cluster("c", "ACTIVE", "1.31"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> clusters.deleteNodePool("c", "x"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
