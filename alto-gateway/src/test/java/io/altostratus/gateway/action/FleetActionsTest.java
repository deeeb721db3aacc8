package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** EC2 fleets through the SDK: instant fleets launching per override, kept fleets, describing and deleting. */
class FleetActionsTest {
    private static final String AMI = Catalogs.aws().images("us-east-1").stream()
            .filter(i -> i.architecture() == Architecture.X86_64 && Image.AVAILABLE.equals(i.state()))
            .findFirst().orElseThrow().id();

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String templateId;
    private String subnetId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void template() {
        String vpcId = ec2().createVpc(r -> r.cidrBlock("10.5.0.0/16")).vpc().vpcId();
        subnetId = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.5.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        templateId = ec2().createLaunchTemplate(r -> r.launchTemplateName("fleet-template")
                .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro"))).launchTemplate()
                .launchTemplateId();
    }

    private FleetLaunchTemplateConfigRequest config(FleetLaunchTemplateOverridesRequest... overrides) {
        return FleetLaunchTemplateConfigRequest.builder()
                .launchTemplateSpecification(s -> s.launchTemplateId(templateId).version("$Latest"))
                .overrides(overrides).build();
    }

    private static FleetLaunchTemplateOverridesRequest override(String type, String subnet) {
        return FleetLaunchTemplateOverridesRequest.builder().instanceType(type).subnetId(subnet).build();
    }

    private CreateFleetResponse instant(int onDemand, int spot, FleetLaunchTemplateConfigRequest config) {
        return ec2().createFleet(r -> r.type(FleetType.INSTANT).launchTemplateConfigs(config)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(onDemand + spot)
                        .onDemandTargetCapacity(onDemand).spotTargetCapacity(spot)
                        .defaultTargetCapacityType("on-demand"))
                .tagSpecifications(tags(ResourceType.FLEET, "Name", "web-fleet"),
                        tags(ResourceType.INSTANCE, "role", "web")));
    }

    private FleetData fleet(String id) {
        return ec2().describeFleets(r -> r.fleetIds(id)).fleets().get(0);
    }

