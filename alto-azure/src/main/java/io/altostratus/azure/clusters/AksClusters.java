package io.altostratus.azure.clusters;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.FluxUtil;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.azure.resourcemanager.containerservice.fluent.models.KubernetesVersionListResultInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.CredentialResult;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import io.altostratus.azure.AzureSettings;
import io.altostratus.azure.internal.ArmCalls;
import io.altostratus.azure.internal.ArmClients;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterErrors;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeAuth;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.clusters.UpdateType;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code azure} provider's {@link Clusters}: Azure Kubernetes Service through the Azure SDK's container service
 * resource manager ({@code ContainerServiceManagementClient}) on the session's HTTP pipeline, in the session's
 * resource group and location, every call through the session's retry policy ({@link ArmCalls}: 429, 5xx and busy
 * 409s retried with backoff and {@code Retry-After}, the rest translated by {@link AksErrors}).
 *
 * <p>How AKS meets the portable model:
 * <ul>
 *   <li><b>Where</b>: clusters live in the session's resource group ({@code resource_group}, default {@code alto},
 *       made on the first create and tagged {@code alto:managed=true} as launches do) and location; a cluster of the
 *       group in another location is not this session's.</li>
 *   <li><b>Node pools</b> are agent pools: a cluster's first pool is a {@code System} pool (AKS runs its own pods
 *       there), later ones {@code User} pools, unless the cluster has no System pool left. AKS keeps at least one
 *       System pool while a cluster has pools: deleting the last one while User pools remain is INVALID_STATE. A
 *       cluster may be asked for without pools, as the core allows; Azure's AKS refuses that (INVALID_PARAMETER, its
 *       own message) while alto's ARM endpoint takes it. A pool autoscales between min and max unless the spec pins
 *       its size (min = desired = max); taints travel as AKS's {@code key=value:Effect} strings.</li>
 *   <li><b>Versions</b>: the location's {@code kubernetesVersions} (previews left out) read as minor versions; a
 *       create or upgrade sends the minor version, which AKS takes as its newest patch. Full versions stay in the
 *       details ({@code kubernetesVersion}, {@code currentKubernetesVersion}, {@code orchestratorVersion}).</li>
 *   <li><b>Changes</b> are ARM long-running operations and are not waited for: each answers at once, and its
 *       {@code Azure-AsyncOperation} status resource is what {@link #update} reads. An update's id is the
 *       operation's id; the cluster, pool and parameters of updates this service started are remembered, an id it
 *       did not start is looked up in the session's location (read as a configuration change of the cluster).</li>
 *   <li><b>Names in use</b>: ARM's PUT creates or replaces, so creates send {@code If-None-Match: *} and a name in
 *       use is ALREADY_EXISTS (checked before the call too, so the common case costs no PUT).</li>
 *   <li><b>Kubeconfigs</b> come from {@code listClusterUserCredential}: the server and CA as AKS writes them, and
 *       the user's bearer token as is, or, for clusters that sign in with Entra ID ({@code kubelogin}), alto's own
 *       exec plugin ({@code alto kube-token --provider azure}, see {@link AksTokens}). A cluster's CA, which the AKS
 *       resource does not carry, is read from those credentials when {@link #get} first sees the cluster with an
 *       endpoint and kept for the session (listings show it once known).</li>
 *   <li><b>Creation times</b>: agent pools carry none; a pool reads as made when this service asked for it, else
 *       when its cluster was made, and its details' {@code createdAtSource} says which ({@code asked} or
 *       {@code cluster}).</li>
 *   <li>Checks AKS would make too (one minor version per upgrade, a pool no newer than its control plane, changes
 *       only to something active, no pools left before a cluster is deleted) are made first, so the errors are every
 *       backend's. AKS's own name rules are checked on create: clusters 1 to 63 letters, digits, hyphens and
 *       underscores, a letter or digit first and last; Linux pools 1 to 12 lowercase letters and digits, a letter
 *       first.</li>
 * </ul>
 */
public final class AksClusters implements Clusters {
    /** AKS's cluster names. */
    private static final Pattern AKS_CLUSTER_NAME = Pattern.compile("[A-Za-z0-9]([-_A-Za-z0-9]{0,61}[A-Za-z0-9])?");
    /** AKS's Linux agent pool names. */
    private static final Pattern AKS_POOL_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
    /** An operation id as it may appear in a URL path segment. */
    private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,127}");
    /** The api-version of operation status URLs this service builds itself (the SDK's own). */
    static final String API_VERSION = "2025-09-01";
    private static final String PUBLIC_ARM = "https://management.azure.com";
    private static final String ASKED = "asked";
    /** Kept for a cluster whose credentials name no CA (or may not be listed), so they are asked for once. */
    private static final String NO_AUTHORITY = "";

    private final ArmClients clients;
    private final ArmCalls calls;
    private final String group;
    private final String location;
    /** The endpoint override, or null for Azure's; kubeconfigs pass it on to {@code alto kube-token}. */
    private final String endpoint;
    private final String kubeTokenCommand;
    private boolean groupReady;

    /** When this service asked for each pool ({@code cluster/pool}): AKS's pools do not say when they were made. */
    private final Map<String, Instant> poolsAskedAt = new ConcurrentHashMap<>();
    /** Updates this service started, by operation id: AKS's operation status does not say what it changes. */
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    /** Each cluster's CA by name and creation time, read from its credentials once. */
    private final Map<String, String> authorities = new ConcurrentHashMap<>();

    /** An update as this service started it; {@code url} null when the change ended with its first answer. */
    private record Started(String cluster, String pool, UpdateType type, Map<String, String> params, String url,
                           Instant createdAt) {
    }

    /** One answer to a PUT or DELETE, read in full. */
    private record Sent(int status, String asyncUrl, String requestId, byte[] body) {
    }

    AksClusters(ArmClients clients, ArmCalls calls, String group, String location, String endpoint,
                String kubeTokenCommand) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.group = Objects.requireNonNull(group, "group");
        this.location = Objects.requireNonNull(location, "location");
        this.endpoint = endpoint;
        this.kubeTokenCommand = Objects.requireNonNull(kubeTokenCommand, "kubeTokenCommand");
    }

    /**
     * The service for an azure session: the session's ARM clients (its pipeline, credentials and subscription), its
     * resource group and location, and a retry policy with the session's attempts, backoff and operation timeout.
     *
     * @param endpoint         the endpoint override without a trailing slash, or null for Azure's
     * @param kubeTokenCommand the program kubeconfigs run for tokens ({@code alto}, or another path to it)
     */
    public static AksClusters open(ArmClients clients, AzureSettings settings, String location, String endpoint,
                                   String kubeTokenCommand, Sleeper sleeper, Retrier.Listener listener, Clock clock) {
        Retrier retrier = new Retrier(settings.maxAttempts(), AksErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, clock,
                new SecureRandom(), listener);
        ArmCalls calls = new ArmCalls(retrier, settings.maxAttempts(), sleeper, settings.maxDelay(),
                settings.operationTimeout());
        return new AksClusters(clients, calls, settings.resourceGroup(), location, endpoint, kubeTokenCommand);
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public String region() {
        return location;
    }

    @Override
    public Clock clock() {
        return calls.clock();
    }

    private ContainerServiceManagementClient aks() {
        return clients.containerService();
    }

    private ManagedClustersClient managedClusters() {
        return aks().getManagedClusters();
    }

    private AgentPoolsClient agentPools() {
        return aks().getAgentPools();
    }

    // ---- clusters ---------------------------------------------------------------------------------------------

    @Override
    public Cluster create(ClusterSpec spec) {
        if (spec.region() != null && !AksConvert.normalizeLocation(spec.region()).equals(location)) {
            throw ClusterRules.invalid("cluster " + spec.name() + " is asked for in " + spec.region()
                    + ", but this session works in " + location);
        }
        checkAksClusterName(spec.name());
        if (!spec.roles().isEmpty()) {
            throw ClusterRules.invalid("AKS takes no roles in a cluster spec (the cluster gets a system-assigned "
                    + "managed identity), not " + spec.roles().keySet());
        }
        if (!spec.securityGroupIds().isEmpty()) {
            throw ClusterRules.invalid("AKS control planes take no security groups; give the node pools' subnet "
                    + "instead (subnetIds), not " + spec.securityGroupIds());
        }
        if (spec.subnetIds().size() > 1) {
            throw ClusterRules.invalid("AKS puts a cluster's node pools in one subnet (a resource id); got "
                    + spec.subnetIds().size());
        }
        String subnet = spec.subnetIds().isEmpty() ? null : spec.subnetIds().getFirst();
        List<ManagedClusterAgentPoolProfile> profiles = new ArrayList<>();
        for (NodePoolSpec pool : spec.nodePools()) {
            checkAksPoolName(pool.name());
            if (spec.version() != null && pool.version() != null) {
                ClusterRules.checkPoolVersion(spec.name(), spec.version(), pool.version());
            }
            profiles.add(AksConvert.profile(pool, profiles.isEmpty(), subnet));
        }
        if (findInner(spec.name()).isPresent()) {
            throw nameInUse(spec.name());
        }
        ensureGroup();
        ManagedClusterInner inner = new ManagedClusterInner()
                .withDnsPrefix(AksConvert.dnsPrefix(spec.name()))
                .withKubernetesVersion(spec.version())
                .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
                .withAgentPoolProfiles(profiles);
        inner.withLocation(location).withTags(spec.tags());
        Instant asked = clock().instant();
        Sent sent;
        try {
            // If-None-Match: * makes the PUT a create only: racing creates of one name make one cluster.
            sent = send("managedClusters.createOrUpdate",
                    () -> managedClusters().createOrUpdateWithResponseAsync(group, spec.name(), inner, null, "*"));
        } catch (AltoException e) {
            throw e.code() == ErrorCode.ALREADY_EXISTS ? nameInUse(spec.name()) : e;
        }
        authorities.keySet().removeIf(k -> k.startsWith(key(spec.name())));
        spec.nodePools().forEach(p -> poolsAskedAt.put(spec.name() + "/" + p.name(), asked));
        ManagedClusterInner made = parse(sent.body(), ManagedClusterInner::fromJson);
        if (made == null || made.name() == null) {
            return require(spec.name());
        }
        return AksConvert.cluster(made, null);
    }

    @Override
    public Optional<Cluster> get(String name) {
        ClusterRules.checkClusterName(name);
        return findInner(name).map(this::withAuthority);
    }

    /** The managed cluster of that name in this group and location, or empty. */
    private Optional<ManagedClusterInner> findInner(String name) {
        try {
            ManagedClusterInner c = calls.call("managedClusters.get",
                    () -> managedClusters().getByResourceGroup(group, name));
            return inLocation(c) ? Optional.of(c) : Optional.empty();
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private ManagedClusterInner requireInner(String name) {
        ClusterRules.checkClusterName(name);
        return findInner(name).orElseThrow(() -> ClusterErrors.clusterNotFound(name));
    }

    private boolean inLocation(ManagedClusterInner c) {
        return c != null && location.equals(AksConvert.normalizeLocation(c.location()));
    }

    @Override
    public List<Cluster> list() {
        List<Cluster> out = new ArrayList<>();
        try {
            calls.call("managedClusters.listByResourceGroup",
                    () -> managedClusters().listByResourceGroup(group).stream().toList())
                    .stream().filter(this::inLocation)
                    .forEach(c -> out.add(AksConvert.cluster(c, authority(c))));
        } catch (AltoException e) {
            // The group is made on the first create: before that there is nothing to list.
            if (e.code() != ErrorCode.NOT_FOUND || !"ResourceGroupNotFound".equals(e.providerCode())) {
                throw e;
            }
        }
        out.sort(Comparator.comparing(Cluster::name));
        return out;
    }

    @Override
    public Cluster delete(String name) {
        ManagedClusterInner c = requireInner(name);
        List<String> pools = c.agentPoolProfiles() == null ? List.of()
                : c.agentPoolProfiles().stream().map(ManagedClusterAgentPoolProfile::name).toList();
        if (!pools.isEmpty()) {
            throw ClusterErrors.hasNodePools(name, pools);
        }
        send("managedClusters.delete", () -> managedClusters().deleteWithResponseAsync(group, name, null));
        authorities.remove(key(c));
        Cluster before = AksConvert.cluster(c, null);
        return findInner(name).map(after -> AksConvert.cluster(after, null))
                .orElseGet(() -> withState(before, ClusterState.DELETING));
    }

    /**
     * The location's Kubernetes versions without previews, as minor versions, oldest first; the default is the one
     * AKS marks so (else the newest).
     */
    @Override
    public List<KubernetesVersion> versions() {
        KubernetesVersionListResultInner answer = calls.call("managedClusters.listKubernetesVersions",
                () -> managedClusters().listKubernetesVersions(location));
        TreeMap<String, Boolean> minors = new TreeMap<>(ClusterRules::compareVersions);
        if (answer != null && answer.values() != null) {
            for (com.azure.resourcemanager.containerservice.models.KubernetesVersion v : answer.values()) {
                String minor = AksConvert.checkedMinor(v.version());
                if (minor != null && !Boolean.TRUE.equals(v.isPreview())) {
                    minors.merge(minor, Boolean.TRUE.equals(v.isDefault()), Boolean::logicalOr);
                }
            }
        }
        if (minors.isEmpty()) {
            return List.of();
        }
        String chosen = minors.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .reduce((a, b) -> b).orElse(minors.lastKey());
        return minors.keySet().stream().map(m -> new KubernetesVersion(m, m.equals(chosen), null)).toList();
    }

    /**
     * Moves the control plane one minor version on: the cluster as AKS holds it, PUT back with the new
     * {@code kubernetesVersion} and its pools' versions as they were (so only the control plane moves, as
     * {@code az aks upgrade --control-plane-only} does).
     */
    @Override
    public ClusterUpdate upgrade(String name, String version) {
        ClusterRules.checkVersion(version);
        ManagedClusterInner c = requireInner(name);
        Cluster cluster = AksConvert.cluster(c, null);
        if (cluster.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + name, cluster.stateName(), "upgraded");
        }
        ClusterRules.checkUpgradeStep(name, cluster.version(), version);
        c.withKubernetesVersion(version);
        Sent sent = send("managedClusters.createOrUpdate",
                () -> managedClusters().createOrUpdateWithResponseAsync(group, name, c, null, null));
        return started(sent, name, null, UpdateType.VERSION_UPDATE, Map.of(ClusterUpdate.VERSION, version));
    }

    @Override
    public ClusterUpdate update(String cluster, String updateId) {
        ClusterRules.checkClusterName(cluster);
        requireInner(cluster);
        if (updateId == null || !OPERATION_ID.matcher(updateId).matches()) {
            throw ClusterErrors.updateNotFound(cluster, updateId);
        }
        Started s = started.get(updateId);
        if (s != null && !s.cluster().equals(cluster)) {
            throw ClusterErrors.updateNotFound(cluster, updateId);
        }
        if (s != null && s.url() == null) {
            return new ClusterUpdate(updateId, cluster, s.pool(), s.type(), UpdateStatus.SUCCESSFUL, s.params(),
                    List.of(), s.createdAt());
        }
        String url = s != null ? s.url() : operationUrl(updateId);
        AksOperation op;
        try {
            op = calls.call("operations.get", () -> AksOperation.get(aks().getHttpPipeline(), url));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new AltoException(ErrorCode.NOT_FOUND, ClusterErrors.NOT_FOUND,
                        "No update found for ID: " + updateId + " of cluster " + cluster + ".", e);
            }
            throw e;
        }
        UpdateStatus status = op.updateStatus();
        List<String> errors = List.of();
        if (status == UpdateStatus.FAILED || status == UpdateStatus.CANCELLED) {
            String why = op.errorMessage() != null ? op.errorMessage() : "the operation ended " + op.status();
            errors = List.of(op.errorCode() != null ? op.errorCode() + ": " + why : why);
        }
        return new ClusterUpdate(updateId, cluster, s != null ? s.pool() : null,
                s != null ? s.type() : UpdateType.CONFIG_UPDATE, status, s != null ? s.params() : Map.of(), errors,
                s != null ? s.createdAt() : op.startTime());
    }

    /** Where AKS keeps an operation's status: the session's location under Microsoft.ContainerService. */
    private String operationUrl(String operationId) {
        String base = endpoint != null ? endpoint : PUBLIC_ARM;
        return base + "/subscriptions/" + clients.subscription() + "/providers/Microsoft.ContainerService/locations/"
                + location + "/operations/" + operationId + "?api-version=" + API_VERSION;
    }

    @Override
    public Kubeconfig kubeconfig(String name) {
        ManagedClusterInner c = requireInner(name);
        Cluster cluster = AksConvert.cluster(c, null);
        if (cluster.endpoint() == null) {
            throw ClusterErrors.busy("cluster " + name, cluster.stateName(), "reached (it has no endpoint yet)");
        }
        AksKubeconfig credentials = credentials(name);
        if (credentials.certificateAuthority() != null) {
            authorities.put(key(c), credentials.certificateAuthority());
        }
        KubeAuth auth;
        if (credentials.token() != null) {
            auth = new KubeAuth.Token(credentials.token());
        } else if (credentials.execCommand() != null) {
            // kubelogin signs in with Entra ID; alto's own plugin does the same from the session's credentials.
            List<String> args = new ArrayList<>(List.of("kube-token", "--provider", "azure", "--cluster", name,
                    "--region", location));
            if (endpoint != null) {
                args.addAll(List.of("--endpoint", endpoint));
            }
            auth = new KubeAuth.Exec(KubeAuth.Exec.V1BETA1, kubeTokenCommand, args, Map.of());
        } else {
            throw new AltoException(ErrorCode.UNSUPPORTED, "ClientCertificateOnly", "the user credentials of AKS "
                    + "cluster " + name + " are a client certificate alone, which alto's kubeconfigs do not carry; "
                    + "use a cluster with Entra ID sign-in or local accounts with tokens");
        }
        String server = sameServer(credentials.server(), cluster.endpoint()) ? cluster.endpoint()
                : credentials.server();
        String context = credentials.contextName() != null ? credentials.contextName() : name;
        return Kubeconfig.of(context, server, credentials.certificateAuthority(), auth);
    }

    /** The cluster's user kubeconfig, as AKS hands it out (the first one it lists). */
    private AksKubeconfig credentials(String name) {
        CredentialResultsInner answer = calls.call("managedClusters.listClusterUserCredentials",
                () -> managedClusters().listClusterUserCredentials(group, name));
        List<CredentialResult> configs = answer == null || answer.kubeconfigs() == null ? List.of()
                : answer.kubeconfigs();
        if (configs.isEmpty() || configs.getFirst().value() == null) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "NoKubeconfig",
                    "AKS listed no user kubeconfig for cluster " + name);
        }
        return AksKubeconfig.read(configs.getFirst().value());
    }

    /** {@code https://host:443} and {@code https://host} name one server. */
    static boolean sameServer(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            URI x = URI.create(a);
            URI y = URI.create(b);
            int px = x.getPort() == -1 ? 443 : x.getPort();
            int py = y.getPort() == -1 ? 443 : y.getPort();
            return "https".equalsIgnoreCase(x.getScheme()) && "https".equalsIgnoreCase(y.getScheme())
                    && x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost()) && px == py
                    && (x.getPath() == null || x.getPath().isEmpty() || x.getPath().equals("/"))
                    && (y.getPath() == null || y.getPath().isEmpty() || y.getPath().equals("/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The cluster with its CA: AKS's cluster resource has none, its user credentials do. Read once per cluster (by
     * resource id and creation time) when the cluster first has an endpoint; a cluster whose credentials this caller
     * may not list reads without one.
     */
    private Cluster withAuthority(ManagedClusterInner c) {
        Cluster cluster = AksConvert.cluster(c, null);
        String k = key(c);
        String known = authorities.get(k);
        boolean serving = cluster.state() == ClusterState.ACTIVE || cluster.state() == ClusterState.UPDATING;
        if (known == null && serving && cluster.endpoint() != null) {
            try {
                String read = credentials(c.name()).certificateAuthority();
                known = read == null ? NO_AUTHORITY : read;
            } catch (AltoException e) {
                if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_STATE) {
                    // Gone or changing since the GET: the cluster as read, and the CA at a later read.
                    return cluster;
                }
                if (e.code() != ErrorCode.AUTH_FAILURE && e.code() != ErrorCode.PROVIDER_ERROR) {
                    throw e;
                }
                // Not allowed to list them, or not readable: asking again on every read would not change that.
                known = NO_AUTHORITY;
            }
            authorities.put(k, known);
        }
        return known == null || known.equals(NO_AUTHORITY) ? cluster : AksConvert.cluster(c, known);
    }

    /** The CA known for the cluster, or null. */
    private String authority(ManagedClusterInner c) {
        String known = authorities.get(key(c));
        return known == null || known.equals(NO_AUTHORITY) ? null : known;
    }

    private String key(ManagedClusterInner c) {
        Instant made = AksConvert.createdAt(c.systemData());
        return key(c.name()) + (made == null ? "" : made.toString());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT) + "@";
    }

    // ---- node pools -------------------------------------------------------------------------------------------

    @Override
    public NodePool addNodePool(String cluster, NodePoolSpec spec) {
        checkAksPoolName(spec.name());
        ManagedClusterInner c = requireInner(cluster);
        Cluster current = AksConvert.cluster(c, null);
        if (current.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + cluster, current.stateName(), "given node pools");
        }
        if (spec.version() != null && current.version() != null) {
            ClusterRules.checkPoolVersion(cluster, current.version(), spec.version());
        }
        List<ManagedClusterAgentPoolProfile> profiles = c.agentPoolProfiles() == null ? List.of()
                : c.agentPoolProfiles();
        if (profiles.stream().anyMatch(p -> spec.name().equals(p.name()))) {
            throw ClusterErrors.nodePoolExists(cluster, spec.name());
        }
        boolean system = profiles.stream().noneMatch(p -> AksConvert.isSystem(p.mode()));
        // A cluster's pools share its network: a new one goes where the others are.
        String subnet = profiles.stream().map(ManagedClusterAgentPoolProfile::vnetSubnetId).filter(Objects::nonNull)
                .findFirst().orElse(null);
        AgentPoolInner body = AksConvert.agentPool(spec, system, subnet);
        Instant asked = clock().instant();
        Sent sent;
        try {
            sent = send("agentPools.createOrUpdate", () -> agentPools().createOrUpdateWithResponseAsync(group,
                    cluster, spec.name(), body, null, "*"));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, ClusterErrors.IN_USE,
                        "NodeGroup already exists with name " + spec.name() + " and cluster name " + cluster, e);
            }
            throw e;
        }
        poolsAskedAt.put(cluster + "/" + spec.name(), asked);
        AgentPoolInner made = parse(sent.body(), AgentPoolInner::fromJson);
        if (made == null || made.name() == null) {
            return poolOf(current, spec.name()).orElseThrow(() -> ClusterErrors.nodePoolNotFound(cluster,
                    spec.name()));
        }
        return pool(current, made);
    }

    @Override
    public List<NodePool> nodePools(String cluster) {
        Cluster c = AksConvert.cluster(requireInner(cluster), null);
        List<NodePool> pools = new ArrayList<>();
        calls.call("agentPools.list", () -> agentPools().list(group, cluster).stream().toList())
                .forEach(p -> pools.add(pool(c, p)));
        pools.sort(Comparator.comparing(NodePool::name));
        return pools;
    }

    @Override
    public Optional<NodePool> nodePool(String cluster, String name) {
        ClusterRules.checkPoolName(name);
        return poolOf(AksConvert.cluster(requireInner(cluster), null), name);
    }

    private Optional<NodePool> poolOf(Cluster c, String name) {
        return poolInner(c.name(), name).map(p -> pool(c, p));
    }

    private Optional<AgentPoolInner> poolInner(String cluster, String name) {
        try {
            return Optional.of(calls.call("agentPools.get", () -> agentPools().get(group, cluster, name)));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The pool as AKS holds it, which must be active to be changed. */
    private AgentPoolInner activePool(Cluster c, String pool, String verb) {
        AgentPoolInner p = poolInner(c.name(), pool).orElseThrow(() -> ClusterErrors.nodePoolNotFound(c.name(),
                pool));
        NodePool current = pool(c, p);
        if (current.state() != NodePoolState.ACTIVE) {
            throw ClusterErrors.busy("node pool " + pool + " of cluster " + c.name(), current.stateName(), verb);
        }
        return p;
    }

    @Override
    public ClusterUpdate scaleNodePool(String cluster, String pool, int desired, int min, int max) {
        ClusterRules.checkPoolName(pool);
        ClusterRules.checkCounts(pool, desired, min, max);
        Cluster c = AksConvert.cluster(requireInner(cluster), null);
        AgentPoolInner p = AksConvert.sizes(activePool(c, pool, "resized"), desired, min, max);
        Sent sent = send("agentPools.createOrUpdate",
                () -> agentPools().createOrUpdateWithResponseAsync(group, cluster, pool, p, null, null));
        return started(sent, cluster, pool, UpdateType.CONFIG_UPDATE, Map.of(
                ClusterUpdate.DESIRED_SIZE, Integer.toString(desired), ClusterUpdate.MIN_SIZE, Integer.toString(min),
                ClusterUpdate.MAX_SIZE, Integer.toString(max)));
    }

    @Override
    public ClusterUpdate upgradeNodePool(String cluster, String pool, String version) {
        ClusterRules.checkPoolName(pool);
        if (version != null) {
            ClusterRules.checkVersion(version);
        }
        Cluster c = AksConvert.cluster(requireInner(cluster), null);
        AgentPoolInner p = activePool(c, pool, "upgraded");
        String target = ClusterRules.poolUpgradeTarget(cluster, pool, c.version(), pool(c, p).version(), version);
        p.withOrchestratorVersion(target);
        Sent sent = send("agentPools.createOrUpdate",
                () -> agentPools().createOrUpdateWithResponseAsync(group, cluster, pool, p, null, null));
        return started(sent, cluster, pool, UpdateType.VERSION_UPDATE, Map.of(ClusterUpdate.VERSION, target));
    }

    /**
     * Deletes a pool, keeping AKS's rule that a cluster with pools has a System pool among them: the last System
     * pool goes only when it is the last pool.
     */
    @Override
    public NodePool deleteNodePool(String cluster, String pool) {
        ClusterRules.checkPoolName(pool);
        ManagedClusterInner inner = requireInner(cluster);
        Cluster c = AksConvert.cluster(inner, null);
        AgentPoolInner p = poolInner(cluster, pool).orElseThrow(() -> ClusterErrors.nodePoolNotFound(cluster,
                pool));
        if (AksConvert.isSystem(p.mode())) {
            List<ManagedClusterAgentPoolProfile> others = inner.agentPoolProfiles() == null ? List.of()
                    : inner.agentPoolProfiles().stream().filter(o -> !pool.equals(o.name()))
                    .filter(o -> !"Deleting".equalsIgnoreCase(o.provisioningState())).toList();
            if (!others.isEmpty() && others.stream().noneMatch(o -> AksConvert.isSystem(o.mode()))) {
                throw new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "node pool " + pool
                        + " is the last System pool of AKS cluster " + cluster + ", which keeps one while it has "
                        + "node pools: delete its User pools (" + String.join(", ", others.stream()
                        .map(ManagedClusterAgentPoolProfile::name).toList()) + ") first, then this one");
            }
        }
        NodePool before = pool(c, p);
        send("agentPools.delete", () -> agentPools().deleteWithResponseAsync(group, cluster, pool, null, null));
        return poolOf(c, pool).orElseGet(() -> withState(before, NodePoolState.DELETING));
    }

    /** Nothing to release: the session's clients are the JDK HTTP client's. */
    @Override
    public void close() {
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private NodePool pool(Cluster c, AgentPoolInner p) {
        Instant asked = poolsAskedAt.get(c.name() + "/" + p.name());
        return asked != null ? AksConvert.nodePool(c.name(), p, asked, ASKED)
                : AksConvert.nodePool(c.name(), p, c.createdAt(), "cluster");
    }

    /**
     * Sends one PUT or DELETE and reads its whole answer: the body, and the {@code Azure-AsyncOperation} URL that
     * follows the change (the SDK's pollers would read it and not say).
     */
    private Sent send(String operation, Supplier<Mono<Response<Flux<ByteBuffer>>>> call) {
        return calls.call(operation, () -> {
            Response<Flux<ByteBuffer>> response = call.get().block();
            if (response == null) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "NoResponse", operation + ": no answer");
            }
            byte[] body = response.getValue() == null ? new byte[0]
                    : FluxUtil.collectBytesInByteBufferStream(response.getValue()).block();
            return new Sent(response.getStatusCode(),
                    response.getHeaders().getValue(HttpHeaderName.fromString("Azure-AsyncOperation")),
                    response.getHeaders().getValue(HttpHeaderName.X_MS_REQUEST_ID), body == null ? new byte[0] : body);
        });
    }

    /** An update for a change just sent: followed by its operation, or done already when AKS answered without one. */
    private ClusterUpdate started(Sent sent, String cluster, String pool, UpdateType type,
                                  Map<String, String> params) {
        Instant now = clock().instant();
        String url = sent.asyncUrl();
        String id = url != null ? operationId(url) : null;
        if (id == null) {
            id = sent.requestId() != null && OPERATION_ID.matcher(sent.requestId()).matches() ? sent.requestId()
                    : UUID.randomUUID().toString();
            url = null;
        }
        started.put(id, new Started(cluster, pool, type, params, url, now));
        UpdateStatus status = url == null ? UpdateStatus.SUCCESSFUL : UpdateStatus.IN_PROGRESS;
        return new ClusterUpdate(id, cluster, pool, type, status, params, List.of(), now);
    }

    /** The last path segment of an operation status URL; null when it is not an id. */
    static String operationId(String url) {
        String path = url;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        return OPERATION_ID.matcher(id).matches() ? id : null;
    }

    private interface FromJson<T> {
        T read(JsonReader reader) throws IOException;
    }

    private static <T> T parse(byte[] body, FromJson<T> reader) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonReader json = JsonProviders.createReader(body)) {
            return reader.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource group, made (tagged as alto's) on the first create; ARM wants it before anything in it. */
    private synchronized void ensureGroup() {
        if (groupReady) {
            return;
        }
        boolean exists = calls.call("resourceGroups.checkExistence",
                () -> clients.resources().getResourceGroups().checkExistence(group));
        if (!exists) {
            calls.call("resourceGroups.createOrUpdate", () -> clients.resources().getResourceGroups()
                    .createOrUpdate(group, new ResourceGroupInner().withLocation(location)
                            .withTags(Map.of("alto:managed", "true"))));
        }
        groupReady = true;
    }

    private AltoException nameInUse(String name) {
        return new AltoException(ErrorCode.ALREADY_EXISTS, ClusterErrors.IN_USE, "Cluster already exists with name: "
                + name + " (resource group " + group + ")");
    }

    private static void checkAksClusterName(String name) {
        if (!AKS_CLUSTER_NAME.matcher(name).matches()) {
            throw ClusterRules.invalid("'" + name + "' is not a valid AKS cluster name: use 1 to 63 letters, digits, "
                    + "hyphens and underscores, a letter or digit first and last");
        }
    }

    private static void checkAksPoolName(String name) {
        ClusterRules.checkPoolName(name);
        if (!AKS_POOL_NAME.matcher(name).matches()) {
            throw ClusterRules.invalid("'" + name + "' is not a valid AKS node pool name: use 1 to 12 lowercase "
                    + "letters and digits, a letter first");
        }
    }

    private static Cluster withState(Cluster c, ClusterState state) {
        return new Cluster(c.name(), c.id(), c.region(), c.version(), state, null, c.endpoint(),
                c.certificateAuthority(), c.createdAt(), c.platformVersion(), c.tags(), c.details());
    }

    private static NodePool withState(NodePool p, NodePoolState state) {
        return new NodePool(p.cluster(), p.name(), p.id(), state, null, p.instanceType(), p.desired(), p.min(),
                p.max(), p.version(), p.labels(), p.taints(), p.diskGiB(), p.nodeIds(), p.createdAt(), p.details());
    }
}
