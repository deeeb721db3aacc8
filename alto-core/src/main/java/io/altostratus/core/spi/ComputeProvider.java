package io.altostratus.core.spi;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Address;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceAttributes;
import io.altostratus.core.model.InstanceMetadataOptions;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.InternetGateway;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.NetworkAcl;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.RouteTable;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityGroupRule;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.SpotPrice;
import io.altostratus.core.model.SpotRequest;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.InstanceChange;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.MetadataOptionsChange;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.RouteTarget;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider SPI: what a backend must do, bound to one region and one account. Every method is one
 * round of calls to the backend; none waits for a state change (that is the façade's job).
 *
 * <p>A session may be used from several threads at once.
 *
 * <p>Errors are {@link AltoException}s with a portable code and the backend's own code. Ids that are malformed
 * for this backend fail with {@code INVALID_PARAMETER}; well-formed ids that do not exist with {@code NOT_FOUND}.
 * Optional operations (see {@link Capability}) have defaults that fail with {@code UNSUPPORTED}; a provider
 * overrides exactly the ones it declares.
 */
public interface ComputeProvider extends AutoCloseable {

    /** The provider name ({@code local}, {@code aws}, ...), as in {@link ProviderFactory#name()}. */
    String name();

    /** The region this session works in. */
    String region();

    /** What this provider offers beyond the core operations. */
    Set<Capability> capabilities();

    /**
     * How long a just-created resource may stay invisible to reads (EC2's eventual consistency). Waiters treat
     * {@code NOT_FOUND} for an id they have not yet seen as "not yet" for this long. Zero for providers whose reads
     * always see their own writes.
     */
    default java.time.Duration consistencyGrace() {
        return java.time.Duration.ZERO;
    }

    // ---- places and sizes -----------------------------------------------------------------------------------

    /** Every region the account may use. */
    List<Region> regions();

    /** The zones of this session's region. */
    List<Zone> zones();

    /** The instance types offered in this region, priced where the price is known. */
    List<InstanceType> instanceTypes();

    /**
     * The names of the instance types each zone of this region offers, by zone name. Providers that know
     * per-zone offerings override this; the default says every type of {@link #instanceTypes()} is offered in
     * every zone of {@link #zones()}.
     */
    default Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (InstanceType type : instanceTypes()) {
            names.add(type.name());
        }
        Set<String> all = java.util.Collections.unmodifiableSet(names);
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        for (Zone zone : zones()) {
            out.put(zone.name(), all);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * Launches {@code spec.count()} instances and returns them as they are right after launch (usually pending).
     * With a client token that was used before, returns the instances of that first launch and makes nothing.
     *
     * @throws io.altostratus.core.error.PartialLaunchException when fewer than {@code count} but at least one
     *         were made and fewer than {@code minCount} could be; it carries those that were made
     */
    List<Instance> launch(LaunchSpec spec);

    /** The instance with that id, or {@code NOT_FOUND}. Terminated instances are found while still listed. */
    Instance instance(String id);

    /**
     * The instances matching the query. Ids in the query that do not exist fail with {@code NOT_FOUND} (EC2's
     * behaviour), so a caller never mistakes a typo for an empty result.
     */
    List<Instance> instances(InstanceQuery query);

    List<StateChange> start(Collection<String> ids);

    /** Stops instances; {@code force} skips the guest's orderly shutdown. */
    List<StateChange> stop(Collection<String> ids, boolean force);

    void reboot(Collection<String> ids);

    List<StateChange> terminate(Collection<String> ids);

    /** The user data given at launch (decoded), or null when there was none. */
    default String userData(String instanceId) {
        throw AltoException.unsupported(name(), "reading user data");
    }

    /** Type, termination protection and user data ({@link Capability#INSTANCE_ATTRIBUTES}). */
    default InstanceAttributes instanceAttributes(String instanceId) {
        throw AltoException.unsupported(name(), "instance attributes");
    }

    /**
     * Changes instance attributes ({@link Capability#INSTANCE_ATTRIBUTES}). A new type or user data needs a stopped
     * instance ({@code INVALID_STATE}, EC2's {@code IncorrectInstanceState}, otherwise). While
     * {@code disableApiTermination} is set, {@link #terminate} fails with {@code INVALID_STATE}
     * ({@code OperationNotPermitted}) and terminates none of the instances it was given.
     */
    default InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        throw AltoException.unsupported(name(), "instance attributes");
    }

    /**
     * Changes an instance's metadata options ({@link Capability#INSTANCE_METADATA_OPTIONS}) and returns them as they
     * now are; settings the change does not name stay as they were. An instance that is shutting down or terminated
     * fails with {@code INVALID_STATE} ({@code IncorrectInstanceState}).
     */
    default InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        throw AltoException.unsupported(name(), "instance metadata options");
    }

    /** The guest console output so far. */
    default String consoleOutput(String instanceId) {
        throw AltoException.unsupported(name(), "console output");
    }

    // ---- images -----------------------------------------------------------------------------------------------

    List<Image> images(ImageQuery query);

    /** The image an id or alias names: for an alias, the newest available image that matches. */
    Image resolveImage(ImageRef ref);

    default Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "creating images");
    }

    default void deleteImage(String imageId, boolean deleteSnapshots) {
        throw AltoException.unsupported(name(), "deleting images");
    }

    // ---- key pairs --------------------------------------------------------------------------------------------

    default CreatedKeyPair createKeyPair(String name, io.altostratus.core.model.KeyType type, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "key pairs");
    }

    default KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "key pairs");
    }

    default List<KeyPair> keyPairs() {
        throw AltoException.unsupported(name(), "key pairs");
    }

    /** Deletes a key pair by name. Deleting a name that does not exist succeeds (EC2's behaviour). */
    default void deleteKeyPair(String name) {
        throw AltoException.unsupported(name(), "key pairs");
    }

    // ---- networks ---------------------------------------------------------------------------------------------

    default Network createNetwork(NetworkSpec spec) {
        throw AltoException.unsupported(name(), "networks");
    }

    default List<Network> networks() {
        throw AltoException.unsupported(name(), "networks");
    }

    /**
     * Deletes a network. Without {@code cascade} a network that still holds subnets, non-default groups,
     * interfaces, route tables other than its main one, ACLs other than its default one, or an attached internet
     * gateway fails with {@code DEPENDENCY_VIOLATION}; with it, those go first (gateways are detached, not
     * deleted). Running instances always block.
     */
    default void deleteNetwork(String networkId, boolean cascade) {
        throw AltoException.unsupported(name(), "networks");
    }

    default Subnet createSubnet(SubnetSpec spec) {
        throw AltoException.unsupported(name(), "networks");
    }

    default List<Subnet> subnets() {
        throw AltoException.unsupported(name(), "networks");
    }

    default void deleteSubnet(String subnetId) {
        throw AltoException.unsupported(name(), "networks");
    }

    /**
     * Changes a network's DNS attributes ({@link Capability#NETWORK_ATTRIBUTES}); null leaves one as it is. DNS
     * hostnames need DNS support ({@code INVALID_PARAMETER} otherwise).
     */
    default Network modifyNetwork(String networkId, Boolean enableDnsSupport, Boolean enableDnsHostnames) {
        throw AltoException.unsupported(name(), "network attributes");
    }

    /** Sets whether instances launched into the subnet get a public address ({@link Capability#NETWORK_ATTRIBUTES}). */
    default Subnet modifySubnet(String subnetId, boolean mapPublicIpOnLaunch) {
        throw AltoException.unsupported(name(), "subnet attributes");
    }

    default SecurityGroup createSecurityGroup(SecurityGroupSpec spec) {
        throw AltoException.unsupported(name(), "security groups");
    }

    default List<SecurityGroup> securityGroups() {
        throw AltoException.unsupported(name(), "security groups");
    }

    /** Adds rules; a rule that is already there fails with {@code ALREADY_EXISTS}. */
    default SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules) {
        throw AltoException.unsupported(name(), "security groups");
    }

    /** Removes rules; a rule that is not there fails with {@code NOT_FOUND}. */
    default SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules) {
        throw AltoException.unsupported(name(), "security groups");
    }

    default void deleteSecurityGroup(String groupId) {
        throw AltoException.unsupported(name(), "security groups");
    }

    /**
     * The rules of the given groups (of every group when empty), one per peer, each with its id
     * ({@link Capability#SECURITY_GROUP_RULES}). An unknown group id fails with {@code NOT_FOUND}.
     */
    default List<SecurityGroupRule> securityGroupRules(Collection<String> groupIds) {
        throw AltoException.unsupported(name(), "security group rules");
    }

    // ---- internet gateways ------------------------------------------------------------------------------------

    default InternetGateway createInternetGateway(Map<String, String> tags) {
        throw AltoException.unsupported(name(), "internet gateways");
    }

    default List<InternetGateway> internetGateways() {
        throw AltoException.unsupported(name(), "internet gateways");
    }

    /**
     * Attaches a gateway to a network. A gateway attached anywhere, or a network that already has one, fails with
     * {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated}).
     */
    default InternetGateway attachInternetGateway(String gatewayId, String networkId) {
        throw AltoException.unsupported(name(), "internet gateways");
    }

    /** Detaches; a gateway not attached to that network fails with {@code INVALID_STATE} ({@code Gateway.NotAttached}). */
    default InternetGateway detachInternetGateway(String gatewayId, String networkId) {
        throw AltoException.unsupported(name(), "internet gateways");
    }

    /** Deletes a detached gateway; an attached one fails with {@code DEPENDENCY_VIOLATION}. */
    default void deleteInternetGateway(String gatewayId) {
        throw AltoException.unsupported(name(), "internet gateways");
    }

    // ---- route tables -----------------------------------------------------------------------------------------

    /** A new, non-main table with the network's local route. */
    default RouteTable createRouteTable(String networkId, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "route tables");
    }

    default List<RouteTable> routeTables() {
        throw AltoException.unsupported(name(), "route tables");
    }

    /** Deletes a table; the main table or one with subnet associations fails with {@code DEPENDENCY_VIOLATION}. */
    default void deleteRouteTable(String routeTableId) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /**
     * Associates a subnet of the table's network and returns the association id. A subnet that already has an
     * explicit association fails with {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated}): use
     * {@link #replaceRouteTableAssociation}.
     */
    default String associateRouteTable(String routeTableId, String subnetId) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /**
     * Moves an association (a subnet's, or the main one) to another table of the same network and returns the new
     * association id; replacing the main association makes that table the main one.
     */
    default String replaceRouteTableAssociation(String associationId, String routeTableId) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /** Removes a subnet's association (it then uses the main table); the main association cannot be removed. */
    default void disassociateRouteTable(String associationId) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /**
     * Adds a route. A destination already routed fails with {@code ALREADY_EXISTS} ({@code RouteAlreadyExists}); a
     * gateway that does not exist with {@code NOT_FOUND} ({@code InvalidGatewayID.NotFound}), one not attached to
     * the table's network with {@code INVALID_PARAMETER} ({@code InvalidParameterValue}).
     */
    default RouteTable createRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /** Points an existing route elsewhere; a missing one fails with {@code NOT_FOUND} ({@code InvalidRoute.NotFound}). */
    default RouteTable replaceRoute(String routeTableId, String destinationCidr, RouteTarget target) {
        throw AltoException.unsupported(name(), "route tables");
    }

    /** Removes a route; a missing one fails with {@code NOT_FOUND}, the local route cannot be removed. */
    default RouteTable deleteRoute(String routeTableId, String destinationCidr) {
        throw AltoException.unsupported(name(), "route tables");
    }

    // ---- network ACLs -----------------------------------------------------------------------------------------

    default List<NetworkAcl> networkAcls() {
        throw AltoException.unsupported(name(), "network ACLs");
    }

    // ---- elastic IPs ------------------------------------------------------------------------------------------

    default Address allocateAddress(Map<String, String> tags) {
        throw AltoException.unsupported(name(), "elastic IPs");
    }

    default List<Address> addresses() {
        throw AltoException.unsupported(name(), "elastic IPs");
    }

    /**
     * Associates an address with an instance (its primary interface) or an interface; give exactly one of them.
     * An address associated elsewhere fails with {@code ALREADY_EXISTS} ({@code Resource.AlreadyAssociated})
     * unless {@code allowReassociation}. A public address the target had is replaced. Returns the address as
     * associated.
     */
    default Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                     boolean allowReassociation) {
        throw AltoException.unsupported(name(), "elastic IPs");
    }

    /** Ends an association by its id; the instance gets an ordinary public address again where its subnet maps one. */
    default void disassociateAddress(String associationId) {
        throw AltoException.unsupported(name(), "elastic IPs");
    }

    /** Gives an address back; an associated one fails with {@code INVALID_STATE} ({@code InvalidIPAddress.InUse}). */
    default void releaseAddress(String allocationId) {
        throw AltoException.unsupported(name(), "elastic IPs");
    }

    // ---- volumes and snapshots --------------------------------------------------------------------------------

    default Volume createVolume(VolumeSpec spec) {
        throw AltoException.unsupported(name(), "volumes");
    }

    default List<Volume> volumes() {
        throw AltoException.unsupported(name(), "volumes");
    }

    /**
     * The volumes with these ids that exist (missing ids are left out). The default filters the full listing;
     * providers that can look volumes up directly override it, so describing a few instances of a large fleet stays
     * cheap.
     */
    default List<Volume> volumes(Collection<String> ids) {
        return volumes().stream().filter(v -> ids.contains(v.id())).toList();
    }

    /** Attaches at {@code device}, or at the next free device when null. */
    default Volume attachVolume(String volumeId, String instanceId, String device) {
        throw AltoException.unsupported(name(), "volumes");
    }

    default Volume detachVolume(String volumeId, boolean force) {
        throw AltoException.unsupported(name(), "volumes");
    }

    default void deleteVolume(String volumeId) {
        throw AltoException.unsupported(name(), "volumes");
    }

    default Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "snapshots");
    }

    default List<Snapshot> snapshots() {
        throw AltoException.unsupported(name(), "snapshots");
    }

    default void deleteSnapshot(String snapshotId) {
        throw AltoException.unsupported(name(), "snapshots");
    }

    // ---- network interfaces -----------------------------------------------------------------------------------

    default NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        throw AltoException.unsupported(name(), "network interfaces");
    }

    default List<NetworkInterface> networkInterfaces() {
        throw AltoException.unsupported(name(), "network interfaces");
    }

    /** The network interfaces with these ids that exist (missing ids are left out); see {@link #volumes(Collection)}. */
    default List<NetworkInterface> networkInterfaces(Collection<String> ids) {
        return networkInterfaces().stream().filter(n -> ids.contains(n.id())).toList();
    }

    /** Attaches at {@code deviceIndex} (at least 1: index 0 is the primary interface made at launch). */
    default NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        throw AltoException.unsupported(name(), "network interfaces");
    }

    default NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        throw AltoException.unsupported(name(), "network interfaces");
    }

    default void deleteNetworkInterface(String interfaceId) {
        throw AltoException.unsupported(name(), "network interfaces");
    }

    // ---- spot requests ----------------------------------------------------------------------------------------

    /**
     * The spot requests with these ids, in the order asked, or every request of the account in this region when
     * {@code ids} is empty ({@link Capability#SPOT}). An id that does not exist fails with {@code NOT_FOUND}
     * ({@code InvalidSpotInstanceRequestID.NotFound}), a malformed one with {@code INVALID_PARAMETER}
     * ({@code InvalidSpotInstanceRequestID.Malformed}), as {@link #instances} does for instances.
     */
    default List<SpotRequest> spotRequests(Collection<String> ids) {
        throw AltoException.unsupported(name(), "spot requests");
    }

    /**
     * Cancels spot requests and returns them as they now are ({@link Capability#SPOT}). Cancelling never touches
     * the instances: a running one keeps running (EC2's {@code request-canceled-and-instance-running}). Requests
     * already closed or cancelled are returned unchanged. Unknown ids fail as in {@link #spotRequests} and cancel
     * nothing.
     */
    default List<SpotRequest> cancelSpotRequests(Collection<String> ids) {
        throw AltoException.unsupported(name(), "spot requests");
    }

    /**
     * The current spot price of each offered instance type in each zone of this region ({@link Capability#SPOT}),
     * narrowed to the given types and zones when those are not empty.
     */
    default List<SpotPrice> spotPrices(Collection<String> instanceTypes, Collection<String> zones) {
        throw AltoException.unsupported(name(), "spot prices");
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    /**
     * Adds or replaces tags on any resource by id (instance, image, volume, snapshot, vpc, subnet, sg, eni, key,
     * and where offered igw, rtb, acl and eipalloc).
     */
    default void tag(String resourceId, Map<String, String> tags) {
        throw AltoException.unsupported(name(), "tags");
    }

    /** Removes the given tag keys; keys that are not there are ignored. */
    default void untag(String resourceId, Collection<String> keys) {
        throw AltoException.unsupported(name(), "tags");
    }

    @Override
    default void close() {
    }
}
