package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Disk;
import com.google.cloud.compute.v1.DisksClient;
import com.google.cloud.compute.v1.DisksSettings;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.gateway.auth.AuthMode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standalone disks over the backend's volumes, through the official client: insert, attach, detach, delete. */
class GceDisksTest {
    private static final String PROJECT = GceEndpoint.PROJECT;
    private static final String ZONE = "us-central1-b";
    private static GceEndpoint endpoint;
    private static InstancesClient instances;
    private static DisksClient disks;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new GceEndpoint(AuthMode.PERMISSIVE);
        instances = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        disks = DisksClient.create(DisksSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        instances.insertAsync(PROJECT, ZONE, Instance.newBuilder().setName("host-1")
                .setMachineType("zones/" + ZONE + "/machineTypes/e2-small")
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setInitializeParams(
                        AttachedDiskInitializeParams.newBuilder().setSourceImage(
                                "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")))
                .build()).get();
    }

    @AfterAll
    static void stop() {
        instances.close();
        disks.close();
        endpoint.close();
    }

    @Test
    void aDiskIsMadeAttachedDetachedAndDeleted() throws Exception {
        Operation made = disks.insertAsync(PROJECT, ZONE, Disk.newBuilder().setName("data-1").setSizeGb(50)
                .putLabels("role", "data").build()).get();
        assertThat(made.hasError()).isFalse();
        Disk disk = disks.get(PROJECT, ZONE, "data-1");
        assertThat(disk.getSizeGb()).isEqualTo(50);
        assertThat(disk.getStatus()).isEqualTo("READY");
        assertThat(disk.getLabelsMap()).containsEntry("role", "data");
        assertThat(disk.getUsersList()).isEmpty();

        instances.attachDiskAsync(PROJECT, ZONE, "host-1", AttachedDisk.newBuilder()
                .setSource("projects/" + PROJECT + "/zones/" + ZONE + "/disks/data-1").setDeviceName("data")
                .build()).get();
        Instance host = instances.get(PROJECT, ZONE, "host-1");
        assertThat(host.getDisksList()).extracting(AttachedDisk::getDeviceName)
                .containsExactly("persistent-disk-0", "data");
        assertThat(host.getDisks(1).getSource()).isEqualTo(disk.getSelfLink());
        assertThat(disks.get(PROJECT, ZONE, "data-1").getUsersList()).containsExactly(host.getSelfLink());

        assertThatThrownBy(() -> disks.deleteAsync(PROJECT, ZONE, "data-1").get())
                .cause().isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
                    assertThat(e.getCause().getMessage()).contains("resourceInUseByAnotherResource");
                });

        instances.detachDiskAsync(PROJECT, ZONE, "host-1", "data").get();
        assertThat(instances.get(PROJECT, ZONE, "host-1").getDisksList()).hasSize(1);

        List<String> names = StreamSupport.stream(disks.list(PROJECT, ZONE).iterateAll().spliterator(), false)
                .map(Disk::getName).toList();
        assertThat(names).containsExactly("data-1", "host-1");

        disks.deleteAsync(PROJECT, ZONE, "data-1").get();
        assertThatThrownBy(() -> disks.get(PROJECT, ZONE, "data-1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
    }

    @Test
    void snapshotsOfABootDiskAndOfADataDisk() throws Exception {
        disks.insertAsync(PROJECT, ZONE, Disk.newBuilder().setName("data-2").setSizeGb(12).build()).get();
        Http.Answer op = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks/data-2/createSnapshot",
                "{\"name\":\"snap-data\",\"labels\":{\"kind\":\"data\"}}", null);
        assertThat(op.status()).isEqualTo(200);
        assertThat(op.json().get("operationType").asText()).isEqualTo("createSnapshot");
        JsonNode done = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/operations/"
                + op.json().get("name").asText() + "/wait", null, null).json();
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.has("error")).isFalse();
        disks.createSnapshotAsync(PROJECT, ZONE, "host-1",
                com.google.cloud.compute.v1.Snapshot.newBuilder().setName("snap-boot").build()).get();

        JsonNode data = Http.call("GET", endpoint.base() + "/global/snapshots/snap-data", null, null).json();
        assertThat(data.get("status").asText()).isEqualTo("READY");
        assertThat(data.get("diskSizeGb").asText()).isEqualTo("12");
        assertThat(data.get("sourceDisk").asText()).endsWith("/zones/" + ZONE + "/disks/data-2");
        assertThat(data.at("/labels/kind").asText()).isEqualTo("data");
        JsonNode boot = Http.call("GET", endpoint.base() + "/global/snapshots/snap-boot", null, null).json();
        assertThat(boot.get("sourceDisk").asText()).endsWith("/zones/" + ZONE + "/disks/host-1");
        assertThat(boot.get("sourceDiskId").asText()).isEqualTo(Long.toUnsignedString(disks.get(PROJECT, ZONE, "host-1").getId()));
        if (WireShapes.recordingsPresent()) {
            assertThat(WireShapes.typeMismatches(data, WireShapes.recording("snapshots_get.json"))).isEmpty();
            assertThat(WireShapes.typeMismatches(op.json(),
                    WireShapes.recording("disks_createSnapshot_operation.json"))).isEmpty();
        }
        JsonNode list = Http.call("GET", endpoint.base() + "/global/snapshots", null, null).json();
        assertThat(list.get("items")).extracting(i -> i.get("name").asText()).containsExactly("snap-boot",
                "snap-data");
        Http.Answer again = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks/data-2/createSnapshot",
                "{\"name\":\"snap-data\"}", null);
        assertThat(again.status()).isEqualTo(409);

        Http.Answer deleted = Http.call("DELETE", endpoint.base() + "/global/snapshots/snap-data", null, null);
        assertThat(deleted.json().get("status").asText()).isEqualTo("DONE");
        assertThat(Http.call("GET", endpoint.base() + "/global/snapshots/snap-data", null, null).status())
                .isEqualTo(404);
    }

    @Test
    void aBootDiskCannotBeDeletedNorANameUsedTwice() throws Exception {
        Http.Answer boot = Http.call("DELETE", endpoint.base() + "/zones/" + ZONE + "/disks/host-1", null, null);
        assertThat(boot.status()).isEqualTo(400);
        assertThat(boot.reason()).isEqualTo("resourceInUseByAnotherResource");
        Http.Answer clash = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks",
                "{\"name\":\"host-1\",\"sizeGb\":\"10\"}", null);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.reason()).isEqualTo("alreadyExists");
        Http.Answer fromImage = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks",
                "{\"name\":\"img-disk\",\"sourceImage\":\"projects/ubuntu-os-cloud/global/images/x\"}", null);
        assertThat(fromImage.status()).isEqualTo(400);
        assertThat(fromImage.reason()).isEqualTo("badRequest");
    }

    @Test
    void aDiskFromASnapshot() throws Exception {
        disks.insertAsync(PROJECT, ZONE, Disk.newBuilder().setName("origin").setSizeGb(15).build()).get();
        disks.createSnapshotAsync(PROJECT, ZONE, "origin",
                com.google.cloud.compute.v1.Snapshot.newBuilder().setName("snap-origin").build()).get();
        JsonNode snapshot = Http.call("GET", endpoint.base() + "/global/snapshots/snap-origin", null, null).json();

        Operation made = disks.insertAsync(PROJECT, ZONE, Disk.newBuilder().setName("restored")
                .setSourceSnapshot("global/snapshots/snap-origin").putLabels("from", "snapshot").build()).get();
        assertThat(made.hasError()).isFalse();
        Disk restored = disks.get(PROJECT, ZONE, "restored");
        assertThat(restored.getSizeGb()).isEqualTo(15);
        assertThat(restored.getStatus()).isEqualTo("READY");
        assertThat(restored.getSourceSnapshot()).isEqualTo(snapshot.get("selfLink").asText());
        assertThat(restored.getSourceSnapshotId()).isEqualTo(snapshot.get("id").asText());
        assertThat(restored.getLabelsMap()).containsEntry("from", "snapshot");

        // A full URL, and a size larger than the snapshot's.
        disks.insertAsync(PROJECT, ZONE, Disk.newBuilder().setName("restored-big").setSizeGb(40)
                .setSourceSnapshot(snapshot.get("selfLink").asText()).build()).get();
        assertThat(disks.get(PROJECT, ZONE, "restored-big").getSizeGb()).isEqualTo(40);
        // The restored disk is a disk like any other: attached, then seen on its instance.
        instances.attachDiskAsync(PROJECT, ZONE, "host-1", AttachedDisk.newBuilder()
                .setSource(restored.getSelfLink()).setDeviceName("restored").build()).get();
        assertThat(instances.get(PROJECT, ZONE, "host-1").getDisksList()).extracting(AttachedDisk::getSource)
                .contains(restored.getSelfLink());
        instances.detachDiskAsync(PROJECT, ZONE, "host-1", "restored").get();

        Http.Answer tooSmall = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks",
                "{\"name\":\"small\",\"sizeGb\":\"5\",\"sourceSnapshot\":\"global/snapshots/snap-origin\"}",
                null);
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.reason()).isEqualTo("invalid");
        assertThat(tooSmall.json().at("/error/message").asText()).contains("smaller than the snapshot size");
        Http.Answer unknown = Http.call("POST", endpoint.base() + "/zones/" + ZONE + "/disks",
                "{\"name\":\"ghost\",\"sourceSnapshot\":\"global/snapshots/no-such\"}", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText())
                .isEqualTo("The resource 'projects/" + PROJECT + "/global/snapshots/no-such' was not found");
        assertThat(Http.call("GET", endpoint.base() + "/zones/" + ZONE + "/disks/small", null, null).status())
                .isEqualTo(404);
    }
}
