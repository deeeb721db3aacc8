// Drives the AKS part of alto's ARM endpoint (Microsoft.ContainerService) with Microsoft's own Node.js client
// (@azure/arm-containerservice), as a user's script would, and prints one JSON line per step for the Java test that
// runs it to check.
//
// Usage: node aks-walk.mjs ENDPOINT SUBSCRIPTION LOCATION NAME
// Environment: ALTO_ARM_TOKEN (the bearer token; default "test").
//
// As in arm-walk.mjs, the clients' token policy is replaced by one that sets the same Authorization header over plain
// http; paths, api-versions, bodies and long-running-operation polling are the clients' own.
import { ContainerServiceClient } from "@azure/arm-containerservice";
import { ResourceManagementClient } from "@azure/arm-resources";

const [endpoint, subscription, location, name] = process.argv.slice(2);
if (!endpoint || !subscription || !location || !name) {
  console.error("usage: node aks-walk.mjs ENDPOINT SUBSCRIPTION LOCATION NAME");
  process.exit(2);
}
const token = process.env.ALTO_ARM_TOKEN ?? "test";
const credential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
const header = {
  name: "altoBearerOverHttp",
  sendRequest: (request, next) => {
    request.headers.set("authorization", `Bearer ${token}`);
    return next(request);
  },
};
function plainHttp(client) {
  client.pipeline.removePolicy({ name: "bearerTokenAuthenticationPolicy" });
  client.pipeline.addPolicy(header);
  return client;
}
const fast = { updateIntervalInMs: 20 };
const aks = plainHttp(new ContainerServiceClient(credential, subscription, { endpoint, allowInsecureConnection: true }));
const resources = plainHttp(new ResourceManagementClient(credential, subscription, { endpoint, allowInsecureConnection: true }));

function print(step, fields) {
  console.log(JSON.stringify({ step, ...fields }));
}
function pool(p) {
  return { name: p.name, mode: p.mode, count: p.count, vmSize: p.vmSize, enableAutoScaling: p.enableAutoScaling ?? null,
    minCount: p.minCount ?? null, maxCount: p.maxCount ?? null, version: p.currentOrchestratorVersion ?? null,
    provisioningState: p.provisioningState, nodeLabels: p.nodeLabels ?? {}, nodeTaints: p.nodeTaints ?? [] };
}
function cluster(c) {
  return { name: c.name, provisioningState: c.provisioningState, kubernetesVersion: c.kubernetesVersion,
    currentKubernetesVersion: c.currentKubernetesVersion, fqdn: c.fqdn ?? null, dnsPrefix: c.dnsPrefix,
    tags: c.tags ?? {}, pools: (c.agentPoolProfiles ?? []).map(pool) };
}
async function errorOf(call) {
  try {
    await call();
    return { status: 200 };
  } catch (e) {
    return { status: e.statusCode ?? null, code: e.code ?? null };
  }
}

async function walk() {
  const group = `${name}-rg`;
  await resources.resourceGroups.createOrUpdate(group, { location });
  const versions = (await aks.managedClusters.listKubernetesVersions(location)).values ?? [];
  print("versions", { versions: versions.map((v) => v.version), defaults: versions.filter((v) => v.isDefault).length });
  const from = versions[0].version;
  const to = versions[1].version;

  const made = await aks.managedClusters.createOrUpdate(group, name, {
    location, tags: { owner: "node-walk" }, kubernetesVersion: from, dnsPrefix: `${name}-dns`,
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [{ name: "sys", count: 1, vmSize: "Standard_D2s_v3", mode: "System", osType: "Linux" }],
  }, fast);
  print("created", cluster(made));
  const listed = [];
  for await (const c of aks.managedClusters.listByResourceGroup(group)) listed.push(c.name);
  print("listed", { names: listed });

  const work = await aks.agentPools.createOrUpdate(group, name, "work", {
    count: 2, vmSize: "Standard_D2s_v3", mode: "User", nodeLabels: { role: "worker" },
    nodeTaints: ["dedicated=ci:NoSchedule"],
  }, fast);
  print("poolAdded", pool(work));
  const scaled = await aks.agentPools.createOrUpdate(group, name, "work", {
    ...(await aks.agentPools.get(group, name, "work")), enableAutoScaling: true, minCount: 1, maxCount: 4, count: 3,
  }, fast);
  print("poolScaled", pool(scaled));

  const upgraded = await aks.managedClusters.createOrUpdate(group, name, {
    ...(await aks.managedClusters.get(group, name)), kubernetesVersion: to,
  }, fast);
  print("upgraded", cluster(upgraded));
  const poolUp = await aks.agentPools.createOrUpdate(group, name, "work", {
    ...(await aks.agentPools.get(group, name, "work")), orchestratorVersion: to,
  }, fast);
  print("poolUpgraded", pool(poolUp));

  const creds = await aks.managedClusters.listClusterUserCredentials(group, name);
  const yaml = Buffer.from(creds.kubeconfigs[0].value).toString("utf8");
  print("credentials", { name: creds.kubeconfigs[0].name, server: (yaml.match(/server: "?([^"\n]+)"?/) ?? [])[1] ?? null,
    hasCa: yaml.includes("certificate-authority-data:") });

  await aks.agentPools.delete(group, name, "work", fast);
  const left = [];
  for await (const p of aks.agentPools.list(group, name)) left.push(p.name);
  print("poolDeleted", { pools: left });
  await aks.managedClusters.delete(group, name, fast);
  print("deleted", await errorOf(() => aks.managedClusters.get(group, name)));
  print("missingPool", await errorOf(() => aks.agentPools.get(group, "nope", "p")));
  await resources.resourceGroups.beginDeleteAndWait(group, fast);
}

try {
  await walk();
} catch (e) {
  print("error", { message: e.message, code: e.code ?? null, statusCode: e.statusCode ?? null });
  process.exit(1);
}
