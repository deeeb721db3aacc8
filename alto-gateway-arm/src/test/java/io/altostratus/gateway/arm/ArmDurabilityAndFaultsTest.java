package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.decorate.FaultKind;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the front keeps survives a restart over the same store; backend faults come back as ARM's codes; deleting a
 * resource group deletes its VMs.
 */
class ArmDurabilityAndFaultsTest {

    @Test
    void groupsVmsAndOperationsSurviveARestartOverTheSameStore() {
        StateStore frontStore = StateStores.inMemory();
        StateStore backendStore = StateStores.inMemory();
        LocalProviderFactory backend = LocalProviderFactory.withStore(backendStore, Catalogs.shipped("azure"));
        VirtualMachineInner first;
        String operationUrl;
        try (ArmEndpoint one = new ArmEndpoint(ArmFront.builder(backend).stateStore(frontStore)
                .authMode(AuthMode.PERMISSIVE))) {
            one.resources().resourceGroups().define("rg-durable").withRegion(ArmEndpoint.LOCATION).create();
            String nic = SdkFixtures.networkFor(one.network(), "rg-durable", "1", false);
            first = one.compute().serviceClient().getVirtualMachines().createOrUpdate("rg-durable", "vm1",
                    SdkFixtures.vmRequest("vm1", nic, false));
            Http.Answer off = Http.call("POST", one.endpoint() + first.id() + "/deallocate?api-version=2025-04-01",
                    "", null);
            operationUrl = off.header("Azure-AsyncOperation").replace(one.endpoint(), "");
        }
        try (ArmEndpoint two = new ArmEndpoint(ArmFront.builder(backend).stateStore(frontStore)
                .authMode(AuthMode.PERMISSIVE))) {
            VirtualMachineInner again = two.compute().serviceClient().getVirtualMachines()
                    .getByResourceGroup("rg-durable", "vm1");
            assertThat(again.vmId()).isEqualTo(first.vmId());
            assertThat(two.resources().resourceGroups().contain("rg-durable")).isTrue();
            assertThat(Http.call("GET", two.endpoint() + operationUrl, null, null).json().path("name").asText())
                    .isEqualTo(operationUrl.substring(operationUrl.lastIndexOf('/') + 1, operationUrl.indexOf('?')));
            assertThat(two.network().serviceClient().getNetworkInterfaces().getByResourceGroup("rg-durable", "nic1")
                    .virtualMachine().id()).isEqualTo(first.id());
        }
    }

    /** A backend whose launches fail with the given error. */
    static ArmFront.Builder failingLaunches(AltoException error) {
        return ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure")))
                .authMode(AuthMode.PERMISSIVE).decorator(p -> new ForwardingComputeProvider(p) {
                    @Override
                    public List<io.altostratus.core.model.Instance> launch(LaunchSpec spec) {
                        throw error;
                    }
                });
    }

    static ManagementException createFailure(AltoException error, boolean zonal) {
        try (ArmEndpoint endpoint = new ArmEndpoint(failingLaunches(error))) {
            endpoint.resources().resourceGroups().define("rg-fault").withRegion(ArmEndpoint.LOCATION).create();
            String nic = SdkFixtures.networkFor(endpoint.network(), "rg-fault", "f", false);
            VirtualMachineInner request = SdkFixtures.vmRequest("vmf", nic, false);
            if (zonal) {
                request.withZones(List.of("2"));
            }
            AtomicReference<ManagementException> caught = new AtomicReference<>();
            assertThatThrownBy(() -> endpoint.compute().serviceClient().getVirtualMachines()
                    .createOrUpdate("rg-fault", "vmf", request))
                    .isInstanceOfSatisfying(ManagementException.class, caught::set);
            return caught.get();
        }
    }

