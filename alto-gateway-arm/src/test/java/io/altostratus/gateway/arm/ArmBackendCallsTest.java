package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the endpoint asks of the backend: a VM list with power states is one backend listing per region however many
 * VMs it shows (the headline: never one call per VM); PATCH updates tags only, a caller's Name tag
 * included.
 */
class ArmBackendCallsTest {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ArmFront.Builder counting() {
        return ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure")))
                .authMode(AuthMode.PERMISSIVE).decorator(p -> new ForwardingComputeProvider(p) {
                    @Override
                    protected <R> R call(String operation, Supplier<R> call) {
                        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
                        return super.call(operation, call);
                    }
                });
    }

    int count(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    @Test
    void aListWithPowerStatesIsOneBackendListing() {
        try (ArmEndpoint endpoint = new ArmEndpoint(counting())) {
            endpoint.resources().resourceGroups().define("rg-calls").withRegion(ArmEndpoint.LOCATION).create();
            var vms = endpoint.compute().serviceClient().getVirtualMachines();
            for (int i = 0; i < 4; i++) {
                String nic = SdkFixtures.networkFor(endpoint.network(), "rg-calls", "c" + i, false);
                VirtualMachineInner request = SdkFixtures.vmRequest("vmc" + i, nic, false);
                if (i % 2 == 0) {
                    request.withZones(List.of("1"));
                }
                vms.createOrUpdate("rg-calls", "vmc" + i, request);
            }
            calls.clear();
            List<VirtualMachineInner> listed = vms.listByResourceGroup("rg-calls", null,
                    ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE).stream().toList();
            assertThat(listed).hasSize(4).allSatisfy(vm ->
                    assertThat(ArmJavaSdkTest.powerState(vm)).isEqualTo("PowerState/running"));
            assertThat(count("instances")).isEqualTo(1);
            assertThat(count("instance")).isZero();
            assertThat(calls.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(1);
        }
    }

    @Test
    void nicAndPublicIpListsShowTheVmsAddressesFromOneBackendListing() {
        try (ArmEndpoint endpoint = new ArmEndpoint(counting())) {
            endpoint.resources().resourceGroups().define("rg-nics").withRegion(ArmEndpoint.LOCATION).create();
            var vms = endpoint.compute().serviceClient().getVirtualMachines();
            for (int i = 0; i < 4; i++) {
                String nic = SdkFixtures.networkFor(endpoint.network(), "rg-nics", "n" + i, false);
                vms.createOrUpdate("rg-nics", "vmn" + i, SdkFixtures.vmRequest("vmn" + i, nic, false));
            }
            var network = endpoint.network().serviceClient();
            calls.clear();
            var nics = network.getNetworkInterfaces().listByResourceGroup("rg-nics").stream().toList();
            assertThat(nics).hasSize(4).allSatisfy(nic ->
                    assertThat(nic.ipConfigurations().get(0).privateIpAddress()).isNotBlank());
            assertThat(count("instances")).as("one backend listing for the NICs").isEqualTo(1);
            assertThat(count("instance")).as("no call per NIC").isZero();
            calls.clear();
            var ips = network.getPublicIpAddresses().listByResourceGroup("rg-nics").stream().toList();
            assertThat(ips).hasSize(4).allSatisfy(ip -> assertThat(ip.ipAddress()).matches("[0-9.]+"));
            assertThat(count("instances")).as("one backend listing for the public IPs").isEqualTo(1);
            assertThat(count("instance")).as("no call per IP").isZero();
        }
    }

    @Test
    void patchChangesTagsAndKeepsTheRest() {
        try (ArmEndpoint endpoint = new ArmEndpoint(counting())) {
            endpoint.resources().resourceGroups().define("rg-patch").withRegion(ArmEndpoint.LOCATION).create();
            String nic = SdkFixtures.networkFor(endpoint.network(), "rg-patch", "p", false);
            var vms = endpoint.compute().serviceClient().getVirtualMachines();
            vms.createOrUpdate("rg-patch", "vmp", SdkFixtures.vmRequest("vmp", nic, false));
            String url = endpoint.endpoint() + "/subscriptions/" + ArmEndpoint.SUBSCRIPTION + "/resourceGroups/rg-patch"
                    + "/providers/Microsoft.Compute/virtualMachines/vmp?api-version=2025-04-01";
            Http.Answer patched = Http.call("PATCH", url, "{\"tags\":{\"env\":\"prod\"}}", null);
            assertThat(patched.status()).isEqualTo(200);
            assertThat(vms.getByResourceGroup("rg-patch", "vmp").tags()).containsExactlyEntriesOf(
                    Map.of("env", "prod"));
            Http.Answer untouched = Http.call("PATCH", url, "{\"properties\":{}}", null);
            assertThat(untouched.json().path("tags").path("env").asText()).isEqualTo("prod");
            assertThat(Http.call("PATCH", url.replace("/vmp?", "/nosuch?"), "{}", null).status()).isEqualTo(404);
            // A Name tag of the caller's reads back as sent (the front's own Name for the backend stays hidden).
            assertThat(Http.call("PATCH", url, "{\"tags\":{\"Name\":\"web\"}}", null).json().path("tags"))
                    .hasToString("{\"Name\":\"web\"}");
            assertThat(vms.getByResourceGroup("rg-patch", "vmp").tags()).containsExactlyEntriesOf(
                    Map.of("Name", "web"));
            assertThat(Http.call("PATCH", url, "{\"tags\":{}}", null).json().path("tags")).isEmpty();

            NetworkInterfaceInner tagged = endpoint.network().serviceClient().getNetworkInterfaces()
                    .updateTags("rg-patch", "nicp", new com.azure.resourcemanager.network.models.TagsObject()
                            .withTags(Map.of("owner", "alto")));
            assertThat(tagged.tags()).containsEntry("owner", "alto");
            assertThat(tagged.ipConfigurations()).hasSize(1);
        }
    }
}
