package io.altostratus.core.spi;

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
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The core provider SPI: what every backend implements, bound to one region and one account. Every method is one
 * round of calls to the backend; none waits for a state change (that is the façade's job).
 *
 * <p>The core is what every cloud has: places, instance types, images, instances and tags. Everything else is an
 * {@link Extension} the provider offers by implementing its interface (or by returning an object from
 * {@link #extension}); {@link Capability#of} derives the capabilities from what is offered, so nothing is declared
 * twice. A session may be used from several threads at once.
 *
 * <p>Errors are {@link io.altostratus.core.error.AltoException}s with a portable code and the backend's own code.
 * Ids are opaque provider strings: ids that are malformed for this backend fail with {@code INVALID_PARAMETER},
 * well-formed ids that do not exist with {@code NOT_FOUND}.
 *
 * <p>Every method here is abstract or derived from the others, so a decorator written as a
 * {@link ForwardingComputeProvider} cannot silently miss one.
 */
public interface ComputeProvider extends AutoCloseable {

    /** The provider name ({@code local}, {@code aws}, ...), as in {@link ProviderFactory#name()}. */
    String name();

    /** The region this session works in. */
    String region();

    /**
     * The provider's own scope inside the region, where it has one (GCP project, Azure resource group, Proxmox
     * node, vSphere datacenter or cluster), or empty.
     */
    Optional<Scope> scope();

    /**
     * Behaviours of this provider that are not extensions: only {@link Capability#isTrait() traits} (client tokens,
     * forced stop, guest access, EC2-shaped ids). Extensions are never listed here.
     */
    Set<Capability> traits();

    /**
     * How long a just-created resource may stay invisible to reads (EC2's eventual consistency). Waiters treat
     * {@code NOT_FOUND} for an id they have not yet seen as "not yet" for this long. Zero for providers whose reads
     * always see their own writes.
     */
    Duration consistencyGrace();

    /**
     * The extension of that type if this provider offers it. A provider offers an extension by implementing its
     * interface (the default returns {@code this} then) or by overriding this to hand out a collaborator.
     */
    default <T extends Extension> Optional<T> extension(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    // ---- places and sizes -----------------------------------------------------------------------------------

    /** Every region the account may use. */
    List<Region> regions();

    /** The zones of this session's region (empty for a provider without zones). */
    List<Zone> zones();

    /** The instance types offered in this region, priced where the price is known. */
    List<InstanceType> instanceTypes();

    /**
     * The names of the instance types each zone of this region offers, by zone name. Providers without per-zone
     * offerings return {@link #everyTypeInEveryZone(ComputeProvider)}.
     */
    Map<String, Set<String>> instanceTypeOfferingsByZone();

    // ---- images -----------------------------------------------------------------------------------------------

    List<Image> images(ImageQuery query);

    /** The image an id or alias names: for an alias, the newest available image that matches. */
    Image resolveImage(ImageRef ref);

    /** Makes an image of an instance (its disks as they are now); the image is usually pending at first. */
    Image createImage(String instanceId, String name, String description, Map<String, String> tags);

    /** Deletes an image, and the snapshots behind it when asked and the provider has any. */
    void deleteImage(String imageId, boolean deleteSnapshots);

    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * Launches {@code spec.count()} instances and returns them as they are right after launch (usually pending).
     * With a client token that was used before ({@link Capability#CLIENT_TOKEN}), returns the instances of that
     * first launch and makes nothing.
     *
     * @throws io.altostratus.core.error.PartialLaunchException when fewer than {@code count} but at least one
     *         were made and fewer than {@code minCount} could be; it carries those that were made
     */
    List<Instance> launch(LaunchSpec spec);

    /** The instance with that id, or {@code NOT_FOUND}. Terminated instances are found while still listed. */
    Instance instance(String id);

    /**
     * The instances matching the query. Ids in the query that do not exist fail with {@code NOT_FOUND}, so a
     * caller never mistakes a typo for an empty result.
     */
    List<Instance> instances(InstanceQuery query);

    /**
     * One page of {@link #instances(InstanceQuery)}, in a stable order. Providers that can page at the source
     * (an index, the cloud's own paging) answer from it; others return {@link Page#of(List, PageRequest)} over
     * the full listing.
     */
    Page<Instance> instances(InstanceQuery query, PageRequest page);

    List<StateChange> start(Collection<String> ids);

    /** Stops instances; {@code force} ({@link Capability#FORCE_STOP}) skips the guest's orderly shutdown. */
    List<StateChange> stop(Collection<String> ids, boolean force);

    void reboot(Collection<String> ids);

    List<StateChange> terminate(Collection<String> ids);

    // ---- tags -------------------------------------------------------------------------------------------------

    /** Adds or replaces tags (labels) on any resource of this provider by id. */
    void tag(String resourceId, Map<String, String> tags);

    /** Removes the given tag keys; keys that are not there are ignored. */
    void untag(String resourceId, Collection<String> keys);

    @Override
    void close();

    /** Every type of {@link #instanceTypes()} offered in every zone of {@link #zones()}. */
    static Map<String, Set<String>> everyTypeInEveryZone(ComputeProvider provider) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (InstanceType type : provider.instanceTypes()) {
            names.add(type.name());
        }
        Set<String> all = java.util.Collections.unmodifiableSet(names);
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        for (Zone zone : provider.zones()) {
            out.put(zone.name(), all);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
