package io.altostratus.gateway.eks.internal;

import io.altostratus.gateway.backend.ClusterServices;
import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.Taint;
import io.altostratus.core.clusters.TaintEffect;
import io.altostratus.gateway.eks.internal.Kept.NodegroupDoc;
import io.altostratus.gateway.eks.internal.Kept.ParamDoc;
import io.altostratus.gateway.eks.internal.Kept.TaintDoc;
import io.altostratus.gateway.eks.internal.Kept.UpdateDoc;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.CreateClusterResponse;
import software.amazon.awssdk.services.eks.model.CreateNodegroupRequest;
import software.amazon.awssdk.services.eks.model.CreateNodegroupResponse;
import software.amazon.awssdk.services.eks.model.DeleteClusterRequest;
import software.amazon.awssdk.services.eks.model.DeleteClusterResponse;
import software.amazon.awssdk.services.eks.model.DeleteNodegroupRequest;
import software.amazon.awssdk.services.eks.model.DeleteNodegroupResponse;
import software.amazon.awssdk.services.eks.model.DescribeClusterRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import software.amazon.awssdk.services.eks.model.DescribeClusterVersionsRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterVersionsResponse;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupRequest;
import software.amazon.awssdk.services.eks.model.DescribeNodegroupResponse;
import software.amazon.awssdk.services.eks.model.DescribeUpdateRequest;
import software.amazon.awssdk.services.eks.model.DescribeUpdateResponse;
import software.amazon.awssdk.services.eks.model.ListClustersRequest;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.eks.model.ListNodegroupsRequest;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.eks.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.eks.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.eks.model.ListUpdatesRequest;
import software.amazon.awssdk.services.eks.model.ListUpdatesResponse;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.TagResourceRequest;
import software.amazon.awssdk.services.eks.model.TagResourceResponse;
import software.amazon.awssdk.services.eks.model.UntagResourceRequest;
import software.amazon.awssdk.services.eks.model.UntagResourceResponse;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateClusterVersionRequest;
import software.amazon.awssdk.services.eks.model.UpdateClusterVersionResponse;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigRequest;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigResponse;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupVersionRequest;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupVersionResponse;

/**
 * The EKS operations this front serves, each over the caller's {@link Clusters} (the account's, in the signature's
 * region) and the EKS-only facts in {@link Kept}.
 */
public final class EksActions {
    /** Who is calling and where. */
    public record Call(String account, String region) {
        String scope() {
            return Kept.scope(account, region);
        }
    }

    private interface Action extends BiFunction<Call, SdkPojo, SdkPojo> {
    }

    /** The operations served, by EKS's names; any other of EKS's answers {@code InvalidRequestException}. */
    public static final Set<String> SERVED = Set.of("CreateCluster", "DescribeCluster", "ListClusters",
            "DeleteCluster", "UpdateClusterVersion", "DescribeUpdate", "ListUpdates", "CreateNodegroup",
            "DescribeNodegroup", "ListNodegroups", "UpdateNodegroupConfig", "UpdateNodegroupVersion",
            "DeleteNodegroup", "DescribeClusterVersions", "TagResource", "UntagResource", "ListTagsForResource");

    private static final int MAX_PAGE = 100;
    private static final String ARN_PREFIX = "arn:aws:eks:";

    private final ClusterServices sessions;
    private final Kept kept;
    private final Map<String, Action> actions = new LinkedHashMap<>();

