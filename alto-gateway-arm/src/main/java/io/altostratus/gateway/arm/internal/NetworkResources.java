package io.altostratus.gateway.arm.internal;

import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.ReadValueCallback;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Microsoft.Network: virtualNetworks (+ subnets), networkSecurityGroups (+ securityRules), networkInterfaces and
 * publicIPAddresses. They are kept by the front (the request in the model's normal form); a virtual network also
 * makes a backend network and subnets where the backend has {@link Networks}, so a VM on one of its subnets launches
 * there. What only a running VM knows (its private IP on the NIC, its public IP on the public IP resource) is read
 * from the backend instance at each GET, so it shows as soon as the VM has it.
 *
 * <p>Network PUTs complete at once: they answer 201 (or 200 for an update) with provisioningState Succeeded, which
 * the SDK's pollers accept as final.
 */
public final class NetworkResources {
    public static final String NIC = "networkInterfaces";
    public static final String PUBLIC_IP = "publicIPAddresses";
    public static final String VNET = "virtualNetworks";
    public static final String NSG = "networkSecurityGroups";
    private static final Map<String, String> CANONICAL = Map.of(NIC.toLowerCase(Locale.ROOT), NIC,
            PUBLIC_IP.toLowerCase(Locale.ROOT), PUBLIC_IP, VNET.toLowerCase(Locale.ROOT), VNET,
            NSG.toLowerCase(Locale.ROOT), NSG);
    private static final String VM_KEY = "vm";

    /**
     * A NIC a VM is created with: the backend subnet and network its primary IP configuration names (null for the
     * backend's default) and the NSGs that apply to it (its own and its subnet's).
     */
    public record Attachment(Kept.Resource nic, String backendSubnetId, String backendNetworkId,
                             List<String> nsgIds, Map<String, String> subnetsByZone) {
        public Attachment {
            subnetsByZone = subnetsByZone == null ? Map.of() : Map.copyOf(subnetsByZone);
        }

        /** The backend subnet for a VM in a zone (null: any), or a 400 when the subnet has none there. */
        public String subnetFor(String zone) {
            if (zone == null || backendSubnetId == null) {
                return backendSubnetId;
            }
            String id = subnetsByZone.get(zone);
            if (id == null) {
                throw new ArmException(400, "InvalidParameter", "The subnet of network interface '" + nic.name()
                        + "' has no addresses in zone '" + zone + "' on this endpoint's backend: its range is too "
                        + "small to be split across zones (use a /26 or larger subnet for zonal VMs).");
            }
            return id;
        }
    }

    private final Kept kept;
    private final Sessions sessions;
    private final NsgBackend nsgs;
    private final int pageSize;

    public NetworkResources(Kept kept, Sessions sessions, NsgBackend nsgs, int pageSize) {
        this.kept = kept;
        this.sessions = sessions;
        this.nsgs = nsgs;
        this.pageSize = pageSize;
    }

    /** The canonical spelling of a Microsoft.Network type this front serves, or null. */
    public static String canonicalType(String type) {
        return CANONICAL.get(type.toLowerCase(Locale.ROOT));
    }

    private static ReadValueCallback<JsonReader, ? extends JsonSerializable<?>> reader(String type) {
        return switch (type) {
            case NIC -> NetworkInterfaceInner::fromJson;
            case PUBLIC_IP -> PublicIpAddressInner::fromJson;
            case VNET -> VirtualNetworkInner::fromJson;
            default -> NetworkSecurityGroupInner::fromJson;
        };
    }

    // ---- top-level resources ----------------------------------------------------------------------------------

    public Reply put(ArmRequest req, String type, String group, String name) {
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        JsonSerializable<?> model = Json.parse(req.body(), reader(type));
        ObjectNode body = Json.tree(model);
        String location = body.path("location").asText(null);
        String region = sessions.region(req.subscription(), location);
        Optional<Kept.Resource> existing = kept.resource(req.subscription(), type, group, name);
        Map<String, String> backend = new HashMap<>(existing.map(Kept.Resource::backend).orElse(Map.of()));
        if (type.equals(NIC)) {
            checkSubnets(req.subscription(), body);
        }
        if (type.equals(VNET)) {
            syncBackendNetwork(req.subscription(), region, name, body, backend);
        }
        Kept.Resource resource = new Kept.Resource(type, existing.map(Kept.Resource::group).orElse(g.name()),
                existing.map(Kept.Resource::name).orElse(name), location, body.toString(),
                existing.map(Kept.Resource::guid).orElse(UUID.randomUUID().toString()), backend);
        kept.putResource(req.subscription(), resource);
        if (type.equals(NSG) && existing.isPresent()) {
            nsgs.resync(req.subscription(), resource);
        }
        return Reply.of(existing.isPresent() ? 200 : 201, render(req.subscription(), group, resource));
    }

    /** PATCH (the SDK's updateTags): replaces the tags, nothing else. */
    public Reply patchTags(ArmRequest req, String type, String group, String name) {
        Kept.Resource r = require(req, type, group, name);
        ObjectNode patch = Json.readTree(req.body() == null || req.body().isBlank() ? "{}" : req.body());
        ObjectNode body = Json.readTree(r.body());
        if (patch.has("tags")) {
            body.set("tags", patch.get("tags"));
        }
        Kept.Resource updated = new Kept.Resource(r.type(), r.group(), r.name(), r.location(), body.toString(),
                r.guid(), r.backend());
        kept.putResource(req.subscription(), updated);
        return Reply.ok(render(req.subscription(), group, updated));
    }

    public Reply get(ArmRequest req, String type, String group, String name) {
        return Reply.ok(render(req.subscription(), group, require(req, type, group, name)));
    }

    public Reply list(ArmRequest req, String type, String group) {
        if (group != null) {
            kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        }
        List<Kept.Resource> matching = new ArrayList<>();
        for (Kept.Resource r : kept.resources(req.subscription())) {
            if (r.type().equals(type) && (group == null || Ids.same(r.group(), group))) {
                matching.add(r);
            }
        }
        // NICs and public IPs page as VMs do (one per VM, so as many as VMs); the others are few. Their addresses come
        // from the attached VMs' instances, fetched in one backend listing per location rather than one call per NIC
        // or IP: a list of 100 NICs is one backend call, not 100.
        boolean perVm = type.equals(NIC) || type.equals(PUBLIC_IP);
        int size = perVm ? pageSize : Integer.MAX_VALUE;
        Function<Kept.Vm, Instance> instances = perVm ? attachedInstances(req.subscription())
                : vm -> instanceOf(req.subscription(), vm);
        return Pages.page(req, matching, size,
                r -> render(req.subscription(), group != null ? group : r.group(), r, instances));
    }

    public Reply delete(ArmRequest req, String type, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        Optional<Kept.Resource> found = kept.resource(req.subscription(), type, group, name);
        if (found.isEmpty()) {
            return Reply.empty(204);
        }
        Kept.Resource r = found.get();
        String id = Ids.resource(req.subscription(), r.group(), Ids.NETWORK, type, r.name());
        if (type.equals(NIC) && attachedVm(req.subscription(), r).isPresent()) {
            Kept.Vm vm = attachedVm(req.subscription(), r).get();
            throw new ArmException(400, "NicInUse", "Network Interface " + id + " is used by existing resource "
                    + Ids.resource(req.subscription(), vm.group(), Ids.COMPUTE, VirtualMachines.TYPE, vm.name())
                    + ". In order to delete the network interface, it must be dissociated from the resource.");
        }
        if (!type.equals(NIC)) {
            for (Kept.Resource nic : kept.resources(req.subscription())) {
                if (nic.type().equals(NIC) && references(nic, id)) {
                    String code = switch (type) {
                        case PUBLIC_IP -> "PublicIPAddressCannotBeDeleted";
                        case VNET -> "InUseSubnetCannotBeDeleted";
                        default -> "InUseNetworkSecurityGroupCannotBeDeleted";
                    };
                    throw new ArmException(400, code, "Resource " + id + " is in use by "
                            + Ids.resource(req.subscription(), nic.group(), Ids.NETWORK, NIC, nic.name())
                            + " and cannot be deleted.");
                }
            }
        }
        if (type.equals(NSG)) {
            nsgs.release(req.subscription(), r, id);
        }
        if (type.equals(VNET) && r.backend().containsKey("network")) {
            Cloud cloud = sessions.cloud(req.subscription(), sessions.region(req.subscription(), r.location()));
            try {
                cloud.require(Networks.class).deleteNetwork(r.backend().get("network"), true);
            } catch (AltoException e) {
                throw ArmException.from(e, false);
            }
        }
        kept.deleteResource(req.subscription(), type, group, name);
        return Reply.empty(200);
    }

    /** Whether a NIC's body refers to a resource id (or one of its children), ignoring case. */
    private static boolean references(Kept.Resource nic, String id) {
        String body = nic.body().toLowerCase(Locale.ROOT);
        String needle = id.toLowerCase(Locale.ROOT);
        return body.contains("\"" + needle + "\"") || body.contains("\"" + needle + "/");
    }

    Kept.Resource require(ArmRequest req, String type, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        return kept.resource(req.subscription(), type, group, name).orElseThrow(() ->
                ArmException.resourceNotFound(Ids.NETWORK + "/" + type, name, group));
    }

    // ---- subnets and security rules (children kept inside their parent's body) --------------------------------

    /** GET, PUT, DELETE or list of a child: {@code subnets} of a virtual network, {@code securityRules} of an NSG. */
    public Reply child(ArmRequest req, String type, String group, String name, String childType, String childName) {
        String field = type.equals(VNET) ? "subnets" : "securityRules";
        if (!field.equalsIgnoreCase(childType) || !(type.equals(VNET) || type.equals(NSG))) {
            throw ArmException.pathNotFound(childType);
        }
        Kept.Resource parent = require(req, type, group, name);
        ObjectNode body = Json.readTree(parent.body());
        ArrayNode children = Json.array(Json.properties(body), field);
        String parentId = Ids.resource(req.subscription(), group, Ids.NETWORK, type, parent.name());
        if (childName == null) {
            if (!req.method().equals("GET")) {
                throw ArmException.methodNotAllowed(req.method());
            }
            ArrayNode value = Json.MAPPER.createArrayNode();
            for (JsonNode c : children) {
                value.add(withUsers(req.subscription(), type,
                        renderChild((ObjectNode) c.deepCopy(), parentId, type, field, parent.guid())));
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("value", value);
            return Reply.ok(out);
        }
        int index = -1;
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).path("name").asText("").equalsIgnoreCase(childName)) {
                index = i;
            }
        }
        String childLabel = Ids.NETWORK + "/" + type + "/" + name + "/" + field;
        switch (req.method()) {
            case "GET" -> {
                if (index < 0) {
                    throw ArmException.resourceNotFound(childLabel, childName, group);
                }
                return Reply.ok(withUsers(req.subscription(), type, renderChild((ObjectNode) children.get(index)
                        .deepCopy(), parentId, type, field, parent.guid())));
            }
            case "PUT" -> {
                ObjectNode child = type.equals(VNET) ? Json.tree(Json.parse(req.body(), SubnetInner::fromJson))
                        : Json.tree(Json.parse(req.body(), com.azure.resourcemanager.network.fluent.models
                        .SecurityRuleInner::fromJson));
                child.remove("id");
                child.put("name", index >= 0 ? children.get(index).path("name").asText() : childName);
                if (index >= 0) {
                    children.set(index, child);
                } else {
                    children.add(child);
                }
                Json.properties(body).set(field, children);
                Map<String, String> backend = new HashMap<>(parent.backend());
                if (type.equals(VNET)) {
                    syncBackendNetwork(req.subscription(), sessions.region(req.subscription(), parent.location()),
                            parent.name(), body, backend);
                }
                Kept.Resource changed = new Kept.Resource(type, parent.group(), parent.name(), parent.location(),
                        body.toString(), parent.guid(), backend);
                kept.putResource(req.subscription(), changed);
                if (type.equals(NSG)) {
                    nsgs.resync(req.subscription(), changed);
                }
                return Reply.of(index >= 0 ? 200 : 201, renderChild(child.deepCopy(), parentId, type, field,
                        parent.guid()));
            }
            case "DELETE" -> {
                if (index < 0) {
                    return Reply.empty(204);
                }
                children.remove(index);
                Json.properties(body).set(field, children);
                Map<String, String> backend = new HashMap<>(parent.backend());
                if (type.equals(VNET)) {
                    syncBackendNetwork(req.subscription(), sessions.region(req.subscription(), parent.location()),
                            parent.name(), body, backend);
                }
                Kept.Resource changed = new Kept.Resource(type, parent.group(), parent.name(), parent.location(),
                        body.toString(), parent.guid(), backend);
                kept.putResource(req.subscription(), changed);
                if (type.equals(NSG)) {
                    nsgs.resync(req.subscription(), changed);
                }
                return Reply.empty(200);
            }
            default -> throw ArmException.methodNotAllowed(req.method());
        }
    }

    private static ObjectNode renderChild(ObjectNode child, String parentId, String type, String field,
                                          String guid) {
        String childName = child.path("name").asText();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", childName);
        out.put("id", parentId + "/" + field + "/" + childName);
        out.put("etag", "W/\"" + guid + "\"");
        out.put("type", Ids.NETWORK + "/" + type + "/" + field);
        child.remove("name");
        child.remove("id");
        out.setAll(child);
        Json.properties(out).put("provisioningState", "Succeeded");
        return out;
    }

    // ---- the backend network behind a virtual network ---------------------------------------------------------

    /**
     * Makes (or brings up to date) the backend network and subnets behind a virtual network, where the backend has
     * networks: the first address prefix is the network's CIDR and each subnet's prefix its subnet's. A backend
     * that refuses the prefix size (the core takes /16 to /28) leaves the virtual network front-only: its VMs then
     * launch in the backend's default network.
     */
    private void syncBackendNetwork(String subscription, String region, String name, ObjectNode body,
                                    Map<String, String> backend) {
        Cloud cloud = sessions.cloud(subscription, region);
        Optional<Networks> networks = cloud.extension(Networks.class);
        if (networks.isEmpty()) {
            return;
        }
        try {
            String networkId = backend.get("network");
            if (networkId == null) {
                JsonNode prefixes = Json.properties(body).path("addressSpace").path("addressPrefixes");
                if (!prefixes.isArray() || prefixes.isEmpty()) {
                    throw ArmException.invalid("Required parameter 'addressSpace.addressPrefixes' is missing.");
                }
                NetworkSpec spec;
                try {
                    spec = new NetworkSpec("arm-" + name, prefixes.get(0).asText(), Map.of());
                } catch (IllegalArgumentException e) {
                    return;
                }
                networkId = networks.get().createNetwork(spec).id();
                backend.put("network", networkId);
            }
            Map<String, String> wanted = new LinkedHashMap<>();
            for (JsonNode subnet : Json.array(Json.properties(body), "subnets")) {
                String prefix = subnet.path("properties").path("addressPrefix").asText(null);
                if (prefix == null && subnet.path("properties").path("addressPrefixes").isArray()) {
                    prefix = subnet.path("properties").path("addressPrefixes").path(0).asText(null);
                }
                wanted.put(subnet.path("name").asText().toLowerCase(Locale.ROOT), prefix);
            }
            java.util.Set<String> gone = new java.util.LinkedHashSet<>();
            for (String key : new ArrayList<>(backend.keySet())) {
                if (key.startsWith("subnet/") && !wanted.containsKey(key.split("/")[1])) {
                    gone.add(backend.remove(key));
                }
            }
            for (String id : gone) {
                networks.get().deleteSubnet(id);
            }
            List<String> zones = sessions.zones(subscription, region).stream().map(z -> z.name()).toList();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (!backend.containsKey("subnet/" + e.getKey()) && e.getValue() != null) {
                    makeBackendSubnets(networks.get(), networkId, e.getKey(), e.getValue(), zones, backend);
                }
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        } catch (IllegalArgumentException e) {
            throw ArmException.invalid(e.getMessage());
        }
    }

    /**
     * An Azure subnet spans every zone of its region; a backend subnet (EC2's model) lies in one. So a subnet large
     * enough is split into one backend subnet per zone (its range cut into equal parts, so the addresses stay in the
     * Azure subnet's range), kept as {@code subnet/<name>/<zone>}; {@code subnet/<name>} is the one a VM without a
     * zone gets. A subnet too small to split (the core takes /28 at the smallest) becomes one backend subnet in the
     * zone the backend picks, and a VM asking for another zone is refused with a message saying so.
     */
    private static void makeBackendSubnets(Networks networks, String networkId, String name, String prefix,
                                           List<String> zones, Map<String, String> backend) {
        io.altostratus.core.spec.Cidr cidr = io.altostratus.core.spec.Cidr.parse(prefix);
        int bits = 0;
        while ((1 << bits) < zones.size()) {
            bits++;
        }
        if (zones.size() > 1 && cidr.prefixLength() + bits <= 28) {
            long partSize = cidr.size() >> bits;
            for (int i = 0; i < zones.size(); i++) {
                String part = io.altostratus.core.spec.Cidr.format(cidr.base() + i * partSize) + "/"
                        + (cidr.prefixLength() + bits);
                String id = networks.createSubnet(new SubnetSpec(networkId, part, zones.get(i), name, true,
                        Map.of())).id();
                backend.put("subnet/" + name + "/" + zones.get(i), id);
                if (i == 0) {
                    backend.put("subnet/" + name, id);
                }
            }
            return;
        }
        io.altostratus.core.model.Subnet made = networks.createSubnet(new SubnetSpec(networkId, prefix, null, name,
                true, Map.of()));
        backend.put("subnet/" + name, made.id());
        if (made.zone() != null) {
            backend.put("subnet/" + name + "/" + made.zone(), made.id());
        }
    }

    /** A NIC's subnets must exist, as on Azure (InvalidResourceReference otherwise). */
    private void checkSubnets(String subscription, ObjectNode nic) {
        for (JsonNode config : Json.array(Json.properties(nic), "ipConfigurations")) {
            String subnetId = config.path("properties").path("subnet").path("id").asText(null);
            if (subnetId != null && subnetOf(subscription, subnetId) == null) {
                throw new ArmException(400, "InvalidResourceReference", "Resource " + subnetId + " referenced by "
                        + "resource was not found. Please make sure that the referenced resource exists, and that both "
                        + "resources are in the same region.");
            }
        }
    }

    /** The virtual network holding a subnet id, or null. */
    private Kept.Resource subnetOf(String subscription, String subnetId) {
        Ids.Parsed p = Ids.parse(subnetId);
        if (p == null || !p.type().equalsIgnoreCase(VNET) || p.childName() == null) {
            return null;
        }
        Optional<Kept.Resource> vnet = kept.resource(subscription, VNET, p.group(), p.name());
        if (vnet.isEmpty()) {
            return null;
        }
        for (JsonNode subnet : Json.array(Json.properties(Json.readTree(vnet.get().body())), "subnets")) {
            if (subnet.path("name").asText("").equalsIgnoreCase(p.childName())) {
                return vnet.get();
            }
        }
        return null;
    }

    // ---- VMs and their NICs -----------------------------------------------------------------------------------

    /** The NICs a VM names, primary first, each checked to exist and to be free. */
    List<Attachment> attachmentsFor(ArmRequest req, VirtualMachineInner model, String vmArmId, String region) {
        List<Attachment> out = new ArrayList<>();
        if (model.networkProfile() == null || model.networkProfile().networkInterfaces() == null) {
            return out;
        }
        for (NetworkInterfaceReference ref : model.networkProfile().networkInterfaces()) {
            Ids.Parsed p = Ids.require(ref.id(), NIC, "properties.networkProfile.networkInterfaces[].id");
            Kept.Resource nic = kept.resource(p.subscription(), NIC, p.group(), p.name()).orElseThrow(() ->
                    new ArmException(400, "InvalidResourceReference", "Resource " + ref.id() + " referenced by "
                            + "resource " + vmArmId + " was not found. Please make sure that the referenced resource "
                            + "exists, and that both resources are in the same region."));
            Optional<Kept.Vm> user = attachedVm(req.subscription(), nic);
            if (user.isPresent()) {
                throw new ArmException(400, "NicInUse", "Network Interface " + ref.id() + " is used by existing "
                        + "resource " + Ids.resource(req.subscription(), user.get().group(), Ids.COMPUTE,
                        VirtualMachines.TYPE, user.get().name()) + ". In order to use it, it must be dissociated "
                        + "from that resource.");
            }
            Attachment attachment = attachment(req.subscription(), nic);
            if (Boolean.TRUE.equals(ref.primary())) {
                out.add(0, attachment);
            } else {
                out.add(attachment);
            }
        }
        return out;
    }

    private Attachment attachment(String subscription, Kept.Resource nic) {
        ObjectNode body = Json.readTree(nic.body());
        List<String> nsgs = new ArrayList<>();
        String own = Json.properties(body).path("networkSecurityGroup").path("id").asText(null);
        if (own != null) {
            nsgs.add(own);
        }
        for (JsonNode config : primaryFirst(Json.array(Json.properties(body), "ipConfigurations"))) {
            Ids.Parsed p = Ids.parse(config.path("properties").path("subnet").path("id").asText(null));
            if (p == null || p.childName() == null) {
                continue;
            }
            Optional<Kept.Resource> vnet = kept.resource(subscription, VNET, p.group(), p.name());
            if (vnet.isEmpty()) {
                break;
            }
            for (JsonNode subnet : Json.array(Json.properties(Json.readTree(vnet.get().body())), "subnets")) {
                String subnetNsg = subnet.path("properties").path("networkSecurityGroup").path("id").asText(null);
                if (subnet.path("name").asText("").equalsIgnoreCase(p.childName()) && subnetNsg != null
                        && nsgs.stream().noneMatch(n -> Ids.same(n, subnetNsg))) {
                    nsgs.add(subnetNsg);
                }
            }
            String key = "subnet/" + p.childName().toLowerCase(Locale.ROOT);
            Map<String, String> byZone = new HashMap<>();
            vnet.get().backend().forEach((k, v) -> {
                if (k.startsWith(key + "/")) {
                    byZone.put(k.substring(key.length() + 1), v);
                }
            });
            return new Attachment(nic, vnet.get().backend().get(key), vnet.get().backend().get("network"), nsgs,
                    byZone);
        }
        return new Attachment(nic, null, null, nsgs, Map.of());
    }

    private static List<JsonNode> primaryFirst(ArrayNode configs) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : configs) {
            if (c.path("properties").path("primary").asBoolean(false)) {
                out.add(0, c);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Marks NICs as used by a VM. */
    void attach(String subscription, List<Attachment> nics, String group, String vmName) {
        for (Attachment a : nics) {
            Kept.Resource nic = kept.resource(subscription, NIC, a.nic().group(), a.nic().name()).orElseThrow();
            Map<String, String> backend = new HashMap<>(nic.backend());
            backend.put(VM_KEY, group + "/" + vmName);
            kept.putResource(subscription, new Kept.Resource(NIC, nic.group(), nic.name(), nic.location(),
                    nic.body(), nic.guid(), backend));
        }
    }

    /**
     * After a VM's deletion: the NICs whose deleteOption was Delete go, with the public IPs on them whose own
     * deleteOption is Delete; the other NICs are released for another VM.
     */
    void release(String subscription, String group, String vmName, List<String> deleteNics, List<String> keepNics) {
        for (String id : deleteNics) {
            Ids.Parsed p = Ids.parse(id);
            Optional<Kept.Resource> nic = kept.resource(subscription, NIC, p.group(), p.name());
            if (nic.isEmpty()) {
                continue;
            }
            for (JsonNode config : Json.array(Json.properties(Json.readTree(nic.get().body())), "ipConfigurations")) {
                Ids.Parsed ip = Ids.parse(config.path("properties").path("publicIPAddress").path("id").asText(null));
                if (ip == null) {
                    continue;
                }
                kept.resource(subscription, PUBLIC_IP, ip.group(), ip.name()).ifPresent(pip -> {
                    String option = Json.properties(Json.readTree(pip.body())).path("deleteOption").asText("");
                    if (option.equalsIgnoreCase("Delete")) {
                        kept.deleteResource(subscription, PUBLIC_IP, pip.group(), pip.name());
                    }
                });
            }
            kept.deleteResource(subscription, NIC, p.group(), p.name());
        }
        for (String id : keepNics) {
            Ids.Parsed p = Ids.parse(id);
            kept.resource(subscription, NIC, p.group(), p.name()).ifPresent(nic -> {
                Map<String, String> backend = new HashMap<>(nic.backend());
                if ((group + "/" + vmName).equalsIgnoreCase(backend.get(VM_KEY))) {
                    backend.remove(VM_KEY);
                }
                kept.putResource(subscription, new Kept.Resource(NIC, nic.group(), nic.name(), nic.location(),
                        nic.body(), nic.guid(), backend));
            });
        }
    }

    /** The live VM a NIC is attached to, if any. */
    private Optional<Kept.Vm> attachedVm(String subscription, Kept.Resource nic) {
        String ref = nic.backend().get(VM_KEY);
        if (ref == null) {
            return Optional.empty();
        }
        int slash = ref.indexOf('/');
        return kept.vm(subscription, ref.substring(0, slash), ref.substring(slash + 1)).filter(vm -> !vm.deleting());
    }

    /**
     * The live instances of every VM a NIC of the subscription is attached to, by one backend listing per location;
     * a location whose listing fails falls back to asking per VM.
     */
    private Function<Kept.Vm, Instance> attachedInstances(String subscription) {
        Set<String> regions = new HashSet<>();
        for (Kept.Resource r : kept.resources(subscription)) {
            if (r.type().equals(NIC)) {
                attachedVm(subscription, r).ifPresent(vm -> regions.add(vm.region()));
            }
        }
        Map<String, Instance> live = new HashMap<>();
        Set<String> listed = new HashSet<>();
        for (String region : regions) {
            try {
                for (Instance i : sessions.cloud(subscription, region).instances(InstanceQuery.all())) {
                    if (i.state() != InstanceState.TERMINATED) {
                        live.put(region + "/" + i.id(), i);
                    }
                }
                listed.add(region);
            } catch (AltoException e) {
                // The VMs of this location are asked one by one below.
            }
        }
        return vm -> listed.contains(vm.region()) ? live.get(vm.region() + "/" + vm.instanceId())
                : instanceOf(subscription, vm);
    }

    private Instance instanceOf(String subscription, Kept.Vm vm) {
        try {
            Instance i = sessions.cloud(subscription, vm.region()).instance(vm.instanceId());
            return i.state() == InstanceState.TERMINATED ? null : i;
        } catch (AltoException e) {
            return null;
        }
    }

    // ---- rendering --------------------------------------------------------------------------------------------

    ObjectNode render(String subscription, String group, Kept.Resource r) {
        return render(subscription, group, r, vm -> instanceOf(subscription, vm));
    }

    /** A resource as ARM shows it; {@code instances} gives the live instance of an attached VM (or null). */
    private ObjectNode render(String subscription, String group, Kept.Resource r,
                              Function<Kept.Vm, Instance> instances) {
        String id = Ids.resource(subscription, group, Ids.NETWORK, r.type(), r.name());
        ObjectNode out = Json.identify(Json.readTree(r.body()), id, r.name(), Ids.NETWORK + "/" + r.type());
        out.remove("etag");
        out.put("etag", "W/\"" + r.guid() + "\"");
        ObjectNode props = Json.properties(out);
        props.put("provisioningState", "Succeeded");
        props.put("resourceGuid", r.guid());
        switch (r.type()) {
            case NIC -> {
                renderNic(subscription, id, r, props, instances);
                ObjectNode dns = props.has("dnsSettings") ? (ObjectNode) props.get("dnsSettings")
                        : props.putObject("dnsSettings");
                if (!dns.has("dnsServers")) {
                    dns.putArray("dnsServers");
                }
                dns.putArray("appliedDnsServers");
                defaults(props, "enableAcceleratedNetworking", false);
                defaults(props, "enableIPForwarding", false);
            }
            case PUBLIC_IP -> {
                renderPublicIp(subscription, id, props, instances);
                if (!props.has("publicIPAddressVersion")) {
                    props.put("publicIPAddressVersion", "IPv4");
                }
                if (!props.has("publicIPAllocationMethod")) {
                    props.put("publicIPAllocationMethod", "Static");
                }
                if (!props.has("idleTimeoutInMinutes")) {
                    props.put("idleTimeoutInMinutes", 4);
                }
                if (!props.has("ipTags")) {
                    props.putArray("ipTags");
                }
            }
            case VNET -> {
                renderChildren(props, id, "subnets", r.guid());
                for (JsonNode subnet : Json.array(props, "subnets")) {
                    withUsers(subscription, VNET, (ObjectNode) subnet);
                }
                if (!props.has("dhcpOptions")) {
                    props.putObject("dhcpOptions").putArray("dnsServers");
                }
                if (!props.has("virtualNetworkPeerings")) {
                    props.putArray("virtualNetworkPeerings");
                }
                defaults(props, "enableDdosProtection", false);
            }
            default -> {
                if (!props.has("securityRules")) {
                    props.putArray("securityRules");
                }
                renderChildren(props, id, "securityRules", r.guid());
                props.set("defaultSecurityRules", DefaultSecurityRules.render(id, r.guid()));
                // Azure's read-only back-references: the NICs that use the group (its subnets are not listed).
                ArrayNode users = Json.MAPPER.createArrayNode();
                for (Kept.Resource nic : kept.resources(subscription)) {
                    if (nic.type().equals(NIC) && references(nic, id)) {
                        users.addObject().put("id", Ids.resource(subscription, nic.group(), Ids.NETWORK, NIC,
                                nic.name()));
                    }
                }
                if (!users.isEmpty()) {
                    props.set("networkInterfaces", users);
                }
            }
        }
        return out;
    }

    /**
     * Azure's read-only back-references of a rendered subnet: the NIC IP configurations in it
     * ({@code properties.ipConfigurations}), so callers can tell a subnet in use. Security rules have none.
     */
    private ObjectNode withUsers(String subscription, String parentType, ObjectNode subnet) {
        if (!parentType.equals(VNET)) {
            return subnet;
        }
        String subnetId = subnet.path("id").asText().toLowerCase(Locale.ROOT);
        ArrayNode users = Json.MAPPER.createArrayNode();
        for (Kept.Resource nic : kept.resources(subscription)) {
            if (!nic.type().equals(NIC)) {
                continue;
            }
            String nicId = Ids.resource(subscription, nic.group(), Ids.NETWORK, NIC, nic.name());
            for (JsonNode config : Json.array(Json.properties(Json.readTree(nic.body())), "ipConfigurations")) {
                String used = config.path("properties").path("subnet").path("id").asText("");
                if (used.toLowerCase(Locale.ROOT).equals(subnetId)) {
                    users.addObject().put("id", nicId + "/ipConfigurations/" + config.path("name").asText());
                }
            }
        }
        if (!users.isEmpty()) {
            Json.properties(subnet).set("ipConfigurations", users);
        }
        return subnet;
    }

    private static void defaults(ObjectNode props, String field, boolean value) {
        if (!props.has(field)) {
            props.put(field, value);
        }
    }

    private static void renderChildren(ObjectNode props, String parentId, String field, String guid) {
        ArrayNode children = Json.array(props, field);
        ArrayNode rendered = Json.MAPPER.createArrayNode();
        String type = parentId.substring(parentId.indexOf("/providers/") + "/providers/".length());
        type = type.substring(0, type.lastIndexOf('/'));
        for (JsonNode c : children) {
            ObjectNode child = (ObjectNode) c.deepCopy();
            String childName = child.path("name").asText();
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("name", childName);
            out.put("id", parentId + "/" + field + "/" + childName);
            out.put("etag", "W/\"" + guid + "\"");
            out.put("type", type + "/" + field);
            child.remove("name");
            child.remove("id");
            out.setAll(child);
            Json.properties(out).put("provisioningState", "Succeeded");
            rendered.add(out);
        }
        if (props.has(field)) {
            props.set(field, rendered);
        }
    }

    private void renderNic(String subscription, String id, Kept.Resource nic, ObjectNode props,
                           Function<Kept.Vm, Instance> instances) {
        Optional<Kept.Vm> vm = attachedVm(subscription, nic);
        Instance instance = vm.map(instances).orElse(null);
        ArrayNode configs = Json.array(props, "ipConfigurations");
        boolean anyPrimary = false;
        for (JsonNode c : configs) {
            anyPrimary |= c.path("properties").path("primary").asBoolean(false);
        }
        ArrayNode rendered = Json.MAPPER.createArrayNode();
        for (int i = 0; i < configs.size(); i++) {
            ObjectNode config = (ObjectNode) configs.get(i).deepCopy();
            String name = config.path("name").asText("ipconfig" + (i + 1));
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("name", name);
            out.put("id", id + "/ipConfigurations/" + name);
            out.put("etag", "W/\"" + nic.guid() + "\"");
            out.put("type", Ids.NETWORK + "/" + NIC + "/ipConfigurations");
            config.remove("name");
            config.remove("id");
            out.setAll(config);
            ObjectNode p = Json.properties(out);
            p.put("provisioningState", "Succeeded");
            boolean primary = p.path("primary").asBoolean(false) || (!anyPrimary && i == 0);
            p.put("primary", primary);
            if (!p.has("privateIPAllocationMethod")) {
                p.put("privateIPAllocationMethod", "Dynamic");
            }
            if (!p.has("privateIPAddressVersion")) {
                p.put("privateIPAddressVersion", "IPv4");
            }
            if (primary && instance != null && instance.privateIp() != null && !p.has("privateIPAddress")) {
                p.put("privateIPAddress", instance.privateIp());
            }
            rendered.add(out);
        }
        props.set("ipConfigurations", rendered);
        if (vm.isPresent()) {
            props.putObject("virtualMachine").put("id", Ids.resource(subscription, vm.get().group(), Ids.COMPUTE,
                    VirtualMachines.TYPE, vm.get().name()));
            props.put("primary", true);
            props.put("macAddress", macAddress(vm.get().vmId()));
        }
    }

    /** A stable made-up MAC address in Azure's form, from the VM's id (the backend has none to give). */
    private static String macAddress(String vmId) {
        long bits = UUID.fromString(vmId).getLeastSignificantBits();
        String hex = HexFormat.of().withUpperCase().toHexDigits(bits).substring(10);
        return "00-0D-3A-" + hex.substring(0, 2) + "-" + hex.substring(2, 4) + "-" + hex.substring(4, 6);
    }

    private void renderPublicIp(String subscription, String id, ObjectNode props,
                                Function<Kept.Vm, Instance> instances) {
        for (Kept.Resource nic : kept.resources(subscription)) {
            if (!nic.type().equals(NIC)) {
                continue;
            }
            String nicId = Ids.resource(subscription, nic.group(), Ids.NETWORK, NIC, nic.name());
            for (JsonNode config : Json.array(Json.properties(Json.readTree(nic.body())), "ipConfigurations")) {
                String ref = config.path("properties").path("publicIPAddress").path("id").asText(null);
                if (!Ids.same(ref, id)) {
                    continue;
                }
                props.putObject("ipConfiguration").put("id", nicId + "/ipConfigurations/"
                        + config.path("name").asText("ipconfig1"));
                Instance instance = attachedVm(subscription, nic).map(instances).orElse(null);
                if (instance != null && instance.publicIp() != null) {
                    props.put("ipAddress", instance.publicIp());
                }
                return;
            }
        }
    }

    /** Used by the resource group deletion: every kept network resource of a group. */
    List<Kept.Resource> inGroup(String subscription, String group) {
        return kept.resources(subscription).stream().filter(r -> Ids.same(r.group(), group)).toList();
    }
}
