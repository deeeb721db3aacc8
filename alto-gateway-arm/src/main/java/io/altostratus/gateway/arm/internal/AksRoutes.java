package io.altostratus.gateway.arm.internal;

import java.util.Locale;

/**
 * The Microsoft.ContainerService paths, after the {@link Router} has checked the api-version: under a resource group
 * {@code managedClusters[/{name}[/agentPools[/{pool}[/upgradeProfiles/default]]|/upgradeProfiles/default|/<action>]]},
 * and under the subscription {@code managedClusters} and {@code locations/{l}/kubernetesVersions|orchestrators}.
 */
public final class AksRoutes {
    private final ManagedClusters clusters;
    private final AgentPools pools;
    private final AksVersions versions;

    public AksRoutes(ManagedClusters clusters, AgentPools pools, AksVersions versions) {
        this.clusters = clusters;
        this.pools = pools;
        this.versions = versions;
    }

    /** {@code resourceGroups/{g}/providers/Microsoft.ContainerService/{type}/...}; null when the type is not ours. */
    Reply inGroup(ArmRequest req, String group) {
        if (!req.key(4).equals("managedclusters")) {
            return null;
        }
        String m = req.method();
        if (req.size() == 5) {
            return get(m, () -> clusters.list(req, group));
        }
        String name = req.segment(5);
        if (req.size() == 6) {
            return switch (m) {
                case "PUT" -> clusters.put(req, group, name);
                case "GET" -> clusters.get(req, group, name);
                case "DELETE" -> clusters.delete(req, group, name);
                default -> throw ArmException.methodNotAllowed(m);
            };
        }
        String sub = req.key(6);
        if (req.size() == 7) {
            return switch (sub) {
                case "agentpools" -> get(m, () -> pools.list(req, group, name));
                case "listclusterusercredential" -> post(m, () -> clusters.credentials(req, group, name, false));
                case "listclusteradmincredential" -> post(m, () -> clusters.credentials(req, group, name, true));
                default -> throw ArmException.pathNotFound(String.join("/", req.path()));
            };
        }
        if (req.size() == 8 && sub.equals("upgradeprofiles") && req.key(7).equals("default")) {
            return get(m, () -> versions.upgradeProfile(req, group, name));
        }
        if (sub.equals("agentpools")) {
            String pool = req.segment(7);
            if (req.size() == 8) {
                return switch (m) {
                    case "PUT" -> pools.put(req, group, name, pool);
                    case "GET" -> pools.get(req, group, name, pool);
                    case "DELETE" -> pools.delete(req, group, name, pool);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
            if (req.size() == 10 && req.key(8).equals("upgradeprofiles") && req.key(9).equals("default")) {
                return get(m, () -> versions.poolUpgradeProfile(req, group, name, pool));
            }
        }
        throw ArmException.pathNotFound(String.join("/", req.path()));
    }

    /** {@code providers/Microsoft.ContainerService/...} under the subscription; null when the path is not ours. */
    Reply inSubscription(ArmRequest req) {
        String m = req.method();
        if (req.size() == 3 && req.key(2).equals("managedclusters")) {
            return get(m, () -> clusters.list(req, null));
        }
        if (req.size() == 5 && req.key(2).equals("locations")) {
            return switch (req.key(4).toLowerCase(Locale.ROOT)) {
                case "kubernetesversions" -> get(m, () -> versions.kubernetesVersions(req, req.segment(3)));
                case "orchestrators" -> get(m, () -> versions.orchestrators(req, req.segment(3)));
                default -> null;
            };
        }
        return null;
    }

    private static Reply get(String method, java.util.function.Supplier<Reply> answer) {
        if (!method.equals("GET")) {
            throw ArmException.methodNotAllowed(method);
        }
        return answer.get();
    }

    private static Reply post(String method, java.util.function.Supplier<Reply> answer) {
        if (!method.equals("POST")) {
            throw ArmException.methodNotAllowed(method);
        }
        return answer.get();
    }
}
