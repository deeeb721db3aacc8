package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.wait.Retrier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** EBS volumes (with hot-add device choice) and snapshots. */
final class AwsStorage implements Volumes, Snapshots {
    /** The device names a disk is given when none is asked for, in order. */
    static final List<String> HOT_ADD_DEVICES = List.of("/dev/sdf", "/dev/sdg", "/dev/sdh", "/dev/sdi",
            "/dev/sdj", "/dev/sdk", "/dev/sdl", "/dev/sdm", "/dev/sdn", "/dev/sdo", "/dev/sdp");

    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;
    private final AwsInstances instances;

    AwsStorage(AwsContext context, AwsInstances instances) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
        this.instances = instances;
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        var made = retrier.call("CreateVolume", () -> ec2.createVolume(r -> {
            r.availabilityZone(spec.zone()).volumeType(spec.type()).encrypted(spec.encrypted())
                    .tagSpecifications(context.tagSpec(ResourceType.VOLUME, spec.tags()));
            if (spec.sizeGiB() > 0) {
                r.size(spec.sizeGiB());
            }
            if (spec.iops() > 0) {
                r.iops(spec.iops());
            }
            if (spec.snapshotId() != null) {
                r.snapshotId(spec.snapshotId());
            }
        }));
        context.remember(made.volumeId());
        return volume(made.volumeId());
    }

    private Volume volume(String id) {
        return retrier.callUntilVisible("DescribeVolumes", context.visibleBy(List.of(id)),
                () -> ec2.describeVolumes(r -> r.volumeIds(id))).volumes().stream().map(Ec2Convert::volume)
                .findFirst().orElseThrow(() -> AltoException.notFound("InvalidVolume.NotFound",
                        "volume " + id + " does not exist"));
    }

    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.nextToken(next)
                    .maxResults(500)));
            page.volumes().forEach(v -> out.add(Ec2Convert.volume(v)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /**
     * The volumes with these ids that exist. Asked by filter rather than by id: EC2 fails a DescribeVolumes by id
     * when one id is unknown, and a missing volume is to be left out here.
     */
    @Override
    public List<Volume> volumes(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
        List<Volume> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = retrier.call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.nextToken(next)
                    .maxResults(500).filters(filter("volume-id", wanted))));
            page.volumes().forEach(v -> out.add(Ec2Convert.volume(v)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /**
     * Attaches at {@code device}, or hot-adds at the first of {@code /dev/sdf}..{@code /dev/sdp} that neither the
     * instance's block devices nor any attached volume uses.
     */
    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        String at = device != null ? device : nextFreeDevice(instanceId);
        retrier.callUntilVisible("AttachVolume", context.visibleBy(List.of(volumeId, instanceId)),
                () -> ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(at)));
        return volume(volumeId);
    }

    String nextFreeDevice(String instanceId) {
        Instance instance = instances.instance(instanceId);
        Set<String> used = new LinkedHashSet<>();
        instance.blockDevices().forEach(b -> used.add(normalDevice(b.deviceName())));
        retrier.call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id",
                        instanceId)))).volumes()
                .forEach(v -> v.attachments().forEach(a -> used.add(normalDevice(a.device()))));
        return HOT_ADD_DEVICES.stream().filter(d -> !used.contains(normalDevice(d))).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.QUOTA_EXCEEDED, "AttachmentLimitExceeded",
                        "instance " + instanceId + " has no free device between /dev/sdf and /dev/sdp"));
    }

    /** Linux renames sdX to xvdX; both names are the same slot. */
    private static String normalDevice(String device) {
        return device == null ? "" : device.replace("/dev/xvd", "/dev/sd");
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        retrier.run("DetachVolume", () -> ec2.detachVolume(r -> r.volumeId(volumeId).force(force)));
        return volume(volumeId);
    }

    @Override
    public void deleteVolume(String volumeId) {
        retrier.run("DeleteVolume", () -> ec2.deleteVolume(r -> r.volumeId(volumeId)));
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        var made = retrier.callUntilVisible("CreateSnapshot", context.visibleBy(List.of(volumeId)),
                () -> ec2.createSnapshot(r -> r.volumeId(volumeId).description(description)
                        .tagSpecifications(context.tagSpec(ResourceType.SNAPSHOT, tags))));
        context.remember(made.snapshotId());
        return new Snapshot(made.snapshotId(), made.volumeId(), made.volumeSize() == null ? 0 : made.volumeSize(),
                made.stateAsString(), 0, made.description(), made.ownerId(), made.startTime(),
                Ec2Convert.tags(made.tags()));
    }

    @Override
    public List<Snapshot> snapshots() {
        return retrier.call("DescribeSnapshots", () -> ec2.describeSnapshots(r -> r.ownerIds("self"))).snapshots()
                .stream().map(Ec2Convert::snapshot).toList();
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        retrier.run("DeleteSnapshot", () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
    }
}
