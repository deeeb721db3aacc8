package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resource groups, kept by the front in the store (durable). Deleting a group deletes what is in it: its VMs are
 * terminated (the answer is 202 and the operation is done when their instances are gone), its network resources
 * and images are removed at once.
 */
public final class ResourceGroups {
    private static final String TYPE = "Microsoft.Resources/resourceGroups";

    private final Kept kept;
    private final Sessions sessions;
    private final Operations operations;

    /** What else a group's deletion takes (managed clusters), told the subscription and the group. */
    private final java.util.List<java.util.function.BiConsumer<String, String>> onDelete =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public ResourceGroups(Kept kept, Sessions sessions, Operations operations) {
        this.kept = kept;
        this.sessions = sessions;
        this.operations = operations;
        operations.onCleanup(this::cleanup);
    }

    /** Registers what deletes a group's other resources when the group is deleted. */
    public void onDelete(java.util.function.BiConsumer<String, String> listener) {
        onDelete.add(listener);
    }

    public Reply put(ArmRequest req, String name) {
        ResourceGroupInner model = Json.parse(req.body(), ResourceGroupInner::fromJson);
        String region = sessions.region(req.subscription(), model.location());
        Optional<Kept.Group> existing = kept.group(req.subscription(), name);
        if (existing.isPresent()) {
            if (existing.get().deleting()) {
                throw new ArmException(409, "ResourceGroupBeingDeleted", "The resource group '" + name
                        + "' is in deprovisioning state and cannot perform this operation.");
            }
            if (!region.equals(sessions.region(req.subscription(), existing.get().location()))) {
                throw new ArmException(409, "InvalidResourceGroupLocation", "Invalid resource group location '"
                        + model.location() + "'. The Resource group already exists in location '"
                        + existing.get().location() + "'.");
            }
        }
        Kept.Group group = new Kept.Group(existing.map(Kept.Group::name).orElse(name), region,
                model.tags() == null ? Map.of() : model.tags(), false);
        kept.putGroup(req.subscription(), group);
        return Reply.of(existing.isPresent() ? 200 : 201, render(req.subscription(), name, group));
    }

    /** PATCH: tags (and managedBy) only, as ARM allows. */
    public Reply patch(ArmRequest req, String name) {
        Kept.Group group = require(req, name);
        ObjectNode body = Json.readTree(req.body() == null || req.body().isBlank() ? "{}" : req.body());
        Map<String, String> tags = group.tags();
        if (body.has("tags")) {
            ResourceGroupInner model = Json.parse(req.body(), ResourceGroupInner::fromJson);
            tags = model.tags() == null ? Map.of() : model.tags();
        }
        Kept.Group updated = new Kept.Group(group.name(), group.location(), tags, false);
        kept.putGroup(req.subscription(), updated);
        return Reply.ok(render(req.subscription(), name, updated));
    }

    public Reply get(ArmRequest req, String name) {
        return Reply.ok(render(req.subscription(), name, require(req, name)));
    }

    /** HEAD: 204 when the group exists, 404 when not (no body either way). */
    public Reply head(ArmRequest req, String name) {
        return Reply.empty(kept.group(req.subscription(), name).isPresent() ? 204 : 404);
    }

