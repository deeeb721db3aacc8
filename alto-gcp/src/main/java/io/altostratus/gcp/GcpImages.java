package io.altostratus.gcp;

import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.GlobalSetLabelsRequest;
import com.google.cloud.compute.v1.InsertImageRequest;
import com.google.cloud.compute.v1.ListImagesRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.SetLabelsImageRequest;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceErrors;
import io.altostratus.gcp.internal.GceNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Images: public families by alias, the project's own images, images made from an instance's boot disk.
 * Image ids are {@code projects/{project}/global/images/{name}}; the owner is the project.
 */
final class GcpImages {
    private final GcpContext context;

    GcpImages(GcpContext context) {
        this.context = context;
    }

    /**
     * The images of the projects the query's owners name ({@code self} is the session's project, {@code canonical}
     * Ubuntu's {@code ubuntu-os-cloud}, {@code debian} {@code debian-cloud}, anything else a project id); without
     * owners, the session's project plus the public project of the query's distro, or of every distro alto knows when
     * the query names none (so an unfiltered listing, as EC2 clients make one through the gateway, shows the images
     * a launch can use). Obsolete and deleted public images are left out. Sorted by id.
     */
    List<Image> images(ImageQuery query) {
        List<Image> out = new ArrayList<>();
        if (!query.ids().isEmpty()) {
            for (String id : new java.util.TreeSet<>(query.ids())) {
                Image image = get(id);
                if (query.matchesIgnoringOwner(image)) {
                    out.add(image);
                }
            }
            return List.copyOf(out);
        }
        for (String project : projects(query)) {
            List<com.google.cloud.compute.v1.Image> listed = context.calls().call("images.list", () -> {
                List<com.google.cloud.compute.v1.Image> page = new ArrayList<>();
                context.clients().images().list(ListImagesRequest.newBuilder().setProject(project).build())
                        .iterateAll().forEach(page::add);
                return page;
            });
            for (com.google.cloud.compute.v1.Image raw : listed) {
                String deprecation = raw.hasDeprecated() ? raw.getDeprecated().getState() : "";
                if (deprecation.equals("OBSOLETE") || deprecation.equals("DELETED")) {
                    continue;
                }
                Image image = GceConvert.image(raw, context.project());
                if (query.matchesIgnoringOwner(image)) {
                    out.add(image);
                }
            }
        }
        out.sort(Comparator.comparing(Image::id));
        return List.copyOf(out);
    }

    private Set<String> projects(ImageQuery query) {
        Set<String> out = new LinkedHashSet<>();
        for (String owner : query.owners()) {
            out.add(switch (owner) {
                case "self" -> context.project();
                case "canonical", "ubuntu" -> ImageFamilies.UBUNTU_PROJECT;
                case "debian" -> ImageFamilies.DEBIAN_PROJECT;
                default -> owner;
            });
        }
        if (out.isEmpty()) {
            out.add(context.project());
            String distroProject = ImageFamilies.projectOf(query.distro());
            if (distroProject != null) {
                out.add(distroProject);
            } else if (query.distro() == null) {
                out.add(ImageFamilies.UBUNTU_PROJECT);
                out.add(ImageFamilies.DEBIAN_PROJECT);
            }
        }
        return out;
    }

    /** An alias as the newest image of its family; an id (or family path) as that image. */
    Image resolveImage(ImageRef ref) {
        if (!ref.isAlias()) {
            return get(ref.id());
        }
        ImageFamilies.Family family = ImageFamilies.of(ref);
        return GceConvert.image(context.calls().call("images.getFromFamily",
                () -> context.clients().images().getFromFamily(family.project(), family.family())), context.project());
    }

    Image get(String id) {
        GceNames.ImageRef ref = GceNames.image(id);
        com.google.cloud.compute.v1.Image raw = ref.family()
                ? context.calls().call("images.getFromFamily",
                        () -> context.clients().images().getFromFamily(ref.project(), ref.name()))
                : context.calls().call("images.get", () -> context.clients().images().get(ref.project(), ref.name()));
        return GceConvert.image(raw, context.project());
    }

