// Drives alto's GCE endpoint with Google's official Node.js client (@google-cloud/compute, REST transport), so a
// test can check that a client we did not write sees what the endpoint serves. Prints one JSON object per step on
// stdout; exits non-zero with the client's error on stderr when a call fails.
//
//   node gce-walk.mjs list      http://127.0.0.1:PORT PROJECT ZONE
//   node gce-walk.mjs lifecycle http://127.0.0.1:PORT PROJECT ZONE NAME
import compute from '@google-cloud/compute';
import { OAuth2Client } from 'google-auth-library';

const [mode, endpoint, project, zone, name] = process.argv.slice(2);
if (!mode || !endpoint || !project || !zone || (mode === 'lifecycle' && !name)) {
  console.error('usage: node gce-walk.mjs list|lifecycle ENDPOINT PROJECT ZONE [NAME]');
  process.exit(2);
}
const url = new URL(endpoint);

// A fixed access token that never expires: the endpoint's permissive mode accepts any bearer token, and a real token
// source would need Google's servers.
const authClient = new OAuth2Client();
authClient.setCredentials({ access_token: process.env.ALTO_GCE_TOKEN ?? 'alto-test-token', expiry_date: Date.now() + 86400000 });
const options = {
  apiEndpoint: url.hostname,
  port: Number(url.port),
  protocol: url.protocol.replace(':', ''),
  authClient,
};
const instances = new compute.InstancesClient(options);
const zoneOperations = new compute.ZoneOperationsClient(options);

function print(step, value) {
  process.stdout.write(JSON.stringify({ step, ...value }) + '\n');
}

function summary(instance) {
  return {
    name: instance.name,
    id: String(instance.id),
    status: instance.status,
    machineType: instance.machineType,
    zone: instance.zone,
    labels: instance.labels ?? {},
  };
}

// Waits for a zone operation with zoneOperations.wait, as Google's samples do: this client version returns the bare
// operation (no LRO helper), and wait answers at DONE or after its own time bound, so it is called until DONE.
async function done(call) {
  const [response] = await call;
  const started = response.latestResponse ?? response;
  let operation = started;
  for (let attempt = 0; operation.status !== 'DONE'; attempt++) {
    if (attempt === 20) {
      throw new Error(`operation ${started.name} not DONE after ${attempt} waits (status ${operation.status})`);
    }
    [operation] = await zoneOperations.wait({ project, zone, operation: started.name });
  }
  if (operation.error) {
    throw new Error(`operation ${operation.name} failed: ${JSON.stringify(operation.error)}`);
  }
  return operation;
}

async function list() {
  const [items] = await instances.list({ project, zone });
  print('list', { instances: items.map(summary) });
}

async function lifecycle() {
  const inserted = await done(instances.insert({
    project,
    zone,
    instanceResource: {
      name,
      machineType: `zones/${zone}/machineTypes/e2-small`,
      labels: { suite: 'node-client' },
      disks: [{
        boot: true,
        autoDelete: true,
        initializeParams: { sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64' },
      }],
      networkInterfaces: [{ accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }] }],
    },
  }));
  print('insert', { operation: inserted.name, status: inserted.status, operationType: inserted.operationType });
  const [got] = await instances.get({ project, zone, instance: name });
  print('get', summary(got));
  await list();
  await done(instances.stop({ project, zone, instance: name }));
  print('stop', summary((await instances.get({ project, zone, instance: name }))[0]));
  await done(instances.start({ project, zone, instance: name }));
  print('start', summary((await instances.get({ project, zone, instance: name }))[0]));
  await done(instances.delete({ project, zone, instance: name }));
  try {
    await instances.get({ project, zone, instance: name });
    print('deleted', { found: true });
  } catch (error) {
    print('deleted', { found: false, code: error.code, message: error.message });
  }
}

try {
  if (mode === 'list') {
    await list();
  } else if (mode === 'lifecycle') {
    await lifecycle();
  } else {
    console.error(`unknown mode '${mode}'`);
    process.exit(2);
  }
} catch (error) {
  console.error(`gce-walk: ${error.message ?? error}`);
  process.exit(1);
}
