package io.altostratus.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.altostratus.gcp.FakeGce.BASE;
import static io.altostratus.gcp.FakeGce.json;
import static io.altostratus.gcp.FakeGce.recorded;
import static io.altostratus.gcp.FakeGce.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults with request counts: what reached the fake GCE, how often, and what the caller got. Backoff runs on a
 * manual clock, so nothing sleeps.
 */
class GceFaultTest {
    private static final String IMAGE = "projects/debian-cloud/global/images/debian-12-bookworm-v20241112";
    private static final String OPERATION = "operation-zones_us-central1-a_instances_post";
    private final FakeGce gce = new FakeGce();

    @AfterEach
    void stop() {
        gce.close();
    }

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().name("lcnode-001").image(IMAGE).instanceType("n1-standard-1");
    }

    /** Insert in a zone answers PENDING, its wait answers {@code done}; the instance reads as recorded. */
    private void insertIn(String zone, String done) {
        String pending = renamed("instances_insert_operation_pending.json", "us-central1-a", zone);
        gce.stub(post(urlPathEqualTo(BASE + "/zones/" + zone + "/instances")).willReturn(json(pending)));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/" + zone + "/operations/"
                + OPERATION.replace("us-central1-a", zone) + "/wait")).willReturn(json(done)));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/" + zone + "/instances/lcnode-001"))
                .willReturn(json(renamed("instances_get.json", "node-name", "lcnode-001")
                        .replace("us-central1-a", zone))));
    }

    @Test
    void rateLimitedTwiceThenAnsweredIsThreeRequestsAndSucceeds() {
        gce.stubPlaces();
        String path = BASE + "/zones/us-central1-a/instances/node-name";
        String limited = FakeGce.error(429, "rateLimitExceeded", "Rate Limit Exceeded");
        gce.stub(get(urlPathEqualTo(path)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, limited)).willSetStateTo("once"));
        gce.stub(get(urlPathEqualTo(path)).inScenario("429").whenScenarioStateIs("once")
                .willReturn(json(429, limited)).willSetStateTo("twice"));
        gce.stub(get(urlPathEqualTo(path)).inScenario("429").whenScenarioStateIs("twice")
                .willReturn(json(recorded("instances_get.json"))));
        try (GcpProvider gcp = gce.open()) {
            Instance vm = gcp.instance("us-central1-a/node-name");

            assertThat(vm.name()).isEqualTo("node-name");
            assertThat(gce.requests("GET", "/instances/node-name")).hasSize(3);
            assertThat(gce.totalRequests()).as("a get is one call: no zone listing first").isEqualTo(3);
            assertThat(gce.retried).containsExactly("instances.get rateLimitExceeded", "instances.get rateLimitExceeded");
            // backoff with jitter: each delay is within [half, full] of the capped exponential value
            assertThat(gce.delays).hasSize(2);
            assertThat(gce.delays.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(gce.delays.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void rateLimitingThatNeverEndsGivesUpAfterMaxAttemptsAsThrottled() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .willReturn(json(429, FakeGce.error(429, "rateLimitExceeded", "Rate Limit Exceeded"))));
        try (GcpProvider gcp = gce.open(Map.of("max_attempts", "4"))) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.instance("us-central1-a/node-name"));

            assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
            assertThat(e.providerCode()).isEqualTo("rateLimitExceeded");
            assertThat(gce.requests("GET", "/instances/node-name")).hasSize(4);
        }
    }

    @Test
    void zoneResourcePoolExhaustedIsInsufficientCapacity() {
        gce.stubPlaces();
        insertIn("us-central1-a", FakeGce.doneWithError("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone "
                + "'projects/project_name/zones/us-central1-a' does not have enough resources available to fulfill "
                + "the request.  Try a different zone, or try again later.", 503));
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> gcp.launch(spec().zone("us-central1-a").build()));

            assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
            assertThat(e.providerCode()).isEqualTo("ZONE_RESOURCE_POOL_EXHAUSTED");
            assertThat(e.code().isRetryable()).isTrue();
            assertThat(gce.requests("POST", "/instances")).hasSize(1);
        }
    }

    @Test
    void aLaunchWithoutAZoneMovesToTheNextZoneWhenOneHasNoCapacity() {
        gce.stubPlaces();
        insertIn("us-central1-a", FakeGce.doneWithError("ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS",
                "The zone 'projects/project_name/zones/us-central1-a' does not have enough resources", 503));
        insertIn("us-central1-b", recorded("zoneOperations_get_done.json").replace("us-central1-a", "us-central1-b"));
        try (GcpProvider gcp = gce.open()) {
            List<Instance> launched = gcp.launch(spec().build());

            assertThat(launched).singleElement().satisfies(i -> assertThat(i.zone()).isEqualTo("us-central1-b"));
            assertThat(gce.requests("POST", "/zones/us-central1-a/instances")).hasSize(1);
            assertThat(gce.requests("POST", "/zones/us-central1-b/instances")).hasSize(1);
        }
    }

    @Test
    void quotaExceededIsQuotaExceeded() {
        gce.stubPlaces();
        insertIn("us-central1-a", FakeGce.doneWithError("QUOTA_EXCEEDED",
                "Quota 'CPUS' exceeded.  Limit: 24.0 in region us-central1.", 403));
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.launch(spec().build()));

            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(e.providerCode()).isEqualTo("QUOTA_EXCEEDED");
            // a quota is the project's, not the zone's: no other zone is tried
            assertThat(gce.requests("POST", "/instances")).hasSize(1);
        }
    }

    @Test
    void notFoundRightAfterInsertIsRetriedWithinTheGrace() {
        gce.stubPlaces();
        insertIn("us-central1-a", recorded("zoneOperations_get_done.json"));
        String path = BASE + "/zones/us-central1-a/instances/lcnode-001";
        gce.stub(get(urlPathEqualTo(path)).inScenario("visible").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(404, FakeGce.error(404, "notFound",
                        "The resource 'projects/project_name/zones/us-central1-a/instances/lcnode-001' was not found")))
                .willSetStateTo("visible"));
        gce.stub(get(urlPathEqualTo(path)).inScenario("visible").whenScenarioStateIs("visible")
                .willReturn(json(renamed("instances_get.json", "node-name", "lcnode-001"))));
        try (GcpProvider gcp = gce.open()) {
            List<Instance> launched = gcp.launch(spec().zone("us-central1-a").build());

            assertThat(launched).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo("us-central1-a/lcnode-001"));
            assertThat(gce.requests("GET", "/instances/lcnode-001")).hasSize(2);
            assertThat(gce.retried).containsExactly("instances.get notFound");
        }
    }

    @Test
    void notFoundOutsideAnInsertIsNotFoundAtOnce() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/gone"))
                .willReturn(json(404, recorded("error_404_notFound.json"))));
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.instance("us-central1-a/gone"));

            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.providerCode()).isEqualTo("notFound");
            assertThat(gce.requests("GET", "/instances/gone")).hasSize(1);
        }
    }

    @Test
    void forbiddenAndUnauthenticatedAreAuthFailures() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/a"))
                .willReturn(json(403, FakeGce.error(403, "forbidden", "Required 'compute.instances.get' permission"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/b"))
                .willReturn(json(401, FakeGce.error(401, "authError", "Invalid Credentials"))));
        try (GcpProvider gcp = gce.open()) {
            for (String id : List.of("us-central1-a/a", "us-central1-a/b")) {
                AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.instance(id));
                assertThat(e.code()).as(id).isEqualTo(ErrorCode.AUTH_FAILURE);
            }
            assertThat(gce.retried).isEmpty();
        }
    }

    @Test
    void labelRuleViolationsAreRefusedBeforeAnyRequest() {
        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("uppercase key", Map.of("Team", "infra"));
        bad.put("uppercase value", Map.of("team", "Infra"));
        bad.put("key starting with a digit", Map.of("1team", "infra"));
        bad.put("key with a colon", Map.of("alto:owner", "me"));
        bad.put("value with a dot", Map.of("version", "1.2"));
        bad.put("key longer than 63", Map.of("k".repeat(64), "v"));
        bad.put("value longer than 63", Map.of("k", "v".repeat(64)));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        bad.put("65 labels", many);
        try (GcpProvider gcp = gce.open()) {
            for (Map.Entry<String, Map<String, String>> c : bad.entrySet()) {
                AltoException launch = catchThrowableOfType(AltoException.class,
                        () -> gcp.launch(spec().tags(c.getValue()).build()));
                assertThat(launch.code()).as("launch with %s", c.getKey()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                assertThat(launch.providerCode()).isEqualTo("InvalidLabel");
                AltoException tag = catchThrowableOfType(AltoException.class,
                        () -> gcp.tag("us-central1-a/node-name", c.getValue()));
                assertThat(tag.code()).as("tag with %s", c.getKey()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            }
            AltoException image = catchThrowableOfType(AltoException.class, () -> gcp.createImage(
                    "us-central1-a/node-name", "img", null, Map.of("Team", "x")));
            assertThat(image.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(gce.totalRequests()).isZero();
        }
    }

    @Test
    void malformedIdsAreInvalidBeforeAnyRequest() {
        try (GcpProvider gcp = gce.open()) {
            for (String id : List.of("i-0123456789abcdef0", "us-central1-a/", "us-central1-a/Web", "not an id!",
                    "us-central1-a/web/1")) {
                AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.instance(id));
                assertThat(e.code()).as(id).isEqualTo(ErrorCode.INVALID_PARAMETER);
            }
            AltoException stop = catchThrowableOfType(AltoException.class,
                    () -> gcp.stop(List.of("us-central1-a/ok", "bad id"), false));
            assertThat(stop.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(gce.totalRequests()).isZero();
        }
    }

    @Test
    void aLaunchThatMakesFewerThanItsMinimumDeletesWhatItMade() {
        gce.stubPlaces();
        // The first insert (whatever its generated name) succeeds, every later one finds no quota.
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances")).inScenario("batch")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(recorded("instances_insert_operation_pending.json"))).willSetStateTo("one made"));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances")).inScenario("batch")
                .whenScenarioStateIs("one made")
                .willReturn(json(FakeGce.adapted("instances_insert_operation_pending.json",
                        Map.of("name", "operation-failed")))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/" + OPERATION + "/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-failed/wait"))
                .willReturn(json(FakeGce.doneWithError("QUOTA_EXCEEDED", "Quota 'CPUS' exceeded.", 403))));
        gce.stub(get(urlPathMatching(BASE + "/zones/us-central1-a/instances/[a-z0-9-]+"))
                .willReturn(json(recorded("instances_get.json"))));
        gce.stub(delete(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .willReturn(json(FakeGce.adapted("instances_insert_operation_pending.json",
                        Map.of("operationType", "delete")))));
        try (GcpProvider gcp = gce.open(Map.of("parallelism", "1"))) {
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> gcp.launch(spec().zone("us-central1-a").count(3).minCount(2).build()));

            assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(e.getMessage()).contains("rolled back").contains("us-central1-a/node-name");
            assertThat(gce.requests("POST", "/zones/us-central1-a/instances")).hasSize(3);
            assertThat(gce.requests("DELETE", "/instances/node-name")).hasSize(1);
        }
    }

    @Test
    void openingASessionCallsNothingAndBuildsNoClient() {
        try (GcpProvider gcp = gce.open()) {
            assertThat(gcp.clientsMade()).isZero();
            assertThat(gcp.project()).isEqualTo("project_name");
        }
        assertThat(gce.totalRequests()).isZero();
    }

    @Test
    void aRepeatedClientTokenReturnsTheInstanceItsFirstLaunchMade() {
        gce.stubPlaces();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances"))
                .willReturn(json(recorded("instances_insert_operation_pending.json"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/" + OPERATION + "/wait"))
                .willReturn(json(recorded("zoneOperations_get_done_error_alreadyExists.json"))));
        gce.stub(get(urlPathMatching(BASE + "/zones/us-central1-a/instances/alto-[0-9a-f]{10}"))
                .willReturn(json(FakeGce.adapted("instances_get.json", Map.of("metadata", Map.of("items", List.of(
                        Map.of("key", "alto-client-token", "value", "token-1"))))))));
        try (GcpProvider gcp = gce.open()) {
            LaunchSpec.Builder again = LaunchSpec.builder().image(IMAGE).instanceType("n1-standard-1")
                    .zone("us-central1-a").clientToken("token-1");
            List<Instance> first = gcp.launch(again.build());
            assertThat(first).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo("us-central1-a/node-name"));
            String name = FakeGce.body(gce.requests("POST", "/zones/us-central1-a/instances").get(0)).path("name")
                    .asText();

            gcp.launch(again.build());
            String nameAgain = FakeGce.body(gce.requests("POST", "/zones/us-central1-a/instances").get(1))
                    .path("name").asText();
            assertThat(nameAgain).as("the same token derives the same name").isEqualTo(name).matches("alto-[0-9a-f]{10}");

            AltoException other = catchThrowableOfType(AltoException.class,
                    () -> gcp.launch(again.clientToken("token-2").build()));
            assertThat(other.code()).as("another launch's instance under the name").isEqualTo(ErrorCode.ALREADY_EXISTS);
        }
    }
}
