package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.resources.ResourceManager;
import io.altostratus.gateway.auth.AuthMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARM's error documents: 404, 409 and api-version 400s as the SDK reads them (ManagementException with ARM's code),
 * and bearer tokens in strict mode.
 */
class ArmErrorsAndAuthTest {
    static ArmEndpoint endpoint;
    static ComputeManager compute;
    static ResourceManager resources;
    static String base;

    @BeforeAll
    static void start() {
        endpoint = new ArmEndpoint(AuthMode.PERMISSIVE);
        compute = endpoint.compute();
        resources = endpoint.resources();
        base = endpoint.endpoint() + "/subscriptions/" + ArmEndpoint.SUBSCRIPTION;
        resources.resourceGroups().define("rg-errors").withRegion(ArmEndpoint.LOCATION).create();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void aMissingVmIsResourceNotFoundAndAMissingGroupResourceGroupNotFound() {
        assertThatThrownBy(() -> compute.serviceClient().getVirtualMachines().getByResourceGroup("rg-errors", "nope"))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> {
                    ManagementException m = (ManagementException) e;
                    assertThat(m.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(m.getValue().getCode()).isEqualTo("ResourceNotFound");
                    assertThat(m.getValue().getMessage()).contains("Microsoft.Compute/virtualMachines/nope")
                            .contains("rg-errors");
                });
        assertThatThrownBy(() -> compute.serviceClient().getVirtualMachines().getByResourceGroup("no-group", "vm"))
                .isInstanceOfSatisfying(ManagementException.class, m ->
                        assertThat(m.getValue().getCode()).isEqualTo("ResourceGroupNotFound"));
    }

    @Test
    void resizingARunningVmIsOperationNotAllowed() {
        String nic = SdkFixtures.networkFor(endpoint.network(), "rg-errors", "e1", false);
        var vms = compute.serviceClient().getVirtualMachines();
        VirtualMachineInner request = SdkFixtures.vmRequest("vme1", nic, false);
        vms.createOrUpdate("rg-errors", "vme1", request);
        request.withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString("Standard_D4s_v5")));
        assertThatThrownBy(() -> vms.createOrUpdate("rg-errors", "vme1", request))
                .isInstanceOfSatisfying(ManagementException.class, m -> {
                    assertThat(m.getResponse().getStatusCode()).isEqualTo(409);
                    assertThat(m.getValue().getCode()).isEqualTo("OperationNotAllowed");
                });
        // An unchanged size with new tags is an update (PUT is idempotent).
        request.withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString("Standard_B2s")));
        request.withTags(java.util.Map.of("stage", "two"));
        assertThat(vms.createOrUpdate("rg-errors", "vme1", request).tags()).containsExactlyEntriesOf(
                java.util.Map.of("stage", "two"));
        // A NIC in use cannot be deleted, nor given to a second VM.
        assertThat(Http.call("DELETE", nic.replace("/subscriptions", endpoint.endpoint() + "/subscriptions")
                + "?api-version=2025-03-01", null, null).json().at("/error/code").asText()).isEqualTo("NicInUse");
        assertThatThrownBy(() -> vms.createOrUpdate("rg-errors", "vme2", SdkFixtures.vmRequest("vme2", nic, false)))
                .isInstanceOfSatisfying(ManagementException.class, m ->
                        assertThat(m.getValue().getCode()).isEqualTo("NicInUse"));
        vms.delete("rg-errors", "vme1");
    }

    @Test
    void aVmOnAMissingNicIsInvalidResourceReference() {
        String missing = "/subscriptions/" + ArmEndpoint.SUBSCRIPTION + "/resourceGroups/rg-errors/providers/"
                + "Microsoft.Network/networkInterfaces/ghost";
        assertThatThrownBy(() -> compute.serviceClient().getVirtualMachines().createOrUpdate("rg-errors", "vmghost",
                SdkFixtures.vmRequest("vmghost", missing, false)))
                .isInstanceOfSatisfying(ManagementException.class, m -> {
                    assertThat(m.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(m.getValue().getCode()).isEqualTo("InvalidResourceReference");
                });
    }

    @Test
    void apiVersionIsRequiredAndChecked() {
        Http.Answer missing = Http.call("GET", base + "/resourcegroups", null, null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");

        Http.Answer unknown = Http.call("GET", base + "/resourceGroups/rg-errors/providers/Microsoft.Compute/"
                + "virtualMachines?api-version=2099-01-01", null, null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("InvalidApiVersionParameter");
        assertThat(unknown.json().at("/error/message").asText()).contains("2025-04-01").contains("2020-12-01");

        // The versions the SDK and the recordings use are accepted, on either spelling of resourceGroups.
        for (String version : new String[] {"2025-04-01", "2024-07-01", "2020-12-01"}) {
            assertThat(Http.call("GET", base + "/resourcegroups/rg-errors/providers/Microsoft.Compute/"
                    + "virtualMachines?api-version=" + version, null, null).status()).isEqualTo(200);
        }
        // The SDK reads both as ManagementException with ARM's code.
        ComputeManager noVersion = ComputeManager.authenticate(endpoint.pipeline(null,
                url -> url.replaceAll("[?&]api-version=[^&]*", "")), endpoint.profile());
        assertThatThrownBy(() -> noVersion.serviceClient().getVirtualMachines().listByResourceGroup("rg-errors")
                .stream().toList()).isInstanceOfSatisfying(ManagementException.class, m ->
                assertThat(m.getValue().getCode()).isEqualTo("MissingApiVersionParameter"));
        ComputeManager future = ComputeManager.authenticate(endpoint.pipeline(null,
                url -> url.replaceAll("api-version=[^&]*", "api-version=2099-01-01")), endpoint.profile());
        assertThatThrownBy(() -> future.serviceClient().getVirtualMachines().listByResourceGroup("rg-errors")
                .stream().toList()).isInstanceOfSatisfying(ManagementException.class, m -> {
                    assertThat(m.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(m.getValue().getCode()).isEqualTo("InvalidApiVersionParameter");
                });
    }

    @Test
    void strictModeWantsATokenOfTheSubscription() {
        try (ArmEndpoint strict = new ArmEndpoint(AuthMode.STRICT)) {
            String token = strict.front.tokens().create(ArmEndpoint.SUBSCRIPTION);
            String other = strict.front.tokens().create("11111111-1111-1111-1111-111111111111");
            String url = strict.endpoint() + "/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                    + "/resourcegroups?api-version=2025-04-01";

            Http.Answer none = Http.call("GET", url, null, null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().at("/error/code").asText()).isEqualTo("AuthenticationFailed");
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            Http.Answer bad = Http.call("GET", url, null, "not-a-token");
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
            Http.Answer wrong = Http.call("GET", url, null, other);
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.json().at("/error/code").asText()).isEqualTo("AuthorizationFailed");
            assertThat(Http.call("GET", url, null, token).status()).isEqualTo(200);

            // The SDK with the token in its pipeline works; without it, it gets ARM's 401.
            var withToken = ResourceManager.authenticate(strict.pipeline(token), strict.profile())
                    .withSubscription(ArmEndpoint.SUBSCRIPTION);
            withToken.resourceGroups().define("rg-strict").withRegion(ArmEndpoint.LOCATION).create();
            assertThat(withToken.resourceGroups().getByName("rg-strict").name()).isEqualTo("rg-strict");
            assertThatThrownBy(() -> strict.resources().resourceGroups().getByName("rg-strict"))
                    .isInstanceOfSatisfying(ManagementException.class, m ->
                            assertThat(m.getResponse().getStatusCode()).isEqualTo(401));
            // GET /subscriptions lists the token's own subscription.
            Http.Answer subs = Http.call("GET", strict.endpoint() + "/subscriptions?api-version=2022-12-01", null,
                    token);
            assertThat(subs.json().at("/value/0/subscriptionId").asText()).isEqualTo(ArmEndpoint.SUBSCRIPTION);
        }
    }
}