    public EksActions(ClusterServices sessions, Kept kept) {
        this.sessions = sessions;
        this.kept = kept;
        on("CreateCluster", (c, r) -> createCluster(c, (CreateClusterRequest) r));
        on("DescribeCluster", (c, r) -> describeCluster(c, (DescribeClusterRequest) r));
        on("ListClusters", (c, r) -> listClusters(c, (ListClustersRequest) r));
        on("DeleteCluster", (c, r) -> deleteCluster(c, (DeleteClusterRequest) r));
        on("UpdateClusterVersion", (c, r) -> updateClusterVersion(c, (UpdateClusterVersionRequest) r));
        on("DescribeUpdate", (c, r) -> describeUpdate(c, (DescribeUpdateRequest) r));
        on("ListUpdates", (c, r) -> listUpdates(c, (ListUpdatesRequest) r));
        on("CreateNodegroup", (c, r) -> createNodegroup(c, (CreateNodegroupRequest) r));
        on("DescribeNodegroup", (c, r) -> describeNodegroup(c, (DescribeNodegroupRequest) r));
        on("ListNodegroups", (c, r) -> listNodegroups(c, (ListNodegroupsRequest) r));
        on("UpdateNodegroupConfig", (c, r) -> updateNodegroupConfig(c, (UpdateNodegroupConfigRequest) r));
        on("UpdateNodegroupVersion", (c, r) -> updateNodegroupVersion(c, (UpdateNodegroupVersionRequest) r));
        on("DeleteNodegroup", (c, r) -> deleteNodegroup(c, (DeleteNodegroupRequest) r));
        on("DescribeClusterVersions", (c, r) -> describeClusterVersions(c, (DescribeClusterVersionsRequest) r));
        on("TagResource", (c, r) -> tagResource(c, (TagResourceRequest) r));
        on("UntagResource", (c, r) -> untagResource(c, (UntagResourceRequest) r));
        on("ListTagsForResource", (c, r) -> listTags(c, (ListTagsForResourceRequest) r));
        if (!actions.keySet().equals(SERVED)) {
            throw new IllegalStateException("SERVED does not list the actions: " + actions.keySet());
        }
    }

    private void on(String name, Action action) {
        actions.put(name, action);
    }

    /** The operations served, by EKS's names. */
    public Set<String> names() {
        return SERVED;
    }

    /** Runs an operation; {@code InvalidRequestException} naming it when this front does not serve it. */
    public SdkPojo run(String operation, Call call, SdkPojo request) {
        Action action = actions.get(operation);
        if (action == null) {
            throw unsupported(operation);
        }
        return action.apply(call, request);
    }

    /** EKS's answer to one of its operations this front does not serve. */
    public static EksException unsupported(String operation) {
        return EksException.invalidRequest("the operation " + operation + " is not supported by this EKS endpoint "
                + "(alto serves " + String.join(", ", new TreeSet<>(SERVED)) + ")");
    }

    // ---- clusters ---------------------------------------------------------------------------------------------

    private CreateClusterResponse createCluster(Call call, CreateClusterRequest r) {
        // A retry of the same request (the SDKs send a client token and retry on lost answers) gets the cluster back.
        if (r.clientRequestToken() != null
                && kept.madeWith(call.scope(), r.clientRequestToken()).filter(r.name()::equals).isPresent()) {
            var again = clusters(call).get(r.name());
            if (again.isPresent()) {
                return CreateClusterResponse.builder().cluster(shape(call, again.get())).build();
            }
        }
        ClusterSpec.Builder spec = ClusterSpec.builder(r.name()).version(r.version()).tags(r.tags());
        if (r.roleArn() != null) {
            spec.role(EksShapes.CLUSTER_ROLE, r.roleArn());
        }
        if (r.resourcesVpcConfig() != null) {
            spec.subnetIds(r.resourcesVpcConfig().subnetIds())
                    .securityGroupIds(r.resourcesVpcConfig().securityGroupIds());
        }
        Cluster made = clusters(call).create(spec.build());
        if (r.clientRequestToken() != null) {
            kept.rememberToken(call.scope(), r.clientRequestToken(), r.name());
        }
        return CreateClusterResponse.builder().cluster(shape(call, made)).build();
    }

    private DescribeClusterResponse describeCluster(Call call, DescribeClusterRequest r) {
        return DescribeClusterResponse.builder().cluster(shape(call, clusters(call).require(r.name()))).build();
    }

    private ListClustersResponse listClusters(Call call, ListClustersRequest r) {
        List<String> names = clusters(call).list().stream().map(Cluster::name).sorted().toList();
        Page page = page(names, r.maxResults(), r.nextToken());
        return ListClustersResponse.builder().clusters(page.items()).nextToken(page.nextToken()).build();
    }

