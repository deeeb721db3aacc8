package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.resources.ResourceManager;
import io.altostratus.gateway.auth.AuthMode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Azure SDK for Java, in process, drives the endpoint through a VM's life: resource group, virtual
 * network, public IP, NIC, VM from Canonical's Ubuntu 24.04 image (waiting on the SDK's own poller), list with power
 * states in one request, deallocate, start, restart, delete, then the NIC and IP.
 */
class ArmJavaSdkTest {
    static ArmEndpoint endpoint;
    static ComputeManager compute;
    static NetworkManager network;
    static ResourceManager resources;

    @BeforeAll
    static void start() {
        endpoint = new ArmEndpoint(AuthMode.PERMISSIVE);
        compute = endpoint.compute();
        network = endpoint.network();
        resources = endpoint.resources();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    static String powerState(VirtualMachineInner vm) {
        return vm.instanceView().statuses().stream().map(InstanceViewStatus::code)
                .filter(c -> c.startsWith("PowerState/")).findFirst().orElse(null);
    }

    @Test
    void aVmLivesItsWholeLifeThroughTheSdk() {
        var group = resources.resourceGroups().define("rg-walk").withRegion(ArmEndpoint.LOCATION)
                .withTag("purpose", "walk").create();
        assertThat(group.regionName()).isEqualTo("eastus");
        assertThat(group.tags()).containsEntry("purpose", "walk");
        assertThat(resources.resourceGroups().contain("rg-walk")).isTrue();

        String nicId = SdkFixtures.networkFor(network, "rg-walk", "1", false);
        VirtualMachinesClient vms = compute.serviceClient().getVirtualMachines();
        VirtualMachineInner created = vms.createOrUpdate("rg-walk", "vm1", SdkFixtures.vmRequest("vm1", nicId, false));
        assertThat(created.name()).isEqualTo("vm1");
        assertThat(created.id()).isEqualTo("/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                + "/resourceGroups/rg-walk/providers/Microsoft.Compute/virtualMachines/vm1");
        assertThat(created.provisioningState()).isEqualTo("Succeeded");
        assertThat(created.vmId()).isNotBlank();
        assertThat(created.hardwareProfile().vmSize().toString()).isEqualTo("Standard_B2s");
        assertThat(created.tags()).containsEntry("team", "alto");
        assertThat(created.osProfile().customData()).as("ARM never returns customData").isNull();

        // The NIC shows the VM's private IP and the public IP resource its address once the VM runs.
        NetworkInterfaceInner nic = network.serviceClient().getNetworkInterfaces().getByResourceGroup("rg-walk", "nic1");
        assertThat(nic.virtualMachine().id()).isEqualTo(created.id());
        assertThat(nic.ipConfigurations().get(0).privateIpAddress()).isNotBlank();
        assertThat(nic.macAddress()).matches("([0-9A-F]{2}-){5}[0-9A-F]{2}");
        PublicIpAddressInner pip = network.serviceClient().getPublicIpAddresses().getByResourceGroup("rg-walk", "pip1");
        assertThat(pip.ipAddress()).isNotBlank();
        assertThat(pip.ipConfiguration().id()).isEqualTo(nic.ipConfigurations().get(0).id());

        // One request lists the group's VMs with their power states.
        int mark = endpoint.requests.size();
        List<VirtualMachineInner> listed = vms.listByResourceGroup("rg-walk", null, ExpandTypeForListVMs.INSTANCE_VIEW,
                Context.NONE).stream().toList();
        assertThat(endpoint.requests.size() - mark).isEqualTo(1);
        assertThat(listed).extracting(VirtualMachineInner::name).containsExactly("vm1");
        assertThat(powerState(listed.get(0))).isEqualTo("PowerState/running");

        assertThat(vms.listByLocation("eastus").stream().map(VirtualMachineInner::name).toList()).contains("vm1");
        assertThat(vms.listByLocation("westeurope").stream().toList()).isEmpty();
        assertThat(vms.listAvailableSizes("rg-walk", "vm1").stream().map(s -> s.name()).toList())
                .contains("Standard_B2s");

        vms.deallocate("rg-walk", "vm1");
        assertThat(powerState(vms.getByResourceGroupWithResponse("rg-walk", "vm1", InstanceViewTypes.INSTANCE_VIEW,
                Context.NONE).getValue())).isEqualTo("PowerState/deallocated");
        vms.start("rg-walk", "vm1");
        assertThat(vms.instanceView("rg-walk", "vm1").statuses()).extracting(InstanceViewStatus::code)
                .containsExactly("ProvisioningState/succeeded", "PowerState/running");
        vms.powerOff("rg-walk", "vm1");
        assertThat(powerState(vms.getByResourceGroupWithResponse("rg-walk", "vm1", InstanceViewTypes.INSTANCE_VIEW,
                Context.NONE).getValue())).isEqualTo("PowerState/stopped");
        vms.start("rg-walk", "vm1");
        vms.restart("rg-walk", "vm1");
        assertThat(powerState(vms.getByResourceGroupWithResponse("rg-walk", "vm1", InstanceViewTypes.INSTANCE_VIEW,
                Context.NONE).getValue())).isEqualTo("PowerState/running");

        vms.delete("rg-walk", "vm1");
        assertThat(vms.listByResourceGroup("rg-walk").stream().toList()).isEmpty();
        // Deleted alone, a VM leaves its NIC and public IP behind, as on Azure; then they go on their own.
        assertThat(network.serviceClient().getNetworkInterfaces().getByResourceGroup("rg-walk", "nic1")
                .virtualMachine()).isNull();
        network.serviceClient().getNetworkInterfaces().delete("rg-walk", "nic1");
        network.serviceClient().getPublicIpAddresses().delete("rg-walk", "pip1");
        assertThat(network.serviceClient().getNetworkInterfaces().listByResourceGroup("rg-walk").stream().toList())
                .isEmpty();
        assertThat(network.serviceClient().getPublicIpAddresses().listByResourceGroup("rg-walk").stream().toList())
                .isEmpty();
        resources.resourceGroups().deleteByName("rg-walk");
        assertThat(resources.resourceGroups().contain("rg-walk")).isFalse();
    }

    @Test
    void deleteOptionDeleteTakesTheNicAndPublicIpWithTheVm() {
        resources.resourceGroups().define("rg-opts").withRegion(ArmEndpoint.LOCATION).create();
        String nicId = SdkFixtures.networkFor(network, "rg-opts", "2", true);
        VirtualMachinesClient vms = compute.serviceClient().getVirtualMachines();
        vms.createOrUpdate("rg-opts", "vm2", SdkFixtures.vmRequest("vm2", nicId, true));
        vms.delete("rg-opts", "vm2");
        assertThat(network.serviceClient().getNetworkInterfaces().listByResourceGroup("rg-opts").stream().toList())
                .isEmpty();
        assertThat(network.serviceClient().getPublicIpAddresses().listByResourceGroup("rg-opts").stream().toList())
                .isEmpty();
        assertThat(network.serviceClient().getVirtualNetworks().listByResourceGroup("rg-opts").stream()
                .map(VirtualNetworkInner::name).collect(Collectors.toList())).containsExactly("vnet2");
    }
}
