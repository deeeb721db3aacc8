package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** NSGs reach the backend as security groups when a VM uses them, and follow their rules' changes. */
class ArmSecurityGroupsTest {

    static SecurityRuleInner inbound(String name, int priority, String port) {
        return new SecurityRuleInner().withName(name).withProtocol(SecurityRuleProtocol.TCP)
                .withSourcePortRange("*").withDestinationPortRange(port).withSourceAddressPrefix("Internet")
                .withDestinationAddressPrefix("*").withAccess(SecurityRuleAccess.ALLOW).withPriority(priority)
                .withDirection(SecurityRuleDirection.INBOUND);
    }

    @Test
    void aVmsNsgBecomesItsBackendSecurityGroup() {
        LocalProviderFactory backend = LocalProviderFactory.withStore(StateStores.inMemory(),
                Catalogs.shipped("azure"));
        try (ArmEndpoint endpoint = new ArmEndpoint(ArmFront.builder(backend).authMode(AuthMode.PERMISSIVE));
             ComputeProvider session = backend.open(new ProviderContext(ArmEndpoint.LOCATION,
                     ArmEndpoint.SUBSCRIPTION, null, null, null, null))) {
            endpoint.resources().resourceGroups().define("rg-nsg").withRegion(ArmEndpoint.LOCATION).create();
            var network = endpoint.network().serviceClient();
            NetworkSecurityGroupInner nsg = network.getNetworkSecurityGroups().createOrUpdate("rg-nsg", "web",
                    new NetworkSecurityGroupInner().withLocation(ArmEndpoint.LOCATION)
                            .withSecurityRules(List.of(inbound("ssh", 100, "22"))));
            String nicId = SdkFixtures.networkFor(endpoint.network(), "rg-nsg", "n", false);
            NetworkInterfaceInner nic = network.getNetworkInterfaces().getByResourceGroup("rg-nsg", "nicn");
            nic.withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsg.id()));
            network.getNetworkInterfaces().createOrUpdate("rg-nsg", "nicn", nic);
            endpoint.compute().serviceClient().getVirtualMachines().createOrUpdate("rg-nsg", "vmn",
                    SdkFixtures.vmRequest("vmn", nicId, false));

            Instance instance = session.instances(InstanceQuery.all()).stream()
                    .filter(i -> i.state() != InstanceState.TERMINATED).findFirst().orElseThrow();
            assertThat(instance.securityGroups()).hasSize(1);
            String groupId = instance.securityGroups().get(0).id();
            SecurityGroups groups = session.extension(SecurityGroups.class).orElseThrow();
            assertThat(ingress(groups, groupId)).extracting(SecurityRule::protocol, SecurityRule::fromPort,
                    SecurityRule::cidrs).containsExactly(org.assertj.core.groups.Tuple.tuple("tcp", 22,
                    List.of("0.0.0.0/0")));

            network.getSecurityRules().createOrUpdate("rg-nsg", "web", "https", inbound("https", 110, "443"));
            assertThat(ingress(groups, groupId)).extracting(SecurityRule::fromPort).containsExactlyInAnyOrder(22, 443);
            network.getSecurityRules().delete("rg-nsg", "web", "ssh");
            assertThat(ingress(groups, groupId)).extracting(SecurityRule::fromPort).containsExactly(443);