    @Test
    void instantFleetLaunchesNowAndAnswersInstancesAndErrorsPerOverride() {
        // The first override names a type the catalog does not have: it fails and the next one takes its share.
        CreateFleetResponse made = instant(2, 1, config(override("t9.nonexistent", subnetId),
                override("t3.small", subnetId)));
        assertThat(made.fleetId()).matches("fleet-[0-9a-f]{17}");
        assertThat(made.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.errorCode()).isNotBlank();
            assertThat(e.launchTemplateAndOverrides().overrides().instanceTypeAsString()).isEqualTo("t9.nonexistent");
        });
        assertThat(made.instances()).hasSize(2);
        assertThat(made.instances()).extracting(i -> i.lifecycleAsString()).containsExactly("on-demand", "spot");
        List<String> ids = made.instances().stream().flatMap(i -> i.instanceIds().stream()).toList();
        assertThat(ids).hasSize(3);

        var instances = ec2().describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(res -> res.instances().stream()).toList();
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.instanceTypeAsString()).isEqualTo("t3.small");
            assertThat(i.subnetId()).isEqualTo(subnetId);
            assertThat(i.imageId()).isEqualTo(AMI);
            assertThat(i.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("role=web"));
        });
        assertThat(instances).filteredOn(i -> i.spotInstanceRequestId() != null).hasSize(1);

        FleetData data = fleet(made.fleetId());
        assertThat(data.typeAsString()).isEqualTo("instant");
        assertThat(data.fleetStateAsString()).isEqualTo("active");
        assertThat(data.fulfilledCapacity()).isEqualTo(3.0);
        assertThat(data.fulfilledOnDemandCapacity()).isEqualTo(2.0);
        assertThat(data.targetCapacitySpecification().totalTargetCapacity()).isEqualTo(3);
        assertThat(data.launchTemplateConfigs()).singleElement().satisfies(c -> {
            assertThat(c.launchTemplateSpecification().launchTemplateId()).isEqualTo(templateId);
            assertThat(c.overrides()).hasSize(2);
        });
        assertThat(data.instances()).extracting(i -> i.instanceIds().size()).containsExactlyInAnyOrder(2, 1);
        assertThat(data.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("web-fleet"));

        assertThat(ec2().describeFleetInstances(r -> r.fleetId(made.fleetId())).activeInstances())
                .extracting(ActiveInstance::instanceId).containsExactlyInAnyOrderElementsOf(ids);

        var deleted = ec2().deleteFleets(r -> r.fleetIds(made.fleetId()).terminateInstances(true));
        assertThat(deleted.successfulFleetDeletions()).singleElement().satisfies(d -> {
            assertThat(d.previousFleetStateAsString()).isEqualTo("active");
            assertThat(d.currentFleetStateAsString()).isEqualTo("deleted_terminating");
        });
        assertThat(fleet(made.fleetId()).fleetStateAsString()).isEqualTo("deleted");
        assertThat(ec2().describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(res -> res.instances().stream()).map(i -> i.state().name()))
                .allMatch(s -> s == InstanceStateName.SHUTTING_DOWN || s == InstanceStateName.TERMINATED);
        assertThat(ec2().describeFleetInstances(r -> r.fleetId(made.fleetId())).activeInstances()).isEmpty();
    }

    @Test
    void keptFleetsAreListedFilteredAndDeletedKeepingTheirInstances() {
        String maintain = ec2().createFleet(r -> r.type(FleetType.MAINTAIN).launchTemplateConfigs(config())
                .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType("on-demand")))
                .fleetId();
        String request = ec2().createFleet(r -> r.type(FleetType.REQUEST).launchTemplateConfigs(config())
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot")))
                .fleetId();
        assertThat(ec2().describeFleets(r -> r.filters(filter("type", "maintain"))).fleets())
                .extracting(FleetData::fleetId).containsExactly(maintain);
        assertThat(ec2().describeFleets(r -> r.filters(filter("fleet-state", "active"))).fleets()).hasSize(2);
        var page = ec2().describeFleets(r -> r.maxResults(1));
        assertThat(page.fleets()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();
        assertThat(ec2().describeFleets(r -> r.maxResults(1).nextToken(page.nextToken())).fleets()).hasSize(1);
        assertThat(ec2().describeFleetInstances(r -> r.fleetId(maintain)).activeInstances()).hasSize(2);

        assertThat(ec2().modifyFleet(r -> r.fleetId(maintain).targetCapacitySpecification(t -> t
                .totalTargetCapacity(3))).returnValue()).isTrue();
        assertThat(ec2().describeFleetInstances(r -> r.fleetId(maintain)).activeInstances()).hasSize(3);
        assertThat(fleet(maintain).targetCapacitySpecification().totalTargetCapacity()).isEqualTo(3);
        List<String> three = ec2().describeFleetInstances(r -> r.fleetId(maintain)).activeInstances().stream()
                .map(ActiveInstance::instanceId).toList();
        ec2().modifyFleet(r -> r.fleetId(maintain).targetCapacitySpecification(t -> t.totalTargetCapacity(2)));
        assertThat(ec2().describeFleetInstances(r -> r.fleetId(maintain)).activeInstances())
                .extracting(ActiveInstance::instanceId).containsExactlyInAnyOrderElementsOf(three.subList(0, 2));
        ec2Error(() -> ec2().modifyFleet(r -> r.fleetId(request).targetCapacitySpecification(t -> t
                .totalTargetCapacity(3))), "InvalidParameterValue");

        var deleted = ec2().deleteFleets(r -> r.fleetIds(maintain, "fleet-0123456789abcdef0", "fleet-x")
                .terminateInstances(false));
        assertThat(deleted.successfulFleetDeletions()).singleElement().satisfies(d ->
                assertThat(d.currentFleetStateAsString()).isEqualTo("deleted_running"));
        assertThat(deleted.unsuccessfulFleetDeletions()).extracting(e -> e.error().codeAsString())
                .containsExactly("fleetIdDoesNotExist", "fleetIdMalformed");
        assertThat(ec2().describeFleetInstances(r -> r.fleetId(maintain)).activeInstances()).hasSize(2);
        assertThat(fleet(request).fleetStateAsString()).isEqualTo("active");
    }

    @Test
    void errorsAreEc2s() {
        ec2Error(() -> ec2().createFleet(r -> r.type(FleetType.INSTANT)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "MissingParameter");
        ec2Error(() -> ec2().createFleet(r -> r.type(FleetType.INSTANT).launchTemplateConfigs(config())),
                "MissingParameter");
        ec2Error(() -> ec2().createFleet(r -> r.type(FleetType.INSTANT).launchTemplateConfigs(
                FleetLaunchTemplateConfigRequest.builder().launchTemplateSpecification(s -> s
                        .launchTemplateId("lt-0123456789abcdef0").version("1")).build())
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "InvalidLaunchTemplateId.NotFound");
        ec2Error(() -> ec2().createFleet(r -> r.type(FleetType.INSTANT).launchTemplateConfigs(config())
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).onDemandTargetCapacity(2))),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().createFleet(r -> r.type(FleetType.INSTANT).launchTemplateConfigs(config())
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1)).dryRun(true)));
        assertThat(ec2().describeFleets(r -> { }).fleets()).isEmpty();
        assertThat(ec2().describeInstances(r -> { }).reservations()).isEmpty();
        ec2Error(() -> ec2().describeFleets(r -> r.fleetIds("fleet-0123456789abcdef0")), "InvalidFleetId.NotFound");
        ec2Error(() -> ec2().describeFleets(r -> r.fleetIds("fleet-x")), "InvalidFleetId.Malformed");
        ec2Error(() -> ec2().describeFleetInstances(r -> r.fleetId("fleet-0123456789abcdef0")),
                "InvalidFleetId.NotFound");
        ec2Error(() -> ec2().deleteFleets(r -> r.fleetIds("fleet-0123456789abcdef0")), "MissingParameter");
        String instant = instant(1, 0, config()).fleetId();
        assertThat(ec2().deleteFleets(r -> r.fleetIds(instant).terminateInstances(false))
                .unsuccessfulFleetDeletions()).extracting(e -> e.error().codeAsString())
                .containsExactly("fleetNotInDeletableState");
        assertThat(gw.otherAccount().describeFleets(r -> { }).fleets()).isEmpty();
    }
}
