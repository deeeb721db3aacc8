package io.altostratus.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recorded ARM answers read into instances: a VM with its instance view, a resource group's VMs (with power states
 * added where the recording, made without {@code $expand}, has none) and the calls a list costs.
 */
class AzureRecordedTest {
    private final RecordedArm arm = new RecordedArm();

    @AfterEach
    void close() {
        arm.close();
    }

    private static String group(String group) {
        return "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + group;
    }

    @Test
    void aVmWithItsInstanceViewIsRunningWithTheRawStateAndSize() {
        String vm = group("javacsmrg52801") + "/providers/Microsoft.Compute/virtualMachines/javavm";
        arm.stub(get(urlPathEqualTo(vm)).withQueryParam("$expand", equalTo("instanceView"))
                .willReturn(arm.recorded("vm_get_expand_instanceView.json")));
        arm.stub(get(urlPathEqualTo(group("javacsmrg52801") + "/providers/Microsoft.Network/networkInterfaces"))
                .willReturn(RecordedArm.json(200, "{\"value\":[" + arm.body("nic_get.json") + "]}")));
        arm.stub(get(urlPathEqualTo(group("javacsmrg52801") + "/providers/Microsoft.Network/publicIPAddresses"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        try (AzureProvider azure = arm.open("javacsmrg52801", "eastus", Map.of())) {
            Instance i = azure.instance("javavm");
            assertThat(i.id()).isEqualTo("javavm");
            assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(i.rawState()).isEqualTo("Succeeded/running");
            assertThat(i.instanceType()).isEqualTo("Standard_D2a_v4");
            assertThat(i.region()).isEqualTo("eastus");
            assertThat(i.zone()).isNull();
            assertThat(i.imageId()).isEqualTo("MicrosoftWindowsServer:WindowsServer:2012-R2-Datacenter:latest");
            assertThat(i.networkInterfaceIds()).containsExactly("nicjavavmaeb504331");
        }
        assertThat(arm.requests("GET", "/virtualMachines/javavm")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("$expand").firstValue()).isEqualTo("instanceView"));
    }

    @Test
    void aGroupsVmsAreOneListCallPlusOneNicAndOneIpListNotOnePerVm() {
        String g = group("rgcomvc56705632b433cf8");
        // The recording was made without $expand; give each VM the instance view ARM adds with it, one deallocated
        // and in zone 2, so states and zones are read from the same answer.
        String vms = arm.body("vm_list_resourcegroup_2vms.json", root -> {
            ArrayNode value = (ArrayNode) root.get("value");
            addPower((ObjectNode) value.get(0), "PowerState/running");
            addPower((ObjectNode) value.get(1), "PowerState/deallocated");
            ((ObjectNode) value.get(1)).putArray("zones").add("2");
        });
        arm.stub(get(urlPathEqualTo(g + "/providers/Microsoft.Compute/virtualMachines"))
                .withQueryParam("$expand", equalTo("instanceView")).willReturn(RecordedArm.json(200, vms)));
        // The first VM's NIC, with the recorded NIC's address, and a public IP on it.
        String nic = arm.body("nic_get.json", root -> {
            root.put("id", g + "/providers/Microsoft.Network/networkInterfaces/nic886086f8580");
            ObjectNode ipc = (ObjectNode) root.path("properties").path("ipConfigurations").get(0).path("properties");
            ipc.putObject("publicIPAddress").put("id", g + "/providers/Microsoft.Network/publicIPAddresses/pip1");
        });
        String ip = arm.body("publicip_get.json", root -> {
            root.put("id", g + "/providers/Microsoft.Network/publicIPAddresses/pip1");
            ((ObjectNode) root.get("properties")).put("ipAddress", "20.1.2.3");
        });
        arm.stub(get(urlPathEqualTo(g + "/providers/Microsoft.Network/networkInterfaces"))
                .willReturn(RecordedArm.json(200, "{\"value\":[" + nic + "]}")));
        arm.stub(get(urlPathEqualTo(g + "/providers/Microsoft.Network/publicIPAddresses"))
                .willReturn(RecordedArm.json(200, "{\"value\":[" + ip + "]}")));

        List<Instance> listed;
        try (AzureProvider azure = arm.open("rgcomvc56705632b433cf8", "westus", Map.of())) {
            listed = azure.instances(InstanceQuery.all());
        }
        assertThat(listed).extracting(Instance::id).containsExactly("lvm3fd15448f47ade142", "wvm6a1891317e90e23c7");
        Instance running = listed.get(0);
        Instance stopped = listed.get(1);
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.rawState()).isEqualTo("Succeeded/running");
        assertThat(running.privateIp()).isNotBlank();
        assertThat(running.publicIp()).isEqualTo("20.1.2.3");
        assertThat(running.instanceType()).isEqualTo("Standard_D2a_v4");
        assertThat(stopped.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(stopped.rawState()).isEqualTo("Succeeded/deallocated");
        assertThat(stopped.zone()).isEqualTo("westus-2");
        assertThat(stopped.publicIp()).isNull();

        assertThat(arm.requests("GET", "/virtualMachines")).hasSize(1);
        assertThat(arm.requests("GET", "/networkInterfaces")).hasSize(1);
        assertThat(arm.requests("GET", "/publicIPAddresses")).hasSize(1);
        assertThat(arm.totalRequests()).isEqualTo(3);
        LoggedRequest list = arm.requests("GET", "/virtualMachines").get(0);
        assertThat(list.getHeader("Authorization")).isEqualTo("Bearer test-token");
    }

    @Test
    void aListFollowsNextLinkAndStillListsNetworksOnce() {
        String g = group("rgcomvc56705632b433cf8");
        String path = g + "/providers/Microsoft.Compute/virtualMachines";
        String first = arm.body("vm_list_resourcegroup_2vms.json", root -> {
            ((ArrayNode) root.get("value")).remove(1);
            root.put("nextLink", arm.base() + path + "?api-version=2025-04-01&%24skiptoken=page2");
        });
        String second = arm.body("vm_list_resourcegroup_2vms.json", root -> ((ArrayNode) root.get("value")).remove(0));
        arm.stub(get(urlPathEqualTo(path)).withQueryParam("$expand", equalTo("instanceView"))
                .willReturn(RecordedArm.json(200, first)));
        arm.stub(get(urlPathEqualTo(path)).withQueryParam("$skiptoken", equalTo("page2")).atPriority(1)
                .willReturn(RecordedArm.json(200, second)));
        arm.stub(get(urlPathEqualTo(g + "/providers/Microsoft.Network/networkInterfaces"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        arm.stub(get(urlPathEqualTo(g + "/providers/Microsoft.Network/publicIPAddresses"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        try (AzureProvider azure = arm.open("rgcomvc56705632b433cf8", "westus", Map.of())) {
            assertThat(azure.instances(InstanceQuery.all())).extracting(Instance::id)
                    .containsExactly("lvm3fd15448f47ade142", "wvm6a1891317e90e23c7");
        }
        assertThat(arm.requests("GET", "/virtualMachines")).hasSize(2);
        assertThat(arm.requests("GET", "/networkInterfaces")).hasSize(1);
        assertThat(arm.requests("GET", "/publicIPAddresses")).hasSize(1);
    }

    private static void addPower(ObjectNode vm, String power) {
        ObjectNode view = ((ObjectNode) vm.get("properties")).putObject("instanceView");
        ArrayNode statuses = view.putArray("statuses");
        statuses.addObject().put("code", "ProvisioningState/succeeded");
        statuses.addObject().put("code", power);
    }
}
