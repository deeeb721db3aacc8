package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft.Compute/images: managed images made from a VM ({@code sourceVirtualMachine.id}) with the backend's
 * createImage. The image resource is kept by the front with the backend image id; provisioningState follows the
 * backend image's state (pending: Creating, available: Succeeded).
 */
public final class ManagedImages {
    public static final String TYPE = "images";
    private static final String FULL_TYPE = Ids.COMPUTE + "/" + TYPE;

    private final Kept kept;
    private final Sessions sessions;

    public ManagedImages(Kept kept, Sessions sessions) {
        this.kept = kept;
        this.sessions = sessions;
    }

    /** The backend image behind a managed image id, or a 404 as ARM gives for a missing image. */
    static String backendImageId(Kept kept, String subscription, String id) {
        Ids.Parsed p = Ids.parse(id);
        if (p == null || !p.type().equalsIgnoreCase(TYPE)) {
            throw ArmException.invalid("The image reference id '" + id + "' is not a managed image id.");
        }
        return kept.resource(subscription, TYPE, p.group(), p.name()).map(r -> r.backend().get("image"))
                .orElseThrow(() -> new ArmException(404, "NotFound", "The Image '" + id + "' cannot be found in '"
                        + "the subscription's' region."));
    }

    public Reply put(ArmRequest req, String group, String name, VirtualMachines vms) {
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        ImageInner model = Json.parse(req.body(), ImageInner::fromJson);
        Optional<Kept.Resource> existing = kept.resource(req.subscription(), TYPE, group, name);
        if (existing.isPresent()) {
            throw new ArmException(409, "OperationNotAllowed", "The image '" + name + "' already exists; images "
                    + "cannot be updated.");
        }
        if (model.sourceVirtualMachine() == null || model.sourceVirtualMachine().id() == null) {
            throw ArmException.invalid("This endpoint makes images from a VM only: "
                    + "'properties.sourceVirtualMachine.id' is required.");
        }
        Ids.Parsed source = Ids.require(model.sourceVirtualMachine().id(), VirtualMachines.TYPE,
                "properties.sourceVirtualMachine.id");
        Kept.Vm vm = kept.vm(req.subscription(), source.group(), source.name()).orElseThrow(() ->
                ArmException.resourceNotFound(Ids.COMPUTE + "/" + VirtualMachines.TYPE, source.name(),
                        source.group()));
        String region = sessions.region(req.subscription(), model.location());
        Image image;
        try {
            image = sessions.cloud(req.subscription(), vm.region()).createImage(vm.instanceId(), name,
                    "managed image " + name, model.tags() == null ? Map.of() : model.tags());
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        Kept.Resource r = new Kept.Resource(TYPE, g.name(), name, region, Json.text(model),
                UUID.randomUUID().toString(), Map.of("image", image.id(), "region", vm.region()));
        kept.putResource(req.subscription(), r);
        return Reply.of(201, render(req.subscription(), group, r));
    }

    /**
     * Images - Update: only {@code tags} can change (ARM replaces the whole set). The backend image gets the same
     * set, so its own tags and the ARM resource's agree.
     */
    public Reply patch(ArmRequest req, String group, String name) {
        Kept.Resource r = require(req, group, name);
        ObjectNode patch = Json.readTree(req.body() == null || req.body().isBlank() ? "{}" : req.body());
        if (!patch.has("tags")) {
            return Reply.ok(render(req.subscription(), group, r));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        patch.get("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        ObjectNode body = Json.readTree(r.body());
        Set<String> removed = new HashSet<>();
        if (body.has("tags")) {
            body.get("tags").fieldNames().forEachRemaining(removed::add);
        }
        removed.removeAll(tags.keySet());
        try {
            Cloud cloud = sessions.cloud(req.subscription(), r.backend().get("region"));
            if (!removed.isEmpty()) {
                cloud.untag(r.backend().get("image"), removed);
            }
            if (!tags.isEmpty()) {
                cloud.tag(r.backend().get("image"), tags);
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        body.set("tags", patch.get("tags"));
        Kept.Resource updated = new Kept.Resource(r.type(), r.group(), r.name(), r.location(), body.toString(),
                r.guid(), r.backend());
        kept.putResource(req.subscription(), updated);
        return Reply.ok(render(req.subscription(), group, updated));
    }

    public Reply get(ArmRequest req, String group, String name) {
        return Reply.ok(render(req.subscription(), group, require(req, group, name)));
    }

    public Reply list(ArmRequest req, String group) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (Kept.Resource r : kept.resources(req.subscription())) {
            if (r.type().equals(TYPE) && (group == null || Ids.same(group, r.group()))) {
                value.add(render(req.subscription(), group == null ? r.group() : group, r));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String group, String name) {
        Optional<Kept.Resource> found = kept.resource(req.subscription(), TYPE, group, name);
        if (found.isEmpty()) {
            return Reply.empty(204);
        }
        try {
            sessions.cloud(req.subscription(), found.get().backend().get("region"))
                    .deleteImage(found.get().backend().get("image"), true);
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw ArmException.from(e, false);
            }
        }
        kept.deleteResource(req.subscription(), TYPE, group, name);
        return Reply.empty(200);
    }

    private Kept.Resource require(ArmRequest req, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        return kept.resource(req.subscription(), TYPE, group, name)
                .orElseThrow(() -> ArmException.resourceNotFound(FULL_TYPE, name, group));
    }

    private ObjectNode render(String subscription, String group, Kept.Resource r) {
        ObjectNode out = Json.identify(Json.readTree(r.body()), Ids.resource(subscription, group, Ids.COMPUTE, TYPE,
                r.name()), r.name(), FULL_TYPE);
        String state = "Succeeded";
        try {
            Cloud cloud = sessions.cloud(subscription, r.backend().get("region"));
            List<Image> images = cloud.images(io.altostratus.core.query.ImageQuery.all());
            for (Image image : images) {
                if (image.id().equals(r.backend().get("image"))) {
                    state = Image.PENDING.equals(image.state()) ? "Creating"
                            : Image.AVAILABLE.equals(image.state()) ? "Succeeded" : "Failed";
                }
            }
        } catch (AltoException e) {
            state = "Failed";
        }
        Json.properties(out).put("provisioningState", state);
        return out;
    }
}
