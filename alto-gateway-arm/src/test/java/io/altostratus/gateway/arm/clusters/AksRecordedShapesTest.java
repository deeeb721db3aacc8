package io.altostratus.gateway.arm.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our AKS answers against AKS's recorded ones (../shared/data/wire/azure/aks_*.json: a live session of the Azure SDK
 * for Java's recorder, and the 2024-09-01 REST spec's documented example): every field of a recorded body that we
 * serve is in ours with the same JSON type, and every field of ours that the recording has is of its type.
 *
 * <p>What we do not serve, and why (the {@code NOT_SERVED} pointers below):
 * <ul>
 *   <li>{@code eTag} on clusters and pools: the front keeps no etags (conditional requests take {@code *} only).</li>
 *   <li>{@code azurePortalFQDN}, {@code privateFQDN}: there is no portal, and no private API server.</li>
 *   <li>{@code networkProfile.loadBalancerProfile.effectiveOutboundIPs}, {@code podCidrs}, {@code serviceCidrs},
 *       {@code ipFamilies}: outbound IPs and dual-stack ranges AKS makes in its own node resource group; the backend
 *       makes none. Ranges the request sets are echoed.</li>
 *   <li>{@code networkProfile.dockerBridgeCidr}: retired by AKS; the 2025-09-01 model no longer has it.</li>
 *   <li>{@code fqdn} while a cluster is being created: it is the host of the backend's API server (so that
 *       {@code https://<fqdn>} is the kubeconfig's server), which the backend gives once the control plane is up.</li>
 *   <li>{@code agentPoolProfiles[].availabilityZones}, {@code upgradeSettings}: the portable pool has no zones or
 *       surge setting; {@code diskEncryptionSetID} and {@code upgradeSettings.overrideSettings} of the documented
 *       example are settings its request made and ours does not.</li>
 * </ul>
 * Everything else is kept: identity fields, the version pair (kubernetesVersion, currentKubernetesVersion), dnsPrefix,
 * fqdn, provisioningState and powerState of cluster and pools, maxAgentPools, nodeResourceGroup, the request's
 * linuxProfile, servicePrincipalProfile (without secret), addonProfiles, enableRBAC, networkProfile and sku, and each
 * pool's count, vmSize, osDiskSizeGB, osDiskType, maxPods, type, provisioningState, powerState, orchestratorVersion,
 * nodeLabels, mode, osType and nodeImageVersion.
 */
class AksRecordedShapesTest {
    static final Path DIR = Path.of("/work/shared/data/wire/azure");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> NOT_SERVED = List.of("/eTag", "/properties/azurePortalFQDN", "/properties/privateFQDN",
            "/properties/agentPoolProfiles/*/eTag", "/properties/agentPoolProfiles/*/availabilityZones",
            "/properties/agentPoolProfiles/*/upgradeSettings", "/properties/networkProfile/dockerBridgeCidr",
            "/properties/networkProfile/loadBalancerProfile/effectiveOutboundIPs",
            "/properties/networkProfile/podCidrs", "/properties/networkProfile/serviceCidrs",
            "/properties/networkProfile/ipFamilies", "/properties/diskEncryptionSetID",
            "/properties/upgradeSettings");

    static ManualClock clock;
    static AksEndpoint endpoint;
    static final String CLUSTER = "/resourceGroups/javaacsrg27569/providers/Microsoft.ContainerService/"
            + "managedClusters/aks0a39932063";

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "recordings in " + DIR + " are absent: shape check skipped");
        clock = new ManualClock(Instant.parse("2026-12-07T08:00:00Z"));
        endpoint = new AksEndpoint(1000, clock);
        endpoint.call("PUT", "/resourcegroups/javaacsrg27569?api-version=2024-11-01", "{\"location\":\"eastus\"}");
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** The recorded create request's settings, sent to us as its client sent them to AKS. */
    static String recordedRequest() {
        JsonNode rec = body("aks_managedCluster_put_201_creating.json");
        var req = JSON.createObjectNode();
        req.put("location", "eastus");
        req.set("tags", rec.get("tags"));
        var props = req.putObject("properties");
        JsonNode p = rec.get("properties");
        for (String f : List.of("dnsPrefix", "linuxProfile", "servicePrincipalProfile", "addonProfiles",
                "enableRBAC", "networkProfile")) {
            props.set(f, p.get(f));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) props.get("servicePrincipalProfile")).put("secret", "s3cret");
        var pools = props.putArray("agentPoolProfiles");
        for (JsonNode pool : p.get("agentPoolProfiles")) {
            var out = pools.addObject();
            for (String f : List.of("name", "count", "vmSize", "osDiskSizeGB", "mode", "nodeLabels")) {
                if (pool.has(f)) {
                    out.set(f, pool.get(f));
                }
            }
            // Standard_D2_v2 (2021) is retired and not in the shipped Azure catalog the local backend offers.
            if (out.path("vmSize").asText().equals("Standard_D2_v2")) {
                out.put("vmSize", "Standard_D2s_v3");
            }
        }
        req.set("sku", rec.get("sku"));
        return req.toString();
    }

    @Test
    void createAnswerHasTheRecordedShape() {
        AksEndpoint.Answer put = endpoint.call("PUT", CLUSTER, recordedRequest());
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        // fqdn names the backend's API server, which a cluster being created does not have yet (AKS has it at once).
        check(put.json(), body("aks_managedCluster_put_201_creating.json"), "put 201 creating", "/properties/fqdn");
        assertThat(put.text()).as("the service principal's secret is never answered").doesNotContain("s3cret");
        assertThat(header("aks_managedCluster_put_201_creating.json", "azure-asyncoperation"))
                .contains("/providers/Microsoft.ContainerService/locations/eastus/operations/");
        assertThat(put.header("Azure-AsyncOperation"))
                .contains("/providers/Microsoft.ContainerService/locations/eastus/operations/");

        AksEndpoint.Answer running = endpoint.call("GET", put.header("Azure-AsyncOperation"), null);
        check(running.json(), body("aks_asyncop_inprogress.json"), "async op in progress");
        clock.advance(Duration.ofSeconds(5));
        AksEndpoint.Answer done = endpoint.call("GET", put.header("Azure-AsyncOperation"), null);
        assertThat(done.at("/status")).isEqualTo("Succeeded");
        check(done.json(), body("aks_asyncop_succeeded.json"), "async op succeeded");

        AksEndpoint.Answer get = endpoint.call("GET", CLUSTER, null);
        check(get.json(), body("aks_managedCluster_get.json"), "get");
        // The documented example's own tags and load balancer settings came from its request, not ours.
        check(get.json(), JSON.valueToTree(docExample("aks_managedCluster_get_docexample_2024-09-01.json")),
                "documented get", "/tags/archv2", "/tags/tier",
                "/properties/networkProfile/loadBalancerProfile/allocatedOutboundPorts",
                "/properties/networkProfile/loadBalancerProfile/idleTimeoutInMinutes",
                "/properties/networkProfile/loadBalancerProfile/outboundIPs");

        AksEndpoint.Answer pool = endpoint.call("PUT", CLUSTER + "/agentPools/ap2541807",
                "{\"properties\":{\"count\":1,\"vmSize\":\"Standard_A2_v2\",\"mode\":\"User\"}}");
        assertThat(pool.status()).isEqualTo(201);
        check(pool.json(), body("aks_agentPool_put_201.json"), "agentPool put 201");

        clock.advance(Duration.ofSeconds(5));
        AksEndpoint.Answer creds = endpoint.call("POST", CLUSTER + "/listClusterUserCredential", null);
        check(creds.json(), body("aks_listClusterUserCredential.json"), "credentials");
        String recordedYaml = new String(Base64.getDecoder().decode(body("aks_listClusterUserCredential.json")
                .at("/kubeconfigs/0/value").asText()), StandardCharsets.UTF_8);
        String ourYaml = new String(Base64.getDecoder().decode(creds.at("/kubeconfigs/0/value")),
                StandardCharsets.UTF_8);
        for (String key : List.of("apiVersion:", "clusters:", "certificate-authority-data:", "server:", "contexts:",
                "current-context:", "kind: Config", "users:")) {
            assertThat(recordedYaml).contains(key);
            assertThat(ourYaml).as("our kubeconfig has " + key + " as AKS's does").contains(key);
        }
    }

    /** Both directions: recorded fields we serve are in ours with their type; our fields the recording has match. */
    static void check(JsonNode ours, JsonNode recorded, String what, String... absentHere) {
        List<String> problems = new ArrayList<>();
        served("", recorded, ours, problems);
        problems.removeIf(p -> List.of(absentHere).contains(p.substring(0, p.indexOf(':'))));
        typed("", ours, recorded, problems);
        assertThat(problems).as("shape of our " + what + " against the recording").isEmpty();
    }

    private static void served(String path, JsonNode recorded, JsonNode ours, List<String> out) {
        if (notServed(path) || recorded.isNull()) {
            return;
        }
        if (ours == null || ours.isMissingNode()) {
            out.add(path + ": missing from ours (recorded " + kind(recorded) + ")");
            return;
        }
        if (!kind(ours).equals(kind(recorded))) {
            out.add(path + ": ours " + kind(ours) + ", recorded " + kind(recorded));
            return;
        }
        if (recorded.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                served(path + "/" + e.getKey(), e.getValue(), ours.get(e.getKey()), out);
            }
        } else if (recorded.isArray()) {
            for (int i = 0; i < recorded.size() && i < ours.size(); i++) {
                served(path + "/" + i, recorded.get(i), ours.get(i), out);
            }
        }
    }

    private static void typed(String path, JsonNode ours, JsonNode recorded, List<String> out) {
        if (recorded == null || recorded.isMissingNode() || recorded.isNull() || ours.isNull()) {
            return;
        }
        if (!kind(ours).equals(kind(recorded))) {
            out.add(path + ": ours " + kind(ours) + ", recorded " + kind(recorded));
            return;
        }
        if (ours.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ours.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                typed(path + "/" + e.getKey(), e.getValue(), recorded.get(e.getKey()), out);
            }
        } else if (ours.isArray()) {
            for (int i = 0; i < ours.size() && recorded.size() > 0; i++) {
                typed(path + "/" + i, ours.get(i), recorded.get(Math.min(i, recorded.size() - 1)), out);
            }
        }
    }

    private static boolean notServed(String path) {
        String general = path.replaceAll("/agentPoolProfiles/\\d+", "/agentPoolProfiles/*");
        return NOT_SERVED.stream().anyMatch(p -> general.equals(p) || general.startsWith(p + "/"));
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "object" : node.isArray() ? "array" : node.isNumber() ? "number"
                : node.isBoolean() ? "boolean" : "string";
    }

    static JsonNode body(String file) {
        return read(file).path("response").path("body");
    }

    static String header(String file, String name) {
        return read(file).path("response").path("headers").path(name).asText();
    }

    static JsonNode docExample(String file) {
        return read(file).path("responses").path("200").path("body");
    }

    private static JsonNode read(String file) {
        Path path = DIR.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "recording " + path + " is absent");
        try {
            return JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
