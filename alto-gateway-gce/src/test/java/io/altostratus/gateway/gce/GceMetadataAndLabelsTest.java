package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.GlobalSetLabelsRequest;
import com.google.cloud.compute.v1.Image;
import com.google.cloud.compute.v1.ImagesClient;
import com.google.cloud.compute.v1.ImagesSettings;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import io.altostratus.gateway.auth.AuthMode;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** instances.setMetadata and images.setLabels through the official client, with their fingerprint checks. */
class GceMetadataAndLabelsTest {
    private static final String PROJECT = GceEndpoint.PROJECT;
    private static final String ZONE = "us-central1-c";
    private static final String USER_DATA = "#cloud-config\npackages: [htop]\n";

    private static GceEndpoint endpoint;
    private static InstancesClient instances;
    private static ImagesClient images;
    private static ZoneOperationsClient zoneOperations;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new GceEndpoint(AuthMode.PERMISSIVE);
        instances = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        images = ImagesClient.create(ImagesSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        zoneOperations = ZoneOperationsClient.create(ZoneOperationsSettings.newBuilder()
                .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build());
    }

    @AfterAll
    static void stop() {
        instances.close();
        images.close();
        zoneOperations.close();
        endpoint.close();
    }

    private static void launch(String name) throws Exception {
        instances.insertAsync(PROJECT, ZONE, Instance.newBuilder().setName(name)
                .setMachineType("zones/" + ZONE + "/machineTypes/e2-small")
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setInitializeParams(
                        AttachedDiskInitializeParams.newBuilder().setSourceImage(
                                "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")))
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("user-data")
                        .setValue(USER_DATA)))
                .build()).get();
    }

    private static Map<String, String> items(Instance instance) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        instance.getMetadata().getItemsList().forEach(i -> out.put(i.getKey(), i.getValue()));
        return out;
    }

    /** The official client's failure for a call: its status code and Google's error document on the cause. */
    private static void assertFails(ThrowingCallable call, StatusCode.Code code, String status, String reason) {
        assertThatThrownBy(call).satisfies(thrown -> {
            Throwable e = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
            assertThat(e).isInstanceOf(ApiException.class);
            assertThat(((ApiException) e).getStatusCode().getCode()).isEqualTo(code);
            assertThat(e.getCause().getMessage()).contains(status).contains("\"reason\":\"" + reason + "\"");
        });
    }

    @Test
    void setMetadataReplacesTheItemsWhenTheFingerprintIsCurrent() throws Exception {
        launch("meta-1");
        Instance before = instances.get(PROJECT, ZONE, "meta-1");
        assertThat(items(before)).containsExactly(Map.entry("user-data", USER_DATA));
        String first = before.getMetadata().getFingerprint();
        assertThat(first).isNotEmpty();

        Operation op = instances.setMetadataAsync(PROJECT, ZONE, "meta-1", before.getMetadata().toBuilder()
                .addItems(Items.newBuilder().setKey("alto-name").setValue("renamed web")).build()).get();
        assertThat(op.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(op.hasError()).isFalse();
        assertThat(op.getOperationType()).isEqualTo("setMetadata");
        assertThat(op.getTargetLink()).isEqualTo(before.getSelfLink());
        assertThat(op.getTargetId()).isEqualTo(before.getId());
        assertThat(op.getZone()).endsWith("/zones/" + ZONE);
        assertThat(zoneOperations.get(PROJECT, ZONE, op.getName()).getOperationType()).isEqualTo("setMetadata");

        Instance after = instances.get(PROJECT, ZONE, "meta-1");
        assertThat(items(after)).containsExactlyInAnyOrderEntriesOf(Map.of("user-data", USER_DATA,
                "alto-name", "renamed web"));
        String second = after.getMetadata().getFingerprint();
        assertThat(second).isNotEqualTo(first);
        // The items are the front's record; labels and status are untouched.
        assertThat(after.getStatus()).isEqualTo(before.getStatus());

        // A value change alone changes the fingerprint too (values are free text, not labels).
        instances.setMetadataAsync(PROJECT, ZONE, "meta-1", Metadata.newBuilder().setFingerprint(second)
                .addItems(Items.newBuilder().setKey("user-data").setValue(USER_DATA))
                .addItems(Items.newBuilder().setKey("alto-name").setValue("renamed again")).build()).get();
        Instance third = instances.get(PROJECT, ZONE, "meta-1");
        assertThat(items(third)).containsEntry("alto-name", "renamed again");
        assertThat(third.getMetadata().getFingerprint()).isNotEqualTo(second).isNotEqualTo(first);

        instances.setMetadataAsync(PROJECT, ZONE, "meta-1", Metadata.newBuilder()
                .setFingerprint(third.getMetadata().getFingerprint()).build()).get();
        assertThat(instances.get(PROJECT, ZONE, "meta-1").getMetadata().getItemsList()).isEmpty();
    }

    @Test
    void aStaleOrMissingFingerprintIsConditionNotMetAndChangesNothing() throws Exception {
        launch("meta-2");
        Instance before = instances.get(PROJECT, ZONE, "meta-2");
        String fingerprint = before.getMetadata().getFingerprint();
        instances.setMetadataAsync(PROJECT, ZONE, "meta-2", Metadata.newBuilder().setFingerprint(fingerprint)
                .addItems(Items.newBuilder().setKey("alto-name").setValue("one")).build()).get();

        Metadata stale = Metadata.newBuilder().setFingerprint(fingerprint)
                .addItems(Items.newBuilder().setKey("alto-name").setValue("two")).build();
        assertFails(() -> instances.setMetadataAsync(PROJECT, ZONE, "meta-2", stale).get(),
                StatusCode.Code.FAILED_PRECONDITION, "412", "conditionNotMet");
        Metadata none = Metadata.newBuilder().addItems(Items.newBuilder().setKey("alto-name").setValue("three"))
                .build();
        assertFails(() -> instances.setMetadataAsync(PROJECT, ZONE, "meta-2", none).get(),
                StatusCode.Code.FAILED_PRECONDITION, "412", "conditionNotMet");
        assertThat(items(instances.get(PROJECT, ZONE, "meta-2"))).containsExactly(Map.entry("alto-name", "one"));
    }

    @Test
    void badItemsAndUnknownInstancesAreRefused() throws Exception {
        launch("meta-3");
        String fingerprint = instances.get(PROJECT, ZONE, "meta-3").getMetadata().getFingerprint();
        Metadata twice = Metadata.newBuilder().setFingerprint(fingerprint)
                .addItems(Items.newBuilder().setKey("k").setValue("1"))
                .addItems(Items.newBuilder().setKey("k").setValue("2")).build();
        assertFails(() -> instances.setMetadataAsync(PROJECT, ZONE, "meta-3", twice).get(),
                StatusCode.Code.INVALID_ARGUMENT, "400", "invalid");
        Metadata badKey = Metadata.newBuilder().setFingerprint(fingerprint)
                .addItems(Items.newBuilder().setKey("no spaces").setValue("1")).build();
        assertFails(() -> instances.setMetadataAsync(PROJECT, ZONE, "meta-3", badKey).get(),
                StatusCode.Code.INVALID_ARGUMENT, "400", "invalid");
        assertThat(items(instances.get(PROJECT, ZONE, "meta-3"))).containsOnlyKeys("user-data");
        assertFails(() -> instances.setMetadataAsync(PROJECT, ZONE, "nobody", Metadata.newBuilder()
                        .setFingerprint(fingerprint).build()).get(),
                StatusCode.Code.NOT_FOUND, "404", "notFound");
    }

    @Test
    void setLabelsOnAnImageMadeHere() throws Exception {
        launch("label-src");
        images.insertAsync(PROJECT, Image.newBuilder().setName("labelled").setFamily("labelled-family")
                .putLabels("stage", "draft")
                .setSourceDisk("projects/" + PROJECT + "/zones/" + ZONE + "/disks/label-src").build()).get();
        Image before = images.get(PROJECT, "labelled");
        assertThat(before.getLabelsMap()).containsExactly(Map.entry("stage", "draft"));

        Operation op = images.setLabelsAsync(PROJECT, "labelled", GlobalSetLabelsRequest.newBuilder()
                .setLabelFingerprint(before.getLabelFingerprint()).putLabels("stage", "released")
                .putLabels("team", "infra").build()).get();
        assertThat(op.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(op.getOperationType()).isEqualTo("setLabels");
        assertThat(op.getSelfLink()).contains("/global/operations/");
        assertThat(op.getTargetLink()).isEqualTo(before.getSelfLink());
        assertThat(op.getTargetId()).isEqualTo(before.getId());

        Image after = images.get(PROJECT, "labelled");
        assertThat(after.getLabelsMap()).containsExactlyInAnyOrderEntriesOf(Map.of("stage", "released",
                "team", "infra"));
        assertThat(after.getLabelFingerprint()).isNotEqualTo(before.getLabelFingerprint());
        // The family is a backend tag too, and it is not a label: it stays.
        assertThat(after.getFamily()).isEqualTo("labelled-family");
        assertThat(images.getFromFamily(PROJECT, "labelled-family").getName()).isEqualTo("labelled");

        assertFails(() -> images.setLabelsAsync(PROJECT, "labelled", GlobalSetLabelsRequest.newBuilder()
                        .setLabelFingerprint(before.getLabelFingerprint()).build()).get(),
                StatusCode.Code.FAILED_PRECONDITION, "412", "conditionNotMet");
        assertThat(images.get(PROJECT, "labelled").getLabelsMap()).hasSize(2);

        images.setLabelsAsync(PROJECT, "labelled", GlobalSetLabelsRequest.newBuilder()
                .setLabelFingerprint(after.getLabelFingerprint()).build()).get();
        assertThat(images.get(PROJECT, "labelled").getLabelsMap()).isEmpty();
        assertThat(images.get(PROJECT, "labelled").getFamily()).isEqualTo("labelled-family");

        assertFails(() -> images.setLabelsAsync(PROJECT, "no-such-image", GlobalSetLabelsRequest.newBuilder()
                        .setLabelFingerprint("x").build()).get(),
                StatusCode.Code.NOT_FOUND, "404", "notFound");
        // Public images belong to their publisher's project: not the caller's to label.
        assertFails(() -> images.setLabelsAsync("ubuntu-os-cloud", TestGcpCatalog.UBUNTU,
                        GlobalSetLabelsRequest.newBuilder().setLabelFingerprint("x").build()).get(),
                StatusCode.Code.NOT_FOUND, "404", "notFound");
        assertFails(() -> images.setLabelsAsync(PROJECT, "labelled", GlobalSetLabelsRequest.newBuilder()
                        .setLabelFingerprint(images.get(PROJECT, "labelled").getLabelFingerprint())
                        .putLabels("Upper", "x").build()).get(),
                StatusCode.Code.INVALID_ARGUMENT, "400", "invalid");
    }
}
