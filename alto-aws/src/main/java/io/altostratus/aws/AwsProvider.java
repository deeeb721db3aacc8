package io.altostratus.aws;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.ext.Ownership;
import io.altostratus.core.gc.OwnedResources;
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
import io.altostratus.core.wait.Retrier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The {@code aws} provider: the SPI on EC2 through the AWS SDK for Java v2, against AWS itself or any EC2-compatible
 * endpoint. One session is bound to one region and one set of credentials, and may be used from several threads.
 *
 * <p>What it adds over plain SDK calls: every call goes through one {@link Retrier} (throttling and 5xx retried with
 * bounded backoff and jitter, the SDK's own retries off); ids this session just made are read through EC2's
 * eventual consistency; everything it makes carries ownership tags ({@code alto:owner}, {@code alto:created},
 * {@code alto:run-id}); launches of many instances go out as MaxCount batches with bounded parallelism, may fall back
 * to other zones and types when capacity runs out, and roll back what they made when they fail.
 *
 * <p>The core calls are written out here; every extension EC2 has is served by the collaborator that owns that part
 * of the API, handed out by {@link #extension(Class)}: volumes and snapshots by {@code AwsStorage}, EC2's VPC
 * plumbing by {@code AwsRouting}, instance attributes, metadata options and console output by
 * {@code AwsInstances}, and so on. The session itself offers {@link Ownership}.
 */
public final class AwsProvider implements ComputeProvider, Ownership {
    /** The tag keys of ownership, as {@link OwnedResources} reads them. */
    public static final String OWNER_TAG = OwnedResources.OWNER_TAG;
    public static final String CREATED_TAG = OwnedResources.CREATED_TAG;
    public static final String RUN_TAG = OwnedResources.RUN_TAG;

    private final AwsContext context;
    private final AwsPlaces places;
    private final AwsInstances instances;
    private final AwsImages images;
    private final AwsKeyPairs keyPairs;
    private final AwsTags tagging;
    private final AwsLaunches launches;
    /** The collaborators that serve extensions, asked in this order. */
    private final List<Extension> extensions;
    /** Fixed for the session: guest access is a setting read once. */
    private final Set<Capability> traits;

    /**
     * A session over clients the caller built (the factory builds them from a context; tests pass their own).
     *
     * @param ssm     SSM for public image parameters, or null to use DescribeImages only
     * @param catalog where prices come from (EC2 does not say)
     */
    public AwsProvider(Ec2Client ec2, SsmClient ssm, String region, AwsSettings settings, Retrier retrier,
                       Catalog catalog) {
        this.context = new AwsContext(ec2, ssm, region, settings, retrier, catalog);
        this.places = new AwsPlaces(context);
        this.instances = new AwsInstances(context);
        this.images = new AwsImages(context);
        this.keyPairs = new AwsKeyPairs(context);
        AwsSecurityGroups securityGroups = new AwsSecurityGroups(context);
        AwsRouting routing = new AwsRouting(context, securityGroups);
        AwsInterfaces interfaces = new AwsInterfaces(context);
        AwsNetworks networks = new AwsNetworks(context, securityGroups, routing, interfaces);
        this.tagging = new AwsTags(context);
        this.launches = new AwsLaunches(context, places, images, keyPairs, networks, securityGroups, instances);
        this.extensions = List.of(instances, keyPairs, networks, securityGroups, routing, interfaces,
                new AwsAddresses(context), new AwsStorage(context, instances), new AwsSpot(context));
        EnumSet<Capability> offered = EnumSet.of(Capability.CLIENT_TOKEN, Capability.FORCE_STOP, Capability.EC2_IDS);
        if (settings.guestAccess()) {
            offered.add(Capability.GUEST_ACCESS);
        }
        this.traits = Collections.unmodifiableSet(offered);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String region() {
        return context.region();
    }

    /** EC2 has no scope inside a region: the account and region are the whole of it. */
    @Override
    public Optional<Scope> scope() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> traits() {
        return traits;
    }

    @Override
    public Duration consistencyGrace() {
        return context.settings().consistencyGrace();
    }

    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        return ComputeProvider.super.extension(type).or(() -> Extension.find(type, extensions));
    }

    /** The value of the {@code alto:owner} tag on what this session makes. */
    @Override
    public String owner() {
        return context.settings().owner();
    }

    /** The run id this session tags what it makes with. */
    public String runId() {
        return context.runId();
    }

    /** The ownership tags for something made now, under the caller's own tags (which win). */
    public Map<String, String> owned(Map<String, String> tags) {
        return context.owned(tags);
    }

    /** Where the private key of a key pair this provider made is kept (mode 0600). */
    public Path privateKeyPath(String keyName) {
        return keyPairs.privateKeyPath(keyName);
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

    /** Makes an image and returns it pending; {@code Cloud.waitForImage} waits until it can be launched. */
    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.createImage(instanceId, name, description, tags);
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.deleteImage(imageId, deleteSnapshots);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return launches.launch(spec, this);
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

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        tagging.tag(resourceId, tags);
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        tagging.untag(resourceId, keys);
    }

    @Override
    public void close() {
        launches.shutdown();
        context.ec2().close();
        if (context.ssm() != null) {
            context.ssm().close();
        }
    }

    /** For tests of the launch plan: the EC2 client this session calls. */
    Ec2Client client() {
        return context.ec2();
    }
}
