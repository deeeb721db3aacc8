package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/** RequestSpotInstances and spot fleet requests through the SDK: launches, describes, resizing, cancelling. */
class SpotFleetActionsTest {
    private static final String AMI = Catalogs.aws().images("us-east-1").stream()
            .filter(i -> i.architecture() == Architecture.X86_64 && Image.AVAILABLE.equals(i.state()))
            .findFirst().orElseThrow().id();
    private static final String ROLE = "arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void requestSpotInstancesAnswersFulfilledRequestsWithTheirInstances() {
        List<SpotInstanceRequest> made = ec2().requestSpotInstances(r -> r.instanceCount(2).type("persistent")
                .spotPrice("0.50").launchSpecification(l -> l.imageId(AMI).instanceType("t3.micro"))
                .tagSpecifications(tags(ResourceType.SPOT_INSTANCES_REQUEST, "purpose", "batch")))
                .spotInstanceRequests();
        assertThat(made).hasSize(2).allSatisfy(r -> {
            assertThat(r.spotInstanceRequestId()).matches("sir-[0-9a-f]{17}");
            assertThat(r.typeAsString()).isEqualTo("persistent");
            assertThat(r.stateAsString()).isEqualTo("active");
            assertThat(r.instanceId()).startsWith("i-");
            assertThat(r.launchSpecification().imageId()).isEqualTo(AMI);
            assertThat(r.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("batch"));
        });
        var described = ec2().describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(
                made.get(0).spotInstanceRequestId())).spotInstanceRequests().get(0);
        assertThat(described.instanceId()).isEqualTo(made.get(0).instanceId());
        var instance = ec2().describeInstances(r -> r.instanceIds(made.get(0).instanceId())).reservations().get(0)
                .instances().get(0);
        assertThat(instance.spotInstanceRequestId()).isEqualTo(made.get(0).spotInstanceRequestId());

        ec2Error(() -> ec2().requestSpotInstances(r -> r.launchSpecification(l -> l.instanceType("t3.micro"))),
                "MissingParameter");
        ec2Error(() -> ec2().requestSpotInstances(r -> r.type("forever")
                .launchSpecification(l -> l.imageId(AMI).instanceType("t3.micro"))), "InvalidParameterValue");
        ec2Error(() -> ec2().requestSpotInstances(r -> r.launchSpecification(l -> l.imageId("ami-0123456789abcdef0")
                .instanceType("t3.micro"))), "InvalidAMIID.NotFound");
        assertDryRun(() -> ec2().requestSpotInstances(r -> r.dryRun(true)
                .launchSpecification(l -> l.imageId(AMI).instanceType("t3.micro"))));
        assertThat(ec2().describeSpotInstanceRequests(r -> { }).spotInstanceRequests()).hasSize(2);
    }

    private String requestFleet(int target, String type) {
        return ec2().requestSpotFleet(r -> r.spotFleetRequestConfig(c -> c.iamFleetRole(ROLE).targetCapacity(target)
                .type(type).launchSpecifications(SpotFleetLaunchSpecification.builder().imageId(AMI)
                        .instanceType("t3.micro").weightedCapacity(2.0).build())
                .tagSpecifications(tags(ResourceType.SPOT_FLEET_REQUEST, "Name", "workers")))).spotFleetRequestId();
    }

    private SpotFleetRequestConfig fleet(String id) {
        return ec2().describeSpotFleetRequests(r -> r.spotFleetRequestIds(id)).spotFleetRequestConfigs().get(0);
    }

    private List<String> active(String id) {
        return ec2().describeSpotFleetInstances(r -> r.spotFleetRequestId(id)).activeInstances().stream()
                .map(ActiveInstance::instanceId).toList();
    }

    @Test
    void spotFleetLaunchesByWeightResizesAndCancels() {
        String id = requestFleet(4, "maintain");
        assertThat(id).matches("sfr-[0-9a-f]{17}");
        // Weight 2 per instance: two instances cover four units.
        assertThat(active(id)).hasSize(2);
        SpotFleetRequestConfig described = fleet(id);
        assertThat(described.spotFleetRequestStateAsString()).isEqualTo("active");
        assertThat(described.activityStatusAsString()).isEqualTo("fulfilled");
        assertThat(described.spotFleetRequestConfig().targetCapacity()).isEqualTo(4);
        assertThat(described.spotFleetRequestConfig().fulfilledCapacity()).isEqualTo(4.0);
        assertThat(described.spotFleetRequestConfig().iamFleetRole()).isEqualTo(ROLE);
        assertThat(described.spotFleetRequestConfig().launchSpecifications()).singleElement()
                .satisfies(s -> assertThat(s.instanceTypeAsString()).isEqualTo("t3.micro"));
        assertThat(described.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("workers"));
        var instances = ec2().describeInstances(r -> r.instanceIds(active(id))).reservations().stream()
                .flatMap(res -> res.instances().stream()).toList();
        assertThat(instances).allSatisfy(i -> assertThat(i.spotInstanceRequestId()).startsWith("sir-"));

        assertThat(ec2().modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(8)).returnValue())
                .isTrue();
        assertThat(active(id)).hasSize(4);
        assertThat(fleet(id).spotFleetRequestConfig().targetCapacity()).isEqualTo(8);
        List<String> before = active(id);
        ec2().modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(2));
        assertThat(active(id)).hasSize(1).containsExactly(before.get(0));

        var cancelled = ec2().cancelSpotFleetRequests(r -> r.spotFleetRequestIds(id, "sfr-0123456789abcdef0")
                .terminateInstances(true));
        assertThat(cancelled.successfulFleetRequests()).singleElement().satisfies(s ->
                assertThat(s.currentSpotFleetRequestStateAsString()).isEqualTo("cancelled_terminating"));
        assertThat(cancelled.unsuccessfulFleetRequests()).singleElement().satisfies(e ->
                assertThat(e.error().codeAsString()).isEqualTo("fleetRequestIdDoesNotExist"));
        assertThat(fleet(id).spotFleetRequestStateAsString()).isEqualTo("cancelled");
        assertThat(active(id)).isEmpty();
        ec2Error(() -> ec2().modifySpotFleetRequest(r -> r.spotFleetRequestId(id).targetCapacity(3)),
                "IncorrectState");
    }

    @Test
    void errorsAreEc2s() {
        ec2Error(() -> ec2().requestSpotFleet(r -> r.spotFleetRequestConfig(c -> c.targetCapacity(1)
                .launchSpecifications(SpotFleetLaunchSpecification.builder().imageId(AMI).build()))),
                "MissingParameter");
        ec2Error(() -> ec2().requestSpotFleet(r -> r.spotFleetRequestConfig(c -> c.iamFleetRole(ROLE)
                .targetCapacity(1))), "MissingParameter");
        ec2Error(() -> ec2().requestSpotFleet(r -> r.spotFleetRequestConfig(c -> c.iamFleetRole(ROLE)
                .targetCapacity(1).type("instant")
                .launchSpecifications(SpotFleetLaunchSpecification.builder().imageId(AMI).build()))),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().requestSpotFleet(r -> r.dryRun(true).spotFleetRequestConfig(c -> c
                .iamFleetRole(ROLE).targetCapacity(1)
                .launchSpecifications(SpotFleetLaunchSpecification.builder().imageId(AMI).build()))));
        assertThat(ec2().describeSpotFleetRequests(r -> { }).spotFleetRequestConfigs()).isEmpty();
        ec2Error(() -> ec2().describeSpotFleetRequests(r -> r.spotFleetRequestIds("sfr-0123456789abcdef0")),
                "InvalidSpotFleetRequestId.NotFound");
        ec2Error(() -> ec2().describeSpotFleetInstances(r -> r.spotFleetRequestId("sfr-x")),
                "InvalidSpotFleetRequestId.Malformed");
        String request = requestFleet(2, "request");
        ec2Error(() -> ec2().modifySpotFleetRequest(r -> r.spotFleetRequestId(request).targetCapacity(4)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().cancelSpotFleetRequests(r -> r.spotFleetRequestIds(request)), "MissingParameter");
        ec2().cancelSpotFleetRequests(r -> r.spotFleetRequestIds(request).terminateInstances(false));
        assertThat(fleet(request).spotFleetRequestStateAsString()).isEqualTo("cancelled_running");
        assertThat(ec2().describeInstances(r -> { }).reservations()).isNotEmpty();
        assertThat(ec2().cancelSpotFleetRequests(r -> r.spotFleetRequestIds(request).terminateInstances(false))
                .unsuccessfulFleetRequests()).extracting(e -> e.error().codeAsString())
                .containsExactly("fleetRequestNotInCancellableState");
    }
}
