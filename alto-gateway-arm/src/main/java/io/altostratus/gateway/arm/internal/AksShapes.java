package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.core.error.AltoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AKS's words and shapes over the portable clusters model: names, versions, taints, provisioning states and the
 * agent pool object (the same in a cluster's {@code agentPoolProfiles} and as an {@code agentPools} resource).
 *
 * <p>Versions: the backend knows Kubernetes minor versions ({@code 1.31}); AKS takes an alias ({@code 1.31}) or a
 * patch ({@code 1.31.2}) and reports a patch as the current version. A minor is shown as its patch 0
 * ({@code 1.31.0}) unless the caller asked for another patch of the same minor, which is echoed.
 */
final class AksShapes {
    static final String CLUSTER_TYPE = "Microsoft.ContainerService/ManagedClusters";
    static final String POOL_TYPE = "Microsoft.ContainerService/managedClusters/agentPools";
    static final String NAMESPACE = "Microsoft.ContainerService";
    static final int DEFAULT_DISK_GB = 128;
    static final int MAX_PODS = 110;
    static final int MAX_AGENT_POOLS = 100;
    static final String NODE_IMAGE = "AKSUbuntu-2204gen2containerd-202511.07.0";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?");
    private static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
    private static final Pattern DNS_PREFIX = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,52}[A-Za-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** An agent pool as a request gives it, from a cluster's profile or an agentPools body. */
    record PoolRequest(String name, Integer count, String vmSize, Integer osDiskSizeGB, Boolean enableAutoScaling,
                       Integer minCount, Integer maxCount, String mode, String orchestratorVersion,
                       Map<String, String> nodeLabels, List<String> nodeTaints) {
        static PoolRequest of(ManagedClusterAgentPoolProfile p) {
            return new PoolRequest(p.name(), p.count(), p.vmSize(), p.osDiskSizeGB(), p.enableAutoScaling(),
                    p.minCount(), p.maxCount(), p.mode() == null ? null : p.mode().toString(),
                    p.orchestratorVersion(), p.nodeLabels(), p.nodeTaints());
        }

        static PoolRequest of(String name, AgentPoolInner p) {
            return new PoolRequest(name, p.count(), p.vmSize(), p.osDiskSizeGB(), p.enableAutoScaling(),
                    p.minCount(), p.maxCount(), p.mode() == null ? null : p.mode().toString(),
                    p.orchestratorVersion(), p.nodeLabels(), p.nodeTaints());
        }

        boolean autoscale() {
            return Boolean.TRUE.equals(enableAutoScaling);
        }
    }

    /** Sizes in the backend's terms: desired, min, max. */
    record Sizes(int desired, int min, int max) {
    }

    private AksShapes() {
    }

    static void checkClusterName(String name) {
        if (name == null || !CLUSTER_NAME.matcher(name).matches()) {
            throw new ArmException(400, "InvalidParameter", "The value of parameter resourceName '" + name
                    + "' is invalid: a managed cluster name has 1 to 63 characters, letters, digits, underscores and "
                    + "hyphens, and begins and ends with a letter or digit.");
        }
    }

    static void checkPoolName(String name) {
        if (name == null || !POOL_NAME.matcher(name).matches()) {
            throw new ArmException(400, "InvalidParameter", "The value of parameter agentPoolProfile.name '" + name
                    + "' is invalid: a Linux agent pool name must start with a lowercase letter, have at most 12 "
                    + "characters, and only have characters a-z0-9.");
        }
    }

    static void checkDnsPrefix(String prefix) {
        if (!DNS_PREFIX.matcher(prefix).matches()) {
            throw new ArmException(400, "InvalidParameter", "The value of parameter dnsPrefix '" + prefix
                    + "' is invalid: use 1 to 54 letters, digits and hyphens, beginning and ending with a letter or "
                    + "digit.");
        }
    }

    /** The minor version a kubernetesVersion or orchestratorVersion names; null when none is given. */
    static String minor(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            throw new ArmException(400, "InvalidParameter", "The value of parameter " + field + " '" + text
                    + "' is invalid: use MAJOR.MINOR or MAJOR.MINOR.PATCH, such as 1.31 or 1.31.2.");
        }
        return Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2));
    }

    /** A backend minor as AKS reports a running version: the requested patch of that minor, else patch 0. */
    static String patch(String minor, String requested) {
        if (minor == null) {
            return null;
        }
        if (requested != null) {
            Matcher m = VERSION.matcher(requested.strip());
            if (m.matches() && m.group(3) != null && minor.equals(minor(requested, "version"))) {
                return requested.strip();
            }
        }
        return minor + ".0";
    }

    /** {@code key=value:Effect} (or {@code key:Effect}), AKS's taint syntax. */
    static Taint taint(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new ArmException(400, "InvalidParameter", "The node taint '" + text + "' is invalid: use "
                    + "key=value:NoSchedule, key=value:PreferNoSchedule or key=value:NoExecute.");
        }
        String kv = text.substring(0, colon);
        int eq = kv.indexOf('=');
        try {
            return new Taint(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1),
                    TaintEffect.parse(text.substring(colon + 1)));
        } catch (AltoException e) {
            throw new ArmException(400, "InvalidParameter", "The node taint '" + text + "' is invalid: "
                    + e.getMessage());
        }
    }

    static List<Taint> taints(List<String> texts) {
        List<Taint> out = new ArrayList<>();
        if (texts != null) {
            texts.forEach(t -> out.add(taint(t)));
        }
        return out;
    }

    static String taintText(Taint t) {
        return t.key() + (t.value().isEmpty() ? "" : "=" + t.value()) + ":" + t.effect().kubernetesName();
    }

    /**
     * The backend sizes a request asks for. With autoscaling AKS wants minCount and maxCount and a count between
     * them (the count defaults to the current one, kept within the bounds, or to minCount); without it the pool stays
     * at its count (1 when none is given), which the backend reads as min = count, max = count (at least 1).
     */
    static Sizes sizes(PoolRequest p, Integer currentCount, boolean system) {
        if (p.autoscale()) {
            if (p.minCount() == null || p.maxCount() == null) {
                throw new ArmException(400, "InvalidParameter", "Agent pool '" + p.name() + "': minCount and "
                        + "maxCount are required when enableAutoScaling is true.");
            }
            int min = p.minCount();
            int max = p.maxCount();
            if (min < (system ? 1 : 0) || max < 1 || min > max || max > 1000) {
                throw new ArmException(400, "InvalidParameter", "Agent pool '" + p.name() + "': minCount "
                        + min + " and maxCount " + max + " are invalid: use " + (system ? 1 : 0)
                        + " <= minCount <= maxCount <= 1000 and maxCount >= 1.");
            }
            int count = p.count() != null ? p.count() : currentCount != null ? Math.clamp(currentCount, min, max) : min;
            if (count < min || count > max) {
                throw new ArmException(400, "InvalidParameter", "Agent pool '" + p.name() + "': count " + count
                        + " must be between minCount " + min + " and maxCount " + max + ".");
            }
            return new Sizes(count, min, max);
        }
        int count = p.count() != null ? p.count() : currentCount != null ? currentCount : 1;
        if (count < (system ? 1 : 0) || count > 1000) {
            throw new ArmException(400, "InvalidParameter", "Agent pool '" + p.name() + "': count " + count
                    + " is invalid: a " + (system ? "System" : "User") + " pool has " + (system ? 1 : 0)
                    + " to 1000 nodes.");
        }
        return new Sizes(count, count, Math.max(count, 1));
    }

    static NodePoolSpec spec(PoolRequest p, Sizes s) {
        return new NodePoolSpec(p.name(), p.vmSize() == null || p.vmSize().isBlank() ? null : p.vmSize(),
                s.desired(), s.min(), s.max(), p.nodeLabels(), taints(p.nodeTaints()), p.osDiskSizeGB(),
                minor(p.orchestratorVersion(), "orchestratorVersion"));
    }

    static String clusterState(ClusterState state, String change) {
        return switch (state) {
            case CREATING -> "Creating";
            case ACTIVE -> "Succeeded";
            case UPDATING -> change == null || change.isEmpty() ? "Updating" : change;
            case DELETING -> "Deleting";
            case FAILED -> "Failed";
        };
    }

    static String poolState(NodePoolState state, String change) {
        return switch (state) {
            case CREATING -> "Creating";
            case ACTIVE -> "Succeeded";
            case UPDATING -> change == null || change.isEmpty() ? "Updating" : change;
            case DELETING -> "Deleting";
            case FAILED -> "Failed";
        };
    }

    /** ARM's {@code systemData}: who made the resource and when (the backend's creation time). */
    static ObjectNode systemData(java.time.Instant created) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        String at = (created == null ? java.time.Instant.EPOCH : created).toString();
        o.put("createdBy", "alto");
        o.put("createdByType", "Application");
        o.put("createdAt", at);
        o.put("lastModifiedBy", "alto");
        o.put("lastModifiedByType", "Application");
        o.put("lastModifiedAt", at);
        return o;
    }

    /** Whether a pool the front did not make (or knows nothing of) looks autoscaled: bounds other than its count. */
    static boolean looksAutoscaled(NodePool p) {
        return !(p.min() == p.desired() && p.max() == Math.max(p.desired(), 1));
    }

    /**
     * The agent pool's properties as AKS writes them (the recorded GET and agentPools PUT bodies): the settings,
     * then the read-only provisioningState, powerState, currentOrchestratorVersion and nodeImageVersion.
     */
    static ObjectNode poolProperties(NodePool p, String mode, boolean autoscale, String requestedVersion,
                                     String change) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("count", p.desired());
        o.put("vmSize", p.instanceType());
        o.put("osDiskSizeGB", p.diskGiB() == null ? DEFAULT_DISK_GB : p.diskGiB());
        o.put("osDiskType", "Managed");
        o.put("kubeletDiskType", "OS");
        o.put("maxPods", MAX_PODS);
        o.put("type", "VirtualMachineScaleSets");
        o.put("enableAutoScaling", autoscale);
        if (autoscale) {
            o.put("minCount", p.min());
            o.put("maxCount", p.max());
        }
        o.put("provisioningState", poolState(p.state(), change));
        o.putObject("powerState").put("code", "Running");
        String version = patch(p.version(), requestedVersion);
        o.put("orchestratorVersion", version);
        o.put("currentOrchestratorVersion", version);
        ObjectNode labels = o.putObject("nodeLabels");
        p.labels().forEach(labels::put);
        if (!p.taints().isEmpty()) {
            ArrayNode taints = o.putArray("nodeTaints");
            p.taints().forEach(t -> taints.add(taintText(t)));
        }
        o.put("mode", mode);
        o.put("osType", "Linux");
        o.put("osSKU", "Ubuntu");
        o.put("nodeImageVersion", NODE_IMAGE);
        o.put("enableFIPS", false);
        return o;
    }
}
