package io.altostratus.gcp;

import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.InstancesSetLabelsRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.ListInstancesRequest;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ResetInstanceRequest;
import com.google.cloud.compute.v1.ResumeInstanceRequest;
import com.google.cloud.compute.v1.SetLabelsInstanceRequest;
import com.google.cloud.compute.v1.SetMetadataInstanceRequest;
import com.google.cloud.compute.v1.StartInstanceRequest;
import com.google.cloud.compute.v1.StopInstanceRequest;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceNames;
import io.altostratus.gcp.internal.GceNames.InstanceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reading and changing instances. Every change is one GCE call per instance (GCE has no batch stop or delete), sent
 * in parallel, each waited on until its operation is DONE. Ids are checked before anything is called, and every
 * instance is read before any is changed, so a bad or missing id fails the whole call and changes nothing. Deleted
 * instances read as terminated for a while ({@link Tombstones}).
 */
final class GcpInstances {
    private final GcpContext context;
    private final GcpPlaces places;

    GcpInstances(GcpContext context, GcpPlaces places) {
        this.context = context;
        this.places = places;
    }

    Instance instance(String id) {
        return read(GceNames.instance(id));
    }

    /** The instance, or the terminated one this process deleted under that id (see {@link Tombstones}). */
    private Instance read(InstanceRef ref) {
        try {
            return convert(raw(ref));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return context.tombstones().find(context.project(), ref.id(), context.clock().instant())
                    .orElseThrow(() -> e);
        }
    }

