package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.FastSnapshotRestore;
import io.altostratus.core.ec2.FastSnapshotRestore.Outcome;
import io.altostratus.core.ec2.FastSnapshotRestores;
import io.altostratus.core.model.Zone;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreErrorItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreStateErrorItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreErrorItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreStateErrorItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresResponse;

/**
 * EBS fast snapshot restores per snapshot and zone: enabled and disabled pair by pair (EC2's successful list, and
 * an unsuccessful list grouped by snapshot), described with EC2's filters.
 */
public final class FastSnapshotRestoreActions implements ActionGroup {
    private static final FilterSet<DescribeFastSnapshotRestoreSuccessItem> FILTERS =
            FilterSet.<DescribeFastSnapshotRestoreSuccessItem>builder()
                    .field("availability-zone", DescribeFastSnapshotRestoreSuccessItem::availabilityZone)
                    .field("owner-alias", DescribeFastSnapshotRestoreSuccessItem::ownerAlias)
                    .field("owner-id", DescribeFastSnapshotRestoreSuccessItem::ownerId)
                    .field("snapshot-id", DescribeFastSnapshotRestoreSuccessItem::snapshotId)
                    .field("state", DescribeFastSnapshotRestoreSuccessItem::stateAsString)
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(EnableFastSnapshotRestoresRequest.class, this::enable)
                .on(DisableFastSnapshotRestoresRequest.class, this::disable)
                .on(DescribeFastSnapshotRestoresRequest.class, this::describe);
    }

    EnableFastSnapshotRestoresResponse enable(ActionContext ctx, EnableFastSnapshotRestoresRequest request) {
        List<String> zones = zones(ctx, request.availabilityZones(), request.availabilityZoneIds());
        List<String> snapshots = snapshots(request.hasSourceSnapshotIds() ? request.sourceSnapshotIds() : List.of());
        FastSnapshotRestores restores = Checks.extension(ctx.cloud(), FastSnapshotRestores.class);
        dryRun(request.dryRun());
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<EnableFastSnapshotRestoreSuccessItem> done = new ArrayList<>();
        Map<String, List<EnableFastSnapshotRestoreStateErrorItem>> failed = new LinkedHashMap<>();
        for (Outcome o : restores.enableFastSnapshotRestores(zones, snapshots)) {
            if (o.succeeded()) {
                FastSnapshotRestore r = o.restore();
                done.add(EnableFastSnapshotRestoreSuccessItem.builder().snapshotId(r.snapshotId())
                        .availabilityZone(r.zone()).availabilityZoneId(zoneIds.get(r.zone())).state(r.state())
                        .stateTransitionReason(r.reason()).ownerId(ctx.account()).enablingTime(r.enablingTime())
                        .optimizingTime(r.optimizingTime()).enabledTime(r.enabledTime())
                        .disablingTime(r.disablingTime()).disabledTime(r.disabledTime()).build());
            } else {
                failed.computeIfAbsent(o.snapshotId(), s -> new ArrayList<>()).add(
                        EnableFastSnapshotRestoreStateErrorItem.builder().availabilityZone(o.zone())
                                .availabilityZoneId(zoneIds.get(o.zone()))
                                .error(e -> e.code(o.errorCode()).message(o.errorMessage())).build());
            }
        }
        List<EnableFastSnapshotRestoreErrorItem> unsuccessful = new ArrayList<>();
        failed.forEach((snapshot, errors) -> unsuccessful.add(EnableFastSnapshotRestoreErrorItem.builder()
                .snapshotId(snapshot).fastSnapshotRestoreStateErrors(errors).build()));
        return EnableFastSnapshotRestoresResponse.builder().successful(done).unsuccessful(unsuccessful).build();
    }

    DisableFastSnapshotRestoresResponse disable(ActionContext ctx, DisableFastSnapshotRestoresRequest request) {
        List<String> zones = zones(ctx, request.availabilityZones(), request.availabilityZoneIds());
        List<String> snapshots = snapshots(request.hasSourceSnapshotIds() ? request.sourceSnapshotIds() : List.of());
        FastSnapshotRestores restores = Checks.extension(ctx.cloud(), FastSnapshotRestores.class);
        dryRun(request.dryRun());
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<DisableFastSnapshotRestoreSuccessItem> done = new ArrayList<>();
        Map<String, List<DisableFastSnapshotRestoreStateErrorItem>> failed = new LinkedHashMap<>();
        for (Outcome o : restores.disableFastSnapshotRestores(zones, snapshots)) {
            if (o.succeeded()) {
                FastSnapshotRestore r = o.restore();
                done.add(DisableFastSnapshotRestoreSuccessItem.builder().snapshotId(r.snapshotId())
                        .availabilityZone(r.zone()).availabilityZoneId(zoneIds.get(r.zone())).state(r.state())
                        .stateTransitionReason(r.reason()).ownerId(ctx.account()).enablingTime(r.enablingTime())
                        .optimizingTime(r.optimizingTime()).enabledTime(r.enabledTime())
                        .disablingTime(r.disablingTime()).disabledTime(r.disabledTime()).build());
            } else {
                failed.computeIfAbsent(o.snapshotId(), s -> new ArrayList<>()).add(
                        DisableFastSnapshotRestoreStateErrorItem.builder().availabilityZone(o.zone())
                                .availabilityZoneId(zoneIds.get(o.zone()))
                                .error(e -> e.code(o.errorCode()).message(o.errorMessage())).build());
            }
        }
        List<DisableFastSnapshotRestoreErrorItem> unsuccessful = new ArrayList<>();
        failed.forEach((snapshot, errors) -> unsuccessful.add(DisableFastSnapshotRestoreErrorItem.builder()
                .snapshotId(snapshot).fastSnapshotRestoreStateErrors(errors).build()));
        return DisableFastSnapshotRestoresResponse.builder().successful(done).unsuccessful(unsuccessful).build();
    }

    DescribeFastSnapshotRestoresResponse describe(ActionContext ctx, DescribeFastSnapshotRestoresRequest request) {
        FastSnapshotRestores restores = Checks.extension(ctx.cloud(), FastSnapshotRestores.class);
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<DescribeFastSnapshotRestoreSuccessItem> out = new ArrayList<>();
        restores.fastSnapshotRestores().stream()
                .sorted(Comparator.comparing(FastSnapshotRestore::snapshotId).thenComparing(FastSnapshotRestore::zone))
                .forEach(r -> out.add(DescribeFastSnapshotRestoreSuccessItem.builder().snapshotId(r.snapshotId())
                        .availabilityZone(r.zone()).availabilityZoneId(zoneIds.get(r.zone())).state(r.state())
                        .stateTransitionReason(r.reason()).ownerId(ctx.account()).enablingTime(r.enablingTime())
                        .optimizingTime(r.optimizingTime()).enabledTime(r.enabledTime())
                        .disablingTime(r.disablingTime()).disabledTime(r.disabledTime()).build()));
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 200,
                Paging.queryKey(request));
        return DescribeFastSnapshotRestoresResponse.builder().fastSnapshotRestores(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** The zones by name, from names or EC2's zone ids (not both). */
    private static List<String> zones(ActionContext ctx, List<String> names, List<String> ids) {
        boolean hasNames = names != null && !names.isEmpty();
        boolean hasIds = ids != null && !ids.isEmpty();
        if (hasNames && hasIds) {
            throw Checks.combination("Specify either AvailabilityZones or AvailabilityZoneIds, not both");
        }
        if (!hasNames && !hasIds) {
            throw missing("AvailabilityZone");
        }
        if (hasNames) {
            return names;
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(ctx.cloud().zones().stream().filter(z -> z.zoneId().equals(id)).map(Zone::name).findFirst()
                    .orElseThrow(() -> Checks.invalid("Invalid availability zone ID: [" + id + "]")));
        }
        return out;
    }

    private static List<String> snapshots(List<String> ids) {
        if (ids.isEmpty()) {
            throw missing("SourceSnapshotId");
        }
        Checks.checkIds(ids, Ec2IdKind.SNAPSHOT);
        return ids;
    }
}
