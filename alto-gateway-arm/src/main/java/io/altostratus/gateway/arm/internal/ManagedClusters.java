package io.altostratus.gateway.arm.internal;

import io.altostratus.gateway.backend.ClusterServices;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.Kubeconfig;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.clusters.UpdateStatus;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.gateway.arm.internal.AksKept.AksCluster;
import io.altostratus.gateway.arm.internal.AksShapes.PoolRequest;
import io.altostratus.gateway.arm.internal.AksShapes.Sizes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Microsoft.ContainerService {@code managedClusters} over the backend's {@link Clusters}: PUT (create; on an existing
 * cluster an update of tags, of the Kubernetes version through {@link Clusters#upgrade}, and of its agent pools'
 * sizes), GET, DELETE, lists per group and subscription, and the user and admin credentials.
 *
 * <p>Long-running changes answer with an {@code Azure-AsyncOperation} link ({@link Operations}) whose status follows
 * the backend: a create is done when the cluster and its pools are active, an upgrade or resize when the backend's
 * {@link ClusterUpdate}s are successful (and the pools a cluster PUT named anew are active). ARM deletes a cluster with its pools in one call where the portable service
 * wants the pools gone first, so the delete operation drives that sequence a step at each look (its poll, or a GET
 * or list of clusters, so callers that wait on the resource see it go too).
 */
public final class ManagedClusters {
    static final String CREATE = "aksCreate";
    static final String UPDATE = "aksUpdate";
    static final String DELETE = "aksDelete";
    static final String POOL_CREATE = "aksPoolCreate";
    static final String POOL_DELETE = "aksPoolDelete";
    /** Marks, among an update operation's backend update ids, a pool the update made. */
    private static final String POOL_PREFIX = "pool:";

    private final AksKept aks;
    private final Kept kept;
    private final Sessions sessions;
    private final ClusterServices clusters;
    private final Operations operations;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ManagedClusters(AksKept aks, Kept kept, Sessions sessions, ClusterServices clusters, Operations operations,
                           Clock clock) {
        this.aks = aks;
        this.kept = kept;
        this.sessions = sessions;
        this.clusters = clusters;
        this.operations = operations;
        this.clock = clock;
        operations.watch(CREATE, this::created);
        operations.watch(UPDATE, this::updated);
        operations.watch(DELETE, this::deleted);
        operations.watch(POOL_CREATE, this::poolCreated);
        operations.watch(POOL_DELETE, this::poolDeleted);
    }

    // ---- managedClusters ----------------------------------------------------------------------------------------

    public Reply put(ArmRequest req, String group, String name) {
        AksShapes.checkClusterName(name);
        ManagedClusterInner model = Json.parse(req.body(), ManagedClusterInner::fromJson);
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        synchronized (lock(req.subscription(), group, name)) {
            Optional<AksCluster> existing = aks.cluster(req.subscription(), group, name);
            checkConditions(req, existing.isPresent(), "managed cluster '" + name + "'");
            if (existing.isPresent()) {
                return update(req, existing.get(), model);
            }
            return create(req, g, name, model);
        }
    }

