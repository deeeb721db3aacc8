package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageResourceInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineSizeInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskState;
import com.azure.resourcemanager.compute.models.ExpandTypesForListVMs;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.resources.ResourceManager;
import io.altostratus.gateway.auth.AuthMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog reads, disks and snapshots, and VM list paging, through the SDK. */
class ArmCatalogAndDisksTest {
    static ArmEndpoint endpoint;
    static ComputeManager compute;
    static ResourceManager resources;

    @BeforeAll
    static void start() {
        endpoint = new ArmEndpoint(AuthMode.PERMISSIVE, 2);
        compute = endpoint.compute();
        resources = endpoint.resources();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void locationsAreTheBackendRegionsWithNumberedZones() {
        var subscription = ResourceManager.authenticate(endpoint.pipeline(null), endpoint.profile()).subscriptions()
                .getById(ArmEndpoint.SUBSCRIPTION);
        var locations = subscription.listLocations().stream().collect(Collectors.toMap(l -> l.name(), l -> l));
        assertThat(locations).hasSize(41).containsKeys("eastus", "westeurope");
        assertThat(locations.get("eastus").displayName()).isNotBlank();
        assertThat(locations.get("eastus").innerModel().availabilityZoneMappings())
                .extracting(m -> m.logicalZone()).contains("1", "2", "3");
    }

    @Test
    void vmSizesAndSkusDescribeTheCatalog() {
        List<VirtualMachineSizeInner> sizes = compute.serviceClient().getVirtualMachineSizes().list("eastus")
                .stream().toList();
        VirtualMachineSizeInner b2s = sizes.stream().filter(s -> s.name().equals("Standard_B2s")).findFirst()
                .orElseThrow();
        assertThat(b2s.numberOfCores()).isEqualTo(2);
        assertThat(b2s.memoryInMB()).isEqualTo(4096);
        assertThat(b2s.maxDataDiskCount()).isPositive();

        List<ResourceSkuInner> skus = compute.serviceClient().getResourceSkus()
                .list("location eq 'eastus'", null, Context.NONE).stream().toList();
        assertThat(skus).hasSameSizeAs(sizes);
        ResourceSkuInner sku = skus.stream().filter(s -> s.name().equals("Standard_B2s")).findFirst().orElseThrow();
        assertThat(sku.resourceType()).isEqualTo("virtualMachines");
        assertThat(sku.locations()).containsExactly("eastus");
        Map<String, String> caps = sku.capabilities().stream()
                .collect(Collectors.toMap(ResourceSkuCapabilities::name, ResourceSkuCapabilities::value));
        assertThat(caps).containsEntry("vCPUs", "2").containsEntry("MemoryGB", "4");
        assertThat(sku.locationInfo().get(0).zones()).isNotEmpty();
    }

    @Test
    void marketplaceImagesListByPublisherOfferSkuAndVersion() {
        var images = compute.serviceClient().getVirtualMachineImages();
        assertThat(images.listPublishers("eastus")).extracting(VirtualMachineImageResourceInner::name)
                .contains("Canonical", "Debian");
        assertThat(images.listOffers("eastus", "Canonical")).extracting(VirtualMachineImageResourceInner::name)
                .contains("ubuntu-24_04-lts");
        assertThat(images.listSkus("eastus", "Canonical", "ubuntu-24_04-lts"))
                .extracting(VirtualMachineImageResourceInner::name).containsExactlyInAnyOrder("server", "server-arm64");
        List<VirtualMachineImageResourceInner> versions = images.list("eastus", "Canonical", "ubuntu-24_04-lts",
                "server");
        assertThat(versions).hasSize(1);
        var image = images.get("eastus", "Canonical", "ubuntu-24_04-lts", "server", versions.get(0).name());
        assertThat(image.osDiskImage().operatingSystem().toString()).isEqualTo("Linux");
        assertThat(image.architecture().toString()).isEqualTo("x64");
    }

    @Test
    void disksAttachSnapshotAndCopy() {
        resources.resourceGroups().define("rg-disks").withRegion(ArmEndpoint.LOCATION).create();
        var disks = compute.serviceClient().getDisks();
        DiskInner disk = disks.createOrUpdate("rg-disks", "data1", new DiskInner().withLocation("eastus")
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.EMPTY)).withDiskSizeGB(16));
        assertThat(disk.diskSizeGB()).isEqualTo(16);
        assertThat(disk.diskState()).isEqualTo(DiskState.UNATTACHED);

