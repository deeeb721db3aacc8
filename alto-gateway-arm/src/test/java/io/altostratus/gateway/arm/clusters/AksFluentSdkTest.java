package io.altostratus.gateway.arm.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ContainerServiceVMSizeTypes;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The Azure SDK for Java's fluent interface ({@code aks.kubernetesClusters().define(...)}), which reads back the
 * credentials after a create and updates pools through the cluster's own PUT: define with a System pool, add a
 * User pool and resize the first in one update, delete.
 */
class AksFluentSdkTest {

    @Test
    void theFluentInterfaceDefinesUpdatesAndDeletesACluster() {
        try (AksEndpoint endpoint = new AksEndpoint(150, Clock.systemUTC())) {
            endpoint.group("rg-fluent");
            ContainerServiceManager aks = endpoint.aks();

            KubernetesCluster made = aks.kubernetesClusters().define("fluent").withRegion(AksEndpoint.LOCATION)
                    .withExistingResourceGroup("rg-fluent").withDefaultVersion()
                    .withSystemAssignedManagedServiceIdentity()
                    .defineAgentPool("sys").withVirtualMachineSize(ContainerServiceVMSizeTypes.fromString(
                            "Standard_D2s_v3")).withAgentPoolVirtualMachineCount(1)
                    .withAgentPoolMode(AgentPoolMode.SYSTEM).attach()
                    .withDnsPrefix("fluent").withTag("team", "alto").create();

            assertThat(made.provisioningState()).isEqualTo("Succeeded");
            assertThat(made.fqdn()).isNotBlank();
            assertThat(made.agentPools()).containsOnlyKeys("sys");
            assertThat(made.systemAssignedManagedServiceIdentityPrincipalId()).isNotBlank();
            assertThat(new String(made.userKubeConfigContent(), StandardCharsets.UTF_8))
                    .contains("server: \"https://" + made.fqdn());

            KubernetesCluster updated = made.update()
                    .updateAgentPool("sys").withAgentPoolVirtualMachineCount(2).parent()
                    .defineAgentPool("work").withVirtualMachineSize(ContainerServiceVMSizeTypes.fromString(
                            "Standard_D2s_v3")).withAgentPoolVirtualMachineCount(1)
                    .withAgentPoolMode(AgentPoolMode.USER).attach()
                    .apply();
            assertThat(updated.agentPools()).containsOnlyKeys("sys", "work");
            assertThat(updated.agentPools().get("sys").count()).isEqualTo(2);
            assertThat(updated.agentPools().get("work").mode()).isEqualTo(AgentPoolMode.USER);

            aks.kubernetesClusters().deleteById(made.id());
            assertThat(aks.kubernetesClusters().listByResourceGroup("rg-fluent").stream().count()).isZero();
        }
    }
}