    private Reply create(ArmRequest req, Kept.Group g, String name, ManagedClusterInner model) {
        String sub = req.subscription();
        String region = sessions.region(sub, model.location());
        Clusters backend = clusters.of(sub, region);
        String minor = AksShapes.minor(model.kubernetesVersion(), "kubernetesVersion");
        List<ManagedClusterAgentPoolProfile> profiles = model.agentPoolProfiles() == null ? List.of()
                : model.agentPoolProfiles();
        Map<String, String> modes = new LinkedHashMap<>();
        Map<String, String> auto = new LinkedHashMap<>();
        ClusterSpec.Builder spec = ClusterSpec.builder(coreName(sub, region, g.name(), name))
                .version(minor).tags(model.tags() == null ? Map.of() : model.tags());
        for (int i = 0; i < profiles.size(); i++) {
            PoolRequest p = PoolRequest.of(profiles.get(i));
            AksShapes.checkPoolName(p.name());
            if (modes.containsKey(p.name())) {
                throw ArmException.invalid("Agent pool name '" + p.name() + "' is used twice in agentPoolProfiles.");
            }
            String mode = p.mode() != null ? canonicalMode(p.mode()) : i == 0 ? "System" : "User";
            Sizes sizes = AksShapes.sizes(p, null, mode.equals("System"));
            spec.nodePool(backend(() -> AksShapes.spec(p, sizes)));
            modes.put(p.name(), mode);
            auto.put(p.name(), Boolean.toString(p.autoscale()));
        }
        if (!profiles.isEmpty() && !modes.containsValue("System")) {
            throw ArmException.invalid("A managed cluster must have at least one agent pool in System mode.");
        }
        String dnsPrefix = model.dnsPrefix() != null ? model.dnsPrefix() : defaultDnsPrefix(name, g.name(), sub);
        AksShapes.checkDnsPrefix(dnsPrefix);
        ClusterSpec built = backend(spec::build);
        Cluster made = backend(() -> backend.create(built));
        AksCluster doc = new AksCluster(g.name(), name, model.location(), region, made.name(),
                keptBody(model, g.name(), name, region, dnsPrefix), dnsPrefix, model.tags(),
                model.kubernetesVersion(), modes, auto, Map.of(), UUID.randomUUID().toString(),
                made.createdAt() == null ? clock.millis() : made.createdAt().toEpochMilli(), false);
        aks.put(sub, doc);
        Kept.Operation op = operations.start(sub, AksShapes.NAMESPACE, region, CREATE, List.of(doc.group(),
                doc.name()));
        return operations.accepted(Reply.of(201, render(req, doc, made, pools(backend, made.name()))), req, op,
                false);
    }

    /**
     * A PUT of an existing cluster: tags, a version upgrade, the sizes and versions of the pools it names, and the
     * pools it names that the cluster does not have yet (made). Pools it leaves out stay: they go through DELETE.
     */
    private Reply update(ArmRequest req, AksCluster doc, ManagedClusterInner model) {
        String sub = req.subscription();
        if (doc.deleting()) {
            throw inProgress("Deleting");
        }
        if (model.location() != null && !sessions.region(sub, model.location()).equals(doc.region())) {
            throw new ArmException(400, "InvalidResourceLocation", "The resource '" + doc.name() + "' already "
                    + "exists in location '" + doc.location() + "' in resource group '" + doc.group() + "'. A "
                    + "resource with the same name cannot be created in location '" + model.location() + "'.");
        }
        if (model.dnsPrefix() != null && !model.dnsPrefix().equalsIgnoreCase(doc.dnsPrefix())) {
            throw new ArmException(400, "PropertyChangeNotAllowed", "Changing property 'dnsPrefix' is not "
                    + "allowed.");
        }
        Clusters backend = clusters.of(sub, doc.region());
        Cluster c = requireBackend(sub, backend, doc);
        if (c.state() != ClusterState.ACTIVE) {
            throw inProgress(AksShapes.clusterState(c.state(), doc.changes().get("")));
        }
        AksCluster next = doc.withTags(model.tags() == null ? Map.of() : model.tags());
        List<String> updates = new ArrayList<>();
        String minor = AksShapes.minor(model.kubernetesVersion(), "kubernetesVersion");
        boolean upgrade = minor != null && !minor.equals(c.version());
        Map<String, NodePool> current = new LinkedHashMap<>();
        pools(backend, c.name()).forEach(p -> current.put(p.name(), p));
        List<ManagedClusterAgentPoolProfile> profiles = model.agentPoolProfiles() == null ? List.of()
                : model.agentPoolProfiles();
        List<AgentPools.Change> changes = new ArrayList<>();
        List<PoolRequest> added = new ArrayList<>();
        for (ManagedClusterAgentPoolProfile profile : profiles) {
            PoolRequest p = PoolRequest.of(profile);
            NodePool pool = current.get(p.name());
            if (pool == null) {
                AksShapes.checkPoolName(p.name());
                added.add(p);
                continue;
            }
            // While the control plane moves, pools keep their version: they follow through their own resource.
            PoolRequest sizesOnly = upgrade ? new PoolRequest(p.name(), p.count(), p.vmSize(), p.osDiskSizeGB(),
                    p.enableAutoScaling(), p.minCount(), p.maxCount(), p.mode(), null, p.nodeLabels(),
                    p.nodeTaints()) : p;
            changes.add(AgentPools.plan(next, pool, sizesOnly));
        }
        for (PoolRequest p : added) {
            // A pool named in the cluster's body that it does not have yet is made, as AKS does.
            String mode = p.mode() == null ? "User" : canonicalMode(p.mode());
            Sizes sizes = AksShapes.sizes(p, null, mode.equals("System"));
            var spec = backend(() -> AksShapes.spec(p, sizes));
            backend(() -> backend.addNodePool(c.name(), spec));
            next = next.withPool(p.name(), mode, p.autoscale());
            updates.add(POOL_PREFIX + p.name());
        }
        for (AgentPools.Change change : changes) {
            next = change.apply(next, backend, c.name(), updates);
        }
        if (upgrade) {
            ClusterUpdate u = backend(() -> backend.upgrade(c.name(), minor));
            updates.add(u.id());
            next = next.withRequestedVersion(model.kubernetesVersion()).withChange("", "Upgrading");
        } else if (model.kubernetesVersion() != null) {
            next = next.withRequestedVersion(model.kubernetesVersion());
        }
        aks.put(sub, next);
        Cluster now = backend.get(c.name()).orElse(c);
        Reply reply = Reply.ok(render(req, next, now, pools(backend, c.name())));
        if (updates.isEmpty()) {
            return reply;
        }
        List<String> ids = new ArrayList<>(List.of(next.group(), next.name(), ""));
        ids.addAll(updates);
        return operations.accepted(reply, req, operations.start(sub, AksShapes.NAMESPACE, next.region(), UPDATE,
                ids), false);
    }

