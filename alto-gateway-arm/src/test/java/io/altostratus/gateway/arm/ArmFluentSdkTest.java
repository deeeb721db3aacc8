package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import io.altostratus.gateway.auth.AuthMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fluent API users write ({@code virtualMachines().define(...)...create()}) against the endpoint. */
class ArmFluentSdkTest {
    static ArmEndpoint endpoint;
    static ComputeManager compute;

    @BeforeAll
    static void start() {
        endpoint = new ArmEndpoint(AuthMode.PERMISSIVE);
        compute = endpoint.compute();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void theFluentDefinitionMakesARunningVmWithItsNetwork() {
        VirtualMachine vm = compute.virtualMachines().define("fluentvm")
                .withRegion(ArmEndpoint.LOCATION)
                .withNewResourceGroup("rg-fluent")
                .withNewPrimaryNetwork("10.0.0.0/28")
                .withPrimaryPrivateIPAddressDynamic()
                .withNewPrimaryPublicIPAddress("fluentvm-ip")
                .withLatestLinuxImage("Canonical", "ubuntu-24_04-lts", "server")
                .withRootUsername("azureuser")
                .withSsh(SdkFixtures.KEY)
                .withSize(VirtualMachineSizeTypes.fromString("Standard_B2s"))
                .create();
        assertThat(vm.name()).isEqualTo("fluentvm");
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.getPrimaryNetworkInterface().primaryPrivateIP()).isNotBlank();
        assertThat(vm.getPrimaryPublicIPAddress().ipAddress()).isNotBlank();

        vm.deallocate();
        assertThat(compute.virtualMachines().getByResourceGroup("rg-fluent", "fluentvm").powerState())
                .isEqualTo(PowerState.DEALLOCATED);
        vm.start();
        vm.refresh();
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        compute.virtualMachines().deleteById(vm.id());
        assertThat(compute.virtualMachines().listByResourceGroup("rg-fluent").stream().toList()).isEmpty();
    }
}
