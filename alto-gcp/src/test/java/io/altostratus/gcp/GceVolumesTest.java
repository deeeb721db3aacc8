package io.altostratus.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.altostratus.gcp.FakeGce.BASE;
import static io.altostratus.gcp.FakeGce.json;
import static io.altostratus.gcp.FakeGce.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistent disks as volumes, against recorded disk answers. */
class GceVolumesTest {
    private final FakeGce gce = new FakeGce();

    @AfterEach
    void stop() {
        gce.close();
    }

    private static Volumes volumes(GcpProvider gcp) {
        return gcp.extension(Volumes.class).orElseThrow();
    }

    @Test
    void disksOfEveryZoneAreVolumesWithZonalIds() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/disks")).willReturn(json(recorded("disks_list.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-b/disks"))
                .willReturn(json("{\"kind\":\"compute#diskList\",\"id\":\"x\"}")));
        try (GcpProvider gcp = gce.open()) {
            List<Volume> all = volumes(gcp).volumes();

            assertThat(all).extracting(Volume::id)
                    .containsExactly("us-central1-a/disks/lcdisk", "us-central1-a/disks/node-name");
            Volume ssd = all.get(0);
            assertThat(ssd.type()).isEqualTo("pd-ssd");
            assertThat(ssd.sizeGiB()).isEqualTo(10);
            assertThat(ssd.state()).isEqualTo("available");
            assertThat(ssd.zone()).isEqualTo("us-central1-a");
            assertThat(ssd.encrypted()).isTrue();
            assertThat(ssd.attachment()).isNull();
        }
    }

    @Test
    void createVolumeInsertsADiskWaitsAndReadsIt() {
        gce.stubPlaces();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/disks"))
                .willReturn(json(recorded("disks_createSnapshot_operation.json").replace("createSnapshot", "insert"))));
        String opName = opName();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/" + opName + "/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/disks/data-1"))
                .willReturn(json(recorded("disks_get.json").replace("lcdisk", "data-1"))));
        try (GcpProvider gcp = gce.open()) {
            Volume made = volumes(gcp).createVolume(new VolumeSpec("us-central1-a", 10, "pd-ssd", 0, false, null,
                    Map.of(Tags.NAME, "data-1", "role", "db")));

            assertThat(made.id()).isEqualTo("us-central1-a/disks/data-1");
            JsonNode body = FakeGce.body(gce.requests("POST", "/zones/us-central1-a/disks").get(0));
            assertThat(body.path("name").asText()).isEqualTo("data-1");
            assertThat(body.path("sizeGb").asText()).isEqualTo("10");
            assertThat(body.path("type").asText()).isEqualTo("zones/us-central1-a/diskTypes/pd-ssd");
            assertThat(body.path("labels").path("role").asText()).isEqualTo("db");
            assertThat(gce.requests("POST", "/wait")).hasSize(1);
        }
    }

    @Test
    void anAttachedDiskIsInUseAndRefusesDeletionWithoutCallingDelete() {
        gce.stubPlaces();
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/disks/node-name"))
                .willReturn(json(FakeGce.adapted("disks_get.json", Map.of("name", "node-name", "users",
                        List.of("https://www.googleapis.com/compute/v1/projects/project_name/zones/us-central1-a/instances/node-name"))))));
        gce.stub(get(urlPathEqualTo(BASE + "/zones/us-central1-a/instances/node-name"))
                .willReturn(json(recorded("instances_get.json"))));
        gce.stub(delete(urlPathEqualTo(BASE + "/zones/us-central1-a/disks/node-name"))
                .willReturn(json(recorded("instances_insert_operation_pending.json"))));
        try (GcpProvider gcp = gce.open()) {
            Volume boot = volumes(gcp).volumes(List.of("us-central1-a/disks/node-name", "us-central1-a/disks/gone"))
                    .get(0);
            assertThat(boot.state()).isEqualTo("in-use");
            assertThat(boot.attachment().instanceId()).isEqualTo("us-central1-a/node-name");
            assertThat(boot.attachment().device()).isEqualTo("/dev/disk/by-id/google-persistent-disk-0");

            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> volumes(gcp).deleteVolume("us-central1-a/disks/node-name"));
            assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(gce.requests("DELETE", "/disks/node-name")).isEmpty();
        }
    }

    @Test
    void malformedVolumeIdsAreInvalid() {
        try (GcpProvider gcp = gce.open()) {
            for (String id : List.of("vol-0123456789abcdef0", "us-central1-a/node-name", "us-central1-a/disks/")) {
                AltoException e = catchThrowableOfType(AltoException.class, () -> volumes(gcp).deleteVolume(id));
                assertThat(e.code()).as(id).isEqualTo(ErrorCode.INVALID_PARAMETER);
            }
            assertThat(gce.totalRequests()).isZero();
        }
    }

    private static String opName() {
        try {
            return FakeGce.JSON.readTree(recorded("disks_createSnapshot_operation.json")).path("name").asText()
                    .replace("createSnapshot", "insert");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