    private DeleteClusterResponse deleteCluster(Call call, DeleteClusterRequest r) {
        Cluster deleting = clusters(call).delete(r.name());
        return DeleteClusterResponse.builder().cluster(shape(call, deleting)).build();
    }

    private UpdateClusterVersionResponse updateClusterVersion(Call call, UpdateClusterVersionRequest r) {
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.name());
        ClusterUpdate u = clusters.upgrade(r.name(), r.version());
        remember(call, cluster, null, u, List.of());
        return UpdateClusterVersionResponse.builder().update(EksShapes.update(u, List.of())).build();
    }

    private DescribeUpdateResponse describeUpdate(Call call, DescribeUpdateRequest r) {
        if (r.addonName() != null) {
            throw EksException.invalidRequest("add-ons are not supported by this EKS endpoint");
        }
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.name());
        if (r.nodegroupName() != null) {
            clusters.requireNodePool(r.name(), r.nodegroupName());
        }
        UpdateDoc doc = kept.update(call.scope(), r.updateId(), created(cluster)).orElse(null);
        if (doc != null && !java.util.Objects.equals(doc.nodegroup(), r.nodegroupName())) {
            throw EksException.notFound("No update found for ID: " + r.updateId());
        }
        if (doc != null && doc.status() != null) {
            return DescribeUpdateResponse.builder().update(EksShapes.update(doc)).build();
        }
        ClusterUpdate u = clusters.update(r.name(), r.updateId());
        if (!java.util.Objects.equals(u.nodePool(), r.nodegroupName())) {
            throw EksException.notFound("No update found for ID: " + r.updateId());
        }
        return DescribeUpdateResponse.builder()
                .update(EksShapes.update(u, doc == null ? List.of() : doc.params())).build();
    }

    private ListUpdatesResponse listUpdates(Call call, ListUpdatesRequest r) {
        if (r.addonName() != null) {
            throw EksException.invalidRequest("add-ons are not supported by this EKS endpoint");
        }
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.name());
        if (r.nodegroupName() != null) {
            clusters.requireNodePool(r.name(), r.nodegroupName());
        }
        List<String> ids = kept.updates(call.scope(), r.name(), r.nodegroupName(), created(cluster)).stream()
                .map(UpdateDoc::id).toList();
        Page page = page(ids, r.maxResults(), r.nextToken());
        return ListUpdatesResponse.builder().updateIds(page.items()).nextToken(page.nextToken()).build();
    }

    private DescribeClusterVersionsResponse describeClusterVersions(Call call, DescribeClusterVersionsRequest r) {
        if (r.clusterType() != null && !r.clusterType().equals("eks")) {
            throw EksException.invalidParameter("unsupported cluster type " + r.clusterType() + " (only eks)");
        }
        LocalDate today = LocalDate.ofInstant(clusters(call).clock().instant(), ZoneOffset.UTC);
        Set<String> asked = r.hasClusterVersions() ? Set.copyOf(r.clusterVersions()) : Set.of();
        boolean defaultOnly = Boolean.TRUE.equals(r.defaultOnly());
        List<ClusterVersionInformation> all = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (KubernetesVersion v : clusters(call).versions().reversed()) {
            if ((defaultOnly && !v.isDefault()) || (!asked.isEmpty() && !asked.contains(v.version()))) {
                continue;
            }
            boolean standard = v.endOfStandardSupport() == null || !today.isAfter(v.endOfStandardSupport());
            var info = ClusterVersionInformation.builder().clusterVersion(v.version()).clusterType("eks")
                    .defaultVersion(v.isDefault())
                    .versionStatus(standard ? "STANDARD_SUPPORT" : "EXTENDED_SUPPORT")
                    .status(standard ? "standard-support" : "extended-support");
            if (v.endOfStandardSupport() != null) {
                info.endOfStandardSupportDate(v.endOfStandardSupport().atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            all.add(info.build());
            keys.add(v.version());
        }
        Page page = page(keys, r.maxResults(), r.nextToken());
        List<ClusterVersionInformation> shown = all.stream()
                .filter(i -> page.items().contains(i.clusterVersion())).toList();
        return DescribeClusterVersionsResponse.builder().clusterVersions(shown).nextToken(page.nextToken()).build();
    }

    // ---- node groups ------------------------------------------------------------------------------------------

    private CreateNodegroupResponse createNodegroup(Call call, CreateNodegroupRequest r) {
        if (r.nodeRole() == null || r.nodeRole().isBlank()) {
            throw EksException.invalidParameter("nodeRole is required");
        }
        if (r.launchTemplate() != null) {
            throw EksException.invalidRequest("launch templates are not supported by this EKS endpoint");
        }
        if (r.instanceTypes().size() > 1) {
            throw EksException.invalidParameter("this EKS endpoint runs one instance type per node group, not "
                    + r.instanceTypes());
        }
        NodegroupScalingConfig s = r.scalingConfig();
        // Without a scaling configuration EKS makes two nodes, and lets the group shrink to one.
        int desired = s != null && s.desiredSize() != null ? s.desiredSize() : 2;
        int min = s != null && s.minSize() != null ? s.minSize() : Math.min(1, desired);
        int max = s != null && s.maxSize() != null ? s.maxSize() : Math.max(desired, 1);
        List<Taint> taints = new ArrayList<>();
        for (var t : r.taints()) {
            taints.add(new Taint(t.key(), t.value(), TaintEffect.parse(t.effectAsString())));
        }
        NodePoolSpec spec = new NodePoolSpec(r.nodegroupName(), r.instanceTypes().isEmpty() ? null
                : r.instanceTypes().get(0), desired, min, max, r.labels(), taints, r.diskSize(), r.version());
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.clusterName());
        String madeName = r.clusterName() + "/" + r.nodegroupName();
        if (r.clientRequestToken() != null
                && kept.madeWith(call.scope(), r.clientRequestToken()).filter(madeName::equals).isPresent()) {
            var again = clusters.nodePool(r.clusterName(), r.nodegroupName());
            if (again.isPresent()) {
                return CreateNodegroupResponse.builder().nodegroup(nodegroup(call, cluster, again.get())).build();
            }
        }
        NodePool pool = clusters.addNodePool(r.clusterName(), spec);
        if (r.clientRequestToken() != null) {
            kept.rememberToken(call.scope(), r.clientRequestToken(), madeName);
        }
        NodegroupDoc doc = new NodegroupDoc(r.clusterName(), r.nodegroupName(), created(cluster), r.nodeRole(),
                r.subnets(), r.amiTypeAsString(), r.capacityTypeAsString(), r.instanceTypes(), r.tags(), null, null,
                0);
        kept.putNodegroup(call.scope(), doc);
        return CreateNodegroupResponse.builder()
                .nodegroup(EksShapes.nodegroup(pool, doc, call.region(), call.account())).build();
    }

    private DescribeNodegroupResponse describeNodegroup(Call call, DescribeNodegroupRequest r) {
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.clusterName());
        NodePool pool = clusters.requireNodePool(r.clusterName(), r.nodegroupName());
        return DescribeNodegroupResponse.builder().nodegroup(nodegroup(call, cluster, pool)).build();
    }

    private ListNodegroupsResponse listNodegroups(Call call, ListNodegroupsRequest r) {
        List<String> names = clusters(call).nodePools(r.clusterName()).stream().map(NodePool::name).sorted()
                .toList();
        Page page = page(names, r.maxResults(), r.nextToken());
        return ListNodegroupsResponse.builder().nodegroups(page.items()).nextToken(page.nextToken()).build();
    }

    private UpdateNodegroupConfigResponse updateNodegroupConfig(Call call, UpdateNodegroupConfigRequest r) {
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.clusterName());
        NodePool pool = clusters.requireNodePool(r.clusterName(), r.nodegroupName());
        if (pool.state() != io.altostratus.core.clusters.NodePoolState.ACTIVE) {
            throw new EksException(409, EksException.IN_USE, "Nodegroup " + r.nodegroupName() + " is "
                    + EksShapes.nodegroupStatus(pool) + " and cannot be updated now");
        }
        long made = created(cluster);
        NodegroupDoc doc = kept.nodegroup(call.scope(), r.clusterName(), r.nodegroupName(), made).orElse(null);
        List<ParamDoc> params = new ArrayList<>();
        Map<String, String> labels = null;
        List<TaintDoc> taints = null;
        if (r.labels() != null) {
            labels = new LinkedHashMap<>(doc != null && doc.labels() != null ? doc.labels() : pool.labels());
            if (r.labels().hasAddOrUpdateLabels()) {
                labels.putAll(r.labels().addOrUpdateLabels());
                params.add(new ParamDoc("LabelsToAdd", json(r.labels().addOrUpdateLabels())));
            }
            if (r.labels().hasRemoveLabels()) {
                r.labels().removeLabels().forEach(labels::remove);
                params.add(new ParamDoc("LabelsToRemove", json(r.labels().removeLabels())));
            }
            // The core's rules for labels apply whichever backend is behind.
            new NodePoolSpec(pool.name(), null, 1, 1, 1, labels, List.of(), null, null);
        }
        if (r.taints() != null) {
            taints = new ArrayList<>(doc != null && doc.taints() != null ? doc.taints()
                    : EksShapes.taintDocs(pool.taints()));
            if (r.taints().hasRemoveTaints()) {
                for (var t : r.taints().removeTaints()) {
                    String effect = TaintEffect.parse(t.effectAsString()).name();
                    taints.removeIf(k -> k.key().equals(t.key()) && k.effect().equals(effect));
                }
                params.add(new ParamDoc("TaintsToRemove", String.valueOf(r.taints().removeTaints().size())));
            }
            if (r.taints().hasAddOrUpdateTaints()) {
                for (var t : r.taints().addOrUpdateTaints()) {
                    Taint checked = new Taint(t.key(), t.value(), TaintEffect.parse(t.effectAsString()));
                    taints.removeIf(k -> k.key().equals(checked.key()) && k.effect().equals(checked.effect().name()));
                    taints.add(new TaintDoc(checked.key(), checked.value(), checked.effect().name()));
                }
                params.add(new ParamDoc("TaintsToAdd", String.valueOf(r.taints().addOrUpdateTaints().size())));
            }
        }
        if (r.scalingConfig() == null && labels == null && taints == null) {
            throw EksException.invalidParameter("no changes needed: give scalingConfig, labels or taints");
        }
        Update answer;
        long now = clusters.clock().millis();
        if (r.scalingConfig() != null) {
            NodegroupScalingConfig s = r.scalingConfig();
            int desired = s.desiredSize() != null ? s.desiredSize() : pool.desired();
            int min = s.minSize() != null ? s.minSize() : pool.min();
            int max = s.maxSize() != null ? s.maxSize() : pool.max();
            ClusterUpdate u = clusters.scaleNodePool(r.clusterName(), r.nodegroupName(), desired, min, max);
            remember(call, cluster, r.nodegroupName(), u, params);
            answer = EksShapes.update(u, params);
        } else {
            // Labels and taints live in this front only (the portable service has no call for them): done at once.
            UpdateDoc d = new UpdateDoc(UUID.randomUUID().toString(), r.clusterName(), r.nodegroupName(), made,
                    "ConfigUpdate", params, now, "Successful");
            kept.putUpdate(call.scope(), d);
            answer = EksShapes.update(d);
        }
        if (labels != null || taints != null) {
            Map<String, String> newLabels = labels;
            List<TaintDoc> newTaints = taints;
            if (doc == null) {
                kept.putNodegroup(call.scope(), new NodegroupDoc(r.clusterName(), r.nodegroupName(), made, null,
                        List.of(), null, null, List.of(), Map.of(), newLabels, newTaints, now));
            } else {
                kept.changeNodegroup(call.scope(), r.clusterName(), r.nodegroupName(), made, d -> new NodegroupDoc(
                        d.cluster(), d.name(), d.clusterCreatedAt(), d.nodeRole(), d.subnets(), d.amiType(),
                        d.capacityType(), d.instanceTypes(), d.tags(), newLabels != null ? newLabels : d.labels(),
                        newTaints != null ? newTaints : d.taints(), now));
            }
        }
        return UpdateNodegroupConfigResponse.builder().update(answer).build();
    }

    private UpdateNodegroupVersionResponse updateNodegroupVersion(Call call, UpdateNodegroupVersionRequest r) {
        if (r.launchTemplate() != null) {
            throw EksException.invalidRequest("launch templates are not supported by this EKS endpoint");
        }
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.clusterName());
        ClusterUpdate u = clusters.upgradeNodePool(r.clusterName(), r.nodegroupName(), r.version());
        remember(call, cluster, r.nodegroupName(), u, List.of());
        return UpdateNodegroupVersionResponse.builder().update(EksShapes.update(u, List.of())).build();
    }

    private DeleteNodegroupResponse deleteNodegroup(Call call, DeleteNodegroupRequest r) {
        Clusters clusters = clusters(call);
        Cluster cluster = clusters.require(r.clusterName());
        NodePool deleting = clusters.deleteNodePool(r.clusterName(), r.nodegroupName());
        return DeleteNodegroupResponse.builder().nodegroup(nodegroup(call, cluster, deleting)).build();
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    /** A cluster or node group named by its ARN, in the caller's account. */
    private record Tagged(Call call, String cluster, String nodegroup) {
    }

    private Tagged tagged(Call caller, String arn) {
        // arn:aws:eks:REGION:ACCOUNT:cluster/NAME or ...:nodegroup/CLUSTER/NAME/ID
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6 || !arn.startsWith(ARN_PREFIX)) {
            throw new EksException(400, EksException.BAD_REQUEST, "not an EKS resource ARN: " + arn);
        }
        if (!parts[4].equals(caller.account())) {
            throw new EksException(404, EksException.TAG_NOT_FOUND, "Resource not found: " + arn);
        }
        Call call = new Call(caller.account(), parts[3]);
        String[] path = parts[5].split("/");
        if (path.length == 2 && path[0].equals("cluster")) {
            return new Tagged(call, path[1], null);
        }
        if (path.length == 4 && path[0].equals("nodegroup")) {
            return new Tagged(call, path[1], path[2]);
        }
        throw new EksException(400, EksException.BAD_REQUEST, "this endpoint tags clusters and node groups, not "
                + arn);
    }

    private Map<String, String> tagsOf(Tagged t, String arn) {
        try {
            Cluster cluster = clusters(t.call()).require(t.cluster());
            if (t.nodegroup() == null) {
                return currentTags(t.call(), cluster);
            }
            NodePool pool = clusters(t.call()).requireNodePool(t.cluster(), t.nodegroup());
            if (!EksShapes.nodegroupArn(t.call().region(), t.call().account(), pool).equals(arn)) {
                throw new EksException(404, EksException.TAG_NOT_FOUND, "Resource not found: " + arn);
            }
            return kept.nodegroup(t.call().scope(), t.cluster(), t.nodegroup(), created(cluster))
                    .map(NodegroupDoc::tags).orElse(Map.of());
        } catch (io.altostratus.core.error.AltoException e) {
            if (e.code() == io.altostratus.core.error.ErrorCode.NOT_FOUND) {
                throw new EksException(404, EksException.TAG_NOT_FOUND, "Resource not found: " + arn);
            }
            throw e;
        }
    }

    private void setTags(Tagged t, Map<String, String> tags) {
        Cluster cluster = clusters(t.call()).require(t.cluster());
        long made = created(cluster);
        if (t.nodegroup() == null) {
            kept.putClusterTags(t.call().scope(), t.cluster(), made, tags);
        } else if (kept.nodegroup(t.call().scope(), t.cluster(), t.nodegroup(), made).isPresent()) {
            kept.changeNodegroup(t.call().scope(), t.cluster(), t.nodegroup(), made, d -> new NodegroupDoc(
                    d.cluster(), d.name(), d.clusterCreatedAt(), d.nodeRole(), d.subnets(), d.amiType(),
                    d.capacityType(), d.instanceTypes(), tags, d.labels(), d.taints(), d.modifiedAt()));
        } else {
            kept.putNodegroup(t.call().scope(), new NodegroupDoc(t.cluster(), t.nodegroup(), made, null, List.of(),
                    null, null, List.of(), tags, null, null, 0));
        }
    }

    private TagResourceResponse tagResource(Call call, TagResourceRequest r) {
        Tagged t = tagged(call, r.resourceArn());
        Map<String, String> tags = new LinkedHashMap<>(tagsOf(t, r.resourceArn()));
        tags.putAll(r.tags());
        if (tags.size() > 50) {
            throw new EksException(400, EksException.BAD_REQUEST, "a resource takes at most 50 tags");
        }
        setTags(t, tags);
        return TagResourceResponse.builder().build();
    }

    private UntagResourceResponse untagResource(Call call, UntagResourceRequest r) {
        Tagged t = tagged(call, r.resourceArn());
        Map<String, String> tags = new LinkedHashMap<>(tagsOf(t, r.resourceArn()));
        r.tagKeys().forEach(tags::remove);
        setTags(t, tags);
        return UntagResourceResponse.builder().build();
    }

    private ListTagsForResourceResponse listTags(Call call, ListTagsForResourceRequest r) {
        Tagged t = tagged(call, r.resourceArn());
        return ListTagsForResourceResponse.builder().tags(tagsOf(t, r.resourceArn())).build();
    }

    // ---- inside -----------------------------------------------------------------------------------------------

    private Clusters clusters(Call call) {
        return sessions.of(call.account(), call.region());
    }

    private static long created(Cluster cluster) {
        return cluster.createdAt() == null ? 0 : cluster.createdAt().toEpochMilli();
    }

    private Map<String, String> currentTags(Call call, Cluster c) {
        return kept.clusterTags(call.scope(), c.name(), created(c)).orElse(c.tags());
    }

    private software.amazon.awssdk.services.eks.model.Cluster shape(Call call, Cluster c) {
        return EksShapes.cluster(c, call.region(), call.account(), currentTags(call, c));
    }

    private software.amazon.awssdk.services.eks.model.Nodegroup nodegroup(Call call, Cluster cluster, NodePool p) {
        NodegroupDoc doc = kept.nodegroup(call.scope(), p.cluster(), p.name(), created(cluster)).orElse(null);
        return EksShapes.nodegroup(p, doc, call.region(), call.account());
    }

    private void remember(Call call, Cluster cluster, String nodegroup, ClusterUpdate u, List<ParamDoc> extra) {
        kept.putUpdate(call.scope(), new UpdateDoc(u.id(), cluster.name(), nodegroup, created(cluster),
                u.type().wireName(), extra, u.createdAt() == null ? 0 : u.createdAt().toEpochMilli(), null));
    }

    private record Page(List<String> items, String nextToken) {
    }

    /** EKS's paging: up to {@code maxResults} (1 to 100) names after the one the token names. */
    private static Page page(List<String> sorted, Integer maxResults, String token) {
        int max = maxResults == null ? MAX_PAGE : maxResults;
        if (max < 1 || max > MAX_PAGE) {
            throw EksException.invalidParameter("maxResults must be between 1 and 100, not " + max);
        }
        int from = 0;
        if (token != null && !token.isEmpty()) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw EksException.invalidParameter("invalid nextToken");
            }
            // After the item the token names; when that one is gone, after where it would sort.
            int at = sorted.indexOf(after);
            if (at >= 0) {
                from = at + 1;
            } else {
                from = sorted.size();
                for (int i = 0; i < sorted.size(); i++) {
                    if (sorted.get(i).compareTo(after) > 0) {
                        from = i;
                        break;
                    }
                }
            }
        }
        int to = Math.min(sorted.size(), from + max);
        String next = to < sorted.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(sorted.get(to - 1)
                        .getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page(sorted.subList(from, to), next);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** An update parameter's value as EKS gives label changes: the JSON of the map or list. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
