package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.PlacementGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Placement groups through the SDK: strategies, names and ids, filters, tags, EC2's errors. */
class PlacementGroupActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void lifecycleByNameAndId() {
        PlacementGroup made = ec2().createPlacementGroup(r -> r.groupName("hpc").strategy("cluster")
                .tagSpecifications(tags(ResourceType.PLACEMENT_GROUP, "team", "sim"))).placementGroup();
        assertThat(made.groupId()).matches("pg-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("available");
        assertThat(made.groupArn()).isEqualTo("arn:aws:ec2:us-east-1:" + gw.account() + ":placement-group/hpc");
        ec2().createPlacementGroup(r -> r.groupName("racks").strategy("spread"));
        ec2().createPlacementGroup(r -> r.groupName("parts").strategy("partition").partitionCount(3));

        assertThat(ec2().describePlacementGroups(r -> r.groupIds(made.groupId())).placementGroups())
                .extracting(PlacementGroup::groupName).containsExactly("hpc");
        PlacementGroup parts = ec2().describePlacementGroups(r -> r.groupNames("parts")).placementGroups().get(0);
        assertThat(parts.partitionCount()).isEqualTo(3);
        PlacementGroup racks = ec2().describePlacementGroups(r -> r.groupNames("racks")).placementGroups().get(0);
        assertThat(racks.spreadLevelAsString()).isEqualTo("rack");
        assertThat(ec2().describePlacementGroups(r -> r.filters(filter("strategy", "cluster", "spread")))
                .placementGroups()).extracting(PlacementGroup::groupName).containsExactly("hpc", "racks");
        assertThat(ec2().describePlacementGroups(r -> r.filters(filter("tag:team", "sim"))).placementGroups())
                .extracting(PlacementGroup::groupName).containsExactly("hpc");

        ec2().createTags(r -> r.resources(racks.groupId()).tags(t -> t.key("team").value("web")));
        assertThat(ec2().describePlacementGroups(r -> r.filters(filter("tag:team", "web"))).placementGroups())
                .extracting(PlacementGroup::groupName).containsExactly("racks");

        ec2().deletePlacementGroup(r -> r.groupName("hpc"));
        ec2Error(() -> ec2().describePlacementGroups(r -> r.groupNames("hpc")), "InvalidPlacementGroup.Unknown");
        assertThat(gw.otherAccount().describePlacementGroups().placementGroups()).isEmpty();
    }

    @Test
    void errorsAndDryRun() {
        ec2().createPlacementGroup(r -> r.groupName("one").strategy("cluster"));
        ec2Error(() -> ec2().createPlacementGroup(r -> r.groupName("one").strategy("spread")),
                "InvalidPlacementGroup.Duplicate");
        ec2Error(() -> ec2().createPlacementGroup(r -> r.groupName("two").strategy("partition").partitionCount(9)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createPlacementGroup(r -> r.groupName("three").strategy("cluster").partitionCount(2)),
                "InvalidParameterCombination");
        ec2Error(() -> ec2().deletePlacementGroup(r -> r.groupName("nope")), "InvalidPlacementGroup.Unknown");
        assertDryRun(() -> ec2().createPlacementGroup(r -> r.groupName("dry").strategy("cluster").dryRun(true)));
        assertDryRun(() -> ec2().describePlacementGroups(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().deletePlacementGroup(r -> r.groupName("one").dryRun(true)));
        assertThat(ec2().describePlacementGroups().placementGroups()).extracting(PlacementGroup::groupName)
                .containsExactly("one");
    }
}
