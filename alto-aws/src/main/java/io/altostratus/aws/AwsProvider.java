package io.altostratus.aws;

import io.altostratus.aws.internal.Retrier;
import io.altostratus.catalog.Catalog;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.ec2.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Network;
import io.altostratus.core.ec2.NetworkAcl;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Region;
import io.altostratus.core.ec2.RouteTable;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.ec2.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.ec2.RouteTarget;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 */
public final class AwsProvider implements ComputeProvider {
    /** The tag keys of ownership. */
    public static final String OWNER_TAG = "alto:owner";
    public static final String CREATED_TAG = "alto:created";
    public static final String RUN_TAG = "alto:run-id";

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.STOP_START, Capability.REBOOT,
            Capability.FORCE_STOP, Capability.CREATE_IMAGE, Capability.KEY_PAIRS, Capability.NETWORKS,
            Capability.VOLUMES, Capability.SNAPSHOTS, Capability.NETWORK_INTERFACES, Capability.TAGS, Capability.SPOT,
            Capability.CLIENT_TOKEN, Capability.CONSOLE_OUTPUT, Capability.INTERNET_GATEWAYS, Capability.ROUTE_TABLES,
            Capability.NETWORK_ACLS, Capability.ELASTIC_IPS, Capability.SECURITY_GROUP_RULES,
            Capability.NETWORK_ATTRIBUTES, Capability.INSTANCE_ATTRIBUTES, Capability.INSTANCE_METADATA_OPTIONS);


    private final AwsContext context;
    private final AwsPlaces places;
    private final AwsInstances instances;
    private final AwsImages images;
    private final AwsKeyPairs keyPairs;
    private final AwsSecurityGroups securityGroups;
    private final AwsRouting routing;
    private final AwsInterfaces interfaces;
    private final AwsNetworks networks;
    private final AwsAddresses addresses;
    private final AwsStorage storage;
    private final AwsTags tagging;
    private final AwsSpot spot;
    private final AwsLaunches launches;

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
        this.securityGroups = new AwsSecurityGroups(context);
        this.routing = new AwsRouting(context);
        this.interfaces = new AwsInterfaces(context);
        this.networks = new AwsNetworks(context, securityGroups, routing, interfaces);
        this.addresses = new AwsAddresses(context);
        this.storage = new AwsStorage(context, instances);
        this.tagging = new AwsTags(context);
        this.spot = new AwsSpot(context);
        this.launches = new AwsLaunches(context, places, images, keyPairs, networks, securityGroups, instances);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String region() {
        return context.region();
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> out = EnumSet.copyOf(CAPABILITIES);
        if (context.settings().guestAccess()) {
            out.add(Capability.GUEST_ACCESS);
        }
        return out;
    }

    @Override
    public Duration consistencyGrace() {
        return context.settings().consistencyGrace();
    }

    /** The value of the {@code alto:owner} tag on what this session makes. */
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

    @Override
    public String userData(String instanceId) {
        return instances.userData(instanceId);
    }

    @Override
    public InstanceAttributes instanceAttributes(String instanceId) {
        return instances.instanceAttributes(instanceId);
    }

    @Override
    public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        return instances.modifyInstance(instanceId, change);
    }

    @Override
    public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        return instances.modifyMetadataOptions(instanceId, change);
    }

    @Override
    public String consoleOutput(String instanceId) {
        return instances.consoleOutput(instanceId);
    }

    @Override
    public List<io.altostratus.core.ec2.SpotRequest> spotRequests(Collection<String> ids) {
        return spot.requests(ids);
    }

    @Override
    public List<io.altostratus.core.ec2.SpotRequest> cancelSpotRequests(Collection<String> ids) {
        return spot.cancel(ids);
    }

    @Override
    public List<io.altostratus.core.ec2.SpotPrice> spotPrices(Collection<String> instanceTypes,
                                                               Collection<String> zones) {
        return spot.prices(instanceTypes, zones);
    }

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolveImage(ref);
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.createImage(instanceId, name, description, tags);
    }

    /**
     * Makes an image and waits (through the retrier's sleeper and clock) until it is available: on AWS that takes
     * minutes. A failed image fails with {@code PROVIDER_ERROR}; running out of {@code timeout} with {@code TIMEOUT}.
     */
    public Image createImageAndWait(String instanceId, String name, String description, Map<String, String> tags,
                                    Duration timeout, io.altostratus.core.wait.Sleeper sleeper) {
        return images.createImageAndWait(instanceId, name, description, tags, timeout, sleeper);
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.deleteImage(imageId, deleteSnapshots);
    }

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        return keyPairs.createKeyPair(name, type, tags);
    }

    /** Where the private key of a key pair this provider made is kept (mode 0600). */
    public java.nio.file.Path privateKeyPath(String keyName) {
        return keyPairs.privateKeyPath(keyName);
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        return keyPairs.importKeyPair(name, publicKey, tags);
    }

    @Override
    public List<KeyPair> keyPairs() {
        return keyPairs.keyPairs();
    }

    @Override
    public void deleteKeyPair(String name) {
        keyPairs.deleteKeyPair(name);
    }

    @Override
    public Network createNetwork(NetworkSpec spec) {
        return networks.createNetwork(spec);
    }

    @Override
    public List<Network> networks() {
        return networks.networks();
    }

    @Override
    public Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        return networks.modifyNetwork(networkId, enableDnsSupport, enableDnsHostnames);
    }

    @Override
    public void deleteNetwork(String networkId, boolean cascade) {
        networks.deleteNetwork(networkId, cascade);
    }

    @Override
    public Subnet createSubnet(SubnetSpec spec) {
        return networks.createSubnet(spec);
    }

    @Override
    public List<Subnet> subnets() {
        return networks.subnets();
    }

    @Override
    public void deleteSubnet(String subnetId) {
        networks.deleteSubnet(subnetId);
    }

    @Override
    public Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        return networks.modifySubnet(subnetId, mapPublicIpOnLaunch);
    }

    @Override
    public SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        return securityGroups.createSecurityGroup(spec);
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return securityGroups.securityGroups();
    }

    @Override
    public SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        return securityGroups.authorize(groupId, ingress, rules);
    }

    @Override
    public SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        return securityGroups.revoke(groupId, ingress, rules);
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        securityGroups.deleteSecurityGroup(groupId);
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        return securityGroups.securityGroupRules(groupIds);
    }

    @Override
    public InternetGateway createInternetGateway(Map<String, String> tags) {
        return routing.createInternetGateway(tags);
    }

    @Override
    public List<InternetGateway> internetGateways() {
        return routing.internetGateways();
    }

    @Override
    public InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        return routing.attachInternetGateway(gatewayId, networkId);
    }

    @Override
    public InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        return routing.detachInternetGateway(gatewayId, networkId);
    }

    @Override
    public void deleteInternetGateway(String gatewayId) {
        routing.deleteInternetGateway(gatewayId);
    }

    @Override
    public RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        return routing.createRouteTable(networkId, tags);
    }

    @Override
    public List<RouteTable> routeTables() {
        return routing.routeTables();
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        routing.deleteRouteTable(routeTableId);
    }

    @Override
    public String associateRouteTable(String routeTableId, String subnetId) {
        return routing.associateRouteTable(routeTableId, subnetId);
    }

    @Override
    public String replaceRouteTableAssociation(String associationId, String routeTableId) {
        return routing.replaceRouteTableAssociation(associationId, routeTableId);
    }

    @Override
    public void disassociateRouteTable(String associationId) {
        routing.disassociateRouteTable(associationId);
    }

    @Override
    public RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return routing.createRoute(routeTableId, destinationCidr, target);
    }

    @Override
    public RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        return routing.replaceRoute(routeTableId, destinationCidr, target);
    }

    @Override
    public RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        return routing.deleteRoute(routeTableId, destinationCidr);
    }

    @Override
    public List<NetworkAcl> networkAcls() {
        return networks.networkAcls();
    }

    @Override
    public Address allocateAddress(Map<String, String> tags) {
        return addresses.allocateAddress(tags);
    }

    @Override
    public List<Address> addresses() {
        return addresses.addresses();
    }

    @Override
    public Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                    boolean allowReassociation) {
        return addresses.associateAddress(allocationId, instanceId, networkInterfaceId, allowReassociation);
    }

    @Override
    public void disassociateAddress(String associationId) {
        addresses.disassociateAddress(associationId);
    }

    @Override
    public void releaseAddress(String allocationId) {
        addresses.releaseAddress(allocationId);
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        return storage.createVolume(spec);
    }

    @Override
    public List<Volume> volumes() {
        return storage.volumes();
    }

    /**
     * Attaches at {@code device}, or hot-adds at the first of {@code /dev/sdf}..{@code /dev/sdp} that neither the
     * instance's block devices nor any attached volume uses.
     */
    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        return storage.attachVolume(volumeId, instanceId, device);
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        return storage.detachVolume(volumeId, force);
    }

    @Override
    public void deleteVolume(String volumeId) {
        storage.deleteVolume(volumeId);
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        return storage.createSnapshot(volumeId, description, tags);
    }

    @Override
    public List<Snapshot> snapshots() {
        return storage.snapshots();
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        storage.deleteSnapshot(snapshotId);
    }

    @Override
    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        return interfaces.createNetworkInterface(spec);
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return interfaces.networkInterfaces();
    }

    @Override
    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        return interfaces.attachNetworkInterface(interfaceId, instanceId, deviceIndex);
    }

    @Override
    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        return interfaces.detachNetworkInterface(interfaceId, force);
    }

    @Override
    public void deleteNetworkInterface(String interfaceId) {
        interfaces.deleteNetworkInterface(interfaceId);
    }

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
