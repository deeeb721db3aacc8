package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;

import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.BillingProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.ImageUpdate;
import com.azure.resourcemanager.compute.models.VirtualMachineEvictionPolicyTypes;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.core.management.SubResource;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a VM request carries reaches the backend instance: zone, spot, user data, tags, a managed image. */
class ArmVmOptionsTest {
    static LocalProviderFactory backend;
    static ArmEndpoint endpoint;
    static ComputeProvider session;

    @BeforeAll
    static void start() {
        backend = LocalProviderFactory.withStore(StateStores.inMemory(), Catalogs.shipped("azure"));
        endpoint = new ArmEndpoint(ArmFront.builder(backend).authMode(AuthMode.PERMISSIVE));
        session = backend.open(new ProviderContext(ArmEndpoint.LOCATION, ArmEndpoint.SUBSCRIPTION, null, null, null,
                null));
        endpoint.resources().resourceGroups().define("rg-opts").withRegion(ArmEndpoint.LOCATION).create();
    }

    @AfterAll
    static void stop() {
        session.close();
        endpoint.close();
    }

    static Instance backendInstanceNamed(String name) {
        return session.instances(InstanceQuery.all()).stream().filter(i -> name.equals(i.name())).findFirst()
                .orElseThrow();
    }

    @Test
    void zoneSpotUserDataAndTagsReachTheInstance() {
        String nic = SdkFixtures.networkFor(endpoint.network(), "rg-opts", "z", false);
        VirtualMachineInner request = SdkFixtures.vmRequest("vmz", nic, false).withZones(List.of("2"))
                .withPriority(VirtualMachinePriorityTypes.SPOT)
                .withEvictionPolicy(VirtualMachineEvictionPolicyTypes.DEALLOCATE)
                .withBillingProfile(new BillingProfile().withMaxPrice(-1.0));
        VirtualMachineInner vm = endpoint.compute().serviceClient().getVirtualMachines().createOrUpdate("rg-opts",
                "vmz", request);
        assertThat(vm.zones()).containsExactly("2");
        Instance instance = backendInstanceNamed("vmz");
        assertThat(instance.zone()).isEqualTo("eastus-2");
        assertThat(instance.spot()).isTrue();
        assertThat(instance.instanceType()).isEqualTo("Standard_B2s");
        assertThat(instance.imageId()).isEqualTo("Canonical:ubuntu-24_04-lts:server:latest");
        assertThat(instance.tags()).containsEntry("team", "alto");
        assertThat(instance.keyName()).isNotNull();
        assertThat(vm.storageProfile().imageReference().exactVersion()).matches("\\d{4}\\.\\d{4}\\.0");
        // The key pair made from the VM's SSH key goes when the VM does.
        var keys = session.extension(KeyPairs.class).orElseThrow();
        assertThat(keys.keyPairs()).extracting(k -> k.name()).contains(instance.keyName());
        endpoint.compute().serviceClient().getVirtualMachines().delete("rg-opts", "vmz");
        assertThat(keys.keyPairs()).extracting(k -> k.name()).doesNotContain(instance.keyName());
    }

    @Test
    void aManagedImageFromAVmLaunchesAnotherVm() {
        String nic = SdkFixtures.networkFor(endpoint.network(), "rg-opts", "i", false);
        var vms = endpoint.compute().serviceClient().getVirtualMachines();
        VirtualMachineInner source = vms.createOrUpdate("rg-opts", "vmsrc", SdkFixtures.vmRequest("vmsrc", nic, false));
        assertThatThrownBy(() -> vms.generalize("rg-opts", "vmsrc")).isInstanceOfSatisfying(
                ManagementException.class, m -> assertThat(m.getValue().getCode()).isEqualTo("OperationNotAllowed"));
        vms.deallocate("rg-opts", "vmsrc");
        vms.generalize("rg-opts", "vmsrc");
        ImageInner image = endpoint.compute().serviceClient().getImages().createOrUpdate("rg-opts", "golden",
                new ImageInner().withLocation(ArmEndpoint.LOCATION)
                        .withSourceVirtualMachine(new SubResource().withId(source.id())));
        assertThat(image.provisioningState()).isEqualTo("Succeeded");
        String nic2 = SdkFixtures.networkFor(endpoint.network(), "rg-opts", "i2", false);
        VirtualMachineInner request = SdkFixtures.vmRequest("vmcopy", nic2, false);
        request.storageProfile().withImageReference(new ImageReference().withId(image.id()));
        VirtualMachineInner copy = vms.createOrUpdate("rg-opts", "vmcopy", request);
        assertThat(copy.provisioningState()).isEqualTo("Succeeded");
        String golden = session.images(ImageQuery.all()).stream().filter(i -> "golden".equals(i.name()))
                .findFirst().orElseThrow().id();
        assertThat(backendInstanceNamed("vmcopy").imageId()).isEqualTo(golden);

        // Images - Update (PATCH) replaces the tag set, on the ARM resource and on the backend image alike.
        var imagesClient = endpoint.compute().serviceClient().getImages();
        ImageInner tagged = imagesClient.update("rg-opts", "golden",
                new ImageUpdate().withTags(Map.of("stage", "qa", "owner", "ops")));
        assertThat(tagged.tags()).containsOnly(Map.entry("stage", "qa"), Map.entry("owner", "ops"));
        assertThat(backendImage(golden).tags()).containsEntry("stage", "qa").containsEntry("owner", "ops");
        imagesClient.update("rg-opts", "golden", new ImageUpdate().withTags(Map.of("stage", "prod")));
        assertThat(imagesClient.getByResourceGroup("rg-opts", "golden").tags()).containsOnly(Map.entry("stage",
                "prod"));
        assertThat(backendImage(golden).tags()).containsEntry("stage", "prod").doesNotContainKey("owner");
    }

    private io.altostratus.core.model.Image backendImage(String id) {
        return session.images(ImageQuery.all()).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }
}
