package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.checkId;
import static io.altostratus.gateway.action.groups.Checks.checkIds;
import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.noPagingWithIds;
import static io.altostratus.gateway.action.groups.Checks.unsupported;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.PageWalk;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AttachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.AttachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumeStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.DetachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DetachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeStatusDetails;
import software.amazon.awssdk.services.ec2.model.VolumeStatusInfo;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;

/** EBS volumes: create, attach, detach, delete, and the three Describe actions over them. */
public final class VolumeActions implements ActionGroup {
    static final String MALFORMED = Checks.malformedCode(Ec2IdKind.VOLUME);
    static final String NOT_FOUND = Checks.notFoundCode(Ec2IdKind.VOLUME);

    /** The gp3 baseline EC2 reports when no throughput was provisioned, in MiB/s. */
    static final int GP3_BASELINE_THROUGHPUT = 125;

    private static final FilterSet<Volume> VOLUME_FILTERS = FilterSet.<Volume>builder()
            .field("volume-id", Volume::volumeId)
            .field("availability-zone", Volume::availabilityZone)
            .field("availability-zone-id", Volume::availabilityZoneId)
            .field("size", Volume::size)
            .field("status", Volume::stateAsString)
            .field("volume-type", Volume::volumeTypeAsString)
            .field("snapshot-id", Volume::snapshotId)
            .field("encrypted", Volume::encrypted)
            .field("fast-restored", Volume::fastRestored)
            .field("multi-attach-enabled", Volume::multiAttachEnabled)
            .field("create-time", v -> Ec2Time.text(v.createTime()))
            .field("attachment.instance-id", attachments(VolumeAttachment::instanceId))
            .field("attachment.device", attachments(VolumeAttachment::device))
            .field("attachment.status", attachments(VolumeAttachment::stateAsString))
            .field("attachment.attach-time", attachments(a -> Ec2Time.text(a.attachTime())))
            .field("attachment.delete-on-termination", attachments(VolumeAttachment::deleteOnTermination))
            .tags(v -> SdkTags.fromSdk(v.tags()))
            .build();

    private static final FilterSet<VolumeStatusItem> STATUS_FILTERS = FilterSet.<VolumeStatusItem>builder()
            .field("availability-zone", VolumeStatusItem::availabilityZone)
            .field("volume-status.status", s -> s.volumeStatus().statusAsString())
            .field("volume-status.details-name", s -> s.volumeStatus().details().stream()
                    .map(VolumeStatusDetails::nameAsString).toList())
            .field("volume-status.details-status", s -> s.volumeStatus().details().stream()
                    .map(VolumeStatusDetails::status).toList())
            // No events or actions are ever scheduled on these volumes, so these filters match nothing.
            .field("event.description", s -> List.of())
            .field("event.event-id", s -> List.of())
            .field("event.event-type", s -> List.of())
            .field("event.not-after", s -> List.of())
            .field("event.not-before", s -> List.of())
            .field("action.code", s -> List.of())
            .field("action.description", s -> List.of())
            .field("action.event-id", s -> List.of())
            .build();