        String nic = SdkFixtures.networkFor(endpoint.network(), "rg-disks", "d", false);
        var vms = compute.serviceClient().getVirtualMachines();
        VirtualMachineInner request = SdkFixtures.vmRequest("vmd", nic, false);
        VirtualMachineInner vm = vms.createOrUpdate("rg-disks", "vmd", request);
        request.storageProfile().withDataDisks(List.of(new DataDisk().withLun(0)
                .withCreateOption(DiskCreateOptionTypes.ATTACH)
                .withManagedDisk(new ManagedDiskParameters().withId(disk.id()))));
        vms.createOrUpdate("rg-disks", "vmd", request);
        DiskInner attached = disks.getByResourceGroup("rg-disks", "data1");
        assertThat(attached.diskState()).isEqualTo(DiskState.ATTACHED);
        assertThat(attached.managedBy()).isEqualTo(vm.id());

        SnapshotInner snapshot = compute.serviceClient().getSnapshots().createOrUpdate("rg-disks", "snap1",
                new SnapshotInner().withLocation("eastus").withCreationData(new CreationData()
                        .withCreateOption(DiskCreateOption.COPY).withSourceResourceId(disk.id())));
        assertThat(snapshot.provisioningState()).isEqualTo("Succeeded");
        DiskInner copy = disks.createOrUpdate("rg-disks", "copy1", new DiskInner().withLocation("eastus")
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY)
                        .withSourceResourceId(snapshot.id())));
        assertThat(copy.diskSizeGB()).isEqualTo(16);

        request.storageProfile().withDataDisks(List.of());
        vms.createOrUpdate("rg-disks", "vmd", request);
        assertThat(disks.getByResourceGroup("rg-disks", "data1").diskState()).isEqualTo(DiskState.UNATTACHED);
        disks.delete("rg-disks", "copy1");
        assertThat(disks.listByResourceGroup("rg-disks").stream().map(DiskInner::name).toList())
                .as("the data disk left, and the VM's OS disk").containsExactlyInAnyOrder("data1",
                        vm.storageProfile().osDisk().name());
    }

    @Test
    void vmListsPageWithNextLinkAndTheSdkFollowsIt() {
        resources.resourceGroups().define("rg-pages").withRegion(ArmEndpoint.LOCATION).create();
        var vms = compute.serviceClient().getVirtualMachines();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String nic = SdkFixtures.networkFor(endpoint.network(), "rg-pages", "p" + i, false);
            vms.createOrUpdate("rg-pages", "vmp" + i, SdkFixtures.vmRequest("vmp" + i, nic, false));
            names.add("vmp" + i);
        }
        int mark = endpoint.requests.size();
        List<VirtualMachineInner> all = vms.list(null, "true", ExpandTypesForListVMs.INSTANCE_VIEW, Context.NONE)
                .stream().toList();
        // Page size 2 here: three pages, each carrying the power states.
        assertThat(all).extracting(VirtualMachineInner::name).containsAll(names);
        assertThat(endpoint.count(mark, "/providers/Microsoft.Compute/virtualMachines")).isEqualTo(
                (all.size() + 1) / 2);
        assertThat(endpoint.requests.subList(mark, endpoint.requests.size())).anyMatch(r -> r.contains("skiptoken"));
        assertThat(all).allSatisfy(vm -> assertThat(ArmJavaSdkTest.powerState(vm)).isEqualTo("PowerState/running"));
    }

    @Test
    void nicAndPublicIpListsPageAsVmListsDo() {
        resources.resourceGroups().define("rg-nicpages").withRegion(ArmEndpoint.LOCATION).create();
        for (int i = 0; i < 3; i++) {
            SdkFixtures.networkFor(endpoint.network(), "rg-nicpages", "n" + i, false);
        }
        var network = endpoint.network().serviceClient();
        String group = "/resourceGroups/rg-nicpages/providers/Microsoft.Network/";

        int mark = endpoint.requests.size();
        assertThat(network.getNetworkInterfaces().listByResourceGroup("rg-nicpages").stream()
                .map(n -> n.name()).toList()).containsExactlyInAnyOrder("nicn0", "nicn1", "nicn2");
        // Page size 2 here: two pages, the second asked for by the SDK through nextLink.
        assertThat(endpoint.count(mark, group + "networkInterfaces")).isEqualTo(2);
        assertThat(endpoint.requests.subList(mark, endpoint.requests.size())).anyMatch(r -> r.contains("skiptoken"));

        mark = endpoint.requests.size();
        assertThat(network.getPublicIpAddresses().listByResourceGroup("rg-nicpages").stream()
                .map(p -> p.name()).toList()).containsExactlyInAnyOrder("pipn0", "pipn1", "pipn2");
        assertThat(endpoint.count(mark, group + "publicIPAddresses")).isEqualTo(2);

        mark = endpoint.requests.size();
        assertThat(network.getVirtualNetworks().listByResourceGroup("rg-nicpages").stream().toList()).hasSize(3);
        assertThat(endpoint.count(mark, group + "virtualNetworks")).as("virtual networks are not paged").isEqualTo(1);
    }
}
