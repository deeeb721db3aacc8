package io.altostratus.aws.clusters;

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
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.aws.AwsSettings;
import io.altostratus.aws.internal.Ec2Errors;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.security.SecureRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.CreateNodegroupRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterVersionsResponse;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.VpcConfigRequest;

/**
 * The {@code aws} provider's {@link Clusters}: EKS through the AWS SDK's {@link EksClient}, one EKS call (or a few)
 * per method, every call through the session's {@link Retrier} (which retries throttling and EKS's own failures and
 * translates the rest with {@link EksErrors}).
 *
 * <p>What EKS does differently from the portable model, and how this class bridges it:
 * <ul>
 *   <li>EKS makes node groups only on an active cluster. The node pools of a {@link ClusterSpec} are therefore held
 *       by this service and made by the first read (get, list, a pool read, a wait) that finds the cluster active;
 *       until then they read as {@code CREATING} with the raw status {@code WAITING_FOR_CLUSTER}. They belong to this
 *       service: a process that creates a cluster with pools must keep its service open until the cluster is
 *       active (as {@code alto clusters create --wait} does).</li>
 *   <li>DescribeUpdate needs the node group of a node group's update. Updates this service started are remembered;
 *       any other id is looked for on the control plane, then on each node group.</li>
 *   <li>Roles and subnets: a spec's {@code roles} may name {@code clusterRoleArn} and {@code nodeRoleArn} (other
 *       keys are refused); else {@code [aws]}'s {@code eks_cluster_role_arn}, {@code eks_node_role_arn}. Subnets
 *       and security groups: the spec's, else {@code eks_subnet_ids}, {@code eks_security_group_ids}. Node groups
 *       use their cluster's subnets.</li>
 *   <li>EKS does not list a node group's instances; they are found through EC2 by their tags (see
 *       {@link #withNodes}), one or two DescribeInstances calls per pool read.</li>
 *   <li>Checks EKS would make too (one minor version per upgrade, a pool no newer than its control plane, a change
 *       only to something active) are made here first, so that the errors are the same as every backend's.</li>
 * </ul>
 */
public final class EksClusters implements Clusters {
    /** The raw status of a pool of a {@link ClusterSpec} that waits for its cluster to be active. */
    public static final String WAITING_FOR_CLUSTER = "WAITING_FOR_CLUSTER";

    private final EksClient eks;
    /** EC2, to find a node group's instances (EKS does not list them); null leaves pools without node ids. */
    private final Ec2Client ec2;
    private final Retrier ec2Retrier;
    private final String region;
    private final URI endpoint;
    private final String profile;
    private final EksSettings settings;
    private final Retrier retrier;
    /** Pools of specs whose clusters were not active yet, by cluster name. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The node group of each node group update this service started, by update id. */
    private final Map<String, String> updatePools = new ConcurrentHashMap<>();

    private record Pending(List<NodePoolSpec> pools, String nodeRoleArn, Instant askedAt) {
    }

    /**
     * @param eks      the client, with the SDK's own retries off (the retrier is the one place that retries)
     * @param region   the region the client is bound to
     * @param endpoint the endpoint override, or null for AWS's; kubeconfigs pass it on to {@code alto kube-token}
     * @param profile  the named profile the session uses, or null; kubeconfigs pass it on too
     */
    EksClusters(EksClient eks, Ec2Client ec2, Retrier ec2Retrier, String region, URI endpoint, String profile,
                EksSettings settings, Retrier retrier) {
        this.eks = Objects.requireNonNull(eks, "eks");
        this.ec2 = ec2;
        this.ec2Retrier = ec2Retrier;
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = endpoint;
        this.profile = profile;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
    }

