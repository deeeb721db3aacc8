package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VolumeModification;
import io.altostratus.core.ec2.VolumeModifications;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Volume;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesModificationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeResponse;

/** Elastic volumes: ModifyVolume (size, type, IOPS) and the record of each volume's latest change. */
public final class VolumeModificationActions implements ActionGroup {
    private static final FilterSet<software.amazon.awssdk.services.ec2.model.VolumeModification> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.VolumeModification>builder()
                    .field("volume-id", software.amazon.awssdk.services.ec2.model.VolumeModification::volumeId)
                    .field("modification-state",
                            software.amazon.awssdk.services.ec2.model.VolumeModification::modificationStateAsString)
                    .field("target-size", m -> String.valueOf(m.targetSize()))
                    .field("target-iops", m -> String.valueOf(m.targetIops()))
                    .field("target-volume-type",
                            software.amazon.awssdk.services.ec2.model.VolumeModification::targetVolumeTypeAsString)
                    .field("original-size", m -> String.valueOf(m.originalSize()))
                    .field("original-iops", m -> String.valueOf(m.originalIops()))
                    .field("original-volume-type",
                            software.amazon.awssdk.services.ec2.model.VolumeModification::originalVolumeTypeAsString)
                    .field("start-time", m -> m.startTime().toString())
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(ModifyVolumeRequest.class, this::modify)
                .on(DescribeVolumesModificationsRequest.class, this::describe);
    }

    ModifyVolumeResponse modify(ActionContext ctx, ModifyVolumeRequest request) {
        if (request.volumeId() == null) {
            throw missing("VolumeId");
        }
        Checks.checkId(request.volumeId(), Ec2IdKind.VOLUME);
        if (request.multiAttachEnabled() != null) {
            throw Checks.unsupportedParameter("MultiAttachEnabled");
        }
        Volume volume = Checks.extension(ctx.cloud(), Volumes.class).volumes(List.of(request.volumeId())).stream()
                .findFirst().orElseThrow(() -> Checks.notFound(Ec2IdKind.VOLUME.notFoundCode(), "volume",
                        List.of(request.volumeId())));
        String type = request.volumeTypeAsString() == null ? volume.type() : request.volumeTypeAsString();
        VolumeActions.VolumeKind kind = VolumeActions.VolumeKind.of(type);
        int size = request.size() == null ? volume.sizeGiB() : request.size();
        kind.checkSize(size);
        Integer iops = null;
        if (request.iops() != null) {
            iops = kind.checkIops(request.iops());
        } else if (request.volumeTypeAsString() != null && !type.equals(volume.type())) {
            // Moving to a type that needs IOPS needs them given; the check names the parameter.
            kind.checkIops(null);
        }
        kind.checkThroughput(request.throughput());
        VolumeModifications mods = Checks.extension(ctx.cloud(), VolumeModifications.class);
        dryRun(request.dryRun());
        VolumeModification made = mods.modifyVolume(request.volumeId(), request.size(),
                request.volumeTypeAsString(), iops);
        return ModifyVolumeResponse.builder().volumeModification(shape(made)).build();
    }

    DescribeVolumesModificationsResponse describe(ActionContext ctx, DescribeVolumesModificationsRequest request) {
        if (request.hasVolumeIds()) {
            Checks.checkIds(request.volumeIds(), Ec2IdKind.VOLUME);
        }
        if (Boolean.TRUE.equals(request.includeManagedResources())) {
            throw Checks.unsupportedParameter("IncludeManagedResources");
        }
        List<VolumeModification> all = IdSelection.sorted(Checks.extension(ctx.cloud(), VolumeModifications.class)
                .volumeModifications(), VolumeModification::volumeId);
        if (request.hasVolumeIds() && !request.volumeIds().isEmpty()) {
            // A volume that exists but was never modified is not an error; one that does not exist is.
            List<String> existing = Checks.extension(ctx.cloud(), Volumes.class).volumes(request.volumeIds())
                    .stream().map(Volume::id).toList();
            List<String> absent = request.volumeIds().stream().filter(id -> !existing.contains(id)).toList();
            if (!absent.isEmpty()) {
                throw Checks.notFound(Ec2IdKind.VOLUME.notFoundCode(), "volume", absent);
            }
            all = all.stream().filter(m -> request.volumeIds().contains(m.volumeId())).toList();
        }
        List<software.amazon.awssdk.services.ec2.model.VolumeModification> out = new ArrayList<>(all.size());
        for (VolumeModification m : all) {
            out.add(shape(m));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.VolumeModification> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 500, Paging.queryKey(request));
        return DescribeVolumesModificationsResponse.builder().volumesModifications(page.items())
                .nextToken(page.nextToken()).build();
    }

    static software.amazon.awssdk.services.ec2.model.VolumeModification shape(VolumeModification m) {
        VolumeActions.VolumeKind original = VolumeActions.VolumeKind.known(m.originalType());
        VolumeActions.VolumeKind target = VolumeActions.VolumeKind.known(m.targetType());
        return software.amazon.awssdk.services.ec2.model.VolumeModification.builder()
                .volumeId(m.volumeId())
                .modificationState(m.state())
                .originalSize(m.originalSize())
                .targetSize(m.targetSize())
                .originalVolumeType(m.originalType())
                .targetVolumeType(m.targetType())
                .originalIops(original == null || original.reportsIops() ? m.originalIops() : null)
                .targetIops(target == null || target.reportsIops() ? m.targetIops() : null)
                .originalThroughput("gp3".equals(m.originalType()) ? 125 : null)
                .targetThroughput("gp3".equals(m.targetType()) ? 125 : null)
                .originalMultiAttachEnabled(false)
                .targetMultiAttachEnabled(false)
                .progress(m.progress())
                .startTime(m.startTime())
                .endTime(m.endTime())
                .build();
    }
}
