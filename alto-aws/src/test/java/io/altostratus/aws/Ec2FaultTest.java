package io.altostratus.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.placement.FailoverPolicy;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against an HTTP fake that answers what EC2 answers when things go wrong, with EC2's own XML error
 * bodies: throttling, 5xx, ids not yet visible after a launch, capacity shortages and launches that fail half-way.
 * Each test counts the requests that reached the wire and the backoff delays the provider took (on a manual clock,
 * so nothing sleeps), and checks what a failed launch took back.
 */
class Ec2FaultTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final Duration BASE = Duration.ofMillis(200);

    private static WireMockServer ec2;
    private final ManualClock clock = new ManualClock();
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    @TempDir
    Path keys;

    @BeforeAll
    static void start() {
        ec2 = new WireMockServer(options().dynamicPort());
        ec2.start();
    }

    @AfterAll
    static void stop() {
        ec2.stop();
    }

    @BeforeEach
    void forgetStubs() {
        ec2.resetAll();
    }

    private ComputeProvider provider(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("access_key_id", "AKIDFAKE",
                "secret_access_key", "secret", "ssm", "false", "key_dir", keys.toString(), "max_attempts", "4",
                "retry_base_ms", "200", "retry_max_ms", "1000"));
        settings.putAll(extra);
        AwsProviderFactory factory = new AwsProviderFactory(clock, (op, code, attempt, delay) -> {
            retried.add(op + ":" + code);
            delays.add(delay);
        });
        return factory.open(new ProviderContext("us-east-1", "123456789012", ec2.baseUrl(), null, settings, clock));
    }

    private static Ec2MetadataOptions metadataOptions(ComputeProvider provider) {
        return provider.extension(Ec2MetadataOptions.class).orElseThrow();
    }

    // ---- EC2's wire: what the fake answers ------------------------------------------------------------------------

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error></Errors><RequestID>" + UUID.randomUUID() + "</RequestID></Response>";
    }

    private static String instanceItem(String id, String zone, String state) {
        return "<item><instanceId>" + id + "</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>"
                + (state.equals("pending") ? 0 : 16) + "</code><name>" + state + "</name></instanceState>"
                + "<instanceType>t3.micro</instanceType><amiLaunchIndex>0</amiLaunchIndex><placement>"
                + "<availabilityZone>" + zone + "</availabilityZone></placement><architecture>x86_64</architecture>"
                + "<tagSet/></item>";
    }

    private static String runInstances(String zone, String... ids) {
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            items.append(instanceItem(id, zone, "pending"));
        }
        return "<RunInstancesResponse " + NS + "><requestId>" + UUID.randomUUID() + "</requestId><reservationId>r-0"
                + ids[0].substring(2) + "</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
                + items + "</instancesSet></RunInstancesResponse>";
    }

    private static String describeInstances(String id, String zone) {
        return "<DescribeInstancesResponse " + NS + "><requestId>" + UUID.randomUUID() + "</requestId><reservationSet>"
                + "<item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
                + instanceItem(id, zone, "running") + "</instancesSet></item></reservationSet>"
                + "</DescribeInstancesResponse>";
    }

    private static String ok(String action, String inner) {
        return "<" + action + "Response " + NS + "><requestId>" + UUID.randomUUID() + "</requestId>" + inner + "</"
                + action + "Response>";
    }

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private void answer(String action, int status, String body) {
        ec2.stubFor(action(action).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody(body)));
    }

    /** Answers {@code action} with each of {@code answers} in turn, the last one from then on. */
    private void inTurn(String action, List<Map.Entry<Integer, String>> answers) {
        String scenario = action + "-turns";
        for (int i = 0; i < answers.size(); i++) {
            var m = action(action).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn" + i);
            if (i + 1 < answers.size()) {
                m = m.willSetStateTo("turn" + (i + 1));
            }
            ec2.stubFor(m.willReturn(aResponse().withStatus(answers.get(i).getKey())
                    .withHeader("Content-Type", "text/xml").withBody(answers.get(i).getValue())));
        }
    }

    private List<LoggedRequest> requests(String action) {
        return ec2.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
    }

    /** One instance in {@code state} carrying the attempt tag the DescribeInstances request filtered on. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder echoingTheAttemptTag(String state) {
        String item = instanceItem("i-0eeeeeeeeeeeeeee1", "us-east-1a", state).replace("<tagSet/>", "<tagSet><item><key>"
                + FailoverPolicy.ATTEMPT_TAG + "</key><value>{{form.[Filter.1.Value.1]}}</value></item></tagSet>");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withTransformers("response-template")
                .withBody("{{formData request.body 'form' urlDecode=true}}" + describePage(null, item));
    }

    /** The value of the instance tag {@code key} in a RunInstances form, or null. */
    private static String tagValue(Map<String, String> form, String key) {
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getKey().matches("TagSpecification\\.1\\.Tag\\.\\d+\\.Key") && e.getValue().equals(key)) {
                return form.get(e.getKey().replace(".Key", ".Value"));
            }
        }
        return null;
    }

    /** The first value of the filter named {@code name} in a Describe form, or null. */
    private static String filterValue(Map<String, String> form, String name) {
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getKey().matches("Filter\\.\\d+\\.Name") && e.getValue().equals(name)) {
                return form.get(e.getKey().replace(".Name", ".Value.1"));
            }
        }
        return null;
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Equal jitter: the delay before retry k is between half and all of min(base * 2^k, cap). */
    private static void assertBackoff(List<Duration> delays, Duration cap) {
        for (int k = 0; k < delays.size(); k++) {
            Duration nominal = BASE.multipliedBy(1L << k);
            nominal = nominal.compareTo(cap) > 0 ? cap : nominal;
            assertThat(delays.get(k)).as("delay before retry %d", k + 1)
                    .isBetween(nominal.dividedBy(2), nominal);
        }
    }

    private static LaunchSpec spec(java.util.function.UnaryOperator<LaunchSpec.Builder> more) {
        return more.apply(LaunchSpec.builder().image("ami-0abcdef1234567890").instanceType("t3.micro")).build();
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    void throttlingIsRetriedWithGrowingJitteredBackoffUntilItSucceeds() {
        String throttled = error("RequestLimitExceeded", "Request limit exceeded.");
        inTurn("DescribeInstances", List.of(Map.entry(503, throttled), Map.entry(503, throttled),
                Map.entry(200, describeInstances("i-0123456789abcdef0", "us-east-1a"))));
        var start = clock.instant();

        Instance found = provider(Map.of()).instance("i-0123456789abcdef0");

        assertThat(found.state().wireName()).isEqualTo("running");
        assertThat(requests("DescribeInstances")).as("calls on the wire: the SDK's own retries are off").hasSize(3);
        assertThat(retried).containsExactly("DescribeInstances:RequestLimitExceeded",
                "DescribeInstances:RequestLimitExceeded");
        assertBackoff(delays, Duration.ofSeconds(1));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(delays.get(0).plus(delays.get(1)));
    }

    @Test
    void serverErrorsAreRetriedAFixedNumberOfTimesThenReportedWithEc2sCode() {
        answer("TerminateInstances", 500, error("InternalError", "An internal error has occurred"));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> provider(Map.of()).terminate(List.of("i-0123456789abcdef0")));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("InternalError");
        assertThat(requests("TerminateInstances")).as("max_attempts = 4").hasSize(4);
        assertThat(delays).hasSize(3);
        assertBackoff(delays, Duration.ofSeconds(1));
    }

    @Test
    void anIdJustReturnedByRunInstancesThatDescribeDoesNotKnowYetIsWaitedFor() {
        String id = "i-0aaaaaaaaaaaaaaa1";
        answer("RunInstances", 200, runInstances("us-east-1a", id));
        String notFound = error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        inTurn("DescribeInstances", List.of(Map.entry(400, notFound), Map.entry(400, notFound),
                Map.entry(200, describeInstances(id, "us-east-1a"))));
        ComputeProvider aws = provider(Map.of());

        aws.launch(spec(b -> b));
        Instance seen = aws.instance(id);

        assertThat(seen.id()).isEqualTo(id);
        assertThat(requests("DescribeInstances")).hasSize(3);
        assertThat(retried).containsExactly("DescribeInstances:InvalidInstanceID.NotFound",
                "DescribeInstances:InvalidInstanceID.NotFound");
        assertThat(aws.consistencyGrace()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anIdThisSessionNeverMadeIsNotFoundAtOnce() {
        answer("DescribeInstances", 400, error("InvalidInstanceID.NotFound",
                "The instance ID 'i-0fedcba9876543210' does not exist"));

        assertThatThrownBy(() -> provider(Map.of()).instance("i-0fedcba9876543210"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
                });
        assertThat(requests("DescribeInstances")).hasSize(1);
        assertThat(retried).isEmpty();
    }

    @Test
    void noVisibilityWithinTheGraceIsNotFoundInTheEnd() {
        String id = "i-0aaaaaaaaaaaaaaa2";
        answer("RunInstances", 200, runInstances("us-east-1a", id));
        answer("DescribeInstances", 400, error("InvalidInstanceID.NotFound", "does not exist"));
        ComputeProvider aws = provider(Map.of("consistency_grace_s", "3"));
        aws.launch(spec(b -> b));

        assertThatThrownBy(() -> aws.instance(id)).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        // 200, 400, 800, 1000, 1000 ms... nominal: the grace of 3 s runs out after a handful of polls.
        assertThat(requests("DescribeInstances").size()).isBetween(4, 12);
    }

    @Test
    void capacityShortageIsNotRetriedInPlaceButFallsBackToAnotherZoneWhenAsked() {
        stubPlaces();
        ec2.stubFor(action("RunInstances").withRequestBody(containing("Placement.AvailabilityZone=us-east-1a"))
                .willReturn(aResponse().withStatus(500).withBody(error("InsufficientInstanceCapacity",
                        "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("Placement.AvailabilityZone=us-east-1b"))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1b", "i-0bbbbbbbbbbbbbbb1"))));

        List<Instance> made = provider(Map.of("capacity_fallback", "true"))
                .launch(spec(b -> b.zone("us-east-1a")));

        assertThat(made).extracting(Instance::zone).containsExactly("us-east-1b");
        List<LoggedRequest> runs = requests("RunInstances");
        assertThat(runs).hasSize(2);
        assertThat(form(runs.get(0))).containsEntry("Placement.AvailabilityZone", "us-east-1a");
        assertThat(form(runs.get(1))).containsEntry("Placement.AvailabilityZone", "us-east-1b")
                .containsEntry("InstanceType", "t3.micro");
        assertThat(form(runs.get(1)).get("ClientToken")).as("a new token: same token, new parameters is refused")
                .isNotEqualTo(form(runs.get(0)).get("ClientToken"));
        assertThat(retried).isEmpty();
    }

    @Test
    void withoutFallbackACapacityShortageIsReportedAsSuch() {
        answer("RunInstances", 500, error("InsufficientInstanceCapacity", "no capacity"));

        assertThatThrownBy(() -> provider(Map.of()).launch(spec(b -> b.zone("us-east-1a"))))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
                    assertThat(e.providerCode()).isEqualTo("InsufficientInstanceCapacity");
                });
        assertThat(requests("RunInstances")).hasSize(1);
    }

    @Test
    void capacityFallbackMovesToTheNextFittingTypeWhenNoZoneHasTheFirst() {
        stubPlaces();
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.micro"))
                .willReturn(aResponse().withStatus(500).withBody(error("InsufficientInstanceCapacity", "none"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.small"))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1a", "i-0ccccccccccccccc1"))));

        provider(Map.of("capacity_fallback", "true")).launch(spec(b -> b.zone("us-east-1a")));

        List<String> tried = requests("RunInstances").stream()
                .map(r -> form(r).get("InstanceType") + "@" + form(r).get("Placement.AvailabilityZone")).toList();
        assertThat(tried).containsExactly("t3.micro@us-east-1a", "t3.micro@us-east-1b", "t3.small@us-east-1a");
        // Each attempt carried its own tag, and each refused one was listed by it before the next was tried.
        List<String> attemptTags = requests("RunInstances").stream()
                .map(r -> tagValue(form(r), FailoverPolicy.ATTEMPT_TAG)).toList();
        assertThat(attemptTags).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
        List<String> listedBy = requests("DescribeInstances").stream()
                .map(r -> filterValue(form(r), "tag:" + FailoverPolicy.ATTEMPT_TAG)).toList();
        assertThat(listedBy).containsExactly(attemptTags.get(0), attemptTags.get(1));
    }

    @Test
    void aLaunchIntoASubnetFallsBackToTheSubnetsOfTheSameVpcInOtherZones() {
        stubPlaces();
        answer("DescribeSubnets", 200, ok("DescribeSubnets", "<subnetSet>" + subnet("subnet-0aaaaaaaaaaaaaaa1",
                "us-east-1a") + subnet("subnet-0ccccccccccccccc1", "us-east-1c") + subnet("subnet-0bbbbbbbbbbbbbbb1",
                "us-east-1b") + "</subnetSet>"));
        ec2.stubFor(action("DescribeSubnets").withRequestBody(containing("SubnetId.1=subnet-0aaaaaaaaaaaaaaa1"))
                .willReturn(aResponse().withStatus(200).withBody(ok("DescribeSubnets", "<subnetSet>"
                        + subnet("subnet-0aaaaaaaaaaaaaaa1", "us-east-1a") + "</subnetSet>"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.micro"))
                .willReturn(aResponse().withStatus(500).withBody(error("InsufficientInstanceCapacity", "none"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.small"))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1a", "i-0ccccccccccccccc1"))));

        provider(Map.of("capacity_fallback", "true")).launch(spec(b -> b.subnetId("subnet-0aaaaaaaaaaaaaaa1")));

        List<String> tried = requests("RunInstances").stream()
                .map(r -> form(r).get("InstanceType") + "@" + form(r).get("SubnetId")).toList();
        assertThat(tried).containsExactly("t3.micro@subnet-0aaaaaaaaaaaaaaa1", "t3.micro@subnet-0bbbbbbbbbbbbbbb1",
                "t3.small@subnet-0aaaaaaaaaaaaaaa1");
        assertThat(requests("DescribeSubnets")).as("the named subnet, then the VPC's subnets once").hasSize(2);
    }

    private static String subnet(String id, String zone) {
        return "<item><subnetId>" + id + "</subnetId><state>available</state><vpcId>vpc-0123456789abcdef0</vpcId>"
                + "<cidrBlock>10.0.0.0/24</cidrBlock><availableIpAddressCount>250</availableIpAddressCount>"
                + "<availabilityZone>" + zone + "</availabilityZone><defaultForAz>false</defaultForAz>"
                + "<mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item>";
    }

    @Test
    void aCapacityWalkRepeatedWithTheSameTokenSendsTheSameRequests() {
        stubPlaces();
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.micro"))
                .willReturn(aResponse().withStatus(500).withBody(error("InsufficientInstanceCapacity", "none"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("InstanceType=t3.small"))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1a", "i-0ccccccccccccccc1"))));

        for (int run = 0; run < 2; run++) {
            provider(Map.of("capacity_fallback", "true")).launch(spec(b -> b.zone("us-east-1a").clientToken("deploy-7")));
        }

        List<Map<String, String>> runs = requests("RunInstances").stream().map(Ec2FaultTest::form).toList();
        assertThat(runs).hasSize(6);
        assertThat(runs.get(0).get("ClientToken")).as("the first attempt keeps the caller's token").isEqualTo("deploy-7");
        List<String> first = runs.subList(0, 3).stream()
                .map(f -> f.get("ClientToken") + " " + tagValue(f, FailoverPolicy.ATTEMPT_TAG)).toList();
        List<String> second = runs.subList(3, 6).stream()
                .map(f -> f.get("ClientToken") + " " + tagValue(f, FailoverPolicy.ATTEMPT_TAG)).toList();
        assertThat(first).doesNotHaveDuplicates();
        assertThat(second).as("EC2 refuses a known token with other parameters").isEqualTo(first);
    }

    @Test
    void aFallbackAttemptWithoutAnAnswerIsListedByItsTagAndWhatItMadeIsTerminated() {
        stubPlaces();
        answer("RunInstances", 503, error("Unavailable", "The service is unavailable."));
        // EC2 made the instance but its answer never came: listed by the attempt's tag, it is there with that tag.
        String scenario = "lost-launch";
        ec2.stubFor(action("DescribeInstances").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("terminating").willReturn(echoingTheAttemptTag("running")));
        ec2.stubFor(action("DescribeInstances").inScenario(scenario).whenScenarioStateIs("terminating")
                .willReturn(echoingTheAttemptTag("shutting-down")));
        answer("TerminateInstances", 200, ok("TerminateInstances", "<instancesSet/>"));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> provider(Map.of("capacity_fallback", "true")).launch(spec(b -> b.zone("us-east-1a"))));

        assertThat(e.code()).as("the caller gets EC2's own error").isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.providerCode()).isEqualTo("Unavailable");
        assertThat(requests("RunInstances")).as("a server error ends the walk: retried in place only")
                .hasSize(4).allSatisfy(r -> assertThat(form(r)).containsEntry("Placement.AvailabilityZone",
                        "us-east-1a"));
        assertThat(requests("TerminateInstances")).singleElement()
                .satisfies(r -> assertThat(form(r)).containsEntry("InstanceId.1", "i-0eeeeeeeeeeeeeee1"));
        assertThat(requests("DescribeInstances")).hasSize(2);
    }

    @Test
    void aLaunchThatFailsAfterMakingItsGroupAndKeyDeletesBoth() throws Exception {
        answer("DescribeKeyPairs", 200, ok("DescribeKeyPairs", "<keySet/>"));
        answer("CreateKeyPair", 200, ok("CreateKeyPair", "<keyName>lab</keyName><keyFingerprint>ab:cd</keyFingerprint>"
                + "<keyMaterial>-----BEGIN OPENSSH PRIVATE KEY-----\nxyz\n-----END OPENSSH PRIVATE KEY-----</keyMaterial>"
                + "<keyPairId>key-0123456789abcdef0</keyPairId>"));
        answer("DescribeVpcs", 200, ok("DescribeVpcs", "<vpcSet><item><vpcId>vpc-01234567</vpcId><cidrBlock>"
                + "172.31.0.0/16</cidrBlock><isDefault>true</isDefault><state>available</state></item></vpcSet>"));
        answer("CreateSecurityGroup", 200, ok("CreateSecurityGroup", "<return>true</return><groupId>sg-0123456789abcdef0"
                + "</groupId>"));
        answer("DescribeSecurityGroups", 200, ok("DescribeSecurityGroups", "<securityGroupInfo><item><ownerId>"
                + "123456789012</ownerId><groupId>sg-0123456789abcdef0</groupId><groupName>g</groupName>"
                + "<groupDescription>d</groupDescription><vpcId>vpc-01234567</vpcId><ipPermissions/>"
                + "<ipPermissionsEgress/></item></securityGroupInfo>"));
        answer("AuthorizeSecurityGroupIngress", 200, ok("AuthorizeSecurityGroupIngress", "<return>true</return>"));
        answer("RunInstances", 400, error("InvalidParameterValue", "Value (t3.micro) for parameter x is invalid"));
        answer("DeleteSecurityGroup", 200, ok("DeleteSecurityGroup", "<return>true</return>"));
        answer("DeleteKeyPair", 200, ok("DeleteKeyPair", "<return>true</return>"));
        ComputeProvider aws = provider(Map.of("ssh_group", "true", "create_missing_key", "true"));
        Path pem = ((AwsProvider) aws).privateKeyPath("lab");

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> aws.launch(spec(b -> b.keyName("lab"))));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).contains("rolled back").contains("sg-0123456789abcdef0").contains("key lab");
        assertThat(form(requests("RunInstances").get(0))).containsEntry("KeyName", "lab")
                .containsEntry("SecurityGroupId.1", "sg-0123456789abcdef0");
        assertThat(requests("DeleteSecurityGroup")).singleElement()
                .satisfies(r -> assertThat(form(r)).containsEntry("GroupId", "sg-0123456789abcdef0"));
        assertThat(requests("DeleteKeyPair")).singleElement()
                .satisfies(r -> assertThat(form(r)).containsEntry("KeyName", "lab"));
        assertThat(pem).as("the private key file of the rolled-back key").doesNotExist();
    }

    @Test
    void theKeyOfALaunchIsKeptOwnerOnlyWhileItLives() throws Exception {
        answer("CreateKeyPair", 200, ok("CreateKeyPair", "<keyName>kept</keyName><keyFingerprint>ab</keyFingerprint>"
                + "<keyMaterial>PRIVATE</keyMaterial><keyPairId>key-0123456789abcdef1</keyPairId>"));
        AwsProvider aws = (AwsProvider) provider(Map.of());

        aws.extension(KeyPairs.class).orElseThrow().createKeyPair("kept", io.altostratus.core.model.KeyType.ED25519,
                Map.of());

        Path pem = aws.privateKeyPath("kept");
        assertThat(Files.readString(pem).trim()).isEqualTo("PRIVATE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
        assertThat(form(requests("CreateKeyPair").get(0))).containsEntry("TagSpecification.1.Tag.1.Key", "alto:owner");
    }

    @Test
    void aBatchedLaunchThatFallsShortOfItsMinimumTerminatesWhatItMadeAndKeepsItWhenAsked() {
        String token = "fleet-token";
        String[] tokens = new String[3];
        for (int i = 0; i < 3; i++) {
            tokens[i] = UUID.nameUUIDFromBytes((token + "#" + i).getBytes(StandardCharsets.UTF_8)).toString();
        }
        ec2.stubFor(action("RunInstances").withRequestBody(containing("ClientToken=" + tokens[0]))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1a", "i-0ddddddddddddddd1",
                        "i-0ddddddddddddddd2"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("ClientToken=" + tokens[1]))
                .willReturn(aResponse().withStatus(200).withBody(runInstances("us-east-1a", "i-0ddddddddddddddd3",
                        "i-0ddddddddddddddd4"))));
        ec2.stubFor(action("RunInstances").withRequestBody(containing("ClientToken=" + tokens[2]))
                .willReturn(aResponse().withStatus(400).withBody(error("VcpuLimitExceeded", "vCPU limit"))));
        answer("TerminateInstances", 200, ok("TerminateInstances", "<instancesSet/>"));

        AltoException e = catchThrowableOfType(AltoException.class, () -> provider(Map.of("batch_size", "2"))
                .launch(spec(b -> b.count(6).minCount(6).clientToken(token))));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.providerCode()).isEqualTo("VcpuLimitExceeded");
        List<LoggedRequest> runs = requests("RunInstances");
        assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(form(r)).containsEntry("MaxCount", "2")
                .containsEntry("MinCount", "2"));
        List<String> terminated = new ArrayList<>();
        requests("TerminateInstances").forEach(r -> form(r).forEach((k, v) -> {
            if (k.startsWith("InstanceId.")) {
                terminated.add(v);
            }
        }));
        assertThat(terminated).containsExactlyInAnyOrder("i-0ddddddddddddddd1", "i-0ddddddddddddddd2",
                "i-0ddddddddddddddd3", "i-0ddddddddddddddd4");

        ec2.resetRequests();
        io.altostratus.core.error.PartialLaunchException kept = catchThrowableOfType(
                io.altostratus.core.error.PartialLaunchException.class,
                () -> provider(Map.of("batch_size", "2", "keep_on_failure", "true"))
                        .launch(spec(b -> b.count(6).minCount(6).clientToken(token))));
        assertThat(kept.launched()).hasSize(4);
        assertThat(requests("TerminateInstances")).isEmpty();
    }

    @Test
    void launchesAskForImdsV2UserDataInBase64SpotWithAMaxPriceDisksAndOwnershipTags() {
        answer("RunInstances", 200, runInstances("us-east-1a", "i-0eeeeeeeeeeeeeee1"));

        provider(Map.of("run_id", "run42", "owner", "ci")).launch(spec(b -> b.userData("#cloud-config\n")
                .spot(new io.altostratus.core.spec.SpotOptions(0.0123, false))
                .disk(io.altostratus.core.spec.DiskSpec.of(20)).tag("team", "qa")));

        Map<String, String> run = form(requests("RunInstances").get(0));
        assertThat(run).containsEntry("MetadataOptions.HttpTokens", "required")
                .containsEntry("UserData", java.util.Base64.getEncoder().encodeToString("#cloud-config\n"
                        .getBytes(StandardCharsets.UTF_8)))
                .containsEntry("InstanceMarketOptions.MarketType", "spot")
                .containsEntry("InstanceMarketOptions.SpotOptions.MaxPrice", "0.012300")
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/sdf")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "20")
                .containsEntry("TagSpecification.1.ResourceType", "instance");
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; run.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
            tags.put(run.get("TagSpecification.1.Tag." + i + ".Key"), run.get("TagSpecification.1.Tag." + i + ".Value"));
        }
        assertThat(tags).containsEntry("alto:owner", "ci").containsEntry("alto:run-id", "run42")
                .containsEntry("alto:created", "2026-01-01T00:00:00Z").containsEntry("team", "qa");
    }

    @Test
    void volumeAndInterfaceTagsGoInTheRunInstancesCallItself() {
        answer("RunInstances", 200, runInstances("us-east-1a", "i-0eeeeeeeeeeeeeee1"));

        provider(Map.of("run_id", "run42", "owner", "ci")).launch(spec(b -> b.tag("team", "qa")
                .volumeTags(Map.of("backup", "daily")).interfaceTags(Map.of("net", "blue"))));

        Map<String, String> run = form(requests("RunInstances").get(0));
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (int n = 1; run.containsKey("TagSpecification." + n + ".ResourceType"); n++) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 1; run.containsKey("TagSpecification." + n + ".Tag." + i + ".Key"); i++) {
                tags.put(run.get("TagSpecification." + n + ".Tag." + i + ".Key"),
                        run.get("TagSpecification." + n + ".Tag." + i + ".Value"));
            }
            byType.put(run.get("TagSpecification." + n + ".ResourceType"), tags);
        }
        assertThat(byType).containsOnlyKeys("instance", "volume", "network-interface");
        assertThat(byType.get("instance")).containsEntry("team", "qa").doesNotContainKey("backup");
        // Volumes that die with the instance get what was asked for (plus ownership), not the instance's tags.
        assertThat(byType.get("volume")).containsEntry("backup", "daily").doesNotContainKey("team");
        assertThat(byType.get("network-interface")).containsEntry("net", "blue").doesNotContainKey("team");
        assertThat(requests("CreateTags")).isEmpty();
    }

    @Test
    void ubuntuComesFromSsmsPublicParameterFirstWhenSsmAnswers() {
        String param = "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
        ec2.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Parameter\":{\"Name\":\"" + param + "\",\"Type\":\"String\","
                                + "\"Value\":\"ami-0123456789abcdef0\",\"Version\":7}}")));
        answer("DescribeImages", 200, ok("DescribeImages", "<imagesSet><item><imageId>ami-0123456789abcdef0</imageId>"
                + "<name>ubuntu/images/hvm-ssd-gp3/ubuntu-jammy-22.04-amd64-server-20251015</name><imageOwnerId>"
                + "099720109477</imageOwnerId><imageState>available</imageState><architecture>x86_64</architecture>"
                + "<creationDate>2025-10-15T00:00:00.000Z</creationDate><rootDeviceName>/dev/sda1</rootDeviceName>"
                + "</item></imagesSet>"));

        var image = provider(Map.of("ssm", "true")).resolveImage(io.altostratus.core.query.ImageRef.parse("ubuntu:22.04"));

        assertThat(image.id()).isEqualTo("ami-0123456789abcdef0");
        assertThat(image.distro()).isEqualTo("ubuntu");
        assertThat(image.release()).isEqualTo("22.04");
        assertThat(ec2.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonSSM.GetParameter")))).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains(param));
        assertThat(requests("DescribeImages")).singleElement().satisfies(r -> assertThat(form(r))
                .containsEntry("ImageId.1", "ami-0123456789abcdef0").doesNotContainKey("Filter.1.Name"));
    }

    @Test
    void withoutSsmTheNewestCanonicalImageByNameIsTaken() {
        answer("DescribeImages", 200, ok("DescribeImages", "<imagesSet>"
                + ubuntu("ami-0000000000000000a", "20250812") + ubuntu("ami-0000000000000000c", "20251015")
                + ubuntu("ami-0000000000000000b", "20250909") + "</imagesSet>"));

        var image = provider(Map.of()).resolveImage(io.altostratus.core.query.ImageRef.parse("ubuntu:22.04"));

        assertThat(image.id()).isEqualTo("ami-0000000000000000c");
        Map<String, String> asked = form(requests("DescribeImages").get(0));
        assertThat(asked).containsEntry("Owner.1", "099720109477")
                .containsEntry("Filter.1.Name", "name")
                .containsEntry("Filter.1.Value.1", "ubuntu/images/hvm-ssd*/ubuntu-jammy-22.04-amd64-server-*");
    }

    private static String ubuntu(String id, String date) {
        return "<item><imageId>" + id + "</imageId><name>ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-" + date
                + "</name><imageOwnerId>099720109477</imageOwnerId><imageState>available</imageState><architecture>"
                + "x86_64</architecture><creationDate>" + date.substring(0, 4) + "-" + date.substring(4, 6) + "-"
                + date.substring(6) + "T00:00:00.000Z</creationDate></item>";
    }

    /**
     * Two zones that both offer t3.micro and t3.small, with the catalog's prices making t3.micro the cheaper; and no
     * instances, as the failover policy's listing by attempt tag finds after each refused attempt.
     */
    private void stubPlaces() {
        answer("DescribeInstances", 200, describePage(null));
        answer("DescribeAvailabilityZones", 200, ok("DescribeAvailabilityZones", "<availabilityZoneInfo>"
                + "<item><zoneName>us-east-1a</zoneName><zoneState>available</zoneState><regionName>us-east-1"
                + "</regionName><zoneId>use1-az1</zoneId></item><item><zoneName>us-east-1b</zoneName><zoneState>"
                + "available</zoneState><regionName>us-east-1</regionName><zoneId>use1-az2</zoneId></item>"
                + "</availabilityZoneInfo>"));
        StringBuilder offers = new StringBuilder();
        for (String zone : List.of("us-east-1a", "us-east-1b")) {
            for (String type : List.of("t3.micro", "t3.small")) {
                offers.append("<item><instanceType>").append(type).append("</instanceType><locationType>"
                        + "availability-zone</locationType><location>").append(zone).append("</location></item>");
            }
        }
        answer("DescribeInstanceTypeOfferings", 200, ok("DescribeInstanceTypeOfferings",
                "<instanceTypeOfferingSet>" + offers + "</instanceTypeOfferingSet>"));
        answer("DescribeInstanceTypes", 200, ok("DescribeInstanceTypes", "<instanceTypeSet>"
                + type("t3.micro", 2, 1024) + type("t3.small", 2, 2048) + "</instanceTypeSet>"));
    }

    private static String type(String name, int vcpus, int mib) {
        return "<item><instanceType>" + name + "</instanceType><vCpuInfo><defaultVCpus>" + vcpus + "</defaultVCpus>"
                + "</vCpuInfo><memoryInfo><sizeInMiB>" + mib + "</sizeInMiB></memoryInfo><processorInfo>"
                + "<supportedArchitectures><item>x86_64</item></supportedArchitectures></processorInfo></item>";
    }

    // ---- states and pages ----------------------------------------------------------------------------------------

    private static String describePage(String nextToken, String... items) {
        return "<DescribeInstancesResponse " + NS + "><requestId>" + UUID.randomUUID() + "</requestId><reservationSet>"
                + "<item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
                + String.join("", items) + "</instancesSet></item></reservationSet>"
                + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>") + "</DescribeInstancesResponse>";
    }

    @Test
    void ec2sOwnStateNamesAreKeptBesideThePortableStateAndAskedForByEc2sName() {
        answer("DescribeInstances", 200, describePage(null,
                instanceItem("i-0aaaaaaaaaaaaaaa1", "us-east-1a", "shutting-down"),
                instanceItem("i-0aaaaaaaaaaaaaaa2", "us-east-1a", "hibernating"),
                instanceItem("i-0aaaaaaaaaaaaaaa3", "us-east-1a", "running")));

        List<Instance> listed = provider(Map.of()).instances(InstanceQuery.all());

        assertThat(listed).extracting(Instance::state).containsExactly(InstanceState.TERMINATING,
                InstanceState.ERROR, InstanceState.RUNNING);
        assertThat(listed).extracting(Instance::rawState).containsExactly("shutting-down", "hibernating", null);
        assertThat(listed).extracting(Instance::stateName).containsExactly("shutting-down", "hibernating", "running");
        assertThat(Ec2InstanceDetails.of(listed.get(0)).reservationId()).isEqualTo("r-1");

        ec2.resetRequests();
        provider(Map.of()).instances(InstanceQuery.builder().state(InstanceState.TERMINATING)
                .state(InstanceState.STOPPED).build());
        assertThat(form(requests("DescribeInstances").get(0))).containsEntry("Filter.1.Name", "instance-state-name")
                .containsEntry("Filter.1.Value.1", "shutting-down").containsEntry("Filter.1.Value.2", "stopped");
    }

    /** Every page of a listing at {@code limit} a page, as the ids in the order seen. */
    private static List<String> walk(ComputeProvider aws, int limit) {
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        while (true) {
            Page<Instance> page = aws.instances(InstanceQuery.all(), request);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            page.items().forEach(i -> seen.add(i.id()));
            if (!page.hasNext()) {
                return seen;
            }
            request = request.next(page.nextCursor());
        }
    }

    @Test
    void pagesOfInstancesFollowEc2sNextTokenInEc2sOrderWhateverTheirSize() {
        answer("DescribeInstances", 200, describePage("tok-2",
                instanceItem("i-0aaaaaaaaaaaaaaa2", "us-east-1a", "running"),
                instanceItem("i-0aaaaaaaaaaaaaaa1", "us-east-1a", "running")));
        ec2.stubFor(action("DescribeInstances").withRequestBody(containing("NextToken=tok-2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(describePage(
                        null, instanceItem("i-0aaaaaaaaaaaaaaa3", "us-east-1a", "running")))));
        ComputeProvider aws = provider(Map.of());
        List<String> inEc2sOrder = List.of("i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa3");

        Page<Instance> whole = aws.instances(InstanceQuery.all(), PageRequest.first(50));

        assertThat(whole.items()).extracting(Instance::id).containsExactlyElementsOf(inEc2sOrder);
        assertThat(whole.hasNext()).as("a page is filled from EC2's next pages").isFalse();
        List<LoggedRequest> asked = requests("DescribeInstances");
        assertThat(asked).hasSize(2);
        assertThat(form(asked.get(0))).containsEntry("MaxResults", "50").doesNotContainKey("NextToken");
        assertThat(form(asked.get(1))).containsEntry("MaxResults", "50").containsEntry("NextToken", "tok-2");

        // Pages below EC2's smallest are slices of EC2 pages of five, in the same order.
        ec2.resetRequests();
        assertThat(walk(aws, 2)).containsExactlyElementsOf(inEc2sOrder);
        assertThat(walk(aws, 1)).containsExactlyElementsOf(inEc2sOrder);
        assertThat(requests("DescribeInstances")).allSatisfy(r -> assertThat(form(r)).containsEntry("MaxResults", "5"));

        assertThatThrownBy(() -> aws.instances(InstanceQuery.all(), PageRequest.first(2).next("no-cursor")))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    // ---- instance metadata options ------------------------------------------------------------------------------

    @Test
    void launchOptionsGoToRunInstancesWholeAndOverrideTheImdsV2Default() {
        answer("RunInstances", 200, runInstances("us-east-1a", "i-0eeeeeeeeeeeeeee2"));
        var asked = io.altostratus.core.ec2.InstanceMetadataOptions.defaults().withHopLimit(4)
                .withIpv6EndpointEnabled(true);

        provider(Map.of()).launch(spec(b -> b.metadataOptions(asked)));

        assertThat(form(requests("RunInstances").get(0)))
                .containsEntry("MetadataOptions.HttpTokens", "optional")
                .containsEntry("MetadataOptions.HttpPutResponseHopLimit", "4")
                .containsEntry("MetadataOptions.HttpEndpoint", "enabled")
                .containsEntry("MetadataOptions.HttpProtocolIpv6", "enabled")
                .containsEntry("MetadataOptions.InstanceMetadataTags", "disabled");
    }

    @Test
    void instancesReadTheirMetadataOptionsFromEc2AndLackThemWhenEc2SendsNone() {
        String withOptions = describeInstances("i-0123456789abcdef0", "us-east-1a").replace("<tagSet/>",
                "<tagSet/><metadataOptions><state>pending</state><httpTokens>required</httpTokens>"
                        + "<httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint>"
                        + "<httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>enabled"
                        + "</instanceMetadataTags></metadataOptions>");
        answer("DescribeInstances", 200, withOptions);

        Instance found = provider(Map.of()).instance("i-0123456789abcdef0");

        assertThat(Ec2InstanceDetails.of(found).metadataOptions()).isEqualTo(
                new io.altostratus.core.ec2.InstanceMetadataOptions(true, 2, true, false, true));

        ec2.resetAll();
        answer("DescribeInstances", 200, describeInstances("i-0123456789abcdef0", "us-east-1a"));
        assertThat(Ec2InstanceDetails.of(provider(Map.of()).instance("i-0123456789abcdef0")).metadataOptions())
                .isNull();
    }

    @Test
    void modifySendsOnlyWhatTheChangeNamesAndAnswersEc2sNewValues() {
        answer("ModifyInstanceMetadataOptions", 200, ok("ModifyInstanceMetadataOptions",
                "<instanceId>i-0123456789abcdef0</instanceId><instanceMetadataOptions><state>pending</state>"
                        + "<httpTokens>required</httpTokens><httpPutResponseHopLimit>1</httpPutResponseHopLimit>"
                        + "<httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6>"
                        + "<instanceMetadataTags>disabled</instanceMetadataTags></instanceMetadataOptions>"));

        var now = metadataOptions(provider(Map.of())).modifyMetadataOptions("i-0123456789abcdef0",
                new io.altostratus.core.ec2.MetadataOptionsChange(true, null, null, null, false));

        assertThat(now).isEqualTo(io.altostratus.core.ec2.InstanceMetadataOptions.defaults().withTokensRequired(true));
        Map<String, String> sent = form(requests("ModifyInstanceMetadataOptions").get(0));
        assertThat(sent).containsEntry("InstanceId", "i-0123456789abcdef0").containsEntry("HttpTokens", "required")
                .containsEntry("InstanceMetadataTags", "disabled")
                .doesNotContainKeys("HttpPutResponseHopLimit", "HttpEndpoint", "HttpProtocolIpv6");
    }

    @Test
    void ec2RefusingAModifyReachesTheCallerWithItsCode() {
        answer("ModifyInstanceMetadataOptions", 400, error("InvalidParameterValue",
                "The HttpPutResponseHopLimit value is not valid."));

        AltoException e = catchThrowableOfType(AltoException.class, () -> metadataOptions(provider(Map.of()))
                .modifyMetadataOptions("i-0123456789abcdef0", io.altostratus.core.ec2.MetadataOptionsChange.hopLimit(2)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(requests("ModifyInstanceMetadataOptions")).as("a client error is not retried").hasSize(1);
    }
}
