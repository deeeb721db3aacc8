package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskState;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.gateway.auth.AuthMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our answers against the recorded ARM responses, type by type (see {@link WireShapes}). */
class ArmWireShapeTest {
    static ArmEndpoint endpoint;
    static String group;
    static String nicId;

    @BeforeAll
    static void start() {
        endpoint = new ArmEndpoint(AuthMode.PERMISSIVE);
        endpoint.resources().resourceGroups().define("rg-wire").withRegion(ArmEndpoint.LOCATION).create();
        group = endpoint.endpoint() + "/subscriptions/" + ArmEndpoint.SUBSCRIPTION + "/resourceGroups/rg-wire";
        nicId = SdkFixtures.networkFor(endpoint.network(), "rg-wire", "w", false);
        endpoint.compute().serviceClient().getVirtualMachines().createOrUpdate("rg-wire", "vmw",
                SdkFixtures.vmRequest("vmw", nicId, false));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    static JsonNode get(String path, String apiVersion) {
        Http.Answer a = Http.call("GET", group + path + (path.contains("?") ? "&" : "?") + "api-version="
                + apiVersion, null, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void virtualMachineGetAndListHaveTheRecordedShape() {
        JsonNode vm = get("/providers/Microsoft.Compute/virtualMachines/vmw", "2020-12-01");
        WireShapes.check(vm, "vm_get.json", "/name", "/id", "/type", "/location", "/tags", "/properties/vmId",
                "/properties/hardwareProfile/vmSize", "/properties/storageProfile/imageReference/exactVersion",
                "/properties/storageProfile/osDisk/osType", "/properties/storageProfile/osDisk/name",
                "/properties/storageProfile/osDisk/createOption", "/properties/storageProfile/dataDisks",
                "/properties/osProfile/computerName", "/properties/osProfile/adminUsername",
                "/properties/networkProfile/networkInterfaces/0/id", "/properties/provisioningState");
        WireShapes.check(vm, "vm_get_linux_managed_disk.json", "/properties/osProfile/linuxConfiguration",
                "/properties/storageProfile/osDisk/managedDisk/storageAccountType", "/properties/osProfile/secrets",
                "/properties/osProfile/allowExtensionOperations");
        JsonNode expanded = get("/providers/Microsoft.Compute/virtualMachines/vmw?%24expand=instanceView",
                "2020-12-01");
        WireShapes.check(expanded, "vm_get_expand_instanceView.json", "/properties/instanceView/statuses/0/code",
                "/properties/instanceView/statuses/0/level", "/properties/instanceView/statuses/0/displayStatus",
                "/properties/instanceView/statuses/1/code", "/properties/instanceView/hyperVGeneration");
        JsonNode list = get("/providers/Microsoft.Compute/virtualMachines", "2020-12-01");
        WireShapes.check(list, "vm_list_resourcegroup.json", "/value/0/id", "/value/0/properties/vmId");
    }

    @Test
    void createAnswers201WithTheOperationAndThePollerDocumentsMatch() {
        String body = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_B2s\"},"
                + "\"storageProfile\":{\"imageReference\":{\"publisher\":\"Canonical\",\"offer\":\"ubuntu-24_04-lts\","
                + "\"sku\":\"server\",\"version\":\"latest\"}},\"osProfile\":{\"computerName\":\"vmraw\","
                + "\"adminUsername\":\"azureuser\"},\"unknownField\":{\"ignored\":true}}}";
        Http.Answer created = Http.call("PUT", group + "/providers/Microsoft.Compute/virtualMachines/vmraw"
                + "?api-version=2020-12-01", body, null);
        assertThat(created.status()).isEqualTo(201);
        JsonNode recorded = WireShapes.recording("vm_put_201_creating.json");
        assertThat(recorded.path("headers").has("azure-asyncoperation")).isTrue();
        assertThat(created.header("Azure-AsyncOperation")).contains("/providers/Microsoft.Compute/locations/eastus/"
                + "operations/").contains("api-version=2020-12-01");
        assertThat(created.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
        WireShapes.check(created.json(), "vm_put_201_creating.json", "/name", "/id", "/properties/vmId",
                "/properties/provisioningState");

        Http.Answer first = Http.call("GET", created.header("Azure-AsyncOperation"), null, null);
        WireShapes.check(first.json(), "compute_asyncop_inprogress.json", "/startTime", "/status", "/name");
        JsonNode done = first.json();
        for (int i = 0; i < 200 && !done.path("status").asText().equals("Succeeded"); i++) {
            done = Http.call("GET", created.header("Azure-AsyncOperation"), null, null).json();
        }
        assertThat(done.path("status").asText()).isEqualTo("Succeeded");
        WireShapes.check(done, "compute_asyncop_succeeded.json", "/startTime", "/endTime", "/status", "/name");

        Http.Answer off = Http.call("POST", group + "/providers/Microsoft.Compute/virtualMachines/vmraw/powerOff"
                + "?api-version=2020-12-01", "", null);
        assertThat(off.status()).isEqualTo(WireShapes.recording("vm_powerOff_202.json").path("statusCode").asInt());
        assertThat(off.header("Location")).contains("monitor=true");
        assertThat(off.header("Azure-AsyncOperation")).doesNotContain("monitor=true");
        Http.Answer deleted = Http.call("DELETE", group + "/providers/Microsoft.Compute/virtualMachines/vmraw"
                + "?api-version=2020-12-01", null, null);
        assertThat(deleted.status()).isEqualTo(WireShapes.recording("vm_delete_202.json").path("statusCode").asInt());
        assertThat(deleted.header("Location")).isNotNull();
        Http.Answer again = Http.call("DELETE", group + "/providers/Microsoft.Compute/virtualMachines/nosuchvm"
                + "?api-version=2020-12-01", null, null);
        assertThat(again.status()).isEqualTo(204);
    }

    @Test
    void networkResourcesHaveTheRecordedShape() {
        JsonNode nic = get("/providers/Microsoft.Network/networkInterfaces/nicw", "2019-11-01");
        WireShapes.check(nic, "nic_get.json", "/id", "/properties/ipConfigurations/0/id",
                "/properties/ipConfigurations/0/properties/privateIPAddress",
                "/properties/ipConfigurations/0/properties/subnet/id",
                "/properties/ipConfigurations/0/properties/publicIPAddress/id", "/properties/provisioningState");
        WireShapes.check(nic, "nic_put_201.json", "/etag", "/properties/resourceGuid",
                "/properties/ipConfigurations/0/type", "/properties/dnsSettings");
        JsonNode pip = get("/providers/Microsoft.Network/publicIPAddresses/pipw", "2019-11-01");
        WireShapes.check(pip, "publicip_get.json", "/id", "/properties/publicIPAllocationMethod",
                "/properties/publicIPAddressVersion", "/properties/idleTimeoutInMinutes", "/properties/ipTags");
        assertThat(pip.at("/properties/ipAddress").asText()).as("the running VM's address").isNotBlank();
        JsonNode vnet = get("/providers/Microsoft.Network/virtualNetworks/vnetw", "2019-11-01");
        WireShapes.check(vnet, "vnet_put_201.json", "/etag", "/properties/addressSpace/addressPrefixes",
                "/properties/subnets/0/id", "/properties/subnets/0/properties/addressPrefix",
                "/properties/dhcpOptions");

        endpoint.network().serviceClient().getNetworkSecurityGroups().createOrUpdate("rg-wire", "nsg",
                new NetworkSecurityGroupInner().withLocation(ArmEndpoint.LOCATION).withSecurityRules(List.of(
                        new SecurityRuleInner().withName("rule1").withProtocol(SecurityRuleProtocol.TCP)
                                .withSourcePortRange("80").withDestinationPortRange("80")
                                .withSourceAddressPrefix("*").withDestinationAddressPrefix("*")
                                .withAccess(SecurityRuleAccess.ALLOW).withPriority(100)
                                .withDirection(SecurityRuleDirection.INBOUND))));
        JsonNode nsg = get("/providers/Microsoft.Network/networkSecurityGroups/nsg", "2019-11-01");
        WireShapes.check(nsg, "nsg_get.json", "/etag", "/properties/securityRules/0/id",
                "/properties/securityRules/0/properties/priority", "/properties/defaultSecurityRules/5/name");
    }

    @Test
    void disksHaveTheRecordedShape() {
        endpoint.compute().serviceClient().getDisks().createOrUpdate("rg-wire", "data1", new DiskInner()
                .withLocation(ArmEndpoint.LOCATION).withSku(new DiskSku().withName(DiskStorageAccountTypes.STANDARD_LRS))
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.EMPTY)).withDiskSizeGB(8));
        JsonNode disk = get("/providers/Microsoft.Compute/disks/data1", "2020-09-30");
        WireShapes.check(disk, "disk_get.json", "/id", "/name", "/type", "/sku/name", "/properties/diskSizeGB",
                "/properties/diskSizeBytes", "/properties/provisioningState", "/properties/diskState",
                "/properties/uniqueId", "/properties/timeCreated");
        assertThat(disk.at("/properties/diskState").asText()).isEqualTo("Unattached");
    }

    @Test
    void aVmsOsDiskIsADiskResourceWithTheRecordedShape() {
        var compute = endpoint.compute().serviceClient();
        VirtualMachineInner vm = compute.getVirtualMachines().getByResourceGroup("rg-wire", "vmw");
        String osDiskId = vm.storageProfile().osDisk().managedDisk().id();
        assertThat(osDiskId).isEqualTo("/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                + "/resourceGroups/rg-wire/providers/Microsoft.Compute/disks/" + vm.storageProfile().osDisk().name());

        JsonNode disk = get("/providers/Microsoft.Compute/disks/" + vm.storageProfile().osDisk().name(),
                "2020-09-30");
        WireShapes.check(disk, "disk_get.json", "/id", "/name", "/type", "/managedBy", "/sku/name",
                "/properties/osType", "/properties/creationData/createOption",
                "/properties/creationData/imageReference/id", "/properties/diskSizeGB",
                "/properties/provisioningState", "/properties/diskState", "/properties/uniqueId");
        assertThat(disk.at("/properties/diskState").asText()).isEqualTo("Attached");
        assertThat(disk.at("/managedBy").asText()).isEqualTo(vm.id());
        assertThat(disk.at("/properties/creationData/createOption").asText()).isEqualTo("FromImage");
        assertThat(disk.at("/properties/creationData/imageReference/id").asText())
                .contains("/Publishers/Canonical/ArtifactTypes/VMImage/Offers/ubuntu-24_04-lts/Skus/server/");

        // A user can snapshot it, and a detach by omission from dataDisks leaves it where it is.
        var snapshot = compute.getSnapshots().createOrUpdate("rg-wire", "os-snap", new SnapshotInner()
                .withLocation(ArmEndpoint.LOCATION).withCreationData(new CreationData()
                        .withCreateOption(DiskCreateOption.COPY).withSourceResourceId(osDiskId)));
        assertThat(snapshot.provisioningState()).isEqualTo("Succeeded");
        assertThat(snapshot.diskSizeGB()).isEqualTo(disk.at("/properties/diskSizeGB").asInt());
        VirtualMachineInner again = SdkFixtures.vmRequest("vmw", nicId, false);
        again.storageProfile().withDataDisks(List.of());
        compute.getVirtualMachines().createOrUpdate("rg-wire", "vmw", again);
        assertThat(compute.getDisks().getByResourceGroup("rg-wire", vm.storageProfile().osDisk().name())
                .diskState()).isEqualTo(DiskState.ATTACHED);
    }

    @Test
    void errorsHaveTheRecordedShape() {
        Http.Answer missing = Http.call("GET", group + "/providers/Microsoft.Compute/virtualMachines/javavm"
                + "?api-version=2020-12-01", null, null);
        assertThat(missing.status()).isEqualTo(404);
        WireShapes.check(missing.json(), "error_404_ResourceNotFound.json", "/error/code", "/error/message");
        assertThat(missing.json().at("/error/message").asText()).isEqualTo(WireShapes.recording(
                "error_404_ResourceNotFound.json").at("/body/error/message").asText()
                .replace("javacsmrg92627", "rg-wire"));
        String body = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D4s_v5\"}}}";
        Http.Answer conflict = Http.call("PUT", group + "/providers/Microsoft.Compute/virtualMachines/vmw"
                + "?api-version=2020-12-01", body, null);
        assertThat(conflict.status()).isEqualTo(409);
        WireShapes.check(conflict.json(), "error_409_OperationNotAllowed.json", "/error/code", "/error/message");
        assertThat(conflict.json().at("/error/code").asText()).isEqualTo("OperationNotAllowed");
    }
}
