package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.Image;
import com.google.cloud.compute.v1.ImagesClient;
import com.google.cloud.compute.v1.ImagesSettings;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.InstancesSetLabelsRequest;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.ListInstancesRequest;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Region;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.RegionsSettings;
import com.google.cloud.compute.v1.Zone;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import com.google.cloud.compute.v1.ZonesClient;
import com.google.cloud.compute.v1.ZonesSettings;
import io.altostratus.gateway.auth.AuthMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Google's own Java client, in-process, against the endpoint over the local cloud. */
class GceJavaClientTest {
    private static final String PROJECT = GceEndpoint.PROJECT;
    private static final String ZONE = "us-central1-a";

    private static GceEndpoint endpoint;
    private static InstancesClient instances;
    private static ZoneOperationsClient zoneOperations;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new GceEndpoint(AuthMode.PERMISSIVE);
        instances = InstancesClient.create(InstancesSettings.newBuilder().setEndpoint(endpoint.endpoint())
                .setCredentialsProvider(GceEndpoint.noCredentials()).build());
        zoneOperations = ZoneOperationsClient.create(ZoneOperationsSettings.newBuilder()
                .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build());
    }

    @AfterAll
    static void stop() {
        instances.close();
        zoneOperations.close();
        endpoint.close();
    }

    private static Instance vm(String zone, String name, String sourceImage) {
        return Instance.newBuilder().setName(name).setMachineType("zones/" + zone + "/machineTypes/e2-small")
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true)
                        .setInitializeParams(AttachedDiskInitializeParams.newBuilder().setSourceImage(sourceImage)
                                .setDiskSizeGb(20)))
                .addNetworkInterfaces(NetworkInterface.newBuilder().addAccessConfigs(AccessConfig.newBuilder()
                        .setName("External NAT").setType("ONE_TO_ONE_NAT")))
                .putLabels("env", "test")
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey("user-data")
                        .setValue("#cloud-config\npackages: [htop]\n")))
                .build();
    }

    @Test
    void instanceLifecycleThroughTheOfficialClient() throws Exception {
        Operation inserted = instances.insertAsync(PROJECT, ZONE,
                vm(ZONE, "web-1", "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")).get();
        assertThat(inserted.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(inserted.hasError()).isFalse();
        assertThat(inserted.getOperationType()).isEqualTo("insert");
        assertThat(inserted.getTargetLink()).endsWith("/compute/v1/projects/" + PROJECT + "/zones/" + ZONE
                + "/instances/web-1");

        Instance got = instances.get(PROJECT, ZONE, "web-1");
        assertThat(got.getName()).isEqualTo("web-1");
        assertThat(got.getStatus()).isEqualTo("RUNNING");
        assertThat(got.getId()).isEqualTo(inserted.getTargetId()).isNotZero();
        assertThat(got.getMachineType()).isEqualTo(endpoint.base() + "/zones/" + ZONE + "/machineTypes/e2-small");
        assertThat(got.getZone()).isEqualTo(endpoint.base() + "/zones/" + ZONE);
        assertThat(got.getSelfLink()).isEqualTo(endpoint.base() + "/zones/" + ZONE + "/instances/web-1");
        assertThat(got.getLabelsMap()).containsExactly(Map.entry("env", "test"));
        assertThat(got.getDisks(0).getDiskSizeGb()).isEqualTo(20);
        assertThat(got.getMetadata().getItemsList()).extracting(Items::getKey).containsExactly("user-data");

        Operation stopped = instances.stopAsync(PROJECT, ZONE, "web-1").get();
        assertThat(stopped.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(instances.get(PROJECT, ZONE, "web-1").getStatus()).isEqualTo("TERMINATED");

        instances.startAsync(PROJECT, ZONE, "web-1").get();
        assertThat(instances.get(PROJECT, ZONE, "web-1").getStatus()).isEqualTo("RUNNING");
        assertThat(instances.get(PROJECT, ZONE, "web-1").getId()).isEqualTo(got.getId());

        Instance current = instances.get(PROJECT, ZONE, "web-1");
        instances.setLabelsAsync(PROJECT, ZONE, "web-1", InstancesSetLabelsRequest.newBuilder()
                .setLabelFingerprint(current.getLabelFingerprint()).putLabels("env", "prod")
                .putLabels("team", "infra").build()).get();
        assertThat(instances.get(PROJECT, ZONE, "web-1").getLabelsMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "team", "infra"));

        Operation deleted = instances.deleteAsync(PROJECT, ZONE, "web-1").get();
        assertThat(deleted.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThatThrownBy(() -> instances.get(PROJECT, ZONE, "web-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode().getCode())
                        .isEqualTo(StatusCode.Code.NOT_FOUND));
    }

    @Test
    void listFiltersAndPages() throws Exception {
        for (String name : List.of("list-a", "list-b", "list-c")) {
            instances.insertAsync(PROJECT, "us-central1-b", vm("us-central1-b", name,
                    "projects/ubuntu-os-cloud/global/images/" + TestGcpCatalog.UBUNTU)).get();
        }
        instances.stopAsync(PROJECT, "us-central1-b", "list-b").get();

        List<String> all = names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT)
                .setZone("us-central1-b").setMaxResults(2).build()).iterateAll());
        assertThat(all).containsExactly("list-a", "list-b", "list-c");

        assertThat(names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT)
                .setZone("us-central1-b").setFilter("name = list-c").build()).iterateAll()))
                .containsExactly("list-c");
        assertThat(names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT)
                .setZone("us-central1-b").setFilter("status = TERMINATED").build()).iterateAll()))
                .containsExactly("list-b");
        assertThat(names(instances.list(ListInstancesRequest.newBuilder().setProject(PROJECT)
                .setZone("us-central1-b").setFilter("labels.env = test AND status != TERMINATED").build())
                .iterateAll())).containsExactly("list-a", "list-c");

        List<String> aggregated = new ArrayList<>();
        for (Map.Entry<String, InstancesScopedList> entry : instances.aggregatedList(PROJECT).iterateAll()) {
            entry.getValue().getInstancesList().forEach(i -> aggregated.add(entry.getKey() + "/" + i.getName()));
        }
        assertThat(aggregated).contains("zones/us-central1-b/list-a", "zones/us-central1-b/list-b",
                "zones/us-central1-b/list-c");
    }

    @Test
    void duplicateNameIsAlreadyExistsAndUnknownInstanceIsNotFound() throws Exception {
        instances.insertAsync(PROJECT, "us-central1-c", vm("us-central1-c", "dup",
                "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")).get();
        assertThatThrownBy(() -> instances.insertAsync(PROJECT, "us-central1-c", vm("us-central1-c", "dup",
                "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")).get())
                .cause().isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.ABORTED);
                    // gax keeps Google's error document on the HTTP cause: status, message and reason.
                    assertThat(e.getCause().getMessage()).contains("409")
                            .contains("The resource 'projects/" + PROJECT
                                    + "/zones/us-central1-c/instances/dup' already exists")
                            .contains("\"reason\":\"alreadyExists\"");
                });
        assertThatThrownBy(() -> instances.get(PROJECT, "us-central1-c", "nobody"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
                    assertThat(e.getCause().getMessage()).contains("The resource 'projects/" + PROJECT
                            + "/zones/us-central1-c/instances/nobody' was not found")
                            .contains("\"reason\":\"notFound\"");
                });
        assertThatThrownBy(() -> instances.get(PROJECT, "mars-north1-a", "x"))
                .isInstanceOfSatisfying(ApiException.class, e ->
                        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
    }

    @Test
    void placesTypesAndImages() throws Exception {
        try (ZonesClient zones = ZonesClient.create(ZonesSettings.newBuilder()
                .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build());
             RegionsClient regions = RegionsClient.create(RegionsSettings.newBuilder()
                     .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build());
             MachineTypesClient types = MachineTypesClient.create(MachineTypesSettings.newBuilder()
                     .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build());
             ImagesClient images = ImagesClient.create(ImagesSettings.newBuilder()
                     .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build())) {
            List<String> zoneNames = StreamSupport.stream(zones.list(PROJECT).iterateAll().spliterator(), false)
                    .map(Zone::getName).toList();
            assertThat(zoneNames).containsExactlyElementsOf(TestGcpCatalog.ZONES);

            Region region = regions.get(PROJECT, "us-central1");
            assertThat(region.getZonesList()).contains(endpoint.base() + "/zones/us-central1-f").hasSize(4);
            assertThat(region.getStatus()).isEqualTo("UP");

            MachineType type = types.get(PROJECT, ZONE, "n2-standard-4");
            assertThat(type.getGuestCpus()).isEqualTo(4);
            assertThat(type.getMemoryMb()).isEqualTo(16384);
            assertThat(type.getZone()).isEqualTo(ZONE);

            Image family = images.getFromFamily("ubuntu-os-cloud", "ubuntu-2404-lts-amd64");
            assertThat(family.getName()).isEqualTo(TestGcpCatalog.UBUNTU);
            assertThat(family.getFamily()).isEqualTo("ubuntu-2404-lts-amd64");
            assertThat(family.getStatus()).isEqualTo("READY");
            assertThat(family.getSelfLink()).isEqualTo(endpoint.endpoint()
                    + "/compute/v1/projects/ubuntu-os-cloud/global/images/" + TestGcpCatalog.UBUNTU);
            assertThat(StreamSupport.stream(images.list("ubuntu-os-cloud").iterateAll().spliterator(), false)
                    .map(Image::getName)).containsExactly(TestGcpCatalog.UBUNTU_OLD, TestGcpCatalog.UBUNTU);
            assertThatThrownBy(() -> images.getFromFamily("ubuntu-os-cloud", "coreos-stable"))
                    .isInstanceOfSatisfying(ApiException.class, e ->
                            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
        }
    }

    @Test
    void imageFromABootDiskThenLaunchFromItThenDeleteIt() throws Exception {
        instances.insertAsync(PROJECT, "us-central1-f", vm("us-central1-f", "golden",
                "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64")).get();
        Operation running = zoneOperations.wait(PROJECT, "us-central1-f",
                instances.startAsync(PROJECT, "us-central1-f", "golden").get().getName());
        assertThat(running.getStatus()).isEqualTo(Operation.Status.DONE);
        try (ImagesClient images = ImagesClient.create(ImagesSettings.newBuilder()
                .setEndpoint(endpoint.endpoint()).setCredentialsProvider(GceEndpoint.noCredentials()).build())) {
            Operation made = images.insertAsync(PROJECT, Image.newBuilder().setName("golden-image")
                    .setFamily("golden").setSourceDisk("projects/" + PROJECT + "/zones/us-central1-f/disks/golden")
                    .build()).get();
            assertThat(made.hasError()).isFalse();
            Image image = images.getFromFamily(PROJECT, "golden");
            assertThat(image.getName()).isEqualTo("golden-image");
            assertThat(image.getStatus()).isEqualTo("READY");
            assertThat(image.getSourceDisk()).endsWith("/zones/us-central1-f/disks/golden");

            instances.insertAsync(PROJECT, "us-central1-f",
                    vm("us-central1-f", "from-golden", "global/images/golden-image")).get();
            assertThat(instances.get(PROJECT, "us-central1-f", "from-golden").getName()).isEqualTo("from-golden");

            images.deleteAsync(PROJECT, "golden-image").get();
            assertThatThrownBy(() -> images.get(PROJECT, "golden-image"))
                    .isInstanceOfSatisfying(ApiException.class, e ->
                            assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
        }
    }

    private static List<String> names(Iterable<Instance> items) {
        return StreamSupport.stream(items.spliterator(), false).map(Instance::getName).toList();
    }
}
