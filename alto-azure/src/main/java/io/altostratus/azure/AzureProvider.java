package io.altostratus.azure;

import io.altostratus.azure.internal.ArmNames;
import io.altostratus.azure.internal.RateLimits;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
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
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code azure} provider: the core SPI on Azure Resource Manager through the Azure SDK for Java's resource
 * managers (compute, network, resources) over the JDK HTTP client, against Azure or any ARM-compatible endpoint. A
 * session is one subscription, one resource group ({@code resource_group}, default {@code alto}) and one location
 * (the region: {@code eastus}, {@code westeurope}); zones are {@code <location>-<n>}.
 *
 * <ul>
 *   <li><b>Ids.</b> An instance id is the VM's name, unique in the resource group ({@link ArmNames}). Public images
 *       are URNs ({@code Canonical:ubuntu-24_04-lts:server:latest}); images made here are managed images, by ARM
 *       id.</li>
 *   <li><b>States.</b> See {@link AzureStates}; {@code rawState} is {@code <provisioningState>/<powerState>}.</li>
 *   <li><b>Stop</b> deallocates (disks kept, no compute billing); a <b>forced stop</b> ({@link Capability#FORCE_STOP})
 *       powers off without a guest shutdown, which keeps the VM allocated and billed; <b>reboot</b> restarts;
 *       <b>terminate</b> deletes the VM with its NIC, public IP and OS disk.</li>
 *   <li><b>Faults.</b> 429 (with {@code Retry-After} honoured), 5xx and busy 409s are retried; {@code SkuNotAvailable},
 *       {@code AllocationFailed}, {@code ZonalAllocationFailed} are {@code INSUFFICIENT_CAPACITY}; quota errors
 *       {@code QUOTA_EXCEEDED}; 401/403 {@code AUTH_FAILURE}; {@code ResourceNotFound} {@code NOT_FOUND}.</li>
 * </ul>
 * Extensions: {@code Volumes} (managed disks, attached as a VM's data disks), {@code Snapshots} (of managed disks),
 * {@code KeyPairs} (SSH public key resources), {@code SecurityGroups} (network security groups and their rules).
 * Virtual networks are written ({@link AzureNetworks}) but not offered: Azure subnets are regional, which the core's
 * {@code ensureNetwork} and the contract kit's network checks do not handle yet. Traits: client tokens, forced
 * stop, spot launches, and guest access against Azure itself.
 */
public final class AzureProvider implements ComputeProvider {
    private final AzureContext context;
    private final AzurePlaces places;
    private final AzureImages images;
    private final AzureInstances instances;
    private final AzureLaunches launches;
    private final AzureVolumes volumes;
    private final AzureSnapshots snapshots;
    private final AzureKeyPairs keyPairs;
    private final AzureSecurityGroups securityGroups;
    private final AzureNetworks networks;
    private final Set<Capability> traits;

    AzureProvider(AzureContext context, boolean guestAccess) {
        this.context = context;
        this.places = new AzurePlaces(context);
        this.images = new AzureImages(context);
        this.instances = new AzureInstances(context);
        this.launches = new AzureLaunches(context, places, images, instances);
        this.volumes = new AzureVolumes(context);
        this.snapshots = new AzureSnapshots(context);
        this.keyPairs = new AzureKeyPairs(context);
        this.securityGroups = new AzureSecurityGroups(context);
        this.networks = new AzureNetworks(context, securityGroups);
        EnumSet<Capability> offered = EnumSet.of(Capability.CLIENT_TOKEN, Capability.FORCE_STOP,
                Capability.SPOT_LAUNCH);
        if (guestAccess) {
            offered.add(Capability.GUEST_ACCESS);
        }
        this.traits = Collections.unmodifiableSet(offered);
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public String region() {
        return context.location();
    }

    /** The resource group this session works in. */
    @Override
    public Optional<Scope> scope() {
        return Optional.of(new Scope("resource-group", context.group()));
    }

    public String subscription() {
        return context.subscription();
    }

    public String resourceGroup() {
        return context.group();
    }

    /** ARM's throttling headers as last seen by this session. */
    public RateLimits rateLimits() {
        return context.clients().rateLimits();
    }

    @Override
    public Set<Capability> traits() {
        return traits;
    }

    /**
     * Managed disks ({@link AzureVolumes}), snapshots ({@link AzureSnapshots}), SSH keys ({@link AzureKeyPairs}),
     * network security groups ({@link AzureSecurityGroups}).
     */
    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        if (type == Volumes.class) {
            return Optional.of(type.cast(volumes));
        }
        if (type == Snapshots.class) {
            return Optional.of(type.cast(snapshots));
        }
        if (type == KeyPairs.class) {
            return Optional.of(type.cast(keyPairs));
        }
        if (type == SecurityGroups.class) {
            return Optional.of(type.cast(securityGroups));
        }
        return ComputeProvider.super.extension(type);
    }

    /** ARM reads see a write once its operation has ended, which every change here waits for. */
    @Override
    public Duration consistencyGrace() {
        return Duration.ZERO;
    }

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
        return places.offerings();
    }

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolveImage(ref);
    }

    /** Deallocates and generalizes the VM, then makes a managed image of it (see {@link AzureImages}). */
    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.createImage(instances, instanceId, name, description, tags);
    }

    /** Deletes a managed image; they have no snapshots of their own, so {@code deleteSnapshots} changes nothing. */
    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.deleteImage(imageId);
    }

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

    /** Tags a VM (by name) or a managed image (by ARM id). */
    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        if (resourceId != null && (ArmNames.isManagedImageId(resourceId) || ArmNames.isUrn(resourceId))) {
            images.tag(resourceId, tags);
        } else {
            instances.tag(resourceId, tags);
        }
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        if (resourceId != null && (ArmNames.isManagedImageId(resourceId) || ArmNames.isUrn(resourceId))) {
            images.untag(resourceId, keys);
        } else {
            instances.untag(resourceId, keys);
        }
    }

    /**
     * Virtual networks and subnets, written but not offered as {@code Networks} until the core's ensureNetwork and
     * the contract kit handle regional subnets (see {@link AzureNetworks}); tests reach them here.
     */
    AzureNetworks networksNotYetOffered() {
        return networks;
    }

    @Override
    public void close() {
        context.fanOut().shutdownNow();
        context.clients().close();
    }

    /** For tests: how many ARM clients this session has made. */
    int clientsMade() {
        return context.clients().clientsMade();
    }
}
