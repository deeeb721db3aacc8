package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTopology;

/**
 * DescribeInstanceTopology: where running instances of the families EC2 reports topology for sit in the network,
 * as three levels of network nodes. The local cloud has no network fabric, so the nodes are derived from the zone
 * (the top two levels) and the instance (the bottom one): stable from call to call, and shared by instances of a
 * zone at the levels EC2 shares them. Instances of other families are left out, as EC2 leaves them out.
 */
public final class InstanceTopologyActions implements ActionGroup {
    /** The families EC2 documents instance topology for. */
    static final Set<String> FAMILIES = Set.of("hpc6a", "hpc6id", "hpc7a", "hpc7g", "p3dn", "p4d", "p4de", "p5",
            "p5e", "p5en", "trn1", "trn1n", "trn2");
    /** How many bottom-level nodes a zone's instances spread over. */
    private static final int LEAVES = 4;

    private static final FilterSet<InstanceTopology> FILTERS = FilterSet.<InstanceTopology>builder()
            .field("availability-zone", InstanceTopology::availabilityZone)
            .field("instance-type", InstanceTopology::instanceType)
            .field("zone-id", InstanceTopology::zoneId)
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeInstanceTopologyRequest.class, this::describe);
    }

    DescribeInstanceTopologyResponse describe(ActionContext ctx, DescribeInstanceTopologyRequest request) {
        if (request.hasGroupNames() && !request.groupNames().isEmpty()) {
            throw Checks.unsupportedParameter("GroupName");
        }
        List<String> ids = request.hasInstanceIds() ? request.instanceIds() : List.of();
        Checks.checkIds(ids, Ec2IdKind.INSTANCE);
        if (ids.size() > 100) {
            throw Checks.invalid("At most 100 instance ids per request (got " + ids.size() + ")");
        }
        InstanceQuery query = ids.isEmpty() ? InstanceQuery.builder().state(InstanceState.RUNNING).build()
                : InstanceQuery.builder().ids(ids).state(InstanceState.RUNNING).build();
        Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
        List<InstanceTopology> out = new ArrayList<>();
        ctx.cloud().instances(query).stream()
                .filter(i -> FAMILIES.contains(family(i.instanceType())))
                .sorted(Comparator.comparing(Instance::id))
                .forEach(i -> out.add(InstanceTopology.builder().instanceId(i.id()).instanceType(i.instanceType())
                        .availabilityZone(i.zone()).zoneId(zoneIds.get(i.zone()))
                        .networkNodes(nodes(ctx.account(), i)).build()));
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 100,
                Paging.queryKey(request));
        return DescribeInstanceTopologyResponse.builder().instances(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static List<String> nodes(String account, Instance i) {
        String zone = account + "/" + i.zone();
        int leaf = Math.floorMod(i.id().hashCode(), LEAVES);
        return List.of(node(zone + "/1"), node(zone + "/2"), node(zone + "/3/" + leaf));
    }

    private static String node(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "nn-" + HexFormat.of().formatHex(hash).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String family(String type) {
        int dot = type == null ? -1 : type.indexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }
}
