package io.altostratus.azure.clusters;

import com.azure.core.management.SystemData;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.PowerState;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.error.AltoException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AKS's resources as the portable records and back: managed clusters, agent pools, their provisioning states, taints
 * in AKS's {@code key=value:Effect} strings and versions read as minor versions.
 */
final class AksConvert {
    private static final Pattern MINOR = Pattern.compile("^v?(\\d{1,3})\\.(\\d{1,3})(?:\\..*)?$");
    private static final Pattern TAINT = Pattern.compile("^([^=:]+)(?:=([^:]*))?:(\\w+)$");

    private AksConvert() {
    }

    /** {@code 1.31.5} or {@code 1.31} as {@code 1.31}; null when it is not a version. */
    static String minor(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = MINOR.matcher(version.strip());
        return m.matches() ? Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) : null;
    }

    /**
     * A cluster's provisioning state as the portable one. AKS's changes ({@code Updating}, {@code Upgrading},
     * {@code Scaling}, {@code Starting}, {@code Stopping}, {@code Migrating}, {@code Canceling}) keep the cluster
     * serving, so they read as UPDATING; {@code Canceled} means the last change was called off and the cluster
     * serves as before.
     */
    static ClusterState clusterState(String provisioningState) {
        String s = provisioningState == null ? "" : provisioningState.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "creating" -> ClusterState.CREATING;
            case "succeeded", "canceled" -> ClusterState.ACTIVE;
            case "deleting" -> ClusterState.DELETING;
            case "failed" -> ClusterState.FAILED;
            // Updating, Upgrading, Scaling, ... and any word this client does not know yet: waits go on.
            default -> ClusterState.UPDATING;
        };
    }

    /** An agent pool's provisioning state: AKS uses the same words for pools as for clusters. */
    static NodePoolState poolState(String provisioningState) {
        return NodePoolState.valueOf(clusterState(provisioningState).name());
    }

    /** The API server's URL: AKS gives its host name ({@code fqdn}, or {@code privateFqdn} for private clusters). */
    static String endpoint(ManagedClusterInner c) {
        String host = blankToNull(c.fqdn()) != null ? c.fqdn() : blankToNull(c.privateFqdn());
        if (host == null) {
            return null;
        }
        return host.contains("://") ? host : "https://" + host;
    }

    /**
     * A managed cluster. The version is the minor version the control plane runs ({@code currentKubernetesVersion},
     * which stays on the old one while an upgrade runs), else the one asked for; both full versions stay in the
     * details.
     *
     * @param certificateAuthority the CA read from the cluster's credentials, or null (the resource carries none)
     */
    static Cluster cluster(ManagedClusterInner c, String certificateAuthority) {
        String version = minor(c.currentKubernetesVersion()) != null ? minor(c.currentKubernetesVersion())
                : minor(c.kubernetesVersion());
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "resourceGroup", resourceGroupOf(c.id()));
        put(details, "kubernetesVersion", c.kubernetesVersion());
        put(details, "currentKubernetesVersion", c.currentKubernetesVersion());
        put(details, "provisioningState", c.provisioningState());
        put(details, "powerState", power(c.powerState()));
        put(details, "dnsPrefix", c.dnsPrefix());
        put(details, "fqdn", c.fqdn());
        put(details, "privateFqdn", c.privateFqdn());
        put(details, "nodeResourceGroup", c.nodeResourceGroup());
        if (c.networkProfile() != null && c.networkProfile().networkPlugin() != null) {
            details.put("networkPlugin", c.networkProfile().networkPlugin().toString());
        }
        if (c.sku() != null && c.sku().tier() != null) {
            details.put("skuTier", c.sku().tier().toString());
        }
        if (c.agentPoolProfiles() != null && !c.agentPoolProfiles().isEmpty()) {
            details.put("agentPools", String.join(",", c.agentPoolProfiles().stream()
                    .map(ManagedClusterAgentPoolProfile::name).toList()));
        }
        String raw = c.provisioningState();
        // A stopped cluster (az aks stop) has settled but serves nothing: the raw status says so.
        if ("Stopped".equalsIgnoreCase(power(c.powerState())) && "Succeeded".equalsIgnoreCase(raw)) {
            raw = "Stopped";
        }
        return new Cluster(c.name(), c.id(), normalizeLocation(c.location()), version,
                clusterState(c.provisioningState()), raw, endpoint(c), certificateAuthority, createdAt(c.systemData()),
                null, c.tags(), details);
    }

    /**
     * An agent pool. AKS's pools carry no creation time: {@code createdAt} is what the caller knows (when this service
     * asked for it, else its cluster's creation, which a pool cannot precede), and the details say which.
     */
    static NodePool nodePool(String cluster, AgentPoolInner p, Instant createdAt, String createdAtSource) {
        int count = p.count() == null ? 0 : p.count();
        boolean autoscaling = Boolean.TRUE.equals(p.enableAutoScaling());
        int min = autoscaling && p.minCount() != null ? p.minCount() : count;
        int max = autoscaling && p.maxCount() != null ? p.maxCount() : Math.max(count, 1);
        String version = minor(p.currentOrchestratorVersion()) != null ? minor(p.currentOrchestratorVersion())
                : minor(p.orchestratorVersion());
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "mode", p.mode() == null ? null : p.mode().toString());
        put(details, "orchestratorVersion", p.orchestratorVersion());
        put(details, "currentOrchestratorVersion", p.currentOrchestratorVersion());
        put(details, "nodeImageVersion", p.nodeImageVersion());
        put(details, "osType", p.osType() == null ? null : p.osType().toString());
        put(details, "osDiskType", p.osDiskType() == null ? null : p.osDiskType().toString());
        put(details, "type", p.typePropertiesType() == null ? null : p.typePropertiesType().toString());
        put(details, "powerState", power(p.powerState()));
        put(details, "enableAutoScaling", Boolean.toString(autoscaling));
        if (p.availabilityZones() != null && !p.availabilityZones().isEmpty()) {
            details.put("availabilityZones", String.join(",", p.availabilityZones()));
        }
        if (createdAt != null) {
            details.put("createdAtSource", createdAtSource);
        }
        Integer disk = p.osDiskSizeGB() != null && p.osDiskSizeGB() > 0 ? p.osDiskSizeGB() : null;
        return new NodePool(cluster, p.name(), p.id(), poolState(p.provisioningState()), p.provisioningState(),
                blankToNull(p.vmSize()), count, min, max, version, p.nodeLabels(), taints(p.nodeTaints()), disk,
                List.of(), createdAt, details);
    }

    /**
     * A spec as an agent pool profile of a new cluster. Autoscaling is on when the spec lets the size move (min below
     * max), off when it pins it (min = desired = max): AKS refuses min and max counts on a pool that does not
     * autoscale.
     */
    static ManagedClusterAgentPoolProfile profile(NodePoolSpec spec, boolean system, String subnetId) {
        ManagedClusterAgentPoolProfile p = new ManagedClusterAgentPoolProfile().withName(spec.name());
        p.withCount(spec.desired())
                .withVmSize(spec.instanceType())
                .withMode(system ? AgentPoolMode.SYSTEM : AgentPoolMode.USER)
                .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
                .withOsType(OSType.LINUX)
                .withOrchestratorVersion(spec.version())
                .withOsDiskSizeGB(spec.diskGiB())
                .withVnetSubnetId(subnetId);
        if (!spec.labels().isEmpty()) {
            p.withNodeLabels(spec.labels());
        }
        if (!spec.taints().isEmpty()) {
            p.withNodeTaints(taintStrings(spec.taints()));
        }
        if (autoscales(spec.desired(), spec.min(), spec.max())) {
            p.withEnableAutoScaling(true).withMinCount(spec.min()).withMaxCount(spec.max());
        } else {
            p.withEnableAutoScaling(false);
        }
        return p;
    }

    /** A spec as an agent pool added to a cluster (its own resource). */
    static AgentPoolInner agentPool(NodePoolSpec spec, boolean system, String subnetId) {
        AgentPoolInner p = new AgentPoolInner()
                .withCount(spec.desired())
                .withVmSize(spec.instanceType())
                .withMode(system ? AgentPoolMode.SYSTEM : AgentPoolMode.USER)
                .withTypePropertiesType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
                .withOsType(OSType.LINUX)
                .withOrchestratorVersion(spec.version())
                .withOsDiskSizeGB(spec.diskGiB())
                .withVnetSubnetId(subnetId);
        if (!spec.labels().isEmpty()) {
            p.withNodeLabels(spec.labels());
        }
        if (!spec.taints().isEmpty()) {
            p.withNodeTaints(taintStrings(spec.taints()));
        }
        sizes(p, spec.desired(), spec.min(), spec.max());
        return p;
    }

    /** Sets a pool's count and its autoscaling (on with bounds when the size may move, off and unbounded else). */
    static AgentPoolInner sizes(AgentPoolInner p, int desired, int min, int max) {
        p.withCount(desired);
        if (autoscales(desired, min, max)) {
            p.withEnableAutoScaling(true).withMinCount(min).withMaxCount(max);
        } else {
            p.withEnableAutoScaling(false).withMinCount(null).withMaxCount(null);
        }
        return p;
    }

    static boolean autoscales(int desired, int min, int max) {
        return !(min == max && desired == max);
    }

    /** Taints as AKS writes them: {@code key=value:NoSchedule}, or {@code key:NoSchedule} without a value. */
    static List<String> taintStrings(List<Taint> taints) {
        return taints.stream().map(Taint::toString).toList();
    }

    /**
     * AKS's taint strings as taints.
     *
     * @throws AltoException PROVIDER_ERROR for a string that is not {@code key[=value]:Effect}
     */
    static List<Taint> taints(List<String> strings) {
        if (strings == null) {
            return List.of();
        }
        List<Taint> out = new ArrayList<>();
        for (String s : strings) {
            Matcher m = TAINT.matcher(s.strip());
            if (!m.matches()) {
                throw new AltoException(io.altostratus.core.error.ErrorCode.PROVIDER_ERROR, "InvalidTaint",
                        "AKS answered a node taint that is not key=value:Effect: '" + s + "'");
            }
            out.add(new Taint(m.group(1), m.group(2) == null ? "" : m.group(2), TaintEffect.parse(m.group(3))));
        }
        return out;
    }

    /**
     * A DNS prefix for a new cluster from its name: AKS wants 1 to 54 letters, digits and hyphens, a letter or digit
     * first and last; underscores, which cluster names may hold, become hyphens.
     */
    static String dnsPrefix(String clusterName) {
        String p = clusterName.replace('_', '-');
        if (p.length() > 54) {
            p = p.substring(0, 54);
        }
        while (p.endsWith("-")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "aks" : p;
    }

    /** ARM writes locations as {@code eastus}; some answers spell them {@code East US}. */
    static String normalizeLocation(String location) {
        return location == null ? null : location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The resource group in a resource id ({@code /subscriptions/S/resourcegroups/G/...}, any case). */
    static String resourceGroupOf(String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    static boolean isSystem(AgentPoolMode mode) {
        return mode != null && mode.toString().equalsIgnoreCase(AgentPoolMode.SYSTEM.toString());
    }

    static Instant createdAt(SystemData data) {
        return data == null || data.createdAt() == null ? null : data.createdAt().toInstant();
    }

    /** Checked once here so that a version the SDK hands us is the core's form. */
    static String checkedMinor(String version) {
        String m = minor(version);
        return m == null ? null : ClusterRules.checkVersion(m);
    }

    private static String power(PowerState state) {
        return state == null || state.code() == null ? null : state.code().toString();
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
