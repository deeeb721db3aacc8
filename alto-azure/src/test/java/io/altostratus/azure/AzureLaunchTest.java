package io.altostratus.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launches against recorded ARM answers: the VM PUT's 201 Creating, its operation InProgress then Succeeded, and the
 * failures that must map to portable codes and leave nothing behind.
 */
class AzureLaunchTest {
    private static final String GROUP = "javacsmrg52801";
    private static final String G = "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + GROUP;
    private static final String VM = G + "/providers/Microsoft.Compute/virtualMachines/javavm";
    private static final String COMPUTE_OP = "/subscriptions/" + RecordedArm.SUB
            + "/providers/Microsoft.Compute/locations/eastus/operations/eee568d6-7a5d-42b6-84bb-53688c8b3dd8";

    private final RecordedArm arm = new RecordedArm();

    @AfterEach
    void close() {
        arm.close();
    }

    /** Sizes, the group, the default network and NSG, the IP and NIC PUTs and their operations, and the deletes. */
    @BeforeEach
    void stubWhatEveryLaunchNeeds() {
        arm.stub(get(urlPathEqualTo("/subscriptions/" + RecordedArm.SUB
                + "/providers/Microsoft.Compute/locations/eastus/vmSizes")).willReturn(arm.recorded("vmSizes_list_eastus.json.gz")));
        arm.stub(head(urlPathMatching("/subscriptions/" + RecordedArm.SUB + "/resource[gG]roups/" + GROUP))
                .willReturn(RecordedArm.json(204, "")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/virtualNetworks/alto-vnet"))
                .willReturn(RecordedArm.json(200, arm.body("vnet_put_201.json"))));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/networkSecurityGroups/alto-default-nsg"))
                .willReturn(RecordedArm.json(200, arm.body("nsg_get.json"))));
        // The IP and NIC PUTs answer 201 with an operation that has succeeded; the SDK then reads the resource.
        String networkOp = "/subscriptions/" + RecordedArm.SUB
                + "/providers/Microsoft.Network/locations/eastus/operations/ade588b6-9f1f-4da5-8273-a97815ceaecc";
        arm.stub(get(urlPathEqualTo(networkOp)).willReturn(arm.recorded("network_asyncop_succeeded.json")));
        arm.stub(put(urlPathEqualTo(G + "/providers/Microsoft.Network/publicIPAddresses/javavm-ip"))
                .willReturn(RecordedArm.json(201, arm.body("publicip_get.json"))
                        .withHeader("Azure-AsyncOperation", arm.base() + networkOp + "?api-version=2024-05-01")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/publicIPAddresses/javavm-ip"))
                .willReturn(RecordedArm.json(200, arm.body("publicip_get.json"))));
        arm.stub(put(urlPathEqualTo(G + "/providers/Microsoft.Network/networkInterfaces/javavm-nic"))
                .willReturn(arm.recorded("nic_put_201.json")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/networkInterfaces/javavm-nic"))
                .willReturn(RecordedArm.json(200, arm.body("nic_get.json"))));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/networkInterfaces"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/publicIPAddresses"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        // Deletes of what a failed VM leaves: ARM answers 200 for a NIC or IP it deleted at once, 404 for a disk or
        // VM that was never made.
        arm.stub(delete(urlPathMatching(G + "/providers/Microsoft.Network/.*")).willReturn(RecordedArm.json(200, "")));
        arm.stub(delete(urlPathMatching(G + "/providers/Microsoft.Compute/.*"))
                .willReturn(RecordedArm.json(404, RecordedArm.error("ResourceNotFound", "not found"))));
    }

    /** GET of the VM: 404 until its PUT (the launch checks the name is free), then as recorded. */
    private void stubVmMadeByItsPut() {
        arm.stub(get(urlPathEqualTo(VM)).inScenario("vm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(arm.recorded("error_404_ResourceNotFound.json")));
        arm.stub(put(urlPathEqualTo(VM)).inScenario("vm").willReturn(arm.recorded("vm_put_201_creating.json"))
                .willSetStateTo("made"));
        arm.stub(get(urlPathEqualTo(VM)).inScenario("vm").whenScenarioStateIs("made")
                .willReturn(arm.recorded("vm_get.json")));
        arm.stub(get(urlPathEqualTo(VM)).inScenario("vm").whenScenarioStateIs("made")
                .withQueryParam("$expand", equalTo("instanceView")).atPriority(1)
                .willReturn(arm.recorded("vm_get_expand_instanceView.json")));
    }

    @Test
    void aLaunchNamedLikeALiveVmMakesANewVmInsteadOfUpdatingIt() {
        arm.stub(get(urlPathEqualTo(VM)).willReturn(arm.recorded("vm_get.json")));
        // The new VM's NIC is refused, which ends the launch before its VM PUT: enough to see which names it used.
        arm.stub(put(urlPathMatching(G + "/providers/Microsoft.Network/networkInterfaces/javavm-[0-9a-f]{8}-nic"))
                .willReturn(RecordedArm.json(400, RecordedArm.error("InvalidParameter", "stop here"))));
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "false"))) {
            assertThatThrownBy(() -> azure.launch(spec())).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.getMessage()).contains("stop here"));
        }
        assertThat(arm.requests("PUT", "/virtualMachines/javavm")).isEmpty();
        assertThat(arm.requests("PUT", "/networkInterfaces/javavm-nic")).isEmpty();
        assertThat(arm.requests("PUT", "").stream().filter(r -> r.getUrl().matches(
                ".*/networkInterfaces/javavm-[0-9a-f]{8}-nic\\?.*"))).hasSize(1);
    }

    private static LaunchSpec spec() {
        return LaunchSpec.of(b -> b.name("javavm").image("ubuntu:24.04").instanceType("Standard_D2a_v4")
                .userData("#cloud-config\n").tags(Map.of("team", "alto")));
    }

    @Test
    void aVmPut201CreatingIsPolledThroughInProgressToSucceeded() {
        stubVmMadeByItsPut();
        arm.stub(get(urlPathEqualTo(COMPUTE_OP)).inScenario("op").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(RecordedArm.json(200, arm.body("compute_asyncop_inprogress.json")).withHeader("Retry-After", "3"))
                .willSetStateTo("done"));
        arm.stub(get(urlPathEqualTo(COMPUTE_OP)).inScenario("op").whenScenarioStateIs("done")
                .willReturn(arm.recorded("compute_asyncop_succeeded.json")));

        Instance launched;
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "true"))) {
            launched = azure.launch(spec()).get(0);
        }
        assertThat(launched.id()).isEqualTo("javavm");
        assertThat(launched.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(arm.requests("GET", COMPUTE_OP)).hasSize(2);
        // The operation's Retry-After (3 s) was slept on the manual clock, not in real time.
        assertThat(arm.sleeps).contains(java.time.Duration.ofSeconds(3));

        JsonNode body = json(arm.requests("PUT", "/virtualMachines/javavm").get(0).getBodyAsString());
        JsonNode p = body.path("properties");
        assertThat(p.path("hardwareProfile").path("vmSize").asText()).isEqualTo("Standard_D2a_v4");
        assertThat(p.path("storageProfile").path("imageReference").path("offer").asText()).isEqualTo("ubuntu-24_04-lts");
        assertThat(p.path("storageProfile").path("osDisk").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(p.path("networkProfile").path("networkInterfaces").get(0).path("properties")
                .path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(new String(Base64.getDecoder().decode(p.path("osProfile").path("customData").asText()),
                StandardCharsets.UTF_8)).isEqualTo("#cloud-config\n");
        assertThat(p.path("osProfile").path("linuxConfiguration").path("ssh").path("publicKeys").get(0)
                .path("keyData").asText()).startsWith("ssh-rsa ");
        assertThat(body.path("tags").path("team").asText()).isEqualTo("alto");
        assertThat(body.path("tags").path("Name").asText()).isEqualTo("javavm");
    }

    @Test
    void spotZoneAndKeyNameGoIntoTheVmPut() {
        stubVmMadeByItsPut();
        arm.stub(get(urlPathEqualTo(COMPUTE_OP)).willReturn(arm.recorded("compute_asyncop_succeeded.json")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Compute/sshPublicKeys/deploy"))
                .willReturn(RecordedArm.json(200, "{\"name\":\"deploy\",\"location\":\"eastus\","
                        + "\"properties\":{\"publicKey\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK deploy@ci\"}}")));

        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "false"))) {
            azure.launch(LaunchSpec.of(b -> b.name("javavm").image("debian:12").instanceType("Standard_D2a_v4")
                    .zone("eastus-2").keyName("deploy")
                    .spot(io.altostratus.core.spec.SpotOptions.oneTime())));
        }
        JsonNode body = json(arm.requests("PUT", "/virtualMachines/javavm").get(0).getBodyAsString());
        JsonNode p = body.path("properties");
        assertThat(body.path("zones").get(0).asText()).isEqualTo("2");
        assertThat(p.path("priority").asText()).isEqualTo("Spot");
        assertThat(p.path("evictionPolicy").asText()).isEqualTo("Delete");
        assertThat(p.path("billingProfile").path("maxPrice").asDouble()).isEqualTo(-1.0);
        assertThat(p.path("storageProfile").path("imageReference").path("publisher").asText()).isEqualTo("Debian");
        assertThat(p.path("storageProfile").path("imageReference").path("sku").asText()).isEqualTo("12-gen2");
        assertThat(p.path("osProfile").path("linuxConfiguration").path("ssh").path("publicKeys").get(0)
                .path("keyData").asText()).isEqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK deploy@ci");
        assertThat(arm.requests("PUT", "/publicIPAddresses/javavm-ip")).isEmpty();
    }

    @Test
    void allocationFailedInTheOperationIsInsufficientCapacityAndTheHalfMadeVmIsDeleted() {
        arm.stub(put(urlPathEqualTo(VM)).willReturn(arm.recorded("vm_put_201_creating.json")));
        arm.stub(get(urlPathEqualTo(COMPUTE_OP)).willReturn(RecordedArm.json(200, "{\"status\":\"Failed\","
                + "\"error\":{\"code\":\"AllocationFailed\",\"message\":\"Allocation failed. We do not have "
                + "sufficient capacity for the requested VM size in this region.\"}}")));

        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of())) {
            assertThatThrownBy(() -> azure.launch(spec())).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
                assertThat(e.providerCode()).isEqualTo("AllocationFailed");
            });
        }
        assertThat(arm.requests("DELETE", "/virtualMachines/javavm")).hasSize(1);
        assertThat(arm.requests("DELETE", "/networkInterfaces/javavm-nic")).hasSize(1);
        assertThat(arm.requests("DELETE", "/publicIPAddresses/javavm-ip")).hasSize(1);
        assertThat(arm.requests("DELETE", "/disks/javavm-osdisk")).hasSize(1);
    }

    @Test
    void quotaExceededOnTheVmPutIsQuotaExceededAndTheNicAndIpAreDeleted() {
        arm.stub(put(urlPathEqualTo(VM)).willReturn(RecordedArm.json(409, RecordedArm.error("OperationNotAllowed",
                "Operation could not be completed as it results in exceeding approved standardDav4Family Cores "
                        + "quota. Current Limit: 10, Current Usage: 10, Additional Required: 2"))));

        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "true"))) {
            assertThatThrownBy(() -> azure.launch(spec())).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                assertThat(e.providerCode()).isEqualTo("OperationNotAllowed");
            });
        }
        // The NIC and IP were made before the VM PUT failed: each is deleted exactly once; the IP after the NIC.
        assertThat(arm.requests("PUT", "/networkInterfaces/javavm-nic")).hasSize(1);
        assertThat(arm.requests("PUT", "/publicIPAddresses/javavm-ip")).hasSize(1);
        assertThat(arm.requests("DELETE", "/networkInterfaces/javavm-nic")).hasSize(1);
        assertThat(arm.requests("DELETE", "/publicIPAddresses/javavm-ip")).hasSize(1);
        assertThat(arm.requests("DELETE", "/networkInterfaces/javavm-nic").get(0).getLoggedDate())
                .isBeforeOrEqualTo(arm.requests("DELETE", "/publicIPAddresses/javavm-ip").get(0).getLoggedDate());
        // A quota failure is final: the PUT was not repeated.
        assertThat(arm.requests("PUT", "/virtualMachines/javavm")).hasSize(1);
    }

    @Test
    void quotaExceededCodeIsQuotaExceeded() {
        arm.stub(put(urlPathEqualTo(VM)).willReturn(RecordedArm.json(400, RecordedArm.error("QuotaExceeded",
                "Operation results in exceeding quota limits of Core."))));
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "false"))) {
            assertThatThrownBy(() -> azure.launch(spec())).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        }
        assertThat(arm.requests("PUT", "/publicIPAddresses/javavm-ip")).isEmpty();
        assertThat(arm.requests("DELETE", "/networkInterfaces/javavm-nic")).hasSize(1);
    }

    @Test
    void aBatchThatMakesFewerThanItsMinimumDeletesWhatItMade() {
        String any = G + "/providers/Microsoft.Network/%s/[^/]+";
        String networkOp = "/subscriptions/" + RecordedArm.SUB
                + "/providers/Microsoft.Network/locations/eastus/operations/ade588b6-9f1f-4da5-8273-a97815ceaecc";
        arm.stub(put(urlPathMatching(String.format(any, "publicIPAddresses"))).willReturn(RecordedArm.json(201,
                arm.body("publicip_get.json")).withHeader("Azure-AsyncOperation", arm.base() + networkOp)));
        arm.stub(get(urlPathMatching(String.format(any, "publicIPAddresses")))
                .willReturn(RecordedArm.json(200, arm.body("publicip_get.json"))));
        arm.stub(put(urlPathMatching(String.format(any, "networkInterfaces"))).willReturn(arm.recorded("nic_put_201.json")));
        arm.stub(get(urlPathMatching(String.format(any, "networkInterfaces")))
                .willReturn(RecordedArm.json(200, arm.body("nic_get.json"))));
        // One VM PUT succeeds, the other finds no quota; ARM answers each VM under its own name.
        String vms = G + "/providers/Microsoft.Compute/virtualMachines/[^/]+";
        arm.stub(put(urlPathMatching(vms)).inScenario("batch").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(arm.recorded("vm_put_201_creating.json")).willSetStateTo("one made"));
        arm.stub(put(urlPathMatching(vms)).inScenario("batch").whenScenarioStateIs("one made")
                .willReturn(RecordedArm.json(409, RecordedArm.error("OperationNotAllowed",
                        "Operation could not be completed as it results in exceeding approved Total Regional Cores "
                                + "quota."))));
        arm.stub(get(urlPathEqualTo(COMPUTE_OP)).willReturn(arm.recorded("compute_asyncop_succeeded.json")));
        String named = arm.body("vm_get_expand_instanceView.json").replace("\"name\":\"javavm\"",
                "\"name\":\"{{request.pathSegments.[7]}}\"");
        arm.stub(get(urlPathMatching(vms)).willReturn(RecordedArm.json(200, named)
                .withTransformers("response-template")));

        // One VM after the other: WireMock's scenario states are not atomic under concurrent requests, and which of two
        // parallel PUTs came first is not what this test is about.
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("public_ip", "true", "parallelism", "1"))) {
            assertThatThrownBy(() -> azure.launch(LaunchSpec.of(b -> b.name("batch").image("ubuntu:24.04")
                    .instanceType("Standard_D2a_v4").count(2).minCount(2))))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e).isNotInstanceOf(io.altostratus.core.error.PartialLaunchException.class);
                        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                        assertThat(e.getMessage()).contains("rolled back: deleted 1 instance(s)");
                    });
        }
        var puts = arm.requests("PUT", "").stream().filter(r -> r.getUrl().contains("/virtualMachines/"))
                .map(r -> r.getUrl().split("\\?")[0]).toList();
        assertThat(puts).hasSize(2).doesNotHaveDuplicates();
        // Both VMs, both NICs and both IPs are deleted: the failed VM's by its own cleanup, the made one's by the
        // batch's rollback.
        for (String vm : puts) {
            String name = vm.substring(vm.lastIndexOf('/') + 1);
            assertThat(arm.requests("DELETE", "/virtualMachines/" + name)).as(name).hasSize(1);
            assertThat(arm.requests("DELETE", "/networkInterfaces/" + name + "-nic")).as(name).hasSize(1);
            assertThat(arm.requests("DELETE", "/publicIPAddresses/" + name + "-ip")).as(name).hasSize(1);
        }
    }

    @Test
    void aBadTagIsRefusedBeforeAnyCall() {
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of())) {
            assertThatThrownBy(() -> azure.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04")
                    .instanceType("Standard_D2a_v4").tags(Map.of("cost/centre", "x")))))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThat(arm.totalRequests()).isZero();
    }

    private static JsonNode json(String text) {
        try {
            return RecordedArm.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
