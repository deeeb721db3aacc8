package io.altostratus.gateway.arm.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Azure SDK for Java's container service client (2.56.1, api-version 2025-09-01) drives the AKS part of
 * the ARM front over the local cloud: create a cluster with a System pool, wait (the SDK's own poller on the
 * Azure-AsyncOperation link), read it, add a pool, scale it, upgrade the control plane and the pool, read the
 * credentials, delete the pool, delete the cluster; and the errors AKS gives.
 */
class AksSdkTest {
    static AksEndpoint endpoint;
    static ContainerServiceManager aks;
    static ManagedClustersClient clusters;
    static AgentPoolsClient pools;

    @BeforeAll
    static void start() {
        endpoint = new AksEndpoint(150, Clock.systemUTC());
        aks = endpoint.aks();
        clusters = aks.serviceClient().getManagedClusters();
        pools = aks.serviceClient().getAgentPools();
        endpoint.group("rg-aks");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    static ManagedClusterInner request(String version, ManagedClusterAgentPoolProfile... profiles) {
        return new ManagedClusterInner().withLocation(AksEndpoint.LOCATION).withTags(Map.of("team", "alto"))
                .withKubernetesVersion(version).withDnsPrefix("walk")
                .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
                .withAgentPoolProfiles(List.of(profiles));
    }

    static ManagedClusterAgentPoolProfile systemPool(String name, int count) {
        return new ManagedClusterAgentPoolProfile().withName(name).withCount(count).withVmSize("Standard_D2s_v3")
                .withMode(AgentPoolMode.SYSTEM);
    }

    @Test
    void aClusterIsMadeGrownScaledUpgradedAndDeletedThroughTheSdk() {
        var versions = clusters.listKubernetesVersions(AksEndpoint.LOCATION).values();
        assertThat(versions).as("versions on offer").hasSizeGreaterThan(1);
        assertThat(versions).filteredOn(v -> Boolean.TRUE.equals(v.isDefault())).hasSize(1);
        String from = versions.get(0).version();
        String to = versions.get(1).version();

        ManagedClusterInner made = clusters.createOrUpdate("rg-aks", "walk", request(from, systemPool("sys", 1)));
        assertThat(made.provisioningState()).isEqualTo("Succeeded");
        assertThat(made.kubernetesVersion()).isEqualTo(from);
        assertThat(made.currentKubernetesVersion()).startsWith(from + ".");
        assertThat(made.fqdn()).isNotBlank();
        assertThat(made.dnsPrefix()).isEqualTo("walk");
        assertThat(made.agentPoolProfiles()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("sys");
            assertThat(p.mode()).isEqualTo(AgentPoolMode.SYSTEM);
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.vmSize()).isEqualTo("Standard_D2s_v3");
            assertThat(p.provisioningState()).isEqualTo("Succeeded");
        });
        assertThat(made.identity().principalId()).isNotBlank();

        ManagedClusterInner got = clusters.getByResourceGroup("rg-aks", "walk");
        assertThat(got.id()).endsWith("/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/walk");
        assertThat(got.tags()).containsEntry("team", "alto");
        assertThat(clusters.listByResourceGroup("rg-aks").stream().map(ManagedClusterInner::name)).contains("walk");
        assertThat(clusters.list().stream().map(ManagedClusterInner::name)).contains("walk");

        AgentPoolInner work = pools.createOrUpdate("rg-aks", "walk", "work", new AgentPoolInner().withCount(2)
                .withVmSize("Standard_D2s_v3").withMode(AgentPoolMode.USER).withNodeLabels(Map.of("role", "worker"))
                .withNodeTaints(List.of("dedicated=ci:NoSchedule")));
        assertThat(work.provisioningState()).isEqualTo("Succeeded");
        assertThat(work.count()).isEqualTo(2);
        assertThat(work.nodeLabels()).containsEntry("role", "worker");
        assertThat(work.nodeTaints()).containsExactly("dedicated=ci:NoSchedule");
        assertThat(pools.list("rg-aks", "walk").stream().map(AgentPoolInner::name)).containsExactlyInAnyOrder("sys",
                "work");

