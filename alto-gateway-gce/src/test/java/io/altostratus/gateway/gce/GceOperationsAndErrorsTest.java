package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operations (get, wait, list, delete; failures as operation errors), Google's errors, and durability. */
class GceOperationsAndErrorsTest {
    private static final String ZONE = "us-central1-a";
    /** What the backend's launch fails with next, or null to launch. */
    private static final AtomicReference<AltoException> LAUNCH_FAILURE = new AtomicReference<>();
    /** The faults a test turns on, as {@code alto serve --faults} puts them under every front. */
    private static final Faults FAULTS = Faults.create(FaultPlan.NONE, 1, Clock.systemUTC());
    private static GceFront front;
    private static Gateway gateway;
    private static String base;

    @BeforeAll
    static void start() {
        front = GceFront.builder(LocalProviderFactory.withCatalog(new TestGcpCatalog()))
                .context(new ProviderContext(TestGcpCatalog.REGION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "150"), null))
                .decorator(provider -> FAULTS.wrap(new ForwardingComputeProvider(provider) {
                    @Override
                    public List<Instance> launch(LaunchSpec spec) {
                        AltoException failure = LAUNCH_FAILURE.getAndSet(null);
                        if (failure != null) {
                            throw failure;
                        }
                        return super.launch(spec);
                    }
                }))
                .authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        base = "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/ops-project";
    }

    @AfterAll
    static void stop() {
        gateway.close();
        front.close();
    }

    private static Http.Answer call(String method, String path, String body) throws Exception {
        return Http.call(method, base + path, body, null);
    }

    private static JsonNode await(JsonNode operation) throws Exception {
        String scope = operation.has("zone") ? "/zones/" + Links.last(operation.get("zone").asText())
                : operation.has("region") ? "/regions/" + Links.last(operation.get("region").asText()) : "/global";
        Http.Answer waited = call("POST", scope + "/operations/" + operation.get("name").asText() + "/wait", "");
        assertThat(waited.status()).isEqualTo(200);
        return waited.json();
    }

    @Test
    void anOperationIsRunningUntilTheBackendGetsThereAndWaitBlocksUntilDone() throws Exception {
        Http.Answer insert = call("POST", "/zones/" + ZONE + "/instances", Http.instance("op-1", ZONE, "e2-small"));
        assertThat(insert.status()).isEqualTo(200);
        assertThat(insert.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(insert.json().get("progress").asInt()).isZero();
        JsonNode done = await(insert.json());
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.has("endTime")).isTrue();
        assertThat(call("GET", "/zones/" + ZONE + "/instances/op-1", "").json().get("status").asText())
                .isEqualTo("RUNNING");

        Http.Answer stopping = call("POST", "/zones/" + ZONE + "/instances/op-1/stop", "");
        // A second stop while the first is under way is another operation, not an error, as on Compute Engine.
        Http.Answer stopAgain = call("POST", "/zones/" + ZONE + "/instances/op-1/stop", "");
        assertThat(stopAgain.status()).isEqualTo(200);
        assertThat(await(stopAgain.json()).get("status").asText()).isEqualTo("DONE");
        JsonNode stopDone = await(stopping.json());
        assertThat(stopDone.get("operationType").asText()).isEqualTo("stop");
        assertThat(call("GET", "/zones/" + ZONE + "/instances/op-1", "").json().get("status").asText())
                .isEqualTo("TERMINATED");

        Http.Answer listed = call("GET", "/zones/" + ZONE + "/operations?filter=operationType%20%3D%20stop", "");
        assertThat(listed.json().get("items")).extracting(n -> n.get("name").asText())
                .contains(stopDone.get("name").asText());
        assertThat(listed.json().get("items")).allSatisfy(n -> assertThat(n.get("operationType").asText())
                .isEqualTo("stop"));

        assertThat(call("DELETE", "/zones/" + ZONE + "/operations/" + stopDone.get("name").asText(), "").status())
                .isEqualTo(200);
        Http.Answer gone = call("GET", "/zones/" + ZONE + "/operations/" + stopDone.get("name").asText(), "");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.reason()).isEqualTo("notFound");
        // An operation is found only under its own scope.
        assertThat(call("GET", "/zones/us-central1-b/operations/" + done.get("name").asText(), "").status())
                .isEqualTo(404);
        assertThat(call("GET", "/global/operations/" + done.get("name").asText(), "").status()).isEqualTo(404);
    }

    @Test
    void aQuotaFaultOnTheRegionIsComputeEnginesQuotaExceededOperationError() throws Exception {
        FAULTS.replace(FaultPlan.parse("quota=" + TestGcpCatalog.REGION));
        try {
            Http.Answer failed = call("POST", "/zones/" + ZONE + "/instances",
                    Http.instance("quota-1", ZONE, "e2-small"));
            assertThat(failed.status()).as("quota is found while the operation runs").isEqualTo(200);
            JsonNode op = failed.json();
            assertThat(op.get("status").asText()).isEqualTo("DONE");
            assertThat(op.at("/error/errors/0/code").asText()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(op.at("/error/errors/0/message").asText()).startsWith("Quota exceeded: ")
                    .contains(TestGcpCatalog.REGION);
            assertThat(op.get("httpErrorStatusCode").asInt()).isEqualTo(403);
            assertThat(op.get("httpErrorMessage").asText()).isEqualTo("FORBIDDEN");
            assertThat(call("GET", "/zones/" + ZONE + "/instances/quota-1", "").status()).isEqualTo(404);
        } finally {
            FAULTS.clear();
        }
        Http.Answer retried = call("POST", "/zones/" + ZONE + "/instances",
                Http.instance("quota-1", ZONE, "e2-small"));
        assertThat(retried.json().has("error")).as("the name was freed").isFalse();
    }

    @Test
    void capacityAndQuotaFailuresAreOperationErrorsAndFreeTheName() throws Exception {
        LAUNCH_FAILURE.set(new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity",
                "no e2-small left"));
        Http.Answer failed = call("POST", "/zones/" + ZONE + "/instances", Http.instance("cap-1", ZONE, "e2-small"));
        assertThat(failed.status()).isEqualTo(200);
        JsonNode op = failed.json();
        assertThat(op.get("status").asText()).isEqualTo("DONE");
        assertThat(op.at("/error/errors/0/code").asText()).isEqualTo("ZONE_RESOURCE_POOL_EXHAUSTED");
        assertThat(op.at("/error/errors/0/message").asText()).contains("does not have enough resources");
        assertThat(op.get("httpErrorStatusCode").asInt()).isEqualTo(503);
        assertThat(call("GET", "/zones/" + ZONE + "/instances/cap-1", "").status()).isEqualTo(404);

        LAUNCH_FAILURE.set(new AltoException(ErrorCode.QUOTA_EXCEEDED, "InstanceLimitExceeded", "CPUS"));
        JsonNode quota = call("POST", "/zones/" + ZONE + "/instances", Http.instance("cap-1", ZONE, "e2-small"))
                .json();
        assertThat(quota.at("/error/errors/0/code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(quota.get("httpErrorStatusCode").asInt()).isEqualTo(403);

        if (WireShapes.recordingsPresent()) {
            assertThat(WireShapes.typeMismatches(quota,
                    WireShapes.recording("zoneOperations_get_done_error_alreadyExists.json"))).isEmpty();
        }
        Http.Answer retried = call("POST", "/zones/" + ZONE + "/instances", Http.instance("cap-1", ZONE, "e2-small"));
        assertThat(retried.json().has("error")).isFalse();
    }

    @Test
    void googleErrorsForBadRequests() throws Exception {
        Http.Answer badName = call("POST", "/zones/" + ZONE + "/instances",
                Http.instance("Bad_Name", ZONE, "e2-small"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.reason()).isEqualTo("invalid");

        Http.Answer noName = call("POST", "/zones/" + ZONE + "/instances", "{\"machineType\":\"e2-small\"}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.reason()).isEqualTo("required");

        Http.Answer badType = call("POST", "/zones/" + ZONE + "/instances", Http.instance("t1", ZONE, "m9-huge"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().at("/error/message").asText()).contains("m9-huge");

        Http.Answer badLabel = call("POST", "/zones/" + ZONE + "/instances",
                "{\"name\":\"l1\",\"machineType\":\"zones/us-central1-a/machineTypes/e2-small\","
                        + "\"labels\":{\"Env\":\"x\"},\"disks\":[{\"boot\":true,\"initializeParams\":"
                        + "{\"sourceImage\":"
                        + "\"projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64\"}}]}");
        assertThat(badLabel.status()).isEqualTo(400);
        assertThat(badLabel.reason()).isEqualTo("invalid");

        Http.Answer badJson = call("POST", "/zones/" + ZONE + "/instances", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.reason()).isEqualTo("badRequest");

        Http.Answer badFilter = call("GET", "/zones/" + ZONE + "/instances?filter=name%20%3E%3E%20x", "");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.reason()).isEqualTo("invalid");

        assertThat(call("GET", "/zones/" + ZONE + "/widgets", "").reason()).isEqualTo("notFound");
        assertThat(call("PUT", "/zones/" + ZONE + "/instances", "").status()).isEqualTo(405);

        JsonNode made = await(call("POST", "/zones/" + ZONE + "/instances", Http.instance("err-1", ZONE, "e2-small"))
                .json());
        assertThat(made.has("error")).isFalse();
        Http.Answer suspend = call("POST", "/zones/" + ZONE + "/instances/err-1/suspend", "");
        assertThat(suspend.status()).isEqualTo(400);
        assertThat(suspend.reason()).isEqualTo("badRequest");
        Http.Answer stale = call("POST", "/zones/" + ZONE + "/instances/err-1/setLabels",
                "{\"labels\":{\"a\":\"b\"},\"labelFingerprint\":\"c3RhbGU=\"}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.reason()).isEqualTo("conditionNotMet");
    }

    @Test
    void aRepeatedRequestIdAnswersTheFirstOperationAndActsOnce() throws Exception {
        String requestId = "3f1c2a9e-6b7d-4e21-9a0b-5c4d3e2f1a0b";
        Http.Answer first = call("POST", "/zones/us-central1-c/instances?requestId=" + requestId,
                Http.instance("idem-1", "us-central1-c", "e2-small"));
        Http.Answer again = call("POST", "/zones/us-central1-c/instances?requestId=" + requestId,
                Http.instance("idem-1", "us-central1-c", "e2-small"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("name").asText()).isEqualTo(first.json().get("name").asText());
        assertThat(call("GET", "/zones/us-central1-c/instances?filter=name%3Didem-1", "").json().get("items"))
                .hasSize(1);
        Http.Answer withoutId = call("POST", "/zones/us-central1-c/instances",
                Http.instance("idem-1", "us-central1-c", "e2-small"));
        assertThat(withoutId.status()).isEqualTo(409);
        Http.Answer badId = call("POST", "/zones/us-central1-c/instances?requestId=not-a-uuid",
                Http.instance("idem-2", "us-central1-c", "e2-small"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.reason()).isEqualTo("invalid");
    }

    @Test
    void collectionsNotServedYetAnswerGooglesErrorForAnUnsupportedRequest() throws Exception {
        for (String path : List.of("/global/routes", "/regions/us-central1/addresses", "/zones/" + ZONE + "/diskTypes")) {
            Http.Answer answer = call("GET", path, "");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.reason()).as(path).isEqualTo("badRequest");
            assertThat(answer.json().at("/error/message").asText()).as(path).contains("not supported");
        }
        assertThat(call("GET", "/global/networks/custom-1", "").status()).isEqualTo(404);
        assertThat(call("GET", "/zones/" + ZONE + "/disks/no-such-vm", "").json().at("/error/message").asText())
                .isEqualTo("The resource 'projects/ops-project/zones/" + ZONE + "/disks/no-such-vm' was not found");
    }

    /** What gcloud sends that the official Java client does not: found driving gcloud 528 by hand. */
    @Test
    void gcloudFormsImageFamilyViewsRegexFiltersProjectAndAggregatedDisks() throws Exception {
        String view = "projects/ubuntu-os-cloud/zones/-/imageFamilyViews/ubuntu-2404-lts-amd64";
        Http.Answer family = Http.call("GET", base.replace("ops-project", "ubuntu-os-cloud")
                + "/zones/-/imageFamilyViews/ubuntu-2404-lts-amd64", null, null);
        assertThat(family.status()).isEqualTo(200);
        assertThat(family.json().at("/image/name").asText()).isEqualTo(TestGcpCatalog.UBUNTU);
        JsonNode made = await(call("POST", "/zones/us-central1-f/instances",
                Http.instance("gcloud-1", "us-central1-f", "e2-small").replace(
                        "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64", view)).json());
        assertThat(made.has("error")).isFalse();

        Http.Answer filtered = call("GET", "/zones?filter=" + java.net.URLEncoder.encode(
                "region eq \".*\\bus\\-central1\\b.*\"", java.nio.charset.StandardCharsets.UTF_8), "");
        assertThat(filtered.json().get("items")).hasSize(4);

        Http.Answer project = call("GET", "", "");
        assertThat(project.status()).isEqualTo(200);
        assertThat(project.json().get("kind").asText()).isEqualTo("compute#project");
        assertThat(project.json().get("name").asText()).isEqualTo("ops-project");

        Http.Answer disks = call("GET", "/aggregated/disks", "");
        assertThat(disks.json().at("/items/zones~1us-central1-f/disks")).extracting(d -> d.get("name").asText())
                .contains("gcloud-1");
    }

    @Test
    void namesAndIdsSurviveARestartOnTheSameState(@TempDir Path dir) throws Exception {
        String first;
        String firstId;
        try (StateStore store = StateStores.open(dir.resolve("gateway"));
             GceFront one = durableFront(store, dir);
             Gateway server = one.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                     .authMode(AuthMode.PERMISSIVE)).start()) {
            first = "http://127.0.0.1:" + server.port() + "/compute/v1/projects/durable";
            Http.Answer insert = Http.call("POST", first + "/zones/" + ZONE + "/instances",
                    Http.instance("keeper", ZONE, "e2-small"), null);
            assertThat(insert.status()).isEqualTo(200);
            firstId = Http.call("GET", first + "/zones/" + ZONE + "/instances/keeper", null, null).json().get("id")
                    .asText();
        }
        try (StateStore store = StateStores.open(dir.resolve("gateway"));
             GceFront two = durableFront(store, dir);
             Gateway server = two.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                     .authMode(AuthMode.PERMISSIVE)).start()) {
            String again = "http://127.0.0.1:" + server.port() + "/compute/v1/projects/durable";
            Http.Answer got = Http.call("GET", again + "/zones/" + ZONE + "/instances/keeper", null, null);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.json().get("id").asText()).isEqualTo(firstId);
            assertThat(got.json().get("selfLink").asText()).startsWith(again);
            Http.Answer dup = Http.call("POST", again + "/zones/" + ZONE + "/instances",
                    Http.instance("keeper", ZONE, "e2-small"), null);
            assertThat(dup.status()).isEqualTo(409);
            assertThat(dup.reason()).isEqualTo("alreadyExists");
        }
    }

    private static GceFront durableFront(StateStore store, Path dir) {
        return GceFront.builder(LocalProviderFactory.withCatalog(new TestGcpCatalog()))
                .context(new ProviderContext(TestGcpCatalog.REGION, ProviderContext.DEFAULT_ACCOUNT, null,
                        dir.resolve("local"), Map.of("transition_ms", "150"), null))
                .stateStore(store).authMode(AuthMode.PERMISSIVE).build();
    }

    /** The last segment of a link. */
    private static final class Links {
        static String last(String link) {
            return link.substring(link.lastIndexOf('/') + 1);
        }
    }

    @Test
    void aMalformedEscapeInTheUriIsTheCallersError() throws Exception {
        // Sent over a plain socket: Java's URI would refuse to build this request at all. The JDK's HTTP server refuses
        // it before the front sees it (with its own HTML 400), so the front never has to.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("GET /compute/v1/projects/ops-project/zones/" + ZONE
                    + "/instances?filter=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
    }
}