    /**
     * The service for a provider context: an {@link EksClient} on the aws provider's region and credentials (the
     * context's endpoint, when given, stands in for EKS's), the SDK's retries off, and a retrier with the session's
     * attempts and backoff.
     */
    public static EksClusters open(ProviderContext context, AwsSettings awsSettings, Region region,
                                   AwsCredentialsProvider credentials, Sleeper sleeper, Retrier.Listener listener) {
        URI endpoint = context.endpointUrl();
        EksClientBuilder builder = EksClient.builder().region(region).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        Backoff backoff = new Backoff(awsSettings.baseDelay(), awsSettings.maxDelay(), 2.0, true);
        Retrier retrier = new Retrier(awsSettings.maxAttempts(), EksErrors.FAILURES, backoff, sleeper,
                context.clock(), new SecureRandom(), listener);
        EksSettings settings = EksSettings.from(context);
        Ec2Client ec2 = null;
        Retrier ec2Retrier = null;
        if (settings.nodeIds()) {
            Ec2ClientBuilder ec2Builder = Ec2Client.builder().region(region).credentialsProvider(credentials)
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
            if (endpoint != null) {
                ec2Builder.endpointOverride(endpoint);
            }
            ec2 = ec2Builder.build();
            ec2Retrier = new Retrier(awsSettings.maxAttempts(), Ec2Errors.FAILURES, backoff, sleeper,
                    context.clock(), new SecureRandom(), listener);
        }
        return new EksClusters(builder.build(), ec2, ec2Retrier, region.id(), endpoint, awsSettings.profile(),
                settings, retrier);
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Clock clock() {
        return retrier.clock();
    }

    // ---- clusters ---------------------------------------------------------------------------------------------

    @Override
    public Cluster create(ClusterSpec spec) {
        if (spec.region() != null && !spec.region().equals(region)) {
            throw ClusterRules.invalid("cluster " + spec.name() + " is asked for in " + spec.region()
                    + ", but this session works in " + region);
        }
        for (String key : spec.roles().keySet()) {
            if (!key.equals(EksSettings.CLUSTER_ROLE) && !key.equals(EksSettings.NODE_ROLE)) {
                throw ClusterRules.invalid("unknown role '" + key + "' for EKS (expected "
                        + EksSettings.CLUSTER_ROLE + " or " + EksSettings.NODE_ROLE + ")");
            }
        }
        String clusterRole = firstNonNull(spec.roles().get(EksSettings.CLUSTER_ROLE), settings.clusterRoleArn());
        if (clusterRole == null) {
            throw ClusterRules.invalid("EKS needs a cluster role: give the spec's role " + EksSettings.CLUSTER_ROLE
                    + " or set eks_cluster_role_arn in the [aws] section of alto.toml");
        }
        String nodeRole = firstNonNull(spec.roles().get(EksSettings.NODE_ROLE), settings.nodeRoleArn());
        if (!spec.nodePools().isEmpty() && nodeRole == null) {
            throw noNodeRole();
        }
        List<String> subnets = spec.subnetIds().isEmpty() ? settings.subnetIds() : spec.subnetIds();
        List<String> groups = spec.securityGroupIds().isEmpty() ? settings.securityGroupIds()
                : spec.securityGroupIds();
        CreateClusterRequest.Builder request = CreateClusterRequest.builder().name(spec.name()).version(spec.version())
                .roleArn(clusterRole)
                .resourcesVpcConfig(VpcConfigRequest.builder().subnetIds(subnets).securityGroupIds(groups).build());
        if (!spec.tags().isEmpty()) {
            request.tags(spec.tags());
        }
        Cluster made = EksConvert.cluster(retrier.call("CreateCluster",
                () -> eks.createCluster(request.build()).cluster()), region);
        if (!spec.nodePools().isEmpty()) {
            pending.put(spec.name(), new Pending(spec.nodePools(), nodeRole, clock().instant()));
        }
        return made;
    }

    @Override
    public Optional<Cluster> get(String name) {
        ClusterRules.checkClusterName(name);
        Optional<Cluster> found = describe(name);
        found.ifPresent(this::makePendingPools);
        return found;
    }

    /** DescribeCluster, with EKS's not-found as empty. */
    private Optional<Cluster> describe(String name) {
        try {
            return Optional.of(EksConvert.cluster(retrier.call("DescribeCluster",
                    () -> eks.describeCluster(r -> r.name(name)).cluster()), region));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The pools a spec asked for, made once their cluster is active; dropped when it failed or went away. */
    private void makePendingPools(Cluster cluster) {
        Pending waiting = pending.get(cluster.name());
        if (waiting == null) {
            return;
        }
        if (cluster.state() == ClusterState.FAILED || cluster.state() == ClusterState.DELETING) {
            pending.remove(cluster.name());
            return;
        }
        if (cluster.state() != ClusterState.ACTIVE || !pending.remove(cluster.name(), waiting)) {
            return;
        }
        List<String> subnets = subnetsOf(cluster);
        for (NodePoolSpec pool : waiting.pools()) {
            createNodegroup(cluster.name(), pool, waiting.nodeRoleArn(), subnets);
        }
    }

    @Override
    public List<Cluster> list() {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListClustersResponse page = retrier.call("ListClusters",
                    () -> eks.listClusters(r -> r.nextToken(next).maxResults(100)));
            names.addAll(page.clusters());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        List<Cluster> clusters = new ArrayList<>();
        for (String name : names) {
            describe(name).ifPresent(c -> {
                makePendingPools(c);
                clusters.add(c);
            });
        }
        clusters.sort(Comparator.comparing(Cluster::name));
        return clusters;
    }

    @Override
    public Cluster delete(String name) {
        ClusterRules.checkClusterName(name);
        pending.remove(name);
        return EksConvert.cluster(retrier.call("DeleteCluster",
                () -> eks.deleteCluster(r -> r.name(name)).cluster()), region);
    }

    /**
     * DescribeClusterVersions (standard and extended support, as EKS lists by default), oldest first. EKS marks
     * one default; should it mark none, the newest in standard support is taken as the default, so that every
     * backend offers exactly one.
     */
    @Override
    public List<KubernetesVersion> versions() {
        List<ClusterVersionInformation> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeClusterVersionsResponse page = retrier.call("DescribeClusterVersions",
                    () -> eks.describeClusterVersions(r -> r.nextToken(next)));
            all.addAll(page.clusterVersions());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        Map<String, KubernetesVersion> byVersion = new LinkedHashMap<>();
        for (ClusterVersionInformation v : all) {
            if (v.clusterVersion() != null) {
                byVersion.merge(v.clusterVersion(), EksConvert.version(v),
                        (a, b) -> a.isDefault() ? a : b); // one entry per version, whatever the cluster types
            }
        }
        List<KubernetesVersion> versions = new ArrayList<>(byVersion.values());
        versions.sort((a, b) -> ClusterRules.compareVersions(a.version(), b.version()));
        long defaults = versions.stream().filter(KubernetesVersion::isDefault).count();
        if (defaults != 1 && !versions.isEmpty()) {
            KubernetesVersion chosen = versions.stream().filter(KubernetesVersion::isDefault).findFirst()
                    .orElse(newestInStandardSupport(all, versions));
            versions.replaceAll(v -> new KubernetesVersion(v.version(), v == chosen, v.endOfStandardSupport()));
        }
        return List.copyOf(versions);
    }

    private static KubernetesVersion newestInStandardSupport(List<ClusterVersionInformation> all,
                                                             List<KubernetesVersion> sorted) {
        Set<String> standard = new java.util.HashSet<>();
        for (ClusterVersionInformation v : all) {
            if ("STANDARD_SUPPORT".equals(v.versionStatusAsString()) || "standard-support".equals(v.statusAsString())) {
                standard.add(v.clusterVersion());
            }
        }
        for (int i = sorted.size() - 1; i >= 0; i--) {
            if (standard.contains(sorted.get(i).version())) {
                return sorted.get(i);
            }
        }
        return sorted.get(sorted.size() - 1);
    }

    @Override
    public ClusterUpdate upgrade(String name, String version) {
        ClusterRules.checkClusterName(name);
        ClusterRules.checkVersion(version);
        Cluster cluster = require(name);
        if (cluster.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + name, cluster.state(), "upgraded");
        }
        ClusterRules.checkUpgradeStep(name, cluster.version(), version);
        Update update = retrier.call("UpdateClusterVersion",
                () -> eks.updateClusterVersion(r -> r.name(name).version(version)).update());
        return EksConvert.update(update, name, null);
    }

    @Override
    public ClusterUpdate update(String cluster, String updateId) {
        ClusterRules.checkClusterName(cluster);
        if (updateId == null || updateId.isBlank()) {
            throw ClusterRules.invalid("an update id must not be empty");
        }
        String pool = updatePools.get(updateId);
        if (pool != null) {
            return describeUpdate(cluster, updateId, pool).orElseThrow(
                    () -> ClusterErrors.updateNotFound(cluster, updateId));
        }
        Optional<ClusterUpdate> onControlPlane = describeUpdate(cluster, updateId, null);
        if (onControlPlane.isPresent()) {
            return onControlPlane.get();
        }
        for (String name : nodegroupNames(cluster)) {
            Optional<ClusterUpdate> found = describeUpdate(cluster, updateId, name);
            if (found.isPresent()) {
                updatePools.put(updateId, name);
                return found.get();
            }
        }
        throw ClusterErrors.updateNotFound(cluster, updateId);
    }

    /** DescribeUpdate; empty when EKS does not know the update (NOT_FOUND for a missing cluster). */
    private Optional<ClusterUpdate> describeUpdate(String cluster, String updateId, String pool) {
        try {
            Update u = retrier.call("DescribeUpdate", () -> eks.describeUpdate(r -> r.name(cluster)
                    .updateId(updateId).nodegroupName(pool)).update());
            return Optional.of(EksConvert.update(u, cluster, pool));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            requireClusterExists(cluster, e);
            return Optional.empty();
        }
    }

    @Override
    public Kubeconfig kubeconfig(String name) {
        Cluster cluster = require(name);
        if (cluster.endpoint() == null || cluster.endpoint().isBlank()) {
            throw ClusterErrors.busy("cluster " + name, cluster.state(), "reached (it has no endpoint yet)");
        }
        List<String> args = new ArrayList<>(List.of("kube-token", "--provider", "aws", "--cluster", name,
                "--region", cluster.region() != null ? cluster.region() : region));
        if (profile != null) {
            args.addAll(List.of("--profile", profile));
        }
        if (endpoint != null) {
            args.addAll(List.of("--endpoint", endpoint.toString()));
        }
        KubeAuth auth = new KubeAuth.Exec(KubeAuth.Exec.V1BETA1, settings.kubeTokenCommand(), args, Map.of());
        // EKS's own tooling names the context after the ARN, which is unique across accounts and regions.
        String context = cluster.id() != null ? cluster.id() : name;
        return Kubeconfig.of(context, cluster.endpoint(), cluster.certificateAuthority(), auth);
    }

    // ---- node pools -------------------------------------------------------------------------------------------

    @Override
    public NodePool addNodePool(String cluster, NodePoolSpec spec) {
        ClusterRules.checkClusterName(cluster);
        String nodeRole = settings.nodeRoleArn();
        Pending waiting = pending.get(cluster);
        if (nodeRole == null && waiting != null) {
            nodeRole = waiting.nodeRoleArn();
        }
        if (nodeRole == null) {
            throw noNodeRole();
        }
        Cluster c = require(cluster);
        if (c.state() != ClusterState.ACTIVE) {
            throw ClusterErrors.busy("cluster " + cluster, c.state(), "given node pools");
        }
        if (spec.version() != null) {
            ClusterRules.checkPoolVersion(cluster, c.version(), spec.version());
        }
        return createNodegroup(cluster, spec, nodeRole, subnetsOf(c));
    }

    private NodePool createNodegroup(String cluster, NodePoolSpec spec, String nodeRole, List<String> subnets) {
        CreateNodegroupRequest.Builder request = CreateNodegroupRequest.builder().clusterName(cluster)
                .nodegroupName(spec.name()).nodeRole(nodeRole).subnets(subnets)
                .scalingConfig(NodegroupScalingConfig.builder().desiredSize(spec.desired()).minSize(spec.min())
                        .maxSize(spec.max()).build())
                .version(spec.version()).diskSize(spec.diskGiB());
        if (spec.instanceType() != null) {
            request.instanceTypes(spec.instanceType());
        }
        if (!spec.labels().isEmpty()) {
            request.labels(spec.labels());
        }
        if (!spec.taints().isEmpty()) {
            request.taints(spec.taints().stream().map(EksConvert::taint).toList());
        }
        return EksConvert.nodePool(retrier.call("CreateNodegroup",
                () -> eks.createNodegroup(request.build()).nodegroup()));
    }

    @Override
    public List<NodePool> nodePools(String cluster) {
        ClusterRules.checkClusterName(cluster);
        get(cluster).orElseThrow(() -> ClusterErrors.clusterNotFound(cluster)); // also makes pools of a spec
        List<NodePool> pools = new ArrayList<>();
        for (String name : nodegroupNames(cluster)) {
            describeNodegroup(cluster, name).ifPresent(pools::add);
        }
        Pending waiting = pending.get(cluster);
        if (waiting != null) {
            waiting.pools().forEach(p -> pools.add(waitingPool(cluster, p, waiting)));
        }
        pools.sort(Comparator.comparing(NodePool::name));
        return pools;
    }

    private List<String> nodegroupNames(String cluster) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListNodegroupsResponse page = retrier.call("ListNodegroups",
                    () -> eks.listNodegroups(r -> r.clusterName(cluster).nextToken(next).maxResults(100)));
            names.addAll(page.nodegroups());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return names;
    }

    @Override
    public Optional<NodePool> nodePool(String cluster, String name) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(name);
        Pending waiting = pending.get(cluster);
        if (waiting != null) {
            get(cluster).orElseThrow(() -> ClusterErrors.clusterNotFound(cluster)); // makes them once it is active
            Pending still = pending.get(cluster);
            if (still != null) {
                Optional<NodePoolSpec> spec = still.pools().stream().filter(p -> p.name().equals(name)).findFirst();
                if (spec.isPresent()) {
                    return Optional.of(waitingPool(cluster, spec.get(), still));
                }
            }
        }
        return describeNodegroup(cluster, name);
    }

