package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.DedicatedHost;
import io.altostratus.core.ec2.DedicatedHost.HostChange;
import io.altostratus.core.ec2.DedicatedHosts;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AllocateHostsRequest;
import software.amazon.awssdk.services.ec2.model.AllocateHostsResponse;
import software.amazon.awssdk.services.ec2.model.AllowsMultipleInstanceTypes;
import software.amazon.awssdk.services.ec2.model.AvailableCapacity;
import software.amazon.awssdk.services.ec2.model.DescribeHostsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostsResponse;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.HostProperties;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.ModifyHostsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyHostsResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * Dedicated Hosts: allocated in a zone for a type or a family, described with their capacity (how many instances of
 * each size fit), modified and released host by host with EC2's successful and unsuccessful lists.
 */
public final class HostActions implements ActionGroup {
    private static final FilterSet<Host> FILTERS = FilterSet.<Host>builder()
            .field("auto-placement", Host::autoPlacementAsString)
            .field("availability-zone", Host::availabilityZone)
            .field("client-token", Host::clientToken)
            .field("host-reservation-id", Host::hostReservationId)
            .field("instance-type", h -> h.hostProperties().instanceType())
            .field("state", Host::stateAsString)
            .tags(h -> SdkTags.fromSdk(h.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(AllocateHostsRequest.class, this::allocate)
                .on(DescribeHostsRequest.class, this::describe)
                .on(ModifyHostsRequest.class, this::modify)
                .on(ReleaseHostsRequest.class, this::release);
    }

    AllocateHostsResponse allocate(ActionContext ctx, AllocateHostsRequest request) {
        if (request.quantity() == null) {
            throw missing("Quantity");
        }
        if (request.hasAssetIds() || request.outpostArn() != null || request.cpuOptions() != null) {
            throw Checks.unsupportedParameter("AssetIds, OutpostArn or CpuOptions");
        }
        if (request.instanceType() != null && request.instanceFamily() != null) {
            throw Checks.combination("Specify either InstanceType or InstanceFamily, not both");
        }
        if (request.instanceType() == null && request.instanceFamily() == null) {
            throw missing("InstanceType or InstanceFamily");
        }
        String zone = zoneName(ctx, request.availabilityZone(), request.availabilityZoneId());
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.DEDICATED_HOST);
        List<DedicatedHost> made = Checks.extension(ctx.cloud(), DedicatedHosts.class).allocateHosts(
                request.instanceType(), request.instanceFamily(), zone, request.quantity(),
                request.autoPlacementAsString(), request.hostRecoveryAsString(), request.hostMaintenanceAsString(),
                request.clientToken(), tags);
        return AllocateHostsResponse.builder().hostIds(made.stream().map(DedicatedHost::id).toList()).build();
    }

