package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Snapshot;
import com.google.cloud.compute.v1.SnapshotList;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * snapshots (global) and {@code disks.createSnapshot}, over the backend's {@link Snapshots} extension. Snapshots are
 * global on Compute Engine and regional on a backend, so each is kept by name with its backend region and id in the
 * gateway's store; without the extension these calls answer Google's unsupported-request error.
 */
public final class SnapshotResources {
    public static final String KIND = "gce-snapshot";

    /** A {@code sourceSnapshot}: full or partial URL, or a bare name. */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile(
            "(?:.*?/)??(?:projects/([^/]+)/)?(?:global/snapshots/)?([^/]+)");

    /** A snapshot made here. */
    public record Entry(String name, String region, String snapshotId, String sourceDisk, long sourceDiskId,
                        String description, Instant created) {
    }

    private final Sessions sessions;
    private final StateStore store;
    private final Operations operations;
    private final Disks disks;

    public SnapshotResources(Sessions sessions, StateStore store, Operations operations, Disks disks) {
        this.sessions = sessions;
        this.store = store;
        this.operations = operations;
        this.disks = disks;
    }

    private static String path(String project, String name) {
        return "projects/" + project + "/global/snapshots/" + name;
    }

    private Snapshots snapshots(String project, String region) {
        return sessions.cloud(project, region).extension(Snapshots.class)
                .orElseThrow(() -> GceException.unsupported("Snapshots"));
    }

    private Optional<io.altostratus.core.model.Snapshot> backend(String project, Entry entry) {
        return snapshots(project, entry.region()).snapshots().stream()
                .filter(s -> s.id().equals(entry.snapshotId())).findFirst();
    }

    private Snapshot view(Request req, Entry entry, io.altostratus.core.model.Snapshot snapshot) {
        String status = switch (snapshot.state() == null ? "" : snapshot.state()) {
            case "pending" -> "CREATING";
            case "error" -> "FAILED";
            default -> "READY";
        };
        Snapshot.Builder out = Snapshot.newBuilder().setKind("compute#snapshot")
                .setId(Ids.stable("snapshot", entry.region(), snapshot.id())).setName(entry.name())
                .setCreationTimestamp(Ids.timestamp(entry.created())).setDiskSizeGb(snapshot.sizeGiB())
                .setSourceDisk(entry.sourceDisk()).setSourceDiskId(Long.toUnsignedString(entry.sourceDiskId()))
                .setStatus(status).setSelfLink(req.links().global(req.project(), "snapshots", entry.name()))
                .putAllLabels(Labels.fromTags(snapshot.tags()))
                .setLabelFingerprint(Labels.fingerprint(snapshot.tags()));
        out.setDescription(entry.description() == null ? "" : entry.description());
        return out.build();
    }

    private Entry entry(Request req, String name) {
        return store.read(view -> view.get(KIND, req.project(), name, Entry.class))
                .filter(e -> e.snapshotId() != null)
                .orElseThrow(() -> GceException.notFound(path(req.project(), name)));
    }

    public Snapshot get(Request req, String name) {
        Entry entry = entry(req, name);
        return view(req, entry, backend(req.project(), entry)
                .orElseThrow(() -> GceException.notFound(path(req.project(), name))));
    }