            assertThatThrownBy(() -> network.getNetworkSecurityGroups().delete("rg-nsg", "web"))
                    .isInstanceOfSatisfying(ManagementException.class, m ->
                            assertThat(m.getValue().getCode()).isEqualTo("InUseNetworkSecurityGroupCannotBeDeleted"));
        }
    }

    static List<SecurityRule> ingress(SecurityGroups groups, String id) {
        return groups.securityGroups().stream().filter(g -> g.id().equals(id)).findFirst()
                .map(SecurityGroup::ingress).orElseThrow();
    }

    /**
     * Security groups whose creation holds each caller until a second one arrives (or a moment has passed): if two
     * launches could make the same NSG's backend group at once, they would meet here and the second would fail.
     */
    static ForwardingComputeProvider meetingPoint(ComputeProvider provider, CyclicBarrier barrier) {
        return new ForwardingComputeProvider(provider) {
            @Override
            protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
                if (type != SecurityGroups.class) {
                    return Optional.of(extension);
                }
                SecurityGroups groups = (SecurityGroups) extension;
                return Optional.of(type.cast(new SecurityGroups() {
                    @Override
                    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
                        try {
                            barrier.await(300, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException | BrokenBarrierException e) {
                            barrier.reset();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return groups.createSecurityGroup(spec);
                    }

                    @Override
                    public List<SecurityGroup> securityGroups() {
                        return groups.securityGroups();
                    }

                    @Override
                    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
                        return groups.authorize(groupId, ingress, rules);
                    }

                    @Override
                    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
                        return groups.revoke(groupId, ingress, rules);
                    }

                    @Override
                    public void deleteSecurityGroup(String groupId) {
                        groups.deleteSecurityGroup(groupId);
                    }
                }));
            }
        };
    }

    @Test
    void vmsLaunchedSideBySideShareOneBackendGroupPerNsg() throws Exception {
        LocalProviderFactory backend = LocalProviderFactory.withStore(StateStores.inMemory(),
                Catalogs.shipped("azure"));
        CyclicBarrier barrier = new CyclicBarrier(2);
        try (ArmEndpoint endpoint = new ArmEndpoint(ArmFront.builder(backend).authMode(AuthMode.PERMISSIVE)
                .decorator(p -> meetingPoint(p, barrier)));
             ComputeProvider session = backend.open(new ProviderContext(ArmEndpoint.LOCATION,
                     ArmEndpoint.SUBSCRIPTION, null, null, null, null))) {
            endpoint.resources().resourceGroups().define("rg-par").withRegion(ArmEndpoint.LOCATION).create();
            var network = endpoint.network().serviceClient();
            NetworkSecurityGroupInner nsg = network.getNetworkSecurityGroups().createOrUpdate("rg-par", "shared",
                    new NetworkSecurityGroupInner().withLocation(ArmEndpoint.LOCATION)
                            .withSecurityRules(List.of(inbound("ssh", 100, "22"))));
            // One virtual network (one backend network) and four NICs on it, each with the NSG.
            String first = SdkFixtures.networkFor(endpoint.network(), "rg-par", "s0", false);
            String subnetId = network.getNetworkInterfaces().getByResourceGroup("rg-par", "nics0")
                    .ipConfigurations().get(0).subnet().id();
            List<String> nics = new ArrayList<>(List.of(first));
            for (int i = 1; i < 4; i++) {
                nics.add(network.getNetworkInterfaces().createOrUpdate("rg-par", "nics" + i,
                        new NetworkInterfaceInner().withLocation(ArmEndpoint.LOCATION).withIpConfigurations(List.of(
                                new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                                        .withSubnet(new SubnetInner().withId(subnetId))))).id());
            }
            for (int i = 0; i < 4; i++) {
                NetworkInterfaceInner nic = network.getNetworkInterfaces().getByResourceGroup("rg-par", "nics" + i);
                nic.withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsg.id()));
                network.getNetworkInterfaces().createOrUpdate("rg-par", "nics" + i, nic);
            }
            var vms = endpoint.compute().serviceClient().getVirtualMachines();
            // Own threads: the SDK's blocking calls must not sit on the common pool, which it uses itself.
            ExecutorService pool = Executors.newFixedThreadPool(nics.size());
            try {
                List<Future<?>> launches = new ArrayList<>();
                for (int i = 0; i < nics.size(); i++) {
                    int n = i;
                    launches.add(pool.submit(() -> vms.createOrUpdate("rg-par", "vms" + n,
                            SdkFixtures.vmRequest("vms" + n, nics.get(n), false))));
                }
                for (Future<?> launch : launches) {
                    launch.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Instance> running = session.instances(InstanceQuery.all()).stream()
                    .filter(i -> i.state() != InstanceState.TERMINATED).toList();
            assertThat(running).hasSize(4);
            assertThat(running).flatExtracting(i -> i.securityGroups()).extracting(g -> g.id()).containsOnly(
                    running.get(0).securityGroups().get(0).id());
        }
    }
}
