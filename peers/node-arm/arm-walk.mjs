// Drives alto's ARM endpoint with Microsoft's own Node.js clients (@azure/arm-compute, -network, -resources), as
// a user's script would, and prints one JSON line per step for the Java test that runs it to check.
//
// Usage: node arm-walk.mjs list|lifecycle ENDPOINT SUBSCRIPTION LOCATION [NAME]
// Environment: ALTO_ARM_TOKEN (the bearer token; default "test").
//
// The clients refuse to send a bearer token over plain http, so their token policy is replaced by one that sets
// the same Authorization header: everything else (paths, api-versions, bodies, long-running-operation polling) is
// the clients' own.
import { ComputeManagementClient } from "@azure/arm-compute";
import { NetworkManagementClient } from "@azure/arm-network";
import { ResourceManagementClient } from "@azure/arm-resources";
import { generateKeyPairSync } from "node:crypto";

const [mode, endpoint, subscription, location, nameArg] = process.argv.slice(2);
if (!mode || !endpoint || !subscription || !location) {
  console.error("usage: node arm-walk.mjs list|lifecycle ENDPOINT SUBSCRIPTION LOCATION [NAME]");
  process.exit(2);
}
const token = process.env.ALTO_ARM_TOKEN ?? "test";
const credential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
const requests = { count: 0 };
const header = {
  name: "altoBearerOverHttp",
  sendRequest: (request, next) => {
    request.headers.set("authorization", `Bearer ${token}`);
    requests.count++;
    return next(request);
  },
};
function plainHttp(client) {
  client.pipeline.removePolicy({ name: "bearerTokenAuthenticationPolicy" });
  client.pipeline.addPolicy(header);
  return client;
}
const fast = { updateIntervalInMs: 20 };
const compute = plainHttp(new ComputeManagementClient(credential, subscription, { endpoint, allowInsecureConnection: true }));
const network = plainHttp(new NetworkManagementClient(credential, subscription, { endpoint, allowInsecureConnection: true }));
const resources = plainHttp(new ResourceManagementClient(credential, subscription, { endpoint, allowInsecureConnection: true }));

// A fresh Ed25519 key in OpenSSH's public-key form, as a user's ~/.ssh/id_ed25519.pub would hold.
function sshPublicKey() {
  const raw = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const field = (bytes) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} node-walk`;
}

function print(step, fields) {
  console.log(JSON.stringify({ step, ...fields }));
}
function powerState(vm) {
  const status = (vm.instanceView?.statuses ?? [])
    .map((s) => s.code).find((c) => c?.startsWith("PowerState/"));
  return status ?? null;
}
async function listVms(group) {
  const before = requests.count;
  const vms = [];
  for await (const vm of compute.virtualMachines.list(group, { expand: "instanceView" })) {
    vms.push({ name: vm.name, power: powerState(vm), provisioningState: vm.provisioningState });
  }
  return { vms, requests: requests.count - before };
}

async function lifecycle(name) {
  const group = `${name}-rg`;
  const rg = await resources.resourceGroups.createOrUpdate(group, { location, tags: { owner: "node-walk" } });
  print("group", { name: rg.name, location: rg.location, provisioningState: rg.properties?.provisioningState });
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(group, `${name}-vnet`, {
    location, addressSpace: { addressPrefixes: ["10.7.0.0/16"] },
    subnets: [{ name: "default", addressPrefix: "10.7.1.0/24" }],
  }, fast);
  print("vnet", { name: vnet.name, subnets: (vnet.subnets ?? []).map((s) => s.name), provisioningState: vnet.provisioningState });
  const ip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(group, `${name}-ip`, {
    location, publicIPAllocationMethod: "Static", sku: { name: "Standard" },
  }, fast);
  print("ip", { name: ip.name, provisioningState: ip.provisioningState });
  const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(group, `${name}-nic`, {
    location,
    ipConfigurations: [{ name: "ipconfig1", subnet: { id: vnet.subnets[0].id }, publicIPAddress: { id: ip.id } }],
  }, fast);
  print("nic", { name: nic.name, provisioningState: nic.provisioningState });
  // @azure/arm-compute 24 takes flat models: its serializer puts hardwareProfile & co. under "properties" itself.
  const vm = await compute.virtualMachines.createOrUpdate(group, name, {
    location,
    hardwareProfile: { vmSize: "Standard_B2s" },
    storageProfile: {
      imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
      osDisk: { createOption: "FromImage", deleteOption: "Delete" },
    },
    osProfile: {
      computerName: name, adminUsername: "azureuser",
      customData: Buffer.from("#cloud-config\n").toString("base64"),
      linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{
        path: "/home/azureuser/.ssh/authorized_keys", keyData: sshPublicKey() }] } },
    },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true, deleteOption: "Delete" }] },
    tags: { role: "node-walk" },
  }, fast);
  print("create", { name: vm.name, vmSize: vm.hardwareProfile?.vmSize, provisioningState: vm.provisioningState, vmId: vm.vmId });
  const view = await compute.virtualMachines.instanceView(group, name);
  print("instanceView", { statuses: (view.statuses ?? []).map((s) => s.code) });
  print("list", await listVms(group));
  await compute.virtualMachines.deallocate(group, name, fast);
  print("deallocated", await listVms(group));
  await compute.virtualMachines.start(group, name, fast);
  print("started", await listVms(group));
  await compute.virtualMachines.restart(group, name, fast);
  print("restarted", await listVms(group));
  const ipAfter = await network.publicIPAddresses.get(group, `${name}-ip`);
  print("publicIp", { ipAddress: ipAfter.ipAddress ?? null });
  await compute.virtualMachines.delete(group, name, fast);
  const left = { vms: (await listVms(group)).vms.length, nics: 0, ips: 0 };
  for await (const _ of network.networkInterfaces.list(group)) left.nics++;
  for await (const _ of network.publicIPAddresses.list(group)) left.ips++;
  print("deleted", left);
  try {
    await compute.virtualMachines.get(group, name);
    print("getAfterDelete", { status: 200 });
  } catch (e) {
    print("getAfterDelete", { status: e.statusCode, code: e.code });
  }
  await resources.resourceGroups.beginDeleteAndWait(group, fast);
  print("groupDeleted", { exists: (await resources.resourceGroups.checkExistence(group)).body });
}

try {
  if (mode === "list") {
    print("list", await listVms(nameArg ?? "alto"));
  } else if (mode === "lifecycle") {
    await lifecycle(nameArg ?? `walk${Date.now() % 100000}`);
  } else {
    console.error(`unknown mode '${mode}'`);
    process.exit(2);
  }
} catch (e) {
  print("error", { message: e.message, code: e.code ?? null, statusCode: e.statusCode ?? null });
  process.exit(1);
}