    public SnapshotList list(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Snapshot> out = new ArrayList<>();
        for (Entry entry : store.read(view -> view.list(KIND, req.project(), Entry.class))) {
            if (entry.snapshotId() == null) {
                continue;
            }
            backend(req.project(), entry).map(s -> view(req, entry, s)).filter(filter::matches).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Snapshot::getName));
        Pages.Slice<Snapshot> page = Pages.slice(out, Snapshot::getName, req);
        SnapshotList.Builder list = SnapshotList.newBuilder().setKind("compute#snapshotList")
                .setId("projects/" + req.project() + "/global/snapshots").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/global/snapshots");
        if (page.nextPageToken() != null) {
            list.setNextPageToken(page.nextPageToken());
        }
        return list.build();
    }

    /** disks.createSnapshot: of a standalone disk or of an instance's boot disk. */
    public Operation create(Request req, String zone, String diskName) {
        Snapshot body = Json.parse(req.body(), Snapshot.newBuilder()).build();
        if (!body.hasName() || body.getName().isEmpty()) {
            throw GceException.required("Required field 'resource.name' not specified");
        }
        String name = body.getName();
        if (!InstanceNames.NAME.matcher(name).matches()) {
            throw GceException.invalid("Invalid value for field 'resource.name': '" + name
                    + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        Disks.Source source = disks.source(req, zone, diskName);
        String region = Links.regionOfZone(zone);
        Snapshots backend = snapshots(req.project(), region);
        store.write(tx -> {
            if (tx.get(KIND, req.project(), name, Entry.class).isPresent()) {
                throw GceException.alreadyExists(path(req.project(), name));
            }
            tx.put(KIND, req.project(), name, new Entry(name, region, null, null, 0, null, null));
            return null;
        });
        io.altostratus.core.model.Snapshot made;
        try {
            made = backend.createSnapshot(source.volumeId(), body.hasDescription() ? body.getDescription() : null,
                    Labels.toTags(body.getLabelsMap()));
        } catch (AltoException | GceException e) {
            store.write(tx -> {
                tx.delete(KIND, req.project(), name);
                return null;
            });
            throw e instanceof AltoException alto ? GceException.from(alto, source.path()) : (GceException) e;
        }
        Instant created = made.startTime() == null ? Instant.EPOCH : made.startTime();
        store.write(tx -> {
            tx.put(KIND, req.project(), name, new Entry(name, region, made.id(), source.link(), source.id(),
                    body.hasDescription() ? body.getDescription() : null, created));
            return null;
        });
        return operations.record(req, "zones/" + zone, "createSnapshot", source.link(), source.id(),
                Operations.Until.SNAPSHOT_READY, region, made.id());
    }

    public Operation delete(Request req, String name) {
        Entry entry = entry(req, name);
        try {
            snapshots(req.project(), entry.region()).deleteSnapshot(entry.snapshotId());
        } catch (AltoException e) {
            if (e.code() != io.altostratus.core.error.ErrorCode.NOT_FOUND) {
                throw GceException.from(e, path(req.project(), name));
            }
        }
        store.write(tx -> {
            tx.delete(KIND, req.project(), name);
            return null;
        });
        return operations.record(req, "global", "delete", req.links().global(req.project(), "snapshots", name),
                Ids.stable("snapshot", entry.region(), entry.snapshotId()), Operations.Until.NOTHING, null, null);
    }

    /**
     * A snapshot a new disk restores, as the backend knows it.
     *
     * @param link the snapshot's URL, which the disk shows as its {@code sourceSnapshot}
     * @param id   the snapshot's numeric id, the disk's {@code sourceSnapshotId}
     */
    public record Restorable(String region, String snapshotId, int sizeGiB, String link, long id) {
    }

    /** The snapshot a {@code sourceSnapshot} names, among the caller's; 404 for others and for unknown names. */
    public Restorable restorable(Request req, String reference) {
        java.util.regex.Matcher m = REFERENCE.matcher(reference);
        if (!m.matches()) {
            throw GceException.invalid("Invalid value for field 'resource.sourceSnapshot': '" + reference
                    + "'. The URL is malformed.");
        }
        String project = m.group(1) == null ? req.project() : m.group(1);
        String name = m.group(2);
        if (!project.equals(req.project())) {
            throw GceException.notFound(path(project, name));
        }
        Entry entry = entry(req, name);
        io.altostratus.core.model.Snapshot snapshot = backend(req.project(), entry)
                .orElseThrow(() -> GceException.notFound(path(req.project(), name)));
        if (!"completed".equals(snapshot.state())) {
            throw GceException.notReady(path(req.project(), name), null);
        }
        return new Restorable(entry.region(), snapshot.id(), snapshot.sizeGiB(),
                req.links().global(req.project(), "snapshots", name),
                Ids.stable("snapshot", entry.region(), snapshot.id()));
    }
}