    /** DescribeNodegroup; empty when the node group is missing, NOT_FOUND when its cluster is. */
    private Optional<NodePool> describeNodegroup(String cluster, String name) {
        try {
            NodePool pool = EksConvert.nodePool(retrier.call("DescribeNodegroup",
                    () -> eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name)).nodegroup()));
            return Optional.of(withNodes(pool));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // EKS answers ResourceNotFoundException for a missing cluster too; only its message tells, so ask.
            requireClusterExists(cluster, e);
            return Optional.empty();
        }
    }

    /**
     * The pool with the instances that are its nodes, found through EC2 by the tags managed node groups put on
     * their instances ({@code eks:cluster-name}, {@code eks:nodegroup-name}) or, on alto's own backends, by
     * {@code alto:cluster} and {@code alto:nodepool}. Pending and running instances only, as the pool's nodes now.
     * Without EC2 (setting {@code eks_node_ids = false}) or without the right to describe instances, the pool keeps
     * no node ids.
     */
    private NodePool withNodes(NodePool pool) {
        if (ec2 == null || pool.state() == NodePoolState.DELETING) {
            return pool;
        }
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        try {
            ids.addAll(instancesTagged("eks:cluster-name", "eks:nodegroup-name", pool));
            ids.addAll(instancesTagged(NodePool.CLUSTER_TAG, NodePool.POOL_TAG, pool));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.AUTH_FAILURE || e.code() == ErrorCode.UNSUPPORTED) {
                return pool;
            }
            throw e;
        }
        return new NodePool(pool.cluster(), pool.name(), pool.id(), pool.state(), pool.rawStatus(),
                pool.instanceType(), pool.desired(), pool.min(), pool.max(), pool.version(), pool.labels(),
                pool.taints(), pool.diskGiB(), List.copyOf(ids), pool.createdAt(), pool.details());
    }

    private List<String> instancesTagged(String clusterTag, String poolTag, NodePool pool) {
        DescribeInstancesRequest.Builder request = DescribeInstancesRequest.builder().filters(
                Filter.builder().name("tag:" + clusterTag).values(pool.cluster()).build(),
                Filter.builder().name("tag:" + poolTag).values(pool.name()).build(),
                Filter.builder().name("instance-state-name").values("pending", "running").build());
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse page = ec2Retrier.call("DescribeInstances",
                    () -> ec2.describeInstances(request.nextToken(next).build()));
            page.reservations().forEach(r -> r.instances().forEach(i -> ids.add(i.instanceId())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return ids;
    }

    private void requireClusterExists(String cluster, AltoException cause) {
        if (describe(cluster).isEmpty()) {
            throw new AltoException(ErrorCode.NOT_FOUND, ClusterErrors.NOT_FOUND,
                    "No cluster found for name: " + cluster + ".", cause);
        }
    }

    private NodePool waitingPool(String cluster, NodePoolSpec spec, Pending waiting) {
        return new NodePool(cluster, spec.name(), null, NodePoolState.CREATING, WAITING_FOR_CLUSTER,
                spec.instanceType(), spec.desired(), spec.min(), spec.max(), spec.version(), spec.labels(),
                spec.taints(), spec.diskGiB(), List.of(), waiting.askedAt(),
                Map.of("note", "made when the cluster is active"));
    }

    @Override
    public ClusterUpdate scaleNodePool(String cluster, String pool, int desired, int min, int max) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        ClusterRules.checkCounts(pool, desired, min, max);
        NodePool current = activePool(cluster, pool, "resized");
        Update update = retrier.call("UpdateNodegroupConfig", () -> eks.updateNodegroupConfig(r -> r
                .clusterName(cluster).nodegroupName(current.name())
                .scalingConfig(s -> s.desiredSize(desired).minSize(min).maxSize(max))).update());
        updatePools.put(update.id(), pool);
        return EksConvert.update(update, cluster, pool);
    }

    @Override
    public ClusterUpdate upgradeNodePool(String cluster, String pool, String version) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        if (version != null) {
            ClusterRules.checkVersion(version);
        }
        Cluster c = require(cluster);
        NodePool current = activePool(cluster, pool, "upgraded");
        String target = ClusterRules.poolUpgradeTarget(cluster, pool, c.version(), current.version(), version);
        Update update = retrier.call("UpdateNodegroupVersion", () -> eks.updateNodegroupVersion(r -> r
                .clusterName(cluster).nodegroupName(pool).version(target)).update());
        updatePools.put(update.id(), pool);
        return EksConvert.update(update, cluster, pool);
    }

    private NodePool activePool(String cluster, String pool, String verb) {
        NodePool current = requireNodePool(cluster, pool);
        if (current.state() != NodePoolState.ACTIVE) {
            throw ClusterErrors.busy("node pool " + pool + " of cluster " + cluster, current.stateName(), verb);
        }
        return current;
    }

    @Override
    public NodePool deleteNodePool(String cluster, String pool) {
        ClusterRules.checkClusterName(cluster);
        ClusterRules.checkPoolName(pool);
        Pending waiting = pending.get(cluster);
        if (waiting != null && waiting.pools().stream().anyMatch(p -> p.name().equals(pool))) {
            List<NodePoolSpec> rest = waiting.pools().stream().filter(p -> !p.name().equals(pool)).toList();
            NodePoolSpec dropped = waiting.pools().stream().filter(p -> p.name().equals(pool)).findFirst()
                    .orElseThrow();
            if (rest.isEmpty()) {
                pending.remove(cluster, waiting);
            } else {
                pending.replace(cluster, waiting, new Pending(rest, waiting.nodeRoleArn(), waiting.askedAt()));
            }
            NodePool never = waitingPool(cluster, dropped, waiting);
            return new NodePool(cluster, pool, null, NodePoolState.DELETING, null, never.instanceType(),
                    never.desired(), never.min(), never.max(), never.version(), never.labels(), never.taints(),
                    never.diskGiB(), List.of(), never.createdAt(), Map.of());
        }
        try {
            return EksConvert.nodePool(retrier.call("DeleteNodegroup",
                    () -> eks.deleteNodegroup(r -> r.clusterName(cluster).nodegroupName(pool)).nodegroup()));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                requireClusterExists(cluster, e);
                throw ClusterErrors.nodePoolNotFound(cluster, pool);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        eks.close();
        if (ec2 != null) {
            ec2.close();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<String> subnetsOf(Cluster cluster) {
        String subnets = cluster.details().get("subnetIds");
        return subnets == null ? List.of() : List.of(subnets.split(","));
    }

    private static AltoException noNodeRole() {
        return ClusterRules.invalid("EKS node groups need a node role: give the spec's role " + EksSettings.NODE_ROLE
                + " or set eks_node_role_arn in the [aws] section of alto.toml");
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
