package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Capacity reservations through the SDK: counts used by running instances, changes, cancel, filters, errors. */
class CapacityReservationActionsTest {
    private static final String MISSING = "cr-0123456789abcdef0";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private CapacityReservation create(String type, int count) {
        return ec2().createCapacityReservation(r -> r.instanceType(type).instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(count)
                .tagSpecifications(tags(ResourceType.CAPACITY_RESERVATION, "Name", "cr-" + type)))
                .capacityReservation();
    }

    @Test
    void runningInstancesUseOpenReservationsAndCountsChange() {
        CapacityReservation made = create("t3.micro", 3);
        assertThat(made.capacityReservationId()).matches("cr-[0-9a-f]{17}");
        assertThat(made.stateAsString()).isEqualTo("active");
        assertThat(made.totalInstanceCount()).isEqualTo(3);
        assertThat(made.availableInstanceCount()).isEqualTo(3);
        assertThat(made.endDateTypeAsString()).isEqualTo("unlimited");
        assertThat(made.instanceMatchCriteriaAsString()).isEqualTo("open");
        assertThat(made.tenancyAsString()).isEqualTo("default");
        assertThat(made.capacityReservationArn()).isEqualTo("arn:aws:ec2:us-east-1:" + gw.account()
                + ":capacity-reservation/" + made.capacityReservationId());
        String id = made.capacityReservationId();

        ec2().runInstances(r -> r.imageId(InstanceActionsTest.AMI).instanceType("t3.micro").minCount(2).maxCount(2)
                .placement(p -> p.availabilityZone("us-east-1a")));
        assertThat(describe(id).availableInstanceCount()).isEqualTo(1);
        var usage = ec2().getCapacityReservationUsage(r -> r.capacityReservationId(id));
        assertThat(usage.totalInstanceCount()).isEqualTo(3);
        assertThat(usage.availableInstanceCount()).isEqualTo(1);
        assertThat(usage.instanceType()).isEqualTo("t3.micro");
        assertThat(usage.instanceUsages()).singleElement().satisfies(u -> {
            assertThat(u.accountId()).isEqualTo(gw.account());
            assertThat(u.usedInstanceCount()).isEqualTo(2);
        });

        ec2().modifyCapacityReservation(r -> r.capacityReservationId(id).instanceCount(5));
        assertThat(describe(id).totalInstanceCount()).isEqualTo(5);
        assertThat(describe(id).availableInstanceCount()).isEqualTo(3);
        Instant end = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ec2().modifyCapacityReservation(r -> r.capacityReservationId(id).endDateType("limited").endDate(end));
        assertThat(describe(id).endDate()).isEqualTo(end);
        assertThat(describe(id).endDateTypeAsString()).isEqualTo("limited");

        String other = create("m5.large", 1).capacityReservationId();
        assertThat(ids(filter("instance-type", "m5.large"))).containsExactly(other);
        assertThat(ids(filter("tag:Name", "cr-t3.micro"), filter("state", "active"))).containsExactly(id);
        assertThat(ids(filter("end-date-type", "limited"))).containsExactly(id);
        assertThat(ids(filter("availability-zone", "us-east-1a"))).hasSize(2);
        var page = ec2().describeCapacityReservations(r -> r.maxResults(1));
        assertThat(page.capacityReservations()).hasSize(1);
        assertThat(ec2().describeCapacityReservations(r -> r.maxResults(1).nextToken(page.nextToken()))
                .capacityReservations()).hasSize(1).doesNotContainAnyElementsOf(page.capacityReservations());
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "capacity-reservation"))).tags())
                .hasSize(2);

        assertThat(ec2().cancelCapacityReservation(r -> r.capacityReservationId(id)).returnValue()).isTrue();
        CapacityReservation cancelled = describe(id);
        assertThat(cancelled.stateAsString()).isEqualTo("cancelled");
        assertThat(cancelled.availableInstanceCount()).isZero();
        ec2Error(() -> ec2().cancelCapacityReservation(r -> r.capacityReservationId(id)),
                "InvalidCapacityReservationId.State");
        ec2Error(() -> ec2().modifyCapacityReservation(r -> r.capacityReservationId(id).instanceCount(1)),
                "InvalidCapacityReservationId.State");
        assertThat(gw.otherAccount().describeCapacityReservations(r -> { }).capacityReservations()).isEmpty();
    }

    @Test
    void refusesWhatEc2Refuses() {
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").availabilityZone("us-east-1a")
                .instanceCount(1)), "MissingParameter");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("Linux/UNIX")
                .instanceCount(1)), "MissingParameter");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("BeOS")
                .availabilityZone("us-east-1a").instanceCount(1)), "InvalidParameterValue");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(0)), "InvalidParameterValue");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(1).endDateType("limited")), "MissingParameter");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(1).endDateType("unlimited")
                .endDate(Instant.now().plus(1, ChronoUnit.DAYS))), "InvalidParameterCombination");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro").instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(1).endDate(Instant.now().minus(1, ChronoUnit.DAYS))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createCapacityReservation(r -> r.instanceType("x9.mega").instancePlatform("Linux/UNIX")
                .availabilityZone("us-east-1a").instanceCount(1)), "InvalidParameterValue");
        assertDryRun(() -> ec2().createCapacityReservation(r -> r.instanceType("t3.micro")
                .instancePlatform("Linux/UNIX").availabilityZone("us-east-1a").instanceCount(1).dryRun(true)));
        assertThat(ec2().describeCapacityReservations(r -> { }).capacityReservations()).isEmpty();
        ec2Error(() -> ec2().describeCapacityReservations(r -> r.capacityReservationIds(MISSING)),
                "InvalidCapacityReservationId.NotFound");
        ec2Error(() -> ec2().describeCapacityReservations(r -> r.capacityReservationIds("cr-x")),
                "InvalidCapacityReservationId.Malformed");
        ec2Error(() -> ec2().describeCapacityReservations(r -> r.filters(filter("size", "1"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().getCapacityReservationUsage(r -> r.capacityReservationId(MISSING)),
                "InvalidCapacityReservationId.NotFound");
        ec2Error(() -> ec2().cancelCapacityReservation(r -> r.capacityReservationId(MISSING)),
                "InvalidCapacityReservationId.NotFound");
        ec2Error(() -> ec2().modifyCapacityReservation(r -> r.capacityReservationId(MISSING).instanceCount(2)),
                "InvalidCapacityReservationId.NotFound");
        String id = create("t3.micro", 1).capacityReservationId();
        ec2Error(() -> ec2().modifyCapacityReservation(r -> r.capacityReservationId(id)), "MissingParameter");
        ec2Error(() -> ec2().modifyCapacityReservation(r -> r.capacityReservationId(id).instanceCount(0)),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().cancelCapacityReservation(r -> r.capacityReservationId(id).dryRun(true)));
        assertThat(describe(id).stateAsString()).isEqualTo("active");
    }

    private CapacityReservation describe(String id) {
        return ec2().describeCapacityReservations(r -> r.capacityReservationIds(id)).capacityReservations().get(0);
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeCapacityReservations(r -> r.filters(filters)).capacityReservations().stream()
                .map(CapacityReservation::capacityReservationId).toList();
    }
}
