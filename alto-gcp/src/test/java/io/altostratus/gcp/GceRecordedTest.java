package io.altostratus.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.altostratus.gcp.FakeGce.BASE;
import static io.altostratus.gcp.FakeGce.json;
import static io.altostratus.gcp.FakeGce.recorded;
import static io.altostratus.gcp.FakeGce.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider against recorded Compute Engine answers: instances read into the portable record, the insert ->
 * PENDING operation -> wait -> DONE flow, an operation that ends in an error, places and machine types.
 */
class GceRecordedTest {
    private static final String IMAGE = "projects/debian-cloud/global/images/debian-12-bookworm-v20241112";
    private final FakeGce gce = new FakeGce();

    @AfterEach
    void stop() {
        gce.close();
    }

    @Test
    void aRunningInstanceReadsWithItsZoneAddressesTypeAndState() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .willReturn(json(recorded("instances_get.json"))));
        try (GcpProvider gcp = gce.open()) {
            Instance vm = gcp.instance("us-central1-a/node-name");

            assertThat(vm.id()).isEqualTo("us-central1-a/node-name");
            assertThat(vm.name()).isEqualTo("node-name");
            assertThat(vm.tags()).containsEntry(Tags.NAME, "node-name");
            assertThat(vm.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(vm.rawState()).isEqualTo("RUNNING");
            assertThat(vm.zone()).isEqualTo("us-central1-a");
            assertThat(vm.region()).isEqualTo("us-central1");
            assertThat(vm.provider()).isEqualTo("gcp");
            assertThat(vm.instanceType()).isEqualTo("n1-standard-1");
            assertThat(vm.privateIp()).isEqualTo("10.240.72.75");
            assertThat(vm.publicIp()).isEqualTo("23.236.58.15");
            assertThat(vm.vpcId()).isEqualTo("default");
            assertThat(vm.architecture()).isEqualTo(Architecture.X86_64);
            assertThat(vm.blockDevices()).singleElement()
                    .satisfies(d -> assertThat(d.volumeId()).isEqualTo("us-central1-a/disks/node-name"));
            assertThat(vm.spot()).isFalse();
            assertThat(vm.launchTime()).isNotNull();
            GceInstanceDetails details = vm.details(GceInstanceDetails.class).orElseThrow();
            assertThat(details.numericId()).isEqualTo("4006034190819017667");
            assertThat(details.project()).isEqualTo("project_name");
            assertThat(details.status()).isEqualTo("RUNNING");
        }
    }

    @Test
    void aTerminatedInstanceIsStoppedWithGcesWordAsRawState() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/stopped-node"))
                .willReturn(json(recorded("instances_get_terminated.json"))));
        try (GcpProvider gcp = gce.open()) {
            Instance vm = gcp.instance("us-central1-a/stopped-node");

            assertThat(vm.state()).isEqualTo(InstanceState.STOPPED);
            assertThat(vm.rawState()).isEqualTo("TERMINATED");
            assertThat(vm.stateName()).isEqualTo("TERMINATED");
            assertThat(vm.name()).isEqualTo("stopped-node");
        }
    }

    @Test
    void insertWaitsForItsOperationThenReadsTheInstance() {
        gce.stubPlaces();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances"))
                .willReturn(json(recorded("instances_insert_operation_pending.json"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-zones_us-central1-a_instances_post/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/lcnode-001"))
                .willReturn(json(renamed("instances_get.json", "node-name", "lcnode-001"))));
        try (GcpProvider gcp = gce.open()) {
            List<Instance> launched = gcp.launch(LaunchSpec.builder().name("lcnode-001").image(IMAGE)
                    .instanceType("n1-standard-1").zone("us-central1-a").tag("team", "infra")
                    .userData("#cloud-config\npackages: [htop]\n").rootVolumeSizeGiB(20).build());

            assertThat(launched).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo("us-central1-a/lcnode-001");
                assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
            });
            assertThat(gce.requests("POST", "/zones/us-central1-a/instances")).hasSize(1);
            assertThat(gce.requests("POST", "/wait")).hasSize(1);
            assertThat(gce.requests("GET", "/instances/lcnode-001")).hasSize(1);

            JsonNode body = FakeGce.body(gce.requests("POST", "/zones/us-central1-a/instances").get(0));
            assertThat(body.path("name").asText()).isEqualTo("lcnode-001");
            assertThat(body.path("machineType").asText()).isEqualTo("zones/us-central1-a/machineTypes/n1-standard-1");
            JsonNode boot = body.path("disks").path(0);
            assertThat(boot.path("boot").asBoolean()).isTrue();
            assertThat(boot.path("initializeParams").path("sourceImage").asText()).isEqualTo(IMAGE);
            assertThat(boot.path("initializeParams").path("diskSizeGb").asText()).isEqualTo("20");
            assertThat(body.path("labels").path("team").asText()).isEqualTo("infra");
            assertThat(body.path("labels").has("Name")).isFalse();
            assertThat(metadata(body, "user-data")).isEqualTo("#cloud-config\npackages: [htop]\n");
            assertThat(metadata(body, "alto-image")).isEqualTo(IMAGE);
            assertThat(body.path("networkInterfaces").path(0).path("accessConfigs").path(0).path("type").asText())
                    .isEqualTo("ONE_TO_ONE_NAT");
            assertThat(body.has("scheduling")).isFalse();
        }
    }

    @Test
    void spotLaunchAsksForTheSpotProvisioningModel() {
        gce.stubPlaces();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances"))
                .willReturn(json(recorded("instances_insert_operation_pending.json"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-zones_us-central1-a_instances_post/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/lcnode-001"))
                .willReturn(json(renamed("instances_get.json", "node-name", "lcnode-001"))));
        try (GcpProvider gcp = gce.open()) {
            gcp.launch(LaunchSpec.builder().name("lcnode-001").image(IMAGE).instanceType("n1-standard-1")
                    .zone("us-central1-a").spot(io.altostratus.core.spec.SpotOptions.oneTime()).build());

            JsonNode scheduling = FakeGce.body(gce.requests("POST", "/zones/us-central1-a/instances").get(0))
                    .path("scheduling");
            assertThat(scheduling.path("provisioningModel").asText()).isEqualTo("SPOT");
            assertThat(scheduling.path("instanceTerminationAction").asText()).isEqualTo("DELETE");
            assertThat(scheduling.path("automaticRestart").asBoolean(true)).isFalse();
        }
    }

    @Test
    void anOperationThatEndsWithAlreadyExistsIsAlreadyExists() {
        gce.stubPlaces();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances"))
                .willReturn(json(recorded("instances_insert_operation_pending.json"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-zones_us-central1-a_instances_post/wait"))
                .willReturn(json(recorded("zoneOperations_get_done_error_alreadyExists.json"))));
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.launch(LaunchSpec.builder()
                    .name("lcnode-001").image(IMAGE).instanceType("n1-standard-1").zone("us-central1-a").build()));

            assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(e.providerCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
            assertThat(e.getMessage()).contains("already exists");
            assertThat(gce.requests("GET", "/instances/lcnode-001")).isEmpty();
        }
    }

    @Test
    void stopWaitsForTheOperationAndReportsTheStateChange() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .inScenario("stop").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(json(recorded("instances_get.json"))).willSetStateTo("stopped"));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .inScenario("stop").whenScenarioStateIs("stopped")
                .willReturn(json(renamed("instances_get_terminated.json", "stopped-node", "node-name"))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name/stop"))
                .willReturn(json(FakeGce.adapted("instances_insert_operation_pending.json",
                        Map.of("operationType", "stop")))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-zones_us-central1-a_instances_post/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        try (GcpProvider gcp = gce.open()) {
            List<StateChange> changes = gcp.stop(List.of("us-central1-a/node-name"), false);

            assertThat(changes).containsExactly(new StateChange("us-central1-a/node-name", InstanceState.RUNNING,
                    InstanceState.STOPPED));
            assertThat(gce.requests("POST", "/node-name/stop")).hasSize(1);
            assertThat(gce.requests("POST", "/wait")).hasSize(1);
        }
    }

    @Test
    void listingCoversEveryZoneOfTheRegionAndFilters() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances"))
                .willReturn(json(recorded("instances_list.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-b/instances"))
                .willReturn(json("{\"kind\":\"compute#instanceList\",\"id\":\"projects/project_name/zones/us-central1-b/instances\"}")));
        try (GcpProvider gcp = gce.open()) {
            assertThat(gcp.instances(InstanceQuery.all())).extracting(Instance::id)
                    .containsExactly("us-central1-a/node-name");
            assertThat(gcp.instances(InstanceQuery.builder().state(InstanceState.STOPPED).build())).isEmpty();
            assertThat(gce.requests("GET", "/zones/us-central1-a/instances")).hasSize(2);
            assertThat(gce.requests("GET", "/zones/us-central1-b/instances")).hasSize(2);
        }
    }

    @Test
    void zonesAreTheRegionsAndMachineTypesAreDeduplicated() {
        gce.stubPlaces();
        try (GcpProvider gcp = gce.open()) {
            assertThat(gcp.zones()).extracting(Zone::name).containsExactly("us-central1-a", "us-central1-b");
            List<InstanceType> types = gcp.instanceTypes();
            assertThat(types).extracting(InstanceType::name).doesNotHaveDuplicates().contains("f1-micro", "n1-standard-1");
            InstanceType micro = types.stream().filter(t -> t.name().equals("f1-micro")).findFirst().orElseThrow();
            assertThat(micro.vcpus()).isEqualTo(1);
            assertThat(micro.memoryMiB()).isEqualTo(614);
            assertThat(gcp.instanceTypeOfferingsByZone()).containsOnlyKeys("us-central1-a", "us-central1-b");
            // zones and machine types are read once per session
            gcp.zones();
            gcp.instanceTypes();
            assertThat(gce.requests("GET", "/zones")).hasSize(1);
            assertThat(gce.requests("GET", "/zones/us-central1-a/machineTypes")).hasSize(1);
        }
    }

    @Test
    void aDeletedInstanceReadsTerminatedAndCannotBeStartedOrDeletedAgain() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .inScenario("delete").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(json(recorded("instances_get.json"))).willSetStateTo("deleted"));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .inScenario("delete").whenScenarioStateIs("deleted")
                .willReturn(json(404, recorded("error_404_notFound.json"))));
        gce.stub(com.github.tomakehurst.wiremock.client.WireMock.delete(
                urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .willReturn(json(FakeGce.adapted("instances_insert_operation_pending.json",
                        Map.of("operationType", "delete")))));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/operation-zones_us-central1-a_instances_post/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        try (GcpProvider gcp = gce.open()) {
            assertThat(gcp.terminate(List.of("us-central1-a/node-name"))).containsExactly(
                    new StateChange("us-central1-a/node-name", InstanceState.RUNNING, InstanceState.TERMINATED));

            Instance gone = gcp.instance("us-central1-a/node-name");
            assertThat(gone.state()).isEqualTo(InstanceState.TERMINATED);
            assertThat(gone.rawState()).isNull();
            assertThat(gcp.terminate(List.of("us-central1-a/node-name"))).containsExactly(
                    new StateChange("us-central1-a/node-name", InstanceState.TERMINATED, InstanceState.TERMINATED));
            AltoException start = catchThrowableOfType(AltoException.class,
                    () -> gcp.start(List.of("us-central1-a/node-name")));
            assertThat(start.code()).isEqualTo(ErrorCode.INVALID_STATE);
            assertThat(gce.requests("DELETE", "/instances/node-name")).hasSize(1);
            assertThat(gce.requests("POST", "/start")).isEmpty();
        }
        try (GcpProvider other = gce.open()) {
            assertThat(other.instance("us-central1-a/node-name").state())
                    .as("another session of the same factory").isEqualTo(InstanceState.TERMINATED);
        }
    }

    @Test
    void tagsAreLabelsSetWithTheFingerprintAndANewNameIsKeptInMetadata() {
        gce.stubPlaces();
        String vm = FakeGce.adapted("instances_get.json", Map.of("labels", Map.of("team", "infra"),
                "labelFingerprint", "fp-labels", "metadata", Map.of("fingerprint", "fp-meta", "items",
                        List.of(Map.of("key", "user-data", "value", "#cloud-config")))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name")).willReturn(json(vm)));
        for (String verb : List.of("setLabels", "setMetadata")) {
            gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name/" + verb))
                    .willReturn(json(FakeGce.adapted("zoneOperations_get_done.json", Map.of("operationType", verb)))));
        }
        try (GcpProvider gcp = gce.open()) {
            gcp.tag("us-central1-a/node-name", Map.of("env", "prod", Tags.NAME, "Web Server"));

            JsonNode labels = FakeGce.body(gce.requests("POST", "/setLabels").get(0));
            assertThat(labels.path("labelFingerprint").asText()).isEqualTo("fp-labels");
            assertThat(labels.path("labels").path("team").asText()).isEqualTo("infra");
            assertThat(labels.path("labels").path("env").asText()).isEqualTo("prod");
            JsonNode metadata = FakeGce.body(gce.requests("POST", "/setMetadata").get(0));
            assertThat(metadata.path("fingerprint").asText()).isEqualTo("fp-meta");
            assertThat(metadata.path("items").toString()).contains("\"user-data\"").contains("\"alto-name\"")
                    .contains("\"Web Server\"");

            gcp.untag("us-central1-a/node-name", List.of("team", "never-there"));
            JsonNode removed = FakeGce.body(gce.requests("POST", "/setLabels").get(1));
            assertThat(removed.path("labels").has("team")).isFalse();
            // a change that changes nothing is not sent
            gcp.untag("us-central1-a/node-name", List.of("never-there"));
            assertThat(gce.requests("POST", "/setLabels")).hasSize(2);
        }
    }

    private static String metadata(JsonNode instance, String key) {
        for (JsonNode item : instance.path("metadata").path("items")) {
            if (item.path("key").asText().equals(key)) {
                return item.path("value").asText();
            }
        }
        return null;
    }
}
