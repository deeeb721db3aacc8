package io.altostratus.gcp;

import com.google.cloud.compute.v1.CreateSnapshotDiskRequest;
import com.google.cloud.compute.v1.DeleteSnapshotRequest;
import com.google.cloud.compute.v1.GlobalSetLabelsRequest;
import com.google.cloud.compute.v1.ListSnapshotsRequest;
import com.google.cloud.compute.v1.SetLabelsSnapshotRequest;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Tags;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceNames;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Disk snapshots as {@link Snapshots}. Snapshots are global in GCE; an id is the relative resource name
 * {@code projects/{project}/global/snapshots/{name}}, as image ids are. A snapshot is made with
 * {@code disks.createSnapshot} and waited on; its name is the {@code Name} tag when that is a valid GCE name, else
 * a generated {@code alto-snap-<10 hex>}. States: READY is {@code completed}, CREATING and UPLOADING
 * {@code pending}, FAILED {@code error}.
 */
final class GcpSnapshots implements Snapshots {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final GcpContext context;
    private final GcpPlaces places;

    GcpSnapshots(GcpContext context, GcpPlaces places) {
        this.context = context;
        this.places = places;
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        GceNames.DiskRef disk = GceNames.disk(volumeId);
        Map<String, String> safeTags = tags == null ? Map.of() : tags;
        Map<String, String> labels = GceLabels.of(safeTags);
        if (!places.zoneNames().contains(disk.zone())) {
            throw AltoException.notFound("notFound", "disk " + volumeId + " not found: zone " + disk.zone()
                    + " is not in region " + context.region());
        }
        String name = safeTags.get(Tags.NAME);
        if (name == null || !GceNames.isName(name)) {
            byte[] bytes = new byte[5];
            RANDOM.nextBytes(bytes);
            name = "alto-snap-" + HexFormat.of().formatHex(bytes);
        }
        com.google.cloud.compute.v1.Snapshot.Builder snapshot = com.google.cloud.compute.v1.Snapshot.newBuilder()
                .setName(name).putAllLabels(labels);
        if (description != null) {
            snapshot.setDescription(description);
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("disks.createSnapshot", () -> context.clients().disks().createSnapshotCallable()
                .call(CreateSnapshotDiskRequest.newBuilder().setProject(context.project()).setZone(disk.zone())
                        .setDisk(disk.name()).setSnapshotResource(snapshot).setRequestId(requestId).build()));
        String made = name;
        java.time.Instant visibleBy = context.clock().instant().plus(context.settings().consistencyGrace());
        return convert(context.calls().callUntilVisible("snapshots.get", visibleBy,
                () -> context.clients().snapshots().get(context.project(), made)));
    }

    /** The project's snapshots, sorted by id. */
    @Override
    public List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
        context.calls().call("snapshots.list", () -> {
            out.clear();
            context.clients().snapshots().list(ListSnapshotsRequest.newBuilder().setProject(context.project())
                    .build()).iterateAll().forEach(s -> out.add(convert(s)));
            return null;
        });
        out.sort(Comparator.comparing(Snapshot::id));
        return List.copyOf(out);
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        GceNames.SnapshotRef ref = GceNames.snapshot(snapshotId);
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("snapshots.delete", () -> context.clients().snapshots().deleteCallable().call(
                DeleteSnapshotRequest.newBuilder().setProject(ref.project()).setSnapshot(ref.name())
                        .setRequestId(requestId).build()));
    }

    void tag(String snapshotId, Map<String, String> tags) {
        if (tags.containsKey(Tags.NAME)) {
            throw AltoException.invalid("InvalidLabel", "a snapshot's Name is its GCE name and cannot be changed");
        }
        Map<String, String> changes = GceLabels.of(tags);
        relabel(snapshotId, labels -> labels.putAll(changes));
    }

    void untag(String snapshotId, Collection<String> keys) {
        relabel(snapshotId, labels -> keys.forEach(labels::remove));
    }

    private void relabel(String snapshotId, Consumer<Map<String, String>> change) {
        GceNames.SnapshotRef ref = GceNames.snapshot(snapshotId);
        com.google.cloud.compute.v1.Snapshot current = context.calls().call("snapshots.get",
                () -> context.clients().snapshots().get(ref.project(), ref.name()));
        Map<String, String> labels = new LinkedHashMap<>(current.getLabelsMap());
        change.accept(labels);
        GceLabels.checkCount(labels.size());
        context.calls().mutate("snapshots.setLabels", () -> context.clients().snapshots().setLabelsCallable().call(
                SetLabelsSnapshotRequest.newBuilder().setProject(ref.project()).setResource(ref.name())
                        .setGlobalSetLabelsRequestResource(GlobalSetLabelsRequest.newBuilder().putAllLabels(labels)
                                .setLabelFingerprint(current.getLabelFingerprint()))
                        .build()));
    }

    private Snapshot convert(com.google.cloud.compute.v1.Snapshot snapshot) {
        String state = switch (snapshot.getStatus()) {
            case "READY" -> "completed";
            case "FAILED" -> "error";
            default -> "pending";
        };
        String diskName = GceNames.last(snapshot.getSourceDisk());
        String diskZone = snapshot.getSourceDisk().contains("/zones/")
                ? snapshot.getSourceDisk().replaceAll(".*/zones/([^/]+)/.*", "$1") : null;
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.NAME, snapshot.getName());
        tags.putAll(new java.util.TreeMap<>(snapshot.getLabelsMap()));
        String project = projectOf(snapshot.getSelfLink());
        return new Snapshot(GceNames.snapshotId(project, snapshot.getName()),
                diskName == null || diskZone == null ? null : GceNames.diskId(diskZone, diskName),
                (int) snapshot.getDiskSizeGb(), state, "READY".equals(snapshot.getStatus()) ? 100 : 0,
                snapshot.getDescription().isEmpty() ? null : snapshot.getDescription(), project,
                GceConvert.timestamp(snapshot.getCreationTimestamp()), tags);
    }

    private String projectOf(String selfLink) {
        int at = selfLink == null ? -1 : selfLink.indexOf("projects/");
        if (at < 0) {
            return context.project();
        }
        int end = selfLink.indexOf('/', at + 9);
        return end < 0 ? context.project() : selfLink.substring(at + 9, end);
    }
}