    /**
     * The GCE instance behind a parsed id that must still exist: one this process deleted is INVALID_STATE (it is
     * terminated, as on every provider), any other missing one NOT_FOUND.
     */
    com.google.cloud.compute.v1.Instance live(InstanceRef ref) {
        try {
            return raw(ref);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND && context.tombstones()
                    .find(context.project(), ref.id(), context.clock().instant()).isPresent()) {
                throw terminated(ref);
            }
            throw e;
        }
    }

    private static AltoException terminated(InstanceRef ref) {
        return new AltoException(ErrorCode.INVALID_STATE, "InstanceDeleted",
                "instance " + ref.id() + " is terminated (deleted)");
    }

    /** The GCE instance behind a parsed id; NOT_FOUND for a zone outside the session's region. */
    com.google.cloud.compute.v1.Instance raw(InstanceRef ref) {
        requireZoneInRegion(ref);
        return context.calls().call("instances.get",
                () -> context.clients().instances().get(context.project(), ref.zone(), ref.name()));
    }

    Instance convert(com.google.cloud.compute.v1.Instance vm) {
        return GceConvert.instance(vm, context.project(), context.region());
    }

    /**
     * The instances matching the query, sorted by id: by id when the query names ids (each must exist), else every
     * zone of the region (or the query's zone) listed in parallel. Filters apply here, so every filter means what it
     * means on every provider.
     */
    List<Instance> instances(InstanceQuery query) {
        List<Instance> out = new ArrayList<>();
        if (!query.ids().isEmpty()) {
            List<InstanceRef> refs = refs(query.ids());
            for (Instance i : context.inParallel(refs, this::read)) {
                if (query.matches(i)) {
                    out.add(i);
                }
            }
        } else {
            List<String> zones = query.zone() == null ? places.zoneNames()
                    : places.zoneNames().contains(query.zone()) ? List.of(query.zone()) : List.of();
            java.util.Set<String> live = new java.util.HashSet<>();
            for (List<com.google.cloud.compute.v1.Instance> listed : context.inParallel(zones, this::list)) {
                for (com.google.cloud.compute.v1.Instance vm : listed) {
                    Instance i = convert(vm);
                    live.add(i.id());
                    if (query.matches(i)) {
                        out.add(i);
                    }
                }
            }
            for (Instance gone : context.tombstones().all(context.project(), context.region(),
                    context.clock().instant())) {
                if (!live.contains(gone.id()) && query.matches(gone)) {
                    out.add(gone);
                }
            }
        }
        out.sort(Comparator.comparing(Instance::id));
        return List.copyOf(out);
    }

    /** Pages over the full listing: GCE pages per zone, and a region is several zones. */
    Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    private List<com.google.cloud.compute.v1.Instance> list(String zone) {
        return context.calls().call("instances.list", () -> {
            List<com.google.cloud.compute.v1.Instance> vms = new ArrayList<>();
            context.clients().instances().list(ListInstancesRequest.newBuilder().setProject(context.project())
                    .setZone(zone).build()).iterateAll().forEach(vms::add);
            return vms;
        });
    }

    /** Starts stopped instances; a suspended one is resumed, since that is how GCE starts it again. */
    List<StateChange> start(Collection<String> ids) {
        return change(ids, "instances.start", (ref, vm, requestId) -> {
            if (GceConvert.state(vm.getStatus()) == InstanceState.SUSPENDED) {
                return context.clients().instances().resumeCallable().call(ResumeInstanceRequest.newBuilder()
                        .setProject(context.project()).setZone(ref.zone()).setInstance(ref.name())
                        .setRequestId(requestId).build());
            }
            return context.clients().instances().startCallable().call(StartInstanceRequest.newBuilder()
                    .setProject(context.project()).setZone(ref.zone()).setInstance(ref.name())
                    .setRequestId(requestId).build());
        }, false);
    }

    /**
     * Stops instances (GCE stops the guest with an orderly shutdown). A forced stop is not offered: GCE's stop
     * always gives the guest its shutdown period.
     */
    List<StateChange> stop(Collection<String> ids, boolean force) {
        if (force) {
            throw AltoException.unsupported("gcp", "forced stop (GCE always shuts the guest down in order)");
        }
        return change(ids, "instances.stop", (ref, vm, requestId) -> context.clients().instances().stopCallable().call(
                StopInstanceRequest.newBuilder().setProject(context.project()).setZone(ref.zone())
                        .setInstance(ref.name()).setRequestId(requestId).build()), false);
    }

    /** Reboots as GCE's reset: a hard reset of the VM, as pressing its reset button. */
    void reboot(Collection<String> ids) {
        change(ids, "instances.reset", (ref, vm, requestId) -> context.clients().instances().resetCallable().call(
                ResetInstanceRequest.newBuilder().setProject(context.project()).setZone(ref.zone())
                        .setInstance(ref.name()).setRequestId(requestId).build()), false);
    }

    /** Deletes instances (with their auto-delete disks); a deleted instance is gone from GCE, so it reads terminated. */
    List<StateChange> terminate(Collection<String> ids) {
        return change(ids, "instances.delete", (ref, vm, requestId) -> context.clients().instances().deleteCallable().call(
                DeleteInstanceRequest.newBuilder().setProject(context.project()).setZone(ref.zone())
                        .setInstance(ref.name()).setRequestId(requestId).build()), true);
    }

    /** Deletes what a failed launch made; best effort, since the launch's own failure is what the caller hears. */
    void deleteQuietly(List<Instance> made) {
        try {
            terminate(made.stream().map(Instance::id).toList());
        } catch (AltoException e) {
            // The launch failure is reported; an instance left behind here is named in that report's message.
        }
    }

    /** One instance's change; the request id is fixed per change, so a retried send is the same request to GCE. */
    @FunctionalInterface
    private interface Mutation {
        Operation send(InstanceRef ref, com.google.cloud.compute.v1.Instance before, String requestId);
    }

    /**
     * Reads every instance, then sends the change to each in parallel. An instance this process deleted is already
     * terminated: deleting it again changes nothing, anything else is INVALID_STATE before any change is sent.
     */
    private List<StateChange> change(Collection<String> ids, String operation, Mutation mutation, boolean deletes) {
        List<InstanceRef> refs = refs(ids);
        List<com.google.cloud.compute.v1.Instance> before = context.inParallel(refs, ref -> {
            try {
                return deletes ? raw(ref) : live(ref);
            } catch (AltoException e) {
                if (deletes && e.code() == ErrorCode.NOT_FOUND && context.tombstones()
                        .find(context.project(), ref.id(), context.clock().instant()).isPresent()) {
                    return null;
                }
                throw e;
            }
        });
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            indexes.add(i);
        }
        return context.inParallel(indexes, i -> {
            InstanceRef ref = refs.get(i);
            com.google.cloud.compute.v1.Instance vm = before.get(i);
            if (vm == null) {
                return new StateChange(ref.id(), InstanceState.TERMINATED, InstanceState.TERMINATED);
            }
            InstanceState previous = GceConvert.state(vm.getStatus());
            String requestId = UUID.randomUUID().toString();
            context.calls().mutate(operation, () -> mutation.send(ref, vm, requestId));
            if (deletes) {
                context.tombstones().bury(context.project(), convert(vm), context.clock().instant());
                return new StateChange(ref.id(), previous, InstanceState.TERMINATED);
            }
            return new StateChange(ref.id(), previous, GceConvert.state(raw(ref).getStatus()));
        });
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    /**
     * Sets labels ({@code instances.setLabels} with the fingerprint just read). {@code Name} is not a label: a new
     * Name is kept as the instance's {@code alto-name} metadata item (the GCE name cannot change).
     */
    void tag(String id, Map<String, String> tags) {
        InstanceRef ref = GceNames.instance(id);
        Map<String, String> changes = GceLabels.of(tags);
        String name = tags.get(Tags.NAME);
        com.google.cloud.compute.v1.Instance vm = raw(ref);
        if (!changes.isEmpty()) {
            relabel(ref, vm, labels -> labels.putAll(changes));
        }
        if (name != null && !name.equals(GceConvert.metadata(vm).getOrDefault(GceConvert.NAME_KEY, ref.name()))) {
            rename(ref, name.equals(ref.name()) ? null : name);
        }
    }

    void untag(String id, Collection<String> keys) {
        InstanceRef ref = GceNames.instance(id);
        com.google.cloud.compute.v1.Instance vm = raw(ref);
        relabel(ref, vm, labels -> keys.forEach(labels::remove));
        if (keys.contains(Tags.NAME) && GceConvert.metadata(vm).containsKey(GceConvert.NAME_KEY)) {
            rename(ref, null);
        }
    }

    private void relabel(InstanceRef ref, com.google.cloud.compute.v1.Instance vm,
                         Consumer<Map<String, String>> change) {
        Map<String, String> labels = GceLabels.changed(vm.getLabelsMap(), change);
        if (labels == null) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("instances.setLabels", () -> context.clients().instances().setLabelsCallable().call(
                SetLabelsInstanceRequest.newBuilder().setProject(context.project()).setZone(ref.zone())
                        .setInstance(ref.name()).setRequestId(requestId)
                        .setInstancesSetLabelsRequestResource(InstancesSetLabelsRequest.newBuilder()
                                .putAllLabels(labels).setLabelFingerprint(vm.getLabelFingerprint()))
                        .build()));
    }

    /** Sets (or with null removes) the display name kept in metadata, quoting the metadata fingerprint. */
    private void rename(InstanceRef ref, String displayName) {
        com.google.cloud.compute.v1.Instance vm = raw(ref);
        Metadata.Builder metadata = Metadata.newBuilder().setFingerprint(vm.getMetadata().getFingerprint());
        for (Items item : vm.getMetadata().getItemsList()) {
            if (!item.getKey().equals(GceConvert.NAME_KEY)) {
                metadata.addItems(item);
            }
        }
        if (displayName != null) {
            metadata.addItems(Items.newBuilder().setKey(GceConvert.NAME_KEY).setValue(displayName));
        }
        String requestId = UUID.randomUUID().toString();
        context.calls().mutate("instances.setMetadata", () -> context.clients().instances().setMetadataCallable()
                .call(SetMetadataInstanceRequest.newBuilder().setProject(context.project()).setZone(ref.zone())
                        .setInstance(ref.name()).setRequestId(requestId)
                        .setMetadataResource(metadata).build()));
    }

    // ---- ids --------------------------------------------------------------------------------------------------

    /** Parses every id before anything is called, so one malformed id changes nothing. */
    private List<InstanceRef> refs(Collection<String> ids) {
        List<InstanceRef> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            out.add(GceNames.instance(id));
        }
        return out;
    }

    /**
     * GCE names every zone {@code {region}-{letter}}, so a zone's region is read off its name without listing the
     * region's zones (a single get then costs a single call).
     */
    private void requireZoneInRegion(InstanceRef ref) {
        if (!ref.zone().startsWith(context.region() + "-")) {
            throw new AltoException(ErrorCode.NOT_FOUND, "notFound", "instance " + ref.id()
                    + " not found: zone " + ref.zone() + " is not in region " + context.region());
        }
    }
}
