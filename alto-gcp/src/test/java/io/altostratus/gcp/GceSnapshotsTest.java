package io.altostratus.gcp;

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
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Tags;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Disk snapshots, against the recorded createSnapshot operation and snapshot answers. */
class GceSnapshotsTest {
    private final FakeGce gce = new FakeGce();

    @AfterEach
    void stop() {
        gce.close();
    }

    @Test
    void createSnapshotWaitsForTheDiskOperationAndReadsTheSnapshot() throws Exception {
        gce.stubPlaces();
        String pending = recorded("disks_createSnapshot_operation.json");
        String op = FakeGce.JSON.readTree(pending).path("name").asText();
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/disks/lcdisk/createSnapshot"))
                .willReturn(json(pending)));
        gce.stub(post(urlPathEqualTo(BASE + "/zones/us-central1-a/operations/" + op + "/wait"))
                .willReturn(json(recorded("zoneOperations_get_done.json"))));
        gce.stub(get(urlPathEqualTo(BASE + "/global/snapshots/lcsnapshot"))
                .willReturn(json(recorded("snapshots_get.json"))));
        try (GcpProvider gcp = gce.open()) {
            Snapshot snap = gcp.extension(Snapshots.class).orElseThrow().createSnapshot("us-central1-a/disks/lcdisk",
                    "nightly", Map.of(Tags.NAME, "lcsnapshot", "run", "r1"));

            assertThat(snap.id()).isEqualTo("projects/project_name/global/snapshots/lcsnapshot");
            assertThat(snap.volumeId()).isEqualTo("us-central1-a/disks/lcdisk");
            assertThat(snap.sizeGiB()).isEqualTo(10);
            assertThat(snap.state()).isEqualTo("completed");
            assertThat(snap.progress()).isEqualTo(100);
            assertThat(snap.ownerId()).isEqualTo("project_name");
            JsonNode body = FakeGce.body(gce.requests("POST", "/createSnapshot").get(0));
            assertThat(body.path("name").asText()).isEqualTo("lcsnapshot");
            assertThat(body.path("description").asText()).isEqualTo("nightly");
            assertThat(body.path("labels").path("run").asText()).isEqualTo("r1");
            assertThat(gce.requests("POST", "/wait")).hasSize(1);
        }
    }

    @Test
    void malformedSnapshotIdsAreInvalidBeforeAnyRequest() {
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> gcp.extension(Snapshots.class).orElseThrow().deleteSnapshot("snap-0123456789abcdef0"));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(gce.totalRequests()).isZero();
        }
    }
}