    public Reply list(ArmRequest req) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (Kept.Group g : kept.groups(req.subscription())) {
            value.add(render(req.subscription(), g.name(), g));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String name, VirtualMachines vms) {
        Optional<Kept.Group> found = kept.group(req.subscription(), name);
        if (found.isEmpty()) {
            throw ArmException.groupNotFound(name);
        }
        Kept.Group group = found.get();
        kept.putGroup(req.subscription(), new Kept.Group(group.name(), group.location(), group.tags(), true));
        onDelete.forEach(listener -> listener.accept(req.subscription(), name));
        List<String> instances = new ArrayList<>();
        java.util.Set<String> regions = new java.util.LinkedHashSet<>();
        String region = group.location();
        for (Kept.Vm vm : kept.vms(req.subscription())) {
            if (Ids.same(vm.group(), name) && !vm.deleting()) {
                Kept.Operation op = vms.terminate(req.subscription(), vm);
                instances.addAll(op.instanceIds());
                regions.add(vm.region());
                region = vm.region();
            }
        }
        // What the group's resources hold in the backend goes once the VMs are gone (a backend refuses to delete a
        // network or volume an instance still uses): key pairs, volumes, snapshots and images first, networks last.
        List<String> cleanup = new ArrayList<>();
        for (Kept.Resource r : kept.resources(req.subscription())) {
            if (Ids.same(r.group(), name)) {
                cleanup.addAll(backendOf(req.subscription(), r));
                kept.deleteResource(req.subscription(), r.type(), r.group(), r.name());
            }
        }
        cleanup.sort(java.util.Comparator.comparingInt(ResourceGroups::cleanupOrder));
        for (Kept.Vm vm : kept.vms(req.subscription())) {
            if (Ids.same(vm.group(), name)) {
                kept.deleteVm(req.subscription(), vm.group(), vm.name());
            }
        }
        kept.deleteGroup(req.subscription(), name);
        Kept.Operation op = operations.start(req.subscription(), "Microsoft.Resources", region, "deleteGroup",
                instances, List.copyOf(regions), cleanup);
        if (instances.isEmpty()) {
            operations.refresh(req.subscription(), op);
        }
        return operations.accepted(Reply.empty(202), req, op, true);
    }

    /** The clean-up entries ({@code kind|region|id}) for what a resource holds in the backend. */
    private List<String> backendOf(String subscription, Kept.Resource r) {
        List<String> out = new ArrayList<>();
        String region = r.backend().get("region");
        if (region == null) {
            try {
                region = sessions.region(subscription, r.location());
            } catch (ArmException e) {
                return out;
            }
        }
        for (String kind : List.of("volume", "snapshot", "image", "network")) {
            if (r.backend().containsKey(kind)) {
                out.add(kind + "|" + region + "|" + r.backend().get(kind));
            }
        }
        if (r.type().equals(SshPublicKeys.TYPE) && r.backend().containsKey(SshPublicKeys.BACKEND_KEY)) {
            out.add("keypair|" + region + "|" + r.backend().get(SshPublicKeys.BACKEND_KEY));
        }
        for (Map.Entry<String, String> e : r.backend().entrySet()) {
            if (e.getKey().startsWith("sg/")) {
                out.add("sg|" + e.getKey().split("/")[1] + "|" + e.getValue());
            }
        }
        return out;
    }

    private static int cleanupOrder(String entry) {
        return List.of("keypair", "volume", "snapshot", "image", "sg", "network")
                .indexOf(entry.substring(0, entry.indexOf('|')));
    }

    /**
     * Deletes one backend resource of a deleted group, as far as the backend allows: what it refuses is left to it
     * (logged, not retried).
     */
    void cleanup(String subscription, String entry) {
        String[] parts = entry.split("\\|", 3);
        try {
            var cloud = sessions.cloud(subscription, parts[1]);
            switch (parts[0]) {
                case "volume" -> cloud.require(io.altostratus.core.ext.Volumes.class).deleteVolume(parts[2]);
                case "snapshot" -> cloud.require(io.altostratus.core.ext.Snapshots.class).deleteSnapshot(parts[2]);
                case "image" -> cloud.deleteImage(parts[2], true);
                case "keypair" -> cloud.require(io.altostratus.core.ext.KeyPairs.class).deleteKeyPair(parts[2]);
                case "sg" -> cloud.require(io.altostratus.core.ext.SecurityGroups.class).deleteSecurityGroup(parts[2]);
                default -> cloud.require(io.altostratus.core.ext.Networks.class).deleteNetwork(parts[2], true);
            }
        } catch (io.altostratus.core.error.AltoException | ArmException e) {
            java.util.logging.Logger.getLogger(ResourceGroups.class.getName()).fine(() -> "resource group "
                    + "deletion left " + entry + " in the backend: " + e.getMessage());
        }
    }

    private Kept.Group require(ArmRequest req, String name) {
        return kept.group(req.subscription(), name).orElseThrow(() -> ArmException.groupNotFound(name));
    }

    private static ObjectNode render(String subscription, String name, Kept.Group group) {
        ResourceGroupInner model = new ResourceGroupInner().withLocation(group.location()).withTags(group.tags());
        ObjectNode out = Json.identify(Json.tree(model), Ids.group(subscription, name), group.name(), TYPE);
        Json.properties(out).put("provisioningState", group.deleting() ? "Deleting" : "Succeeded");
        return out;
    }
}
