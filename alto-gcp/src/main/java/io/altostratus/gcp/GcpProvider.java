package io.altostratus.gcp;

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
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.Scope;
import io.altostratus.gcp.internal.GceNames;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code gcp} provider: the core SPI on Compute Engine through Google's Java client (REST), against Google or
 * any GCE-compatible endpoint. A session is one project and one region; the region's zones are its zones.
 *
 * <ul>
 *   <li><b>Ids.</b> An instance is {@code {zone}/{name}} ({@code us-central1-a/web-1}): GCE names are unique per
 *       project and zone, so this is the shortest id unique in a session. GCE's numeric id and self link are in
 *       {@link GceInstanceDetails}. An image is {@code projects/{project}/global/images/{name}}.</li>
 *   <li><b>States.</b> PROVISIONING, STAGING and REPAIRING read {@code pending}; RUNNING {@code running}; STOPPING
 *       {@code stopping}; TERMINATED {@code stopped} (GCE's TERMINATED is a stopped VM); SUSPENDING and SUSPENDED
 *       {@code suspended}; a deleted instance is gone ({@code terminated} in the answer of {@link #terminate}, then
 *       {@code NOT_FOUND}). {@code rawState} is GCE's word.</li>
 *   <li><b>Tags</b> are GCE labels, with GCE's rules enforced before any call (see {@link GceLabels}); {@code Name}
 *       is the instance name (see {@code GcpLaunches}).</li>
 *   <li><b>Changes</b> wait for their operation to be DONE; an operation's error is the call's error. Reboot is
 *       GCE's reset; terminate is delete; start resumes a suspended instance.</li>
 *   <li><b>Faults.</b> Rate limits and 5xx are retried with backoff; a zone without capacity is
 *       {@code INSUFFICIENT_CAPACITY} (and a launch without a zone moves on to the next zone); {@code QUOTA_EXCEEDED};
 *       {@code notFound} right after an insert is retried within {@link #consistencyGrace()}; 401/403 are
 *       {@code AUTH_FAILURE}.</li>
 * </ul>
 * It offers {@link Volumes} (persistent disks, ids {@code zone/disks/name}) and {@link Snapshots} (ids
 * {@code projects/{project}/global/snapshots/{name}}); traits are client tokens and, against Google itself, guest
 * access.
 */
public final class GcpProvider implements ComputeProvider {
    private final GcpContext context;
    private final GcpPlaces places;
    private final GcpImages images;
    private final GcpInstances instances;
    private final GcpLaunches launches;
    private final GcpVolumes volumes;
    private final GcpSnapshots snapshots;
    private final Set<Capability> traits;

    GcpProvider(GcpContext context, boolean guestAccess) {
        this.context = context;
        this.places = new GcpPlaces(context);
        this.images = new GcpImages(context);
        this.instances = new GcpInstances(context, places);
        this.launches = new GcpLaunches(context, places, images, instances, new SshKeys(context));
        this.volumes = new GcpVolumes(context, places, instances);
        this.snapshots = new GcpSnapshots(context, places);
        // Spot is a provisioning model of the instance itself (no request, no price API): a launch trait.
        EnumSet<Capability> offered = EnumSet.of(Capability.CLIENT_TOKEN, Capability.SPOT_LAUNCH);
        if (guestAccess) {
            offered.add(Capability.GUEST_ACCESS);
        }
        this.traits = Collections.unmodifiableSet(offered);
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public String region() {
        return context.region();
    }

    /** The GCP project this session works in. */
    @Override
    public Optional<Scope> scope() {
        return Optional.of(new Scope("project", context.project()));
    }

    public String project() {
        return context.project();
    }

    @Override
    public Set<Capability> traits() {
        return traits;
    }

    @Override
    public Duration consistencyGrace() {
        return context.settings().consistencyGrace();
    }

    /** {@link Volumes} are persistent disks ({@link GcpVolumes}), {@link Snapshots} their snapshots. */
    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        if (type == Volumes.class) {
            return Optional.of(type.cast(volumes));
        }
        if (type == Snapshots.class) {
            return Optional.of(type.cast(snapshots));
        }
        return ComputeProvider.super.extension(type);
    }

    // ---- places and sizes -----------------------------------------------------------------------------------

    @Override
    public List<Region> regions() {
        return places.regions();
    }

    @Override
    public List<Zone> zones() {
        return places.zones();
    }

    @Override
    public List<InstanceType> instanceTypes() {
        return places.instanceTypes();
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return places.instanceTypeOfferingsByZone();
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolveImage(ref);
    }

    /** Makes an image of the instance's boot disk; it is usually pending at first. */
    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.createImage(instances, instanceId, name, description, tags);
    }

    /** Deletes an image; GCE images have no snapshots of their own, so {@code deleteSnapshots} changes nothing. */
    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.deleteImage(imageId);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return launches.launch(spec);
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
        return instances.instances(query, page);
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

    /**
     * Labels an instance ({@code zone/name}), a disk ({@code zone/disks/name}), an image
     * ({@code projects/.../global/images/name}) or a snapshot ({@code projects/.../global/snapshots/name}).
     */
    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        if (GceNames.isImageId(resourceId)) {
            images.tag(resourceId, tags);
        } else if (GceNames.isDiskId(resourceId)) {
            volumes.tag(resourceId, tags);
        } else if (GceNames.isSnapshotId(resourceId)) {
            snapshots.tag(resourceId, tags);
        } else {
            instances.tag(resourceId, tags);
        }
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        if (GceNames.isImageId(resourceId)) {
            images.untag(resourceId, keys);
        } else if (GceNames.isDiskId(resourceId)) {
            volumes.untag(resourceId, keys);
        } else if (GceNames.isSnapshotId(resourceId)) {
            snapshots.untag(resourceId, keys);
        } else {
            instances.untag(resourceId, keys);
        }
    }

    @Override
    public void close() {
        context.fanOut().shutdownNow();
        context.clients().close();
    }

    /** For tests: how many Compute Engine clients this session has made. */
    int clientsMade() {
        return context.clients().clientsMade();
    }
}
