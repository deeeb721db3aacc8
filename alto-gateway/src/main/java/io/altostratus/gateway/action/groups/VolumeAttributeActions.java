package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VolumeIoSettings;
import io.altostratus.core.ext.Volumes;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVolumeAttributeResponse;

/**
 * A volume's I/O settings: ModifyVolumeAttribute (autoEnableIO, kept by the backend) and EnableVolumeIO.
 * DescribeVolumeAttribute stays with {@link VolumeActions}.
 */
public final class VolumeAttributeActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(ModifyVolumeAttributeRequest.class, this::modify)
                .on(EnableVolumeIoRequest.class, this::enableIo);
    }

    ModifyVolumeAttributeResponse modify(ActionContext ctx, ModifyVolumeAttributeRequest request) {
        String id = existing(ctx, request.volumeId());
        if (request.autoEnableIO() == null || request.autoEnableIO().value() == null) {
            throw missing("AutoEnableIO");
        }
        VolumeIoSettings io = Checks.extension(ctx.cloud(), VolumeIoSettings.class);
        dryRun(request.dryRun());
        io.setAutoEnableIo(id, request.autoEnableIO().value());
        return ModifyVolumeAttributeResponse.builder().build();
    }

    EnableVolumeIoResponse enableIo(ActionContext ctx, EnableVolumeIoRequest request) {
        String id = existing(ctx, request.volumeId());
        VolumeIoSettings io = Checks.extension(ctx.cloud(), VolumeIoSettings.class);
        dryRun(request.dryRun());
        io.enableVolumeIo(id);
        return EnableVolumeIoResponse.builder().build();
    }

    /** The volume id once well-formed and naming a volume of the account (looked up by id, not by listing). */
    private static String existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("VolumeId");
        }
        Checks.checkId(id, Ec2IdKind.VOLUME);
        if (Checks.extension(ctx.cloud(), Volumes.class).volumes(List.of(id)).isEmpty()) {
            throw VolumeActions.notFound(List.of(id));
        }
        return id;
    }
}