    @Test
    void capacityErrorsAreAllocationFailuresZonalWhenAZoneWasAsked() {
        AltoException capacity = new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity",
                "no capacity");
        assertThat(createFailure(capacity, false).getValue().getCode()).isEqualTo("AllocationFailed");
        ManagementException zonal = createFailure(capacity, true);
        assertThat(zonal.getValue().getCode()).isEqualTo("ZonalAllocationFailed");
        assertThat(zonal.getResponse().getStatusCode()).isEqualTo(409);
        AltoException sku = new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "SkuNotAvailable", "sku gone");
        assertThat(createFailure(sku, false).getValue().getCode()).isEqualTo("SkuNotAvailable");
    }

    /** Compute refuses a VM over a cores quota with 409 OperationNotAllowed and the word quota in the message. */
    @Test
    void aQuotaFaultOnTheRegionIsOperationNotAllowedOverTheCoresQuota() {
        Faults faults = Faults.create(FaultPlan.parse("quota=" + ArmEndpoint.LOCATION), 1, Clock.systemUTC());
        ArmFront.Builder front = ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure")))
                .authMode(AuthMode.PERMISSIVE).decorator(faults.decorator());
        try (ArmEndpoint endpoint = new ArmEndpoint(front)) {
            endpoint.resources().resourceGroups().define("rg-quota").withRegion(ArmEndpoint.LOCATION).create();
            String nic = SdkFixtures.networkFor(endpoint.network(), "rg-quota", "q", false);
            AtomicReference<ManagementException> caught = new AtomicReference<>();
            assertThatThrownBy(() -> endpoint.compute().serviceClient().getVirtualMachines()
                    .createOrUpdate("rg-quota", "vmq", SdkFixtures.vmRequest("vmq", nic, false)))
                    .isInstanceOfSatisfying(ManagementException.class, caught::set);

            assertThat(caught.get().getResponse().getStatusCode()).isEqualTo(409);
            assertThat(caught.get().getValue().getCode()).isEqualTo("OperationNotAllowed");
            assertThat(caught.get().getValue().getMessage()).contains("cores quota", "Location: eastus");
            assertThat(faults.injected().get(FaultKind.QUOTA)).isEqualTo(1);
            assertThat(endpoint.compute().serviceClient().getVirtualMachines().listByResourceGroup("rg-quota"))
                    .as("a refused create leaves no VM").isEmpty();
        }
        AltoException quota = new AltoException(ErrorCode.QUOTA_EXCEEDED, "VcpuLimitExceeded", "too many vCPUs");
        assertThat(createFailure(quota, false).getValue().getCode()).as("any backend's quota, not only the fault's")
                .isEqualTo("OperationNotAllowed");
    }

    @Test
    void throttlingIsTooManyRequestsWithRetryAfter() {
        AltoException throttled = new AltoException(ErrorCode.THROTTLED, "RequestLimitExceeded", "slow down");
        try (ArmEndpoint endpoint = new ArmEndpoint(failingLaunches(throttled))) {
            endpoint.resources().resourceGroups().define("rg-throttle").withRegion(ArmEndpoint.LOCATION).create();
            String body = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_B2s\"},"
                    + "\"storageProfile\":{\"imageReference\":{\"publisher\":\"Canonical\",\"offer\":"
                    + "\"ubuntu-24_04-lts\",\"sku\":\"server\",\"version\":\"latest\"}}}}";
            Http.Answer a = Http.call("PUT", endpoint.endpoint() + "/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                    + "/resourceGroups/rg-throttle/providers/Microsoft.Compute/virtualMachines/vmt"
                    + "?api-version=2025-04-01", body, null);
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.header("Retry-After")).isEqualTo("1");
            assertThat(a.json().at("/error/code").asText()).isEqualTo("TooManyRequests");
        }
    }

    @Test
    void deletingAGroupDeletesItsVms() {
        LocalProviderFactory backend = LocalProviderFactory.withStore(StateStores.inMemory(),
                Catalogs.shipped("azure"));
        try (ArmEndpoint endpoint = new ArmEndpoint(ArmFront.builder(backend).authMode(AuthMode.PERMISSIVE))) {
            endpoint.resources().resourceGroups().define("rg-gone").withRegion(ArmEndpoint.LOCATION).create();
            String nic = SdkFixtures.networkFor(endpoint.network(), "rg-gone", "g", false);
            var network = endpoint.network().serviceClient();
            var nsg = network.getNetworkSecurityGroups().createOrUpdate("rg-gone", "nsgg",
                    new NetworkSecurityGroupInner().withLocation(ArmEndpoint.LOCATION));
            var nicBody = network.getNetworkInterfaces().getByResourceGroup("rg-gone", "nicg");
            network.getNetworkInterfaces().createOrUpdate("rg-gone", "nicg",
                    nicBody.withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsg.id())));
            endpoint.compute().serviceClient().getDisks().createOrUpdate("rg-gone", "datag", new DiskInner()
                    .withLocation(ArmEndpoint.LOCATION).withDiskSizeGB(4)
                    .withCreationData(new CreationData().withCreateOption(DiskCreateOption.EMPTY)));
            endpoint.compute().serviceClient().getVirtualMachines().createOrUpdate("rg-gone", "vmg",
                    SdkFixtures.vmRequest("vmg", nic, false));
            endpoint.resources().resourceGroups().deleteByName("rg-gone");
            assertThat(endpoint.resources().resourceGroups().contain("rg-gone")).isFalse();
            assertThat(endpoint.compute().serviceClient().getVirtualMachines().list().stream().toList()).isEmpty();
            // The backend instance is gone too (the SDK's poller waited for it), not just the front's record.
            try (ComputeProvider session = backend.open(new ProviderContext(ArmEndpoint.LOCATION,
                    ArmEndpoint.SUBSCRIPTION, null, null, null, null))) {
                assertThat(session.instances(InstanceQuery.all())).extracting(i -> i.state())
                        .containsOnly(InstanceState.TERMINATED);
                // ...and so are the network, security group and disk behind the group's resources.
                assertThat(session.extension(Networks.class).orElseThrow().networks())
                        .noneMatch(n -> n.name() != null && n.name().startsWith("arm-"));
                assertThat(session.extension(SecurityGroups.class).orElseThrow().securityGroups())
                        .noneMatch(g -> g.name().startsWith("arm-"));
                assertThat(session.extension(Volumes.class).orElseThrow().volumes())
                        .noneMatch(v -> v.sizeGiB() == 4);
            }
        }
    }
}