    private static Function<Volume, List<Object>> attachments(Function<VolumeAttachment, Object> reader) {
        return v -> v.attachments().stream().map(reader).toList();
    }

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateVolumeRequest.class, this::createVolume)
                .on(DeleteVolumeRequest.class, this::deleteVolume)
                .on(DescribeVolumesRequest.class, this::describeVolumes)
                .on(AttachVolumeRequest.class, this::attachVolume)
                .on(DetachVolumeRequest.class, this::detachVolume)
                .on(DescribeVolumeStatusRequest.class, this::describeVolumeStatus)
                .on(DescribeVolumeAttributeRequest.class, this::describeVolumeAttribute);
    }

    // ---- create / delete -----------------------------------------------------------------------------------

    CreateVolumeResponse createVolume(ActionContext ctx, CreateVolumeRequest request) {
        String zone = zoneOf(ctx, request.availabilityZone(), request.availabilityZoneId());
        String type = request.volumeTypeAsString() == null ? "gp2" : request.volumeTypeAsString();
        VolumeKind kind = VolumeKind.of(type);
        if (request.size() == null && request.snapshotId() == null) {
            throw missing("size or snapshotId");
        }
        if (request.size() != null) {
            kind.checkSize(request.size());
        }
        if (request.snapshotId() != null) {
            checkId(request.snapshotId(), Ec2IdKind.SNAPSHOT);
        }
        int iops = kind.checkIops(request.iops());
        kind.checkThroughput(request.throughput());
        if (Boolean.TRUE.equals(request.multiAttachEnabled())) {
            if (!type.startsWith("io")) {
                throw invalid("The parameter multiAttachEnabled is only supported for io1 and io2 volumes");
            }
            throw unsupported("Multi-Attach volumes are not supported by this gateway");
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.VOLUME);
        dryRun(request.dryRun());
        var created = Checks.extension(ctx.cloud(), Volumes.class)
                .createVolume(new VolumeSpec(zone, request.size() == null ? 0 : request.size(), type,
                iops, Boolean.TRUE.equals(request.encrypted()), request.snapshotId(), tags));
        Volume v = toSdk(created, ZoneIds.byName(ctx.cloud()));
        return CreateVolumeResponse.builder()
                .volumeId(v.volumeId()).size(v.size()).snapshotId(v.snapshotId())
                .availabilityZone(v.availabilityZone()).availabilityZoneId(v.availabilityZoneId())
                .state(v.state()).createTime(v.createTime()).volumeType(v.volumeType()).iops(v.iops())
                .throughput(v.throughput()).encrypted(v.encrypted()).multiAttachEnabled(v.multiAttachEnabled())
                .tags(v.tags()).attachments(v.attachments())
                .build();
    }

    /** The zone name from either of EC2's two ways to name it; unknown zones fail as EC2 fails them. */
    private static String zoneOf(ActionContext ctx, String name, String id) {
        if (name != null && id != null) {
            throw combination("Only one of availabilityZone and availabilityZoneId may be given");
        }
        if (name == null && id == null) {
            throw missing("AvailabilityZone");
        }
        for (Zone z : ctx.cloud().zones()) {
            if (z.name().equals(name) || (id != null && id.equals(z.zoneId()))) {
                return z.name();
            }
        }
        throw Ec2WireException.of("InvalidZone.NotFound", "The zone '" + (name != null ? name : id)
                + "' does not exist.");
    }

    DeleteVolumeResponse deleteVolume(ActionContext ctx, DeleteVolumeRequest request) {
        var volume = find(ctx, request.volumeId());
        if (volume.attachment() != null) {
            throw Ec2WireException.of("VolumeInUse", "Volume " + volume.id() + " is currently attached to "
                    + volume.attachment().instanceId());
        }
        dryRun(request.dryRun());
        Checks.extension(ctx.cloud(), Volumes.class).deleteVolume(volume.id());
        return DeleteVolumeResponse.builder().build();
    }

    // ---- attach / detach -----------------------------------------------------------------------------------

    AttachVolumeResponse attachVolume(ActionContext ctx, AttachVolumeRequest request) {
        checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        var volume = find(ctx, request.volumeId());
        if (volume.attachment() != null) {
            throw Ec2WireException.of("VolumeInUse", volume.id() + " is already attached to an instance");
        }
        dryRun(request.dryRun());
        var attached = Checks.extension(ctx.cloud(), Volumes.class)
                .attachVolume(volume.id(), request.instanceId(), request.device());
        var a = attached.attachment();
        return AttachVolumeResponse.builder()
                .volumeId(attached.id()).instanceId(a.instanceId()).device(a.device()).state(a.state())
                .attachTime(a.attachTime()).deleteOnTermination(a.deleteOnTermination())
                .build();
    }

    DetachVolumeResponse detachVolume(ActionContext ctx, DetachVolumeRequest request) {
        var volume = find(ctx, request.volumeId());
        var attachment = volume.attachment();
        if (attachment == null) {
            throw Ec2WireException.of("IncorrectState", "Volume '" + volume.id() + "' is in the 'available' state.");
        }
        if (request.instanceId() != null && !request.instanceId().equals(attachment.instanceId())) {
            checkId(request.instanceId(), Ec2IdKind.INSTANCE);
            throw Ec2WireException.of("InvalidAttachment.NotFound", "Volume '" + volume.id()
                    + "' is not attached to instance '" + request.instanceId() + "'");
        }
        if (request.device() != null && !request.device().equals(attachment.device())) {
            throw Ec2WireException.of("InvalidAttachment.NotFound", "Volume '" + volume.id()
                    + "' is not attached at device '" + request.device() + "'");
        }
        dryRun(request.dryRun());
        var after = Checks.extension(ctx.cloud(), Volumes.class)
                .detachVolume(volume.id(), Boolean.TRUE.equals(request.force()));
        // A provider that detaches at once returns the volume without an attachment: then it is detached.
        String state = after.attachment() == null ? "detached" : after.attachment().state();
        return DetachVolumeResponse.builder()
                .volumeId(volume.id()).instanceId(attachment.instanceId()).device(attachment.device())
                .state(state).attachTime(attachment.attachTime())
                .deleteOnTermination(attachment.deleteOnTermination())
                .build();
    }

    // ---- describe ------------------------------------------------------------------------------------------

    DescribeVolumesResponse describeVolumes(ActionContext ctx, DescribeVolumesRequest request) {
        List<String> ids = request.hasVolumeIds() ? request.volumeIds() : List.of();
        checkIds(ids, Ec2IdKind.VOLUME);
        noPagingWithIds(!ids.isEmpty(), request.maxResults(), "volumeIds");
        if (ids.isEmpty() && Paging.paged(request.maxResults(), request.nextToken())) {
            // A page walks the backend's volumes in id order from the token's last id.
            int limit = Paging.limit(request.maxResults(), 5, 500);
            String queryKey = Paging.queryKey(request);
            String cursor = Paging.position(request.nextToken(), queryKey);
            dryRun(request.dryRun());
            Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
            Volumes volumes = Checks.extension(ctx.cloud(), Volumes.class);
            PageWalk.Result<Volume> page = PageWalk.walk(volumes::volumes,
                    found -> VOLUME_FILTERS.apply(found.stream().map(v -> toSdk(v, zoneIds)).toList(),
                            request.filters()),
                    limit, cursor, Volume::volumeId);
            return DescribeVolumesResponse.builder().volumes(page.items())
                    .nextToken(page.next() == null ? null : Paging.positionToken(page.next(), queryKey)).build();
        }
        List<Volume> volumes = selected(ctx, ids);
        List<Volume> matching = VOLUME_FILTERS.apply(volumes, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 500,
                Paging.queryKey(request));
        dryRun(request.dryRun());
        return DescribeVolumesResponse.builder().volumes(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeVolumeStatusResponse describeVolumeStatus(ActionContext ctx, DescribeVolumeStatusRequest request) {
        List<String> ids = request.hasVolumeIds() ? request.volumeIds() : List.of();
        checkIds(ids, Ec2IdKind.VOLUME);
        noPagingWithIds(!ids.isEmpty(), request.maxResults(), "volumeIds");
        List<VolumeStatusItem> items = new ArrayList<>();
        for (Volume v : selected(ctx, ids)) {
            items.add(statusOf(v));
        }
        List<VolumeStatusItem> matching = STATUS_FILTERS.apply(items, request.filters());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        dryRun(request.dryRun());
        return DescribeVolumeStatusResponse.builder().volumeStatuses(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * A volume's status checks. The backends have no I/O health signal, so a volume that exists is reported the way
     * EC2 reports a healthy one: I/O enabled and passed, performance not applicable except on provisioned-IOPS types.
     */
    private static VolumeStatusItem statusOf(Volume v) {
        boolean provisioned = v.volumeTypeAsString() != null && v.volumeTypeAsString().startsWith("io");
        String performance = provisioned && !v.attachments().isEmpty() ? "normal" : "not-applicable";
        return VolumeStatusItem.builder()
                .volumeId(v.volumeId())
                .availabilityZone(v.availabilityZone())
                .availabilityZoneId(v.availabilityZoneId())
                .volumeStatus(VolumeStatusInfo.builder().status("ok").details(
                        VolumeStatusDetails.builder().name("io-enabled").status("passed").build(),
                        VolumeStatusDetails.builder().name("io-performance").status(performance).build()).build())
                .actions(List.of())
                .events(List.of())
                .attachmentStatuses(List.of())
                .build();
    }

    DescribeVolumeAttributeResponse describeVolumeAttribute(ActionContext ctx, DescribeVolumeAttributeRequest request) {
        String attribute = request.attributeAsString();
        if (!"autoEnableIO".equals(attribute) && !"productCodes".equals(attribute)) {
            throw invalid("Value (" + attribute + ") for parameter attribute is invalid. Expecting autoEnableIO or "
                    + "productCodes.");
        }
        var volume = find(ctx, request.volumeId());
        dryRun(request.dryRun());
        var response = DescribeVolumeAttributeResponse.builder().volumeId(volume.id());
        if ("autoEnableIO".equals(attribute)) {
            // Volumes never have I/O suspended here, so there is nothing to re-enable automatically.
            response.autoEnableIO(AttributeBooleanValue.builder().value(false).build());
        } else {
            response.productCodes(List.of());
        }
        return response.build();
    }

    // ---- conversions ---------------------------------------------------------------------------------------

    /** The account's volumes as EC2 items, ordered by id; with ids, just those, failing for any that is unknown. */
    private static List<Volume> selected(ActionContext ctx, List<String> ids) {
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<Volume> all = Checks.extension(ctx.cloud(), Volumes.class).volumes().stream()
                .sorted(Comparator.comparing(io.altostratus.core.model.Volume::id))
                .map(v -> toSdk(v, zoneIds))
                .toList();
        return IdSelection.byIds(all, Volume::volumeId, ids, VolumeActions::notFound);
    }

    static Ec2WireException notFound(List<String> ids) {
        String list = String.join(", ", ids);
        return Ec2WireException.of(NOT_FOUND, ids.size() == 1 ? "The volume '" + list + "' does not exist."
                : "The volumes '" + list + "' do not exist.");
    }

    /** One volume of the account, with EC2's errors for a malformed or unknown id. */
    static io.altostratus.core.model.Volume find(ActionContext ctx, String id) {
        checkId(id, Ec2IdKind.VOLUME);
        return Checks.extension(ctx.cloud(), Volumes.class)
                .volumes().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound(List.of(id)));
    }

    static Volume toSdk(io.altostratus.core.model.Volume v, Map<String, String> zoneIds) {
        VolumeKind kind = VolumeKind.known(v.type());
        List<VolumeAttachment> attachments = new ArrayList<>(1);
        var a = v.attachment();
        if (a != null) {
            attachments.add(VolumeAttachment.builder()
                    .volumeId(v.id()).instanceId(a.instanceId()).device(a.device()).state(a.state())
                    .attachTime(a.attachTime()).deleteOnTermination(a.deleteOnTermination())
                    .build());
        }
        return Volume.builder()
                .volumeId(v.id())
                .size(v.sizeGiB())
                .snapshotId(v.snapshotId() == null ? "" : v.snapshotId())
                .availabilityZone(v.zone())
                .availabilityZoneId(zoneIds.get(v.zone()))
                .state(v.state())
                .createTime(v.createTime())
                .attachments(attachments)
                .volumeType(v.type())
                .iops(kind == null || kind.reportsIops() ? (Integer) v.iops() : null)
                .throughput("gp3".equals(v.type()) ? GP3_BASELINE_THROUGHPUT : null)
                .encrypted(v.encrypted())
                .multiAttachEnabled(false)
                .fastRestored(v.snapshotId() == null ? null : Boolean.FALSE)
                .tags(SdkTags.toSdk(v.tags()))
                .build();
    }

    /** EC2's limits per volume type: sizes in GiB and IOPS, and which types take IOPS and throughput at all. */
    enum VolumeKind {
        GP2("gp2", 1, 16384, 0, 0, false),
        GP3("gp3", 1, 65536, 3000, 80000, false),
        IO1("io1", 4, 16384, 100, 64000, true),
        IO2("io2", 4, 65536, 100, 256000, true),
        ST1("st1", 125, 16384, 0, 0, false),
        SC1("sc1", 125, 16384, 0, 0, false),
        STANDARD("standard", 1, 1024, 0, 0, false);

        private final String wire;
        private final int minSize;
        private final int maxSize;
        private final int minIops;
        private final int maxIops;
        private final boolean iopsRequired;

        VolumeKind(String wire, int minSize, int maxSize, int minIops, int maxIops, boolean iopsRequired) {
            this.wire = wire;
            this.minSize = minSize;
            this.maxSize = maxSize;
            this.minIops = minIops;
            this.maxIops = maxIops;
            this.iopsRequired = iopsRequired;
        }

        static VolumeKind known(String type) {
            for (VolumeKind k : values()) {
                if (k.wire.equals(type)) {
                    return k;
                }
            }
            return null;
        }

        static VolumeKind of(String type) {
            VolumeKind k = known(type);
            if (k == null) {
                throw invalid("Value (" + type + ") for parameter volumeType is invalid. Expecting one of gp2, gp3, "
                        + "io1, io2, st1, sc1, standard.");
            }
            return k;
        }

        /** gp2 reports its burst baseline, gp3 and io types their IOPS; magnetic and HDD types report none. */
        boolean reportsIops() {
            return this == GP2 || maxIops > 0;
        }

        void checkSize(int size) {
            if (size < minSize) {
                throw invalid("Volume of " + size + "GiB is too small; minimum is " + minSize + "GiB.");
            }
            if (size > maxSize) {
                throw invalid("Volume of " + size + "GiB is too large; maximum is " + maxSize + "GiB.");
            }
        }

        /** The IOPS to provision, 0 for the type's default. */
        int checkIops(Integer iops) {
            if (iops == null) {
                if (iopsRequired) {
                    throw missing("iops");
                }
                return 0;
            }
            if (maxIops == 0) {
                throw combination("The parameter iops is not supported for " + wire + " volumes.");
            }
            if (iops < minIops || iops > maxIops) {
                throw invalid("Value (" + iops + ") for parameter iops is invalid. Expecting a value between "
                        + minIops + " and " + maxIops + " for " + wire + " volumes.");
            }
            return iops;
        }

        void checkThroughput(Integer throughput) {
            if (throughput == null) {
                return;
            }
            if (this != GP3) {
                throw combination("The parameter throughput is not supported for " + wire + " volumes.");
            }
            if (throughput < GP3_BASELINE_THROUGHPUT || throughput > 2000) {
                throw invalid("Value (" + throughput + ") for parameter throughput is invalid. Expecting a value "
                        + "between 125 and 2000.");
            }
            if (throughput != GP3_BASELINE_THROUGHPUT) {
                // The core volume model has no throughput, so a provisioned figure could not be kept or reported.
                throw unsupported("Provisioning gp3 throughput above the 125 MiB/s baseline is not supported by "
                        + "this gateway");
            }
        }
    }
}