    DescribeHostsResponse describe(ActionContext ctx, DescribeHostsRequest request) {
        List<String> ids = request.hasHostIds() ? request.hostIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.DEDICATED_HOST);
        if (!ids.isEmpty() && request.maxResults() != null) {
            throw Checks.combination("The parameter HostIds cannot be used with the parameter MaxResults");
        }
        List<DedicatedHost> all = IdSelection.sorted(Checks.extension(ctx.cloud(), DedicatedHosts.class).hosts(),
                DedicatedHost::id);
        all = IdSelection.byIds(all, DedicatedHost::id, ids, Ec2IdKind.DEDICATED_HOST.notFoundCode(), "host");
        List<InstanceType> types = ctx.cloud().instanceTypes();
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<Host> out = new ArrayList<>(all.size());
        for (DedicatedHost h : all) {
            out.add(shape(ctx, h, types, zoneIds));
        }
        Paging.Page<Host> page = Paging.page(FILTERS.apply(out, request.filter()), request.maxResults(),
                request.nextToken(), 5, 500, Paging.queryKey(request));
        return DescribeHostsResponse.builder().hosts(page.items()).nextToken(page.nextToken()).build();
    }

    ModifyHostsResponse modify(ActionContext ctx, ModifyHostsRequest request) {
        List<String> ids = hostIds(request.hasHostIds() ? request.hostIds() : List.of());
        HostChange change = new HostChange(request.autoPlacementAsString(), request.hostRecoveryAsString(),
                request.hostMaintenanceAsString(), request.instanceType(), request.instanceFamily());
        if (change.isEmpty()) {
            throw missing("AutoPlacement, HostRecovery, HostMaintenance, InstanceType or InstanceFamily");
        }
        if (change.instanceType() != null && change.instanceFamily() != null) {
            throw Checks.combination("Specify either InstanceType or InstanceFamily, not both");
        }
        DedicatedHosts hosts = Checks.extension(ctx.cloud(), DedicatedHosts.class);
        List<String> done = new ArrayList<>();
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : ids) {
            try {
                hosts.modifyHost(id, change);
                done.add(id);
            } catch (AltoException e) {
                failed.add(unsuccessful(id, e));
            }
        }
        return ModifyHostsResponse.builder().successful(done).unsuccessful(failed).build();
    }

    ReleaseHostsResponse release(ActionContext ctx, ReleaseHostsRequest request) {
        List<String> ids = hostIds(request.hasHostIds() ? request.hostIds() : List.of());
        DedicatedHosts hosts = Checks.extension(ctx.cloud(), DedicatedHosts.class);
        List<String> done = new ArrayList<>();
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : ids) {
            try {
                hosts.releaseHost(id);
                done.add(id);
            } catch (AltoException e) {
                failed.add(unsuccessful(id, e));
            }
        }
        return ReleaseHostsResponse.builder().successful(done).unsuccessful(failed).build();
    }

    /** The asked ids, each once; none, or a malformed one, fails the whole call as in EC2. */
    private static List<String> hostIds(List<String> asked) {
        if (asked.isEmpty()) {
            throw missing("HostId");
        }
        Checks.checkIds(asked, Ec2IdKind.DEDICATED_HOST);
        return List.copyOf(new LinkedHashSet<>(asked));
    }

    static UnsuccessfulItem unsuccessful(String id, AltoException e) {
        String code = e.providerCode() == null ? e.code().name() : e.providerCode();
        return UnsuccessfulItem.builder().resourceId(id)
                .error(err -> err.code(code).message(e.getMessage())).build();
    }

    /** The zone's name, from the name or EC2's zone id (exactly one of them). */
    static String zoneName(ActionContext ctx, String name, String zoneId) {
        if (name != null && zoneId != null) {
            throw Checks.combination("Specify either AvailabilityZone or AvailabilityZoneId, not both");
        }
        if (name == null && zoneId == null) {
            throw missing("AvailabilityZone");
        }
        if (name != null) {
            return name;
        }
        for (Zone z : ctx.cloud().zones()) {
            if (z.zoneId().equals(zoneId)) {
                return z.name();
            }
        }
        throw Checks.invalid("Invalid availability zone ID: [" + zoneId + "]");
    }

    private static Host shape(ActionContext ctx, DedicatedHost h, List<InstanceType> types,
                              Map<String, String> zoneIds) {
        boolean live = DedicatedHost.AVAILABLE.equals(h.state());
        List<InstanceCapacity> capacity = new ArrayList<>();
        types.stream()
                .filter(t -> h.instanceType() != null ? t.name().equals(h.instanceType())
                        : t.name().startsWith(h.instanceFamily() + "."))
                .filter(t -> t.vcpus() > 0 && t.vcpus() <= h.totalVCpus())
                .sorted(Comparator.comparingInt(InstanceType::vcpus).thenComparing(InstanceType::name))
                .forEach(t -> capacity.add(InstanceCapacity.builder().instanceType(t.name())
                        .totalCapacity(h.totalVCpus() / t.vcpus())
                        .availableCapacity(live ? h.totalVCpus() / t.vcpus() : 0).build()));
        return Host.builder()
                .hostId(h.id())
                .autoPlacement(h.autoPlacement())
                .hostRecovery(h.hostRecovery())
                .hostMaintenance(h.hostMaintenance())
                .availabilityZone(h.zone())
                .availabilityZoneId(zoneIds.get(h.zone()))
                .state(h.state())
                .allocationTime(h.allocationTime())
                .releaseTime(h.releaseTime())
                .clientToken(h.clientToken())
                .ownerId(ctx.account())
                .memberOfServiceLinkedResourceGroup(false)
                .allowsMultipleInstanceTypes(h.instanceType() == null ? AllowsMultipleInstanceTypes.ON
                        : AllowsMultipleInstanceTypes.OFF)
                .hostProperties(HostProperties.builder().instanceType(h.instanceType())
                        .instanceFamily(h.instanceFamily()).cores(h.cores()).sockets(h.sockets())
                        .totalVCpus(h.totalVCpus()).build())
                .availableCapacity(AvailableCapacity.builder().availableInstanceCapacity(capacity)
                        .availableVCpus(live ? h.totalVCpus() : 0).build())
                .instances(List.of())
                .tags(SdkTags.toSdk(h.tags()))
                .build();
    }
}
