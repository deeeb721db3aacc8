package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.ec2.SnapshotSharing;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeResponse;

/**
 * Snapshot attributes: {@code createVolumePermission} (who else may make volumes from a snapshot) and
 * {@code productCodes} (always none here). Describe, Modify and ResetSnapshotAttribute.
 */
public final class SnapshotAttributeActions implements ActionGroup {
    private static final String PERMISSION = "createVolumePermission";
    private static final String PRODUCT_CODES = "productCodes";

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeSnapshotAttributeRequest.class, this::describe)
                .on(ModifySnapshotAttributeRequest.class, this::modify)
                .on(ResetSnapshotAttributeRequest.class, this::reset);
    }

    DescribeSnapshotAttributeResponse describe(ActionContext ctx, DescribeSnapshotAttributeRequest request) {
        String id = snapshotId(request.snapshotId());
        String attribute = attribute(request.attributeAsString(), true);
        SnapshotSharing sharing = Checks.extension(ctx.cloud(), SnapshotSharing.class);
        SharingPermissions permissions = sharing.createVolumePermission(id);
        dryRun(request.dryRun());
        DescribeSnapshotAttributeResponse.Builder out = DescribeSnapshotAttributeResponse.builder().snapshotId(id);
        if (attribute.equals(PERMISSION)) {
            out.createVolumePermissions(shape(permissions));
        } else {
            out.productCodes(List.of());
        }
        return out.build();
    }

    ModifySnapshotAttributeResponse modify(ActionContext ctx, ModifySnapshotAttributeRequest request) {
        String id = snapshotId(request.snapshotId());
        if (request.attribute() != null) {
            attribute(request.attributeAsString(), false);
        }
        SharingPermissions add = SharingPermissions.NONE;
        SharingPermissions remove = SharingPermissions.NONE;
        if (request.createVolumePermission() != null) {
            add = SharingShapes.read(request.createVolumePermission().add(), CreateVolumePermission::userId,
                    CreateVolumePermission::groupAsString);
            remove = SharingShapes.read(request.createVolumePermission().remove(), CreateVolumePermission::userId,
                    CreateVolumePermission::groupAsString);
        }
        // The older form: OperationType with UserId.N and UserGroup.N.
        if (request.hasUserIds() || request.hasGroupNames()) {
            String op = request.operationTypeAsString();
            if (op == null) {
                throw Checks.missing("OperationType");
            }
            SharingPermissions listed = SharingShapes.read(request.userIds(), request.groupNames());
            switch (op) {
                case "add" -> add = merge(add, listed);
                case "remove" -> remove = merge(remove, listed);
                default -> throw Checks.invalid("Value (" + op + ") for parameter operationType is invalid. "
                        + "Valid values: add, remove");
            }
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw Checks.missing("CreateVolumePermission");
        }
        SnapshotSharing sharing = Checks.extension(ctx.cloud(), SnapshotSharing.class);
        sharing.createVolumePermission(id);
        dryRun(request.dryRun());
        sharing.modifyCreateVolumePermission(id, add, remove);
        return ModifySnapshotAttributeResponse.builder().build();
    }

    ResetSnapshotAttributeResponse reset(ActionContext ctx, ResetSnapshotAttributeRequest request) {
        String id = snapshotId(request.snapshotId());
        if (request.attribute() == null) {
            throw Checks.missing("Attribute");
        }
        attribute(request.attributeAsString(), false);
        SnapshotSharing sharing = Checks.extension(ctx.cloud(), SnapshotSharing.class);
        sharing.createVolumePermission(id);
        dryRun(request.dryRun());
        sharing.resetCreateVolumePermission(id);
        return ResetSnapshotAttributeResponse.builder().build();
    }

    private static String snapshotId(String id) {
        if (id == null) {
            throw Checks.missing("SnapshotId");
        }
        return Checks.checkId(id, Ec2IdKind.SNAPSHOT);
    }

    /** The attribute named; product codes can be read but not changed. */
    private static String attribute(String name, boolean readable) {
        if (name == null) {
            throw Checks.missing("Attribute");
        }
        if (name.equals(PERMISSION) || (readable && name.equals(PRODUCT_CODES))) {
            return name;
        }
        throw Checks.invalid("Value (" + name + ") for parameter attribute is invalid. Valid values: "
                + (readable ? "createVolumePermission, productCodes" : "createVolumePermission"));
    }

    private static SharingPermissions merge(SharingPermissions a, SharingPermissions b) {
        List<String> users = new java.util.ArrayList<>(a.userIds());
        users.addAll(b.userIds());
        return new SharingPermissions(users, a.everyone() || b.everyone());
    }

    static List<CreateVolumePermission> shape(SharingPermissions p) {
        return SharingShapes.write(p, u -> CreateVolumePermission.builder().userId(u).build(),
                g -> CreateVolumePermission.builder().group(g).build());
    }
}
