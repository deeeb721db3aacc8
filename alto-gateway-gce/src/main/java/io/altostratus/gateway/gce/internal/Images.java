package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Image;
import com.google.cloud.compute.v1.ImageList;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * images: public images are the backend's public images whose ids follow the shared convention
 * {@code projects/{project}/global/images/{name}} (family in the tag {@code gce:family}); images of the caller's
 * project are the ones {@code images.insert} made, kept by name in the gateway's store with the backend region and
 * id, because Compute Engine images are global while backend images belong to a region.
 */
public final class Images {
    public static final String KIND = "gce-image";
    public static final String FAMILY_TAG = "gce:family";
    private static final Pattern CONVENTION = Pattern.compile("projects/([^/]+)/global/images/([^/]+)");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:.*?/)??(?:projects/([^/]+)/)?global/images/(family/)?([^/]+)");

    /** gcloud names a family as a zonal view of it: {@code projects/p/zones/-/imageFamilyViews/family}. */
    private static final Pattern FAMILY_VIEW = Pattern.compile(
            "(?:.*?/)??projects/([^/]+)/zones/[^/]+/imageFamilyViews/([^/]+)");

    /** An image of a project, made here. */
    public record Entry(String name, String region, String backendId, String family, String sourceDisk,
                        Instant created) {
    }

    /** A backend image and where and under which GCE name it lives. */
    public record Found(String project, String name, String region, io.altostratus.core.model.Image image,
                        String family, String sourceDisk) {
    }

    private final Sessions sessions;
    private final StateStore store;
    private final String homeRegion;
    private final Operations operations;
    private final InstanceNames names;

    public Images(Sessions sessions, StateStore store, String homeRegion, Operations operations, InstanceNames names) {
        this.sessions = sessions;
        this.store = store;
        this.homeRegion = homeRegion;
        this.operations = operations;
        this.names = names;
    }

    // ---- finding ------------------------------------------------------------------------------------------

    /** Every image of a project (public ones for public projects), in name order. */
    List<Found> inProject(String caller, String project, String region) {
        List<Found> out = new ArrayList<>();
        Cloud cloud = sessions.cloud(caller, region);
        for (io.altostratus.core.model.Image image : cloud.images(ImageQuery.all())) {
            Matcher m = CONVENTION.matcher(image.id());
            if (image.isPublic() && m.matches() && m.group(1).equals(project)) {
                out.add(new Found(project, m.group(2), region, image, image.tags().get(FAMILY_TAG), null));
            }
        }
        if (project.equals(caller)) {
            for (Entry entry : store.read(view -> view.list(KIND, caller, Entry.class))) {
                Optional<io.altostratus.core.model.Image> image = sessions.cloud(caller, entry.region())
                        .images(new ImageQuery(Set.of(entry.backendId()), null, null, null, null, null, null))
                        .stream().findFirst();
                image.ifPresent(i -> out.add(new Found(project, entry.name(), entry.region(), i, entry.family(),
                        entry.sourceDisk())));
            }
        }
        out.sort(Comparator.comparing(Found::name));
        return out;
    }

    private static String notFoundPath(String project, String name) {
        return "projects/" + project + "/global/images/" + name;
    }

    public Found find(String caller, String project, String name, String region) {
        try {
            return inProject(caller, project, region).stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> GceException.notFound(notFoundPath(project, name)));
        } catch (AltoException e) {
            throw GceException.from(e, notFoundPath(project, name));
        }
    }

    public Found fromFamily(String caller, String project, String family, String region) {
        return inProject(caller, project, region).stream()
                .filter(f -> family.equals(f.family()))
                .filter(f -> io.altostratus.core.model.Image.AVAILABLE.equals(f.image().state()))
                .max(Comparator.comparing((Found f) -> f.image().creationDate() == null ? Instant.EPOCH
                        : f.image().creationDate()).thenComparing(Found::name))
                .orElseThrow(() -> GceException.notFound(notFoundPath(project, "family/" + family)));
    }

    /**
     * The image a {@code sourceImage} names (full or partial URL, by name or {@code family/...}), as seen from the
     * region an instance is launched in.
     */
    public Found resolve(String caller, String reference, String region) {
        Matcher view = FAMILY_VIEW.matcher(reference);
        if (view.matches()) {
            return fromFamily(caller, view.group(1), view.group(2), region);
        }
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches()) {
            throw GceException.invalid("Invalid value for field 'resource.disks[0].initializeParams.sourceImage': '"
                    + reference + "'. The URL is malformed.");
        }
        String project = m.group(1) == null ? caller : m.group(1);
        return m.group(2) != null ? fromFamily(caller, project, m.group(3), region)
                : find(caller, project, m.group(3), region);
    }

    // ---- the API --------------------------------------------------------------------------------------------

    Image view(Request req, Found found) {
        io.altostratus.core.model.Image image = found.image();
        String status = switch (image.state() == null ? "" : image.state()) {
            case "available" -> "READY";
            case "pending" -> "PENDING";
            case "failed" -> "FAILED";
            default -> "DELETING";
        };
        Image.Builder out = Image.newBuilder().setKind("compute#image")
                .setId(Ids.stable("image", found.region(), image.id())).setName(found.name())
                .setCreationTimestamp(Ids.timestamp(image.creationDate() == null ? Instant.EPOCH
                        : image.creationDate()))
                .setSourceType("RAW").setStatus(status).setDiskSizeGb(Math.max(1, image.rootSizeGiB()))
                .setSelfLink(req.links().image(found.project(), found.name()))
                .putAllLabels(Labels.fromTags(image.tags())).setLabelFingerprint(Labels.fingerprint(image.tags()));
        if (image.description() != null) {
            out.setDescription(image.description());
        }
        if (found.family() != null) {
            out.setFamily(found.family());
        }
        if (image.architecture() != null) {
            out.setArchitecture(image.architecture() == Architecture.ARM64 ? "ARM64" : "X86_64");
        }
        if (found.sourceDisk() != null) {
            out.setSourceDisk(found.sourceDisk());
        }
        return out.build();
    }

    public Image get(Request req, String project, String name) {
        return view(req, find(req.project(), project, name, homeRegion));
    }

    public Image getFromFamily(Request req, String project, String family) {
        return view(req, fromFamily(req.project(), project, family, homeRegion));
    }

    /** imageFamilyViews.get: the family's newest image as seen from a zone. */
    public com.google.cloud.compute.v1.ImageFamilyView familyView(Request req, String zone, String family) {
        return com.google.cloud.compute.v1.ImageFamilyView.newBuilder()
                .setImage(view(req, fromFamily(req.project(), req.project(), family,
                        zone.equals("-") ? homeRegion : Links.regionOfZone(zone))))
                .build();
    }

    public ImageList list(Request req, String project) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Image> images = inProject(req.project(), project, homeRegion).stream().map(f -> view(req, f))
                .filter(filter::matches).toList();
        Pages.Slice<Image> page = Pages.slice(images, Image::getName, req);
        ImageList.Builder out = ImageList.newBuilder().setKind("compute#imageList")
                .setId("projects/" + project + "/global/images").addAllItems(page.items())
                .setSelfLink(req.links().project(project) + "/global/images");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    /** images.insert from an instance's boot disk ({@code sourceDisk}); other sources are refused. */
    public Operation insert(Request req) {
        Image body = Json.parse(req.body(), Image.newBuilder()).build();
        if (!body.hasName()) {
            throw GceException.required("Required field 'resource.name' not specified");
        }
        if (!InstanceNames.NAME.matcher(body.getName()).matches()) {
            throw GceException.invalid("Invalid value for field 'resource.name': '" + body.getName()
                    + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        if (!body.hasSourceDisk()) {
            throw GceException.unsupported("Creating an image from anything but 'sourceDisk'");
        }
        String target = req.links().image(req.project(), body.getName());
        String zone = Links.zoneOf(body.getSourceDisk());
        if (zone == null) {
            throw GceException.invalid("Invalid value for field 'resource.sourceDisk': '" + body.getSourceDisk()
                    + "'");
        }
        String diskName = Links.lastSegment(body.getSourceDisk());
        String diskPath = "projects/" + req.project() + "/zones/" + zone + "/disks/" + diskName;
        // The boot disk of an instance is named after it, as on Compute Engine.
        InstanceNames.Entry instance = names.byName(req.project(), zone, diskName)
                .filter(e -> e.backendId() != null).orElseThrow(() -> GceException.notFound(diskPath));
        String region = Links.regionOfZone(zone);
        store.write(tx -> {
            if (tx.get(KIND, req.project(), body.getName(), Entry.class).isPresent()) {
                throw GceException.alreadyExists(Links.relative(target));
            }
            tx.put(KIND, req.project(), body.getName(), new Entry(body.getName(), region, "", null, null, null));
            return null;
        });
        try {
            Map<String, String> tags = new LinkedHashMap<>(Labels.toTags(body.getLabelsMap()));
            if (body.hasFamily()) {
                tags.put(FAMILY_TAG, body.getFamily());
            }
            io.altostratus.core.model.Image made = sessions.cloud(req.project(), region).createImage(
                    instance.backendId(), body.getName(), body.hasDescription() ? body.getDescription() : null, tags);
            store.write(tx -> {
                tx.put(KIND, req.project(), body.getName(), new Entry(body.getName(), region, made.id(),
                        body.hasFamily() ? body.getFamily() : null,
                        req.links().disk(req.project(), zone, diskName), made.creationDate()));
                return null;
            });
            return operations.record(req, "global", "insert", target, Ids.stable("image", region, made.id()),
                    Operations.Until.IMAGE_READY, region, made.id());
        } catch (AltoException e) {
            store.write(tx -> {
                tx.delete(KIND, req.project(), body.getName());
                return null;
            });
            throw GceException.from(e, diskPath);
        }
    }

    public Operation delete(Request req, String name) {
        String path = notFoundPath(req.project(), name);
        Entry entry = store.read(view -> view.get(KIND, req.project(), name, Entry.class))
                .filter(e -> !e.backendId().isEmpty()).orElseThrow(() -> GceException.notFound(path));
        try {
            sessions.cloud(req.project(), entry.region()).deleteImage(entry.backendId(), true);
        } catch (AltoException e) {
            if (e.code() != io.altostratus.core.error.ErrorCode.NOT_FOUND) {
                throw GceException.from(e, path);
            }
        }
        store.write(tx -> {
            tx.delete(KIND, req.project(), name);
            return null;
        });
        return operations.record(req, "global", "delete", req.links().image(req.project(), name),
                Ids.stable("image", entry.region(), entry.backendId()), Operations.Until.NOTHING, null, null);
    }

    /**
     * images.setLabels, for the images of the caller's project (the ones made here): labels are the backend image's
     * tags, replaced as a whole when the request quotes the current label fingerprint (412 {@code conditionNotMet}
     * otherwise). Tags that are not labels, such as the family tag, stay.
     */
    public Operation setLabels(Request req, String name) {
        com.google.cloud.compute.v1.GlobalSetLabelsRequest body = Json.parse(req.body(),
                com.google.cloud.compute.v1.GlobalSetLabelsRequest.newBuilder()).build();
        Map<String, String> wanted = Labels.toTags(body.getLabelsMap());
        String path = notFoundPath(req.project(), name);
        Entry entry = store.read(view -> view.get(KIND, req.project(), name, Entry.class))
                .filter(e -> !e.backendId().isEmpty()).orElseThrow(() -> GceException.notFound(path));
        Cloud cloud = sessions.cloud(req.project(), entry.region());
        try {
            io.altostratus.core.model.Image image = cloud.images(new ImageQuery(Set.of(entry.backendId()), null,
                    null, null, null, null, null)).stream().findFirst()
                    .orElseThrow(() -> GceException.notFound(path));
            if (!body.getLabelFingerprint().equals(Labels.fingerprint(image.tags()))) {
                throw new GceException(412, "conditionNotMet", "Labels fingerprint either invalid or resource "
                        + "labels have changed");
            }
            Set<String> removed = new java.util.HashSet<>(Labels.fromTags(image.tags()).keySet());
            removed.removeAll(wanted.keySet());
            if (!removed.isEmpty()) {
                cloud.untag(image.id(), removed);
            }
            if (!wanted.isEmpty()) {
                cloud.tag(image.id(), wanted);
            }
        } catch (AltoException e) {
            throw GceException.from(e, path);
        }
        return operations.record(req, "global", "setLabels", req.links().image(req.project(), name),
                Ids.stable("image", entry.region(), entry.backendId()), Operations.Until.NOTHING, null, null);
    }
}
