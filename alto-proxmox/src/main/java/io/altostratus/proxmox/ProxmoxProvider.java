package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code proxmox} provider: the core SPI on one Proxmox VE cluster over {@code /api2/json}.
 * <ul>
 *   <li><b>Places</b>: the region is the cluster (its name from {@code /cluster/status}, {@code pve} for a single
 *       node); zones are its nodes, named as the nodes are.</li>
 *   <li><b>Ids</b>: {@code node/vmid} for instances and images alike (images are templates, see {@link PveImages});
 *       VMIDs come from {@code /cluster/nextid}.</li>
 *   <li><b>Sizes</b>: a fixed table ({@link Sizes}); Proxmox has none.</li>
 *   <li><b>Tasks</b>: every mutating call is waited to its task's end; a failed task's last log line is the error
 *       ({@link io.altostratus.proxmox.internal.PveTasks}).</li>
 *   <li><b>Faults</b>: a locked VM and lost connections (HTTP 595) are retried with backoff, then reported (a lock
 *       as INVALID_STATE); 401 is AUTH_FAILURE ({@link io.altostratus.proxmox.internal.PveErrors}).</li>
 *   <li><b>Addresses</b>: from the QEMU guest agent only ({@link PveInstances}).</li>
 * </ul>
 */
public final class ProxmoxProvider implements ComputeProvider {
    private final PveSession session;
    private final Vms vms;
    private final PveImages images;
    private final PveInstances instances;
    private final PveSnapshots snapshots;
    private final PveImageImports imports;

    ProxmoxProvider(PveSession session) {
        this.session = session;
        this.vms = new Vms(session);
        this.images = new PveImages(session, vms);
        this.instances = new PveInstances(session, vms, images);
        this.snapshots = new PveSnapshots(session, vms);
        this.imports = new PveImageImports(session, vms, this::firstOnlineNode);
    }

    @Override
    public String name() {
        return "proxmox";
    }

    @Override
    public String region() {
        return session.region();
    }

    @Override
    public Optional<Scope> scope() {
        return Optional.empty();
    }

    /** VMs are real guests; a forced stop is Proxmox's stop. */
    /**
     * {@link InstanceSnapshots} are VM snapshots ({@link PveSnapshots}); {@link ImageImports} make templates of cloud images
     * ({@link PveImageImports}).
     */
    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        if (type == InstanceSnapshots.class) {
            return Optional.of(type.cast(snapshots));
        }
        return type == ImageImports.class ? Optional.of(type.cast(imports)) : Optional.empty();
    }

    @Override
    public Set<Capability> traits() {
        return EnumSet.of(Capability.FORCE_STOP, Capability.GUEST_ACCESS);
    }

    /** Proxmox's cluster filesystem is consistent: a VM is listed once its clone task ends. */
    @Override
    public Duration consistencyGrace() {
        return Duration.ZERO;
    }

    // ---- places and sizes -------------------------------------------------------------------------------------

    /** Where an import goes when the caller names no node: the first online node by name. */
    private String firstOnlineNode() {
        return zones().stream().filter(z -> "available".equals(z.state())).map(Zone::name).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "NoOnlineNode",
                        "no node of the cluster is online"));
    }

    /** The cluster this session talks to, under the session's region name. */
    @Override
    public List<Region> regions() {
        return List.of(new Region(session.region(), clusterName(), session.client().base().toString(), false));
    }

    @Override
    public List<Zone> zones() {
        JsonNode nodes = session.retrier().call("nodes", () -> session.client().get("/nodes"));
        List<Zone> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            String name = n.path("node").asText();
            out.add(new Zone(name, n.path("id").asText(name), session.region(),
                    "online".equals(n.path("status").asText()) ? "available" : "unavailable"));
        }
        out.sort(java.util.Comparator.comparing(Zone::name));
        return out;
    }

    /** The cluster's own name from {@code /cluster/status}; a node outside any cluster reports none. */
    String clusterName() {
        JsonNode status = session.retrier().call("cluster.status", () -> session.client().get("/cluster/status"));
        for (JsonNode entry : status) {
            if ("cluster".equals(entry.path("type").asText()) && entry.hasNonNull("name")) {
                return entry.path("name").asText();
            }
        }
        return ProxmoxProviderFactory.DEFAULT_REGION;
    }

    @Override
    public List<InstanceType> instanceTypes() {
        return Sizes.TABLE;
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return ComputeProvider.everyTypeInEveryZone(this);
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolve(ref);
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.create(instanceId, name, description, tags, instances::instanceState);
    }

    /** Destroys the template with its disks; Proxmox keeps no separate snapshots of a template to delete or keep. */
    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.delete(imageId);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return instances.launch(spec);
    }

    @Override
    public Instance instance(String id) {
        return instances.instance(id);
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return instances.instances(query);
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances.instances(query), page, Instance::id);
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return instances.start(ids);
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return instances.stop(ids, force);
    }

    @Override
    public void reboot(Collection<String> ids) {
        instances.reboot(ids);
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return instances.terminate(ids);
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    /** Tags on a VM or template ({@code node/vmid}); see {@link io.altostratus.proxmox.internal.PveTags}. */
    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        instances.tag(resourceId, tags);
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        instances.untag(resourceId, keys);
    }

    @Override
    public void close() {
        // the JDK HTTP client holds no resources worth closing early
    }

}