    public Reply get(ArmRequest req, String group, String name) {
        String sub = req.subscription();
        AksCluster doc = require(req, group, name);
        if (doc.deleting() && advanceDelete(req.subscription(), doc)) {
            throw notFound(group, name);
        }
        Clusters backend = clusters.of(req.subscription(), doc.region());
        Cluster c = requireBackend(sub, backend, doc);
        return Reply.ok(render(req, doc, c, pools(backend, c.name())));
    }

    public Reply list(ArmRequest req, String group) {
        String sub = req.subscription();
        if (group != null && kept.group(sub, group).isEmpty()) {
            throw ArmException.groupNotFound(group);
        }
        ArrayNode value = Json.MAPPER.createArrayNode();
        Map<String, Map<String, Cluster>> byRegion = new LinkedHashMap<>();
        for (AksCluster doc : aks.clusters(sub)) {
            if (group != null && !Ids.same(doc.group(), group)) {
                continue;
            }
            if (doc.deleting() && advanceDelete(sub, doc)) {
                continue;
            }
            Clusters backend = clusters.of(sub, doc.region());
            // One backend list per region, not a read per cluster.
            Map<String, Cluster> live = byRegion.computeIfAbsent(doc.region(), r -> {
                Map<String, Cluster> m = new LinkedHashMap<>();
                backend(backend::list).forEach(c -> m.put(c.name(), c));
                return m;
            });
            Cluster c = live.get(doc.coreName());
            if (c != null) {
                value.add(render(req, doc, c, pools(backend, c.name())));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String group, String name) {
        String sub = req.subscription();
        if (kept.group(sub, group).isEmpty()) {
            throw ArmException.groupNotFound(group);
        }
        Kept.Operation op;
        synchronized (lock(sub, group, name)) {
            Optional<AksCluster> found = aks.cluster(sub, group, name);
            if (found.isEmpty()) {
                return Reply.empty(204);
            }
            AksCluster doc = found.get().markedDeleting();
            aks.put(sub, doc);
            op = operations.start(sub, AksShapes.NAMESPACE, doc.region(), DELETE, List.of(doc.group(), doc.name()));
        }
        operations.refresh(sub, op);
        return operations.accepted(Reply.empty(202), req, op, true);
    }

    /**
     * A resource group's deletion takes its clusters: each is marked deleting and its deletion started; the steps
     * after the first are taken as the subscription's clusters are read or listed.
     */
    public void deleteGroup(String sub, String group) {
        for (AksCluster doc : aks.clusters(sub)) {
            if (Ids.same(doc.group(), group)) {
                synchronized (lock(sub, doc.group(), doc.name())) {
                    AksCluster deleting = doc.markedDeleting();
                    aks.put(sub, deleting);
                    try {
                        advanceDelete(sub, deleting);
                    } catch (ArmException e) {
                        java.util.logging.Logger.getLogger(ManagedClusters.class.getName()).fine(() ->
                                "deleting cluster " + doc.name() + " with its group: " + e.getMessage());
                    }
                }
            }
        }
    }

    /** {@code listClusterUserCredential} and {@code listClusterAdminCredential}: the backend's kubeconfig. */
    public Reply credentials(ArmRequest req, String group, String name, boolean admin) {
        String sub = req.subscription();
        AksCluster doc = require(req, group, name);
        Clusters backend = clusters.of(req.subscription(), doc.region());
        requireBackend(sub, backend, doc);
        Kubeconfig config = backend(() -> backend.kubeconfig(doc.coreName()));
        // The same file under the ARM name, as AKS names the kubeconfig's cluster and context after the resource.
        Kubeconfig named = Kubeconfig.of(doc.name(), config.server(), config.certificateAuthority(), config.auth());
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode entry = body.putArray("kubeconfigs").addObject();
        entry.put("name", admin ? "clusterAdmin" : "clusterUser");
        entry.put("value", Base64.getEncoder().encodeToString(named.yaml().getBytes(StandardCharsets.UTF_8)));
        return Reply.ok(body);
    }

    // ---- operations ---------------------------------------------------------------------------------------------

    private boolean created(String sub, Kept.Operation op) {
        AksCluster doc = docOf(sub, op);
        Clusters backend = clusters.of(sub, doc.region());
        Cluster c = backend.get(doc.coreName()).orElseThrow(() -> failed("Cluster '" + doc.name()
                + "' was deleted while being created."));
        if (c.state() == ClusterState.FAILED) {
            throw failed("Cluster '" + doc.name() + "' failed: " + c.stateName());
        }
        if (c.state() != ClusterState.ACTIVE) {
            return false;
        }
        for (NodePool p : pools(backend, c.name())) {
            if (p.state() == NodePoolState.FAILED) {
                throw failed("Agent pool '" + p.name() + "' failed: " + p.stateName());
            }
            if (p.state().isTransitional()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every backend update the operation started (ids after group, name and pool) is successful, and every pool it
     * made is active.
     */
    boolean updated(String sub, Kept.Operation op) {
        AksCluster doc = docOf(sub, op);
        Clusters backend = clusters.of(sub, doc.region());
        List<String> ids = op.instanceIds();
        for (String id : ids.subList(3, ids.size())) {
            if (id.startsWith(POOL_PREFIX)) {
                String pool = id.substring(POOL_PREFIX.length());
                NodePool p = backendOp(() -> backend.nodePool(doc.coreName(), pool)).orElseThrow(() ->
                        failed("Agent pool '" + pool + "' was deleted while being created."));
                if (p.state() == NodePoolState.FAILED) {
                    throw failed("Agent pool '" + pool + "' failed: " + p.stateName());
                }
                if (p.state() != NodePoolState.ACTIVE) {
                    return false;
                }
                continue;
            }
            ClusterUpdate u = backendOp(() -> backend.update(doc.coreName(), id));
            if (!u.status().isDone()) {
                return false;
            }
            if (u.status() != UpdateStatus.SUCCESSFUL) {
                throw failed("The change " + id + " " + u.status().wireName() + ": " + String.join("; ", u.errors()));
            }
        }
        return true;
    }

    private boolean deleted(String sub, Kept.Operation op) {
        Optional<AksCluster> doc = aks.cluster(sub, op.instanceIds().get(0), op.instanceIds().get(1));
        return doc.isEmpty() || !doc.get().deleting() || advanceDelete(sub, doc.get());
    }

    private boolean poolCreated(String sub, Kept.Operation op) {
        AksCluster doc = docOf(sub, op);
        String name = op.instanceIds().get(2);
        NodePool p = backendOp(() -> clusters.of(sub, doc.region()).nodePool(doc.coreName(), name))
                .orElseThrow(() -> failed("Agent pool '" + name + "' was deleted while being created."));
        if (p.state() == NodePoolState.FAILED) {
            throw failed("Agent pool '" + name + "' failed: " + p.stateName());
        }
        return p.state() == NodePoolState.ACTIVE;
    }

    private boolean poolDeleted(String sub, Kept.Operation op) {
        Optional<AksCluster> doc = aks.cluster(sub, op.instanceIds().get(0), op.instanceIds().get(1));
        if (doc.isEmpty()) {
            return true;
        }
        Clusters backend = clusters.of(sub, doc.get().region());
        try {
            return backend.nodePool(doc.get().coreName(), op.instanceIds().get(2)).isEmpty();
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return true;
            }
            throw ArmException.from(e, false);
        }
    }

    /**
     * One step of deleting a cluster with its pools: the pools first, then the cluster once none is left. True (and
     * the kept facts forgotten) when the backend cluster is gone.
     */
    boolean advanceDelete(String sub, AksCluster doc) {
        Clusters backend = clusters.of(sub, doc.region());
        Optional<Cluster> c = backend.get(doc.coreName());
        if (c.isEmpty()) {
            aks.delete(sub, doc.group(), doc.name());
            return true;
        }
        if (c.get().state() == ClusterState.DELETING) {
            return false;
        }
        List<NodePool> pools = pools(backend, doc.coreName());
        if (pools.isEmpty()) {
            tolerateState(() -> backend.delete(doc.coreName()));
            return false;
        }
        for (NodePool p : pools) {
            if (p.state() != NodePoolState.DELETING) {
                tolerateState(() -> backend.deleteNodePool(doc.coreName(), p.name()));
            }
        }
        return false;
    }

    // ---- shared with AgentPools ---------------------------------------------------------------------------------

    Object lock(String sub, String group, String name) {
        return locks.computeIfAbsent(Kept.key(sub, group, name), k -> new Object());
    }

    AksCluster require(ArmRequest req, String group, String name) {
        if (kept.group(req.subscription(), group).isEmpty()) {
            throw ArmException.groupNotFound(group);
        }
        return aks.cluster(req.subscription(), group, name).orElseThrow(() -> notFound(group, name));
    }

    /** The backend cluster behind a kept one; a cluster the backend lost is forgotten and not found. */
    Cluster requireBackend(String sub, Clusters backend, AksCluster doc) {
        Optional<Cluster> c = backend(() -> backend.get(doc.coreName()));
        if (c.isEmpty()) {
            aks.delete(sub, doc.group(), doc.name());
            throw notFound(doc.group(), doc.name());
        }
        return c.get();
    }

    Clusters backendOf(String sub, AksCluster doc) {
        return clusters.of(sub, doc.region());
    }

    /** The backend's clusters in the region a location names. */
    Clusters backendIn(String sub, String location) {
        return clusters.of(sub, sessions.region(sub, location));
    }

    AksKept kept() {
        return aks;
    }

    Operations operations() {
        return operations;
    }

    static List<NodePool> pools(Clusters backend, String coreName) {
        try {
            return backend.nodePools(coreName);
        } catch (AltoException e) {
            // A cluster deleted between two calls has no pools.
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw ArmException.from(e, false);
        }
    }

    String clusterId(ArmRequest req, AksCluster doc) {
        return Ids.resource(req.subscription(), doc.group(), AksShapes.NAMESPACE, "managedClusters", doc.name());
    }

    static ArmException notFound(String group, String name) {
        return ArmException.resourceNotFound("Microsoft.ContainerService/managedClusters", name, group);
    }

    static ArmException inProgress(String state) {
        return new ArmException(409, "OperationNotAllowed", "Operation is not allowed: Another operation (" + state
                + ") is in progress, please wait for it to finish before starting a new operation. See "
                + "https://aka.ms/aks-pending-operation for more details");
    }

    /**
     * ARM's conditional PUT: {@code If-None-Match: *} makes a create that must not replace anything (racing creates
     * make one resource), {@code If-Match: *} an update of something that must exist; 412 PreconditionFailed when
     * the condition does not hold. Resources here carry no etags, so only {@code *} is compared.
     */
    static void checkConditions(ArmRequest req, boolean exists, String what) {
        if (exists && "*".equals(strip(req.header("If-None-Match")))) {
            throw new ArmException(412, "PreconditionFailed", "The " + what + " already exists: the condition "
                    + "specified using HTTP conditional header(s) (If-None-Match: *) is not met.");
        }
        if (!exists && "*".equals(strip(req.header("If-Match")))) {
            throw new ArmException(412, "PreconditionFailed", "The " + what + " does not exist: the condition "
                    + "specified using HTTP conditional header(s) (If-Match: *) is not met.");
        }
    }

    private static String strip(String header) {
        return header == null ? null : header.strip().replace("\"", "");
    }

    static String canonicalMode(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "system" -> "System";
            case "user" -> "User";
            default -> throw ArmException.invalid("The agent pool mode '" + mode + "' is invalid: use System or "
                    + "User.");
        };
    }

    /** Runs a backend call, answering its portable error in ARM's words. */
    static <T> T backend(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
    }

    /** A backend call inside an operation's look: its failure fails the operation. */
    private static <T> T backendOp(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AltoException e) {
            throw failed(e.getMessage());
        }
    }

    private static ArmException failed(String message) {
        return new ArmException(500, "InternalOperationError", message);
    }

    /** A step refused because something is still changing is tried again at the next look. */
    private static void tolerateState(Runnable step) {
        try {
            step.run();
        } catch (AltoException e) {
            if (e.code() != ErrorCode.INVALID_STATE && e.code() != ErrorCode.DEPENDENCY_VIOLATION
                    && e.code() != ErrorCode.NOT_FOUND) {
                throw ArmException.from(e, false);
            }
        }
    }

    private AksCluster docOf(String sub, Kept.Operation op) {
        return aks.cluster(sub, op.instanceIds().get(0), op.instanceIds().get(1)).orElseThrow(() ->
                failed("Managed cluster '" + op.instanceIds().get(1) + "' was deleted."));
    }

    /**
     * The backend name for an ARM cluster: its own name when no other cluster of the region has it (ARM names are
     * unique per resource group, backend names per region), else the name with a suffix made from the group.
     */
    private String coreName(String sub, String region, String group, String name) {
        boolean taken = aks.clusters(sub).stream().anyMatch(d -> d.region().equals(region)
                && d.coreName().equals(name) && !Ids.same(d.group(), group));
        if (!taken) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(group.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AKS's default: the cluster's name, its group's and the subscription's first characters. */
    private static String defaultDnsPrefix(String name, String group, String sub) {
        String raw = cut(name, 10) + "-" + cut(group, 16) + "-" + cut(sub, 6);
        String clean = raw.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        return clean.isEmpty() ? "aks" : clean;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    /**
     * The create request's settings kept for answers: the model's normal form without agent pools (the backend's),
     * the version (the backend's) and secrets, with AKS's defaults filled in where the request left them out.
     */
    private static String keptBody(ManagedClusterInner model, String group, String name, String region,
                                   String dnsPrefix) {
        ObjectNode body = Json.tree(model);
        body.remove("tags");
        body.remove("location");
        ObjectNode props = Json.properties(body);
        props.remove("agentPoolProfiles");
        props.remove("kubernetesVersion");
        props.put("dnsPrefix", dnsPrefix);
        if (props.get("servicePrincipalProfile") instanceof ObjectNode sp) {
            sp.remove("secret");
        }
        if (props.get("windowsProfile") instanceof ObjectNode wp) {
            wp.remove("adminPassword");
        }
        if (!props.has("nodeResourceGroup")) {
            props.put("nodeResourceGroup", "MC_" + group + "_" + name + "_" + region);
        }
        if (!props.has("enableRBAC")) {
            props.put("enableRBAC", true);
        }
        if (!props.has("supportPlan")) {
            props.put("supportPlan", "KubernetesOfficial");
        }
        ObjectNode network = props.get("networkProfile") instanceof ObjectNode n ? n : props.putObject("networkProfile");
        putIfAbsent(network, "networkPlugin", "kubenet");
        putIfAbsent(network, "loadBalancerSku", "standard");
        putIfAbsent(network, "outboundType", "loadBalancer");
        if (network.path("networkPlugin").asText().equals("kubenet")) {
            putIfAbsent(network, "podCidr", "10.244.0.0/16");
        }
        putIfAbsent(network, "serviceCidr", "10.0.0.0/16");
        putIfAbsent(network, "dnsServiceIP", "10.0.0.10");
        if (!body.has("identity") && !props.has("servicePrincipalProfile")) {
            body.putObject("identity").put("type", "SystemAssigned");
        }
        if (!body.has("sku")) {
            ObjectNode sku = body.putObject("sku");
            sku.put("name", "Base");
            sku.put("tier", "Free");
        }
        return body.toString();
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    /**
     * The managed cluster as AKS answers it: the kept settings, then what the backend says (version, state, pools,
     * the API server's host as fqdn) and the read-only fields the model does not write.
     */
    ObjectNode render(ArmRequest req, AksCluster doc, Cluster c, List<NodePool> pools) {
        ObjectNode body = Json.readTree(doc.body());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", clusterId(req, doc));
        out.put("location", doc.location());
        out.put("name", doc.name());
        ObjectNode tags = out.putObject("tags");
        doc.tags().forEach(tags::put);
        out.put("type", AksShapes.CLUSTER_TYPE);
        out.set("systemData", AksShapes.systemData(c.createdAt() != null ? c.createdAt()
                : java.time.Instant.ofEpochMilli(doc.createdAt())));
        ObjectNode props = out.putObject("properties");
        props.put("provisioningState", doc.deleting() ? "Deleting"
                : AksShapes.clusterState(c.state(), doc.changes().get("")));
        props.putObject("powerState").put("code", "Running");
        props.put("maxAgentPools", AksShapes.MAX_AGENT_POOLS);
        String requested = doc.requestedVersion();
        // The version asked for as the caller wrote it (an alias stays an alias, an upgrade shows its target at
        // once), else the running one in patch form.
        boolean asked = requested != null && (c.state() == ClusterState.UPDATING
                || c.version().equals(AksShapes.minor(requested, "kubernetesVersion")));
        props.put("kubernetesVersion", asked ? requested : AksShapes.patch(c.version(), null));
        props.put("currentKubernetesVersion", AksShapes.patch(c.version(), requested));
        props.put("dnsPrefix", doc.dnsPrefix());
        if (c.endpoint() != null) {
            props.put("fqdn", URI.create(c.endpoint()).getHost());
        }
        ArrayNode profiles = props.putArray("agentPoolProfiles");
        for (NodePool p : pools) {
            ObjectNode profile = Json.MAPPER.createObjectNode();
            profile.put("name", p.name());
            profile.setAll(AgentPools.properties(doc, p));
            profiles.add(profile);
        }
        JsonNode settings = body.get("properties");
        if (settings instanceof ObjectNode s) {
            s.fields().forEachRemaining(e -> {
                if (!props.has(e.getKey())) {
                    props.set(e.getKey(), e.getValue());
                }
            });
        }
        if (body.get("identity") instanceof ObjectNode identity) {
            ObjectNode id = identity.deepCopy();
            if (id.path("type").asText().equalsIgnoreCase("SystemAssigned")) {
                id.put("principalId", doc.principalId());
                id.put("tenantId", "00000000-0000-0000-0000-000000000000");
            }
            out.set("identity", id);
            if (!props.has("identityProfile")) {
                // The kubelet's identity AKS makes in the node resource group for a cluster with a managed identity.
                ObjectNode kubelet = props.putObject("identityProfile").putObject("kubeletidentity");
                kubelet.put("resourceId", "/subscriptions/" + req.subscription() + "/resourcegroups/"
                        + props.path("nodeResourceGroup").asText() + "/providers/Microsoft.ManagedIdentity/"
                        + "userAssignedIdentities/" + doc.name() + "-agentpool");
                kubelet.put("clientId", UUID.nameUUIDFromBytes((doc.principalId() + "/kubelet-client")
                        .getBytes(StandardCharsets.UTF_8)).toString());
                kubelet.put("objectId", UUID.nameUUIDFromBytes((doc.principalId() + "/kubelet-object")
                        .getBytes(StandardCharsets.UTF_8)).toString());
            }
        }
        if (body.has("sku")) {
            out.set("sku", body.get("sku"));
        }
        return out;
    }
}