        AgentPoolInner scaled = pools.createOrUpdate("rg-aks", "walk", "work", pools.get("rg-aks", "walk", "work")
                .withEnableAutoScaling(true).withMinCount(1).withMaxCount(4).withCount(3));
        assertThat(scaled.count()).isEqualTo(3);
        assertThat(scaled.enableAutoScaling()).isTrue();
        assertThat(List.of(scaled.minCount(), scaled.maxCount())).containsExactly(1, 4);

        ManagedClusterInner upgraded = clusters.createOrUpdate("rg-aks", "walk",
                clusters.getByResourceGroup("rg-aks", "walk").withKubernetesVersion(to));
        assertThat(upgraded.provisioningState()).isEqualTo("Succeeded");
        assertThat(upgraded.currentKubernetesVersion()).startsWith(to + ".");
        assertThat(upgraded.agentPoolProfiles()).allSatisfy(p ->
                assertThat(p.orchestratorVersion()).as("pools stay until upgraded").startsWith(from + "."));

        AgentPoolInner poolUp = pools.createOrUpdate("rg-aks", "walk", "work", pools.get("rg-aks", "walk", "work")
                .withOrchestratorVersion(to));
        assertThat(poolUp.currentOrchestratorVersion()).startsWith(to + ".");

        var user = clusters.listClusterUserCredentials("rg-aks", "walk").kubeconfigs();
        assertThat(user).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("clusterUser");
            String yaml = new String(k.value(), StandardCharsets.UTF_8);
            assertThat(yaml).contains("kind: Config", "current-context: \"walk\"", "server: \"https://" + got.fqdn());
        });
        assertThat(clusters.listClusterAdminCredentials("rg-aks", "walk").kubeconfigs()).singleElement()
                .satisfies(k -> assertThat(k.name()).isEqualTo("clusterAdmin"));

        pools.delete("rg-aks", "walk", "work");
        assertThat(pools.list("rg-aks", "walk").stream().map(AgentPoolInner::name)).containsExactly("sys");

        clusters.delete("rg-aks", "walk");
        assertThatThrownBy(() -> clusters.getByResourceGroup("rg-aks", "walk"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
                });
    }

    @Test
    void errorsAreAksCodes() {
        assertThatThrownBy(() -> clusters.getByResourceGroup("rg-aks", "nope"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.getValue().getMessage()).contains("Microsoft.ContainerService/managedClusters/nope");
                });
        assertThatThrownBy(() -> clusters.getByResourceGroup("no-such-group", "c"))
                .isInstanceOfSatisfying(ManagementException.class, e ->
                        assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound"));
        assertThatThrownBy(() -> clusters.createOrUpdate("rg-aks", "badpool", request(null,
                systemPool("Bad_Pool", 1))))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidParameter");
                    assertThat(e.getValue().getMessage()).contains("Bad_Pool", "12");
                });
        assertThatThrownBy(() -> clusters.createOrUpdate("rg-aks", "badver", request("1.2",
                systemPool("sys", 1))))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getMessage()).contains("1.2");
                });

        clusters.createOrUpdate("rg-aks", "errs", request(null, systemPool("sys", 1)));
        assertThatThrownBy(() -> pools.get("rg-aks", "errs", "ghost"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("NotFound");
                });
        pools.createOrUpdate("rg-aks", "errs", "usr", new AgentPoolInner().withCount(1).withMode(AgentPoolMode.USER));
        assertThatThrownBy(() -> pools.delete("rg-aks", "errs", "sys"))
                .as("the last System pool stays while a User pool remains")
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
                    assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
                });
        assertThatThrownBy(() -> pools.createOrUpdate("rg-aks", "errs", "sys", pools.get("rg-aks", "errs", "sys")
                .withVmSize("Standard_D4s_v3")))
                .isInstanceOfSatisfying(ManagementException.class, e ->
                        assertThat(e.getValue().getCode()).isEqualTo("PropertyChangeNotAllowed"));
        clusters.delete("rg-aks", "errs");
    }
}
