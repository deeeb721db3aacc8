package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Volume;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * CreateSnapshots: one snapshot of each volume attached to an instance (less the boot volume or named data volumes
 * when asked), all with the same description and tags. Each snapshot is made on its own, as the backend's
 * CreateSnapshot makes it; the volumes are all checked first, so a bad request makes none.
 */
public final class InstanceSnapshotActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateSnapshotsRequest.class, this::createSnapshots);
    }

    CreateSnapshotsResponse createSnapshots(ActionContext ctx, CreateSnapshotsRequest request) {
        InstanceSpecification spec = request.instanceSpecification();
        if (spec == null || spec.instanceId() == null) {
            throw missing("InstanceSpecification.InstanceId");
        }
        if (request.outpostArn() != null || request.location() != null) {
            throw Checks.unsupportedParameter("OutpostArn or Location");
        }
        if (request.description() != null && request.description().length() > 255) {
            throw Checks.invalid("The description of a snapshot may be at most 255 characters long");
        }
        String instanceId = Checks.checkId(spec.instanceId(), Ec2IdKind.INSTANCE);
        List<String> excluded = spec.hasExcludeDataVolumeIds() ? spec.excludeDataVolumeIds() : List.of();
        Checks.checkIds(excluded, Ec2IdKind.VOLUME);
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.SNAPSHOT);
        Instance instance = ctx.cloud().instance(instanceId);
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.TERMINATING) {
            throw io.altostratus.gateway.http.Ec2WireException.of("IncorrectInstanceState", "The instance '"
                    + instanceId + "' is not in a state from which its volumes can be snapshotted ("
                    + instance.rawState() + ")");
        }
        String rootDevice = Ec2InstanceDetails.of(instance).rootDeviceName();
        Set<String> attached = new HashSet<>();
        List<BlockDevice> chosen = new ArrayList<>();
        for (BlockDevice d : instance.blockDevices()) {
            attached.add(d.volumeId());
            boolean boot = d.deviceName().equals(rootDevice);
            if (boot && Boolean.TRUE.equals(spec.excludeBootVolume())) {
                continue;
            }
            if (!boot && excluded.contains(d.volumeId())) {
                continue;
            }
            chosen.add(d);
        }
        for (String id : excluded) {
            if (!attached.contains(id)) {
                throw Checks.invalid("The volume " + id + " is not attached to instance " + instanceId);
            }
        }
        if (chosen.isEmpty()) {
            throw Checks.invalid("No volumes of instance " + instanceId + " are left to snapshot");
        }
        Map<String, Volume> volumes = Checks.extension(ctx.cloud(), Volumes.class).volumes().stream()
                .collect(Collectors.toMap(Volume::id, Function.identity()));
        Snapshots snapshots = Checks.extension(ctx.cloud(), Snapshots.class);
        dryRun(request.dryRun());
        List<SnapshotInfo> out = new ArrayList<>();
        for (BlockDevice d : chosen) {
            Volume volume = volumes.get(d.volumeId());
            Map<String, String> own = new LinkedHashMap<>();
            if (request.copyTagsFromSource() == CopyTagsFromSource.VOLUME && volume != null) {
                own.putAll(volume.tags());
            }
            own.putAll(tags);
            Snapshot s = snapshots.createSnapshot(d.volumeId(), request.description(), own);
            out.add(SnapshotInfo.builder().snapshotId(s.id()).volumeId(s.volumeId()).state(s.state())
                    .volumeSize(s.sizeGiB()).startTime(s.startTime()).progress(s.progress() + "%")
                    .ownerId(ctx.account()).description(s.description()).tags(SdkTags.toSdk(s.tags()))
                    .encrypted(volume != null && volume.encrypted())
                    .availabilityZone(volume == null ? null : volume.zone()).build());
        }
        return CreateSnapshotsResponse.builder().snapshots(out).build();
    }
}