    /**
     * Makes an image of the instance's boot disk (with {@code forceCreate}, so a running instance can be imaged, as
     * the console allows) and returns it as GCE first shows it, usually pending. It does not wait for the image to be
     * READY (minutes on GCE); the operation's early errors still fail the call.
     */
    Image createImage(GcpInstances instances, String instanceId, String name, String description,
                      Map<String, String> tags) {
        if (!GceNames.isName(name)) {
            throw AltoException.invalid("InvalidImageName", "'" + name + "' is not a valid GCE image name: "
                    + "1 to 63 lowercase letters, digits and '-', starting with a letter, not ending with '-'");
        }
        Map<String, String> labels = GceLabels.of(tags == null ? Map.of() : tags);
        com.google.cloud.compute.v1.Instance vm = instances.live(GceNames.instance(instanceId));
        String bootDisk = vm.getDisksList().stream().filter(AttachedDisk::getBoot).map(AttachedDisk::getSource)
                .findFirst().orElseThrow(() -> AltoException.invalid("NoBootDisk",
                        "instance " + instanceId + " has no boot disk to make an image of"));
        com.google.cloud.compute.v1.Image.Builder image = com.google.cloud.compute.v1.Image.newBuilder()
                .setName(name).setSourceDisk(bootDisk).putAllLabels(labels);
        if (description != null) {
            image.setDescription(description);
        }
        String requestId = java.util.UUID.randomUUID().toString();
        Operation started = context.calls().call("images.insert", () -> context.clients().images().insertCallable()
                .call(InsertImageRequest.newBuilder().setProject(context.project()).setForceCreate(true)
                        .setImageResource(image.build()).setRequestId(requestId)
                        .build()));
        AltoException failed = GceErrors.of("images.insert", started);
        if (failed != null) {
            throw failed;
        }
        java.time.Instant visibleBy = context.clock().instant().plus(context.settings().consistencyGrace());
        return GceConvert.image(context.calls().callUntilVisible("images.get", visibleBy,
                () -> context.clients().images().get(context.project(), name)), context.project());
    }

    /** Deletes one of the project's images and waits for the operation. GCE images have no separate snapshots. */
    void deleteImage(String imageId) {
        GceNames.ImageRef ref = GceNames.image(imageId);
        if (ref.family()) {
            throw AltoException.invalid("InvalidImageId", "give an image, not a family, to delete: " + imageId);
        }
        String requestId = java.util.UUID.randomUUID().toString();
        context.calls().mutate("images.delete",
                () -> context.clients().images().deleteCallable().call(
                        com.google.cloud.compute.v1.DeleteImageRequest.newBuilder().setProject(ref.project())
                                .setImage(ref.name()).setRequestId(requestId).build()));
    }

    /** Adds or replaces labels on an image ({@code images.setLabels} with the fingerprint just read). */
    void tag(String imageId, Map<String, String> tags) {
        if (tags.containsKey(Tags.NAME)) {
            throw AltoException.invalid("InvalidLabel", "an image's Name is its GCE name and cannot be changed");
        }
        Map<String, String> changes = GceLabels.of(tags);
        relabel(imageId, labels -> labels.putAll(changes));
    }

    void untag(String imageId, Collection<String> keys) {
        relabel(imageId, labels -> keys.forEach(labels::remove));
    }

    private void relabel(String imageId, java.util.function.Consumer<Map<String, String>> change) {
        GceNames.ImageRef ref = GceNames.image(imageId);
        com.google.cloud.compute.v1.Image raw = context.calls().call("images.get",
                () -> context.clients().images().get(ref.project(), ref.name()));
        Map<String, String> labels = new LinkedHashMap<>(raw.getLabelsMap());
        change.accept(labels);
        GceLabels.checkCount(labels.size());
        context.calls().mutate("images.setLabels", () -> context.clients().images().setLabelsCallable().call(
                SetLabelsImageRequest.newBuilder().setProject(ref.project()).setResource(ref.name())
                        .setGlobalSetLabelsRequestResource(GlobalSetLabelsRequest.newBuilder()
                                .putAllLabels(labels).setLabelFingerprint(raw.getLabelFingerprint()))
                        .build()));
    }
}
