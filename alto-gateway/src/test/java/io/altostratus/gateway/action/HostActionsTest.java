package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.ModifyHostsResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Dedicated Hosts through the SDK: allocation, capacity from the catalog, filters, modify and release lists. */
class HostActionsTest {
    private static final String MISSING = "h-0123456789abcdef0";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void allocateDescribeModifyAndRelease() {
        List<String> ids = ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a")
                .quantity(2).autoPlacement("on").clientToken("hosts-1")
                .tagSpecifications(tags(ResourceType.DEDICATED_HOST, "team", "db"))).hostIds();
        assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(id).matches("h-[0-9a-f]{17}"));
        // The same client token answers the same hosts instead of allocating more.
        assertThat(ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a").quantity(2)
                .clientToken("hosts-1")).hostIds()).containsExactlyInAnyOrderElementsOf(ids);
        String family = ec2().allocateHosts(r -> r.instanceFamily("m5").availabilityZone("us-east-1b")
                .quantity(1)).hostIds().get(0);

        Host host = describe(ids.get(0));
        assertThat(host.stateAsString()).isEqualTo("available");
        assertThat(host.autoPlacementAsString()).isEqualTo("on");
        assertThat(host.hostRecoveryAsString()).isEqualTo("off");
        assertThat(host.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(host.ownerId()).isEqualTo(gw.account());
        assertThat(host.hostProperties().instanceType()).isEqualTo("m5.large");
        assertThat(host.hostProperties().instanceFamily()).isEqualTo("m5");
        // An m5 host is as big as the family's largest size (96 vCPUs): 48 m5.large fit.
        assertThat(host.hostProperties().totalVCpus()).isEqualTo(96);
        assertThat(host.availableCapacity().availableInstanceCapacity()).singleElement().satisfies(c -> {
            assertThat(c.instanceType()).isEqualTo("m5.large");
            assertThat(c.totalCapacity()).isEqualTo(48);
            assertThat(c.availableCapacity()).isEqualTo(48);
        });
        assertThat(host.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("db"));
        Host familyHost = describe(family);
        assertThat(familyHost.allowsMultipleInstanceTypesAsString()).isEqualTo("on");
        assertThat(familyHost.availableCapacity().availableInstanceCapacity())
                .extracting(InstanceCapacity::instanceType)
                .contains("m5.large", "m5.xlarge", "m5.24xlarge");

        assertThat(hostIds(filter("availability-zone", "us-east-1a"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(hostIds(filter("auto-placement", "off"))).containsExactly(family);
        assertThat(hostIds(filter("instance-type", "m5.large"), filter("tag:team", "db"))).hasSize(2);
        assertThat(hostIds(filter("client-token", "hosts-1"))).hasSize(2);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "dedicated-host"))).tags())
                .hasSize(2);
        var page = ec2().describeHosts(r -> r.maxResults(5));
        assertThat(page.hosts()).hasSize(3);
        assertThat(page.nextToken()).isNull();

        ModifyHostsResponse modified = ec2().modifyHosts(r -> r.hostIds(ids.get(0), MISSING).autoPlacement("off")
                .hostRecovery("on"));
        assertThat(modified.successful()).containsExactly(ids.get(0));
        assertThat(modified.unsuccessful()).singleElement().satisfies(u -> {
            assertThat(u.resourceId()).isEqualTo(MISSING);
            assertThat(u.error().code()).isEqualTo("InvalidHostID.NotFound");
        });
        assertThat(describe(ids.get(0)).autoPlacementAsString()).isEqualTo("off");
        assertThat(describe(ids.get(0)).hostRecoveryAsString()).isEqualTo("on");
        ec2().modifyHosts(r -> r.hostIds(family).instanceType("m5.xlarge"));
        assertThat(describe(family).hostProperties().instanceType()).isEqualTo("m5.xlarge");
        assertThat(describe(family).availableCapacity().availableInstanceCapacity()).singleElement()
                .satisfies(c -> assertThat(c.totalCapacity()).isEqualTo(24));

        ReleaseHostsResponse released = ec2().releaseHosts(r -> r.hostIds(ids.get(1)));
        assertThat(released.successful()).containsExactly(ids.get(1));
        assertThat(released.unsuccessful()).isEmpty();
        Host gone = describe(ids.get(1));
        assertThat(gone.stateAsString()).isEqualTo("released");
        assertThat(gone.releaseTime()).isNotNull();
        assertThat(gone.availableCapacity().availableVCpus()).isZero();
        ReleaseHostsResponse again = ec2().releaseHosts(r -> r.hostIds(ids.get(1)));
        assertThat(again.successful()).isEmpty();
        assertThat(again.unsuccessful()).singleElement()
                .satisfies(u -> assertThat(u.error().code()).isEqualTo("InvalidHost.State"));
        assertThat(hostIds(filter("state", "available"))).hasSize(2);
        assertThat(gw.otherAccount().describeHosts(r -> { }).hosts()).isEmpty();
    }

    @Test
    void refusesWhatEc2Refuses() {
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a")),
                "MissingParameter");
        ec2Error(() -> ec2().allocateHosts(r -> r.availabilityZone("us-east-1a").quantity(1)), "MissingParameter");
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.large").instanceFamily("m5")
                .availabilityZone("us-east-1a").quantity(1)), "InvalidParameterCombination");
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.huge").availabilityZone("us-east-1a")
                .quantity(1)), "InvalidParameterValue");
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("eu-west-1a")
                .quantity(1)), "InvalidParameterValue");
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a")
                .quantity(0)), "InvalidParameterValue");
        ec2Error(() -> ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a")
                .quantity(1).tagSpecifications(tags(ResourceType.INSTANCE, "a", "b"))), "InvalidParameterValue");
        ec2Error(() -> ec2().describeHosts(r -> r.hostIds(MISSING)), "InvalidHostID.NotFound");
        ec2Error(() -> ec2().describeHosts(r -> r.hostIds("host-1")), "InvalidHostID.Malformed");
        ec2Error(() -> ec2().describeHosts(r -> r.filter(filter("colour", "red"))), "InvalidParameterValue");
        ec2Error(() -> ec2().describeHosts(r -> r.hostIds(MISSING).maxResults(5)), "InvalidParameterCombination");
        ec2Error(() -> ec2().modifyHosts(r -> r.hostIds(MISSING)), "MissingParameter");
        ec2Error(() -> ec2().releaseHosts(r -> r.hostIds("nope")), "InvalidHostID.Malformed");
    }

    @Test
    void createTagsAndDeleteTagsReachHostsAndReservations() {
        String host = ec2().allocateHosts(r -> r.instanceType("m5.large").availabilityZone("us-east-1a").quantity(1))
                .hostIds().get(0);
        String reservation = ec2().createCapacityReservation(r -> r.instanceType("m5.large")
                .instancePlatform("Linux/UNIX").availabilityZone("us-east-1a").instanceCount(1))
                .capacityReservation().capacityReservationId();
        ec2().createTags(r -> r.resources(host, reservation).tags(t -> t.key("owner").value("ops")));
        assertThat(hostIds(filter("tag:owner", "ops"))).containsExactly(host);
        assertThat(ec2().describeCapacityReservations(r -> r.filters(filter("tag:owner", "ops")))
                .capacityReservations()).hasSize(1);
        ec2().deleteTags(r -> r.resources(host).tags(t -> t.key("owner")));
        assertThat(hostIds(filter("tag-key", "owner"))).isEmpty();
        ec2Error(() -> ec2().createTags(r -> r.resources(MISSING).tags(t -> t.key("a").value("b"))),
                "InvalidHostID.NotFound");
    }

    private Host describe(String id) {
        return ec2().describeHosts(r -> r.hostIds(id)).hosts().get(0);
    }

    private List<String> hostIds(Filter... filters) {
        return ec2().describeHosts(r -> r.filter(filters)).hosts().stream().map(Host::hostId).toList();
    }
}
