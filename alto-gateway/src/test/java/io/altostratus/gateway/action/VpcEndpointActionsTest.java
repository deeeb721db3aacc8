package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/** VPC endpoints, their services and the managed prefix lists through the SDK. */
class VpcEndpointActionsTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String SSM = "com.amazonaws.us-east-1.ssm";

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String vpcId;
    private String tableA;
    private String tableB;
    private String subnetA;
    private String subnetB;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void network() {
        vpcId = ec2().createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
        tableA = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        tableB = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        subnetA = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.50.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        subnetB = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.50.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
    }

    private VpcEndpoint describe(String id) {
        return ec2().describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0);
    }

    @Test
    void gatewayEndpointServesRouteTables() {
        VpcEndpoint made = ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3).routeTableIds(tableA)
                .tagSpecifications(tags(ResourceType.VPC_ENDPOINT, "Name", "s3"))).vpcEndpoint();
        String id = made.vpcEndpointId();
        assertThat(id).matches("vpce-[0-9a-f]{17}");
        assertThat(made.vpcEndpointTypeAsString()).isEqualTo("Gateway");
        assertThat(made.stateAsString()).isEqualTo("available");
        assertThat(made.routeTableIds()).containsExactly(tableA);
        assertThat(made.policyDocument()).contains("\"Effect\":\"Allow\"");

        ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(id).addRouteTableIds(tableB).removeRouteTableIds(tableA)
                .policyDocument("{\"Statement\":[]}"));
        VpcEndpoint changed = describe(id);
        assertThat(changed.routeTableIds()).containsExactly(tableB);
        assertThat(changed.policyDocument()).isEqualTo("{\"Statement\":[]}");
        ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(id).resetPolicy(true));
        assertThat(describe(id).policyDocument()).contains("\"Principal\":\"*\"");

        // A second S3 endpoint may not serve a table the first already serves.
        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3).routeTableIds(tableB)),
                "RouteAlreadyExists");
        ec2Error(() -> ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(id).addSubnetIds(subnetA)), "InvalidParameter");
        assertThat(ec2().deleteVpcEndpoints(r -> r.vpcEndpointIds(id, "vpce-0123456789abcdef0")).unsuccessful())
                .singleElement().satisfies(u -> {
                    assertThat(u.resourceId()).isEqualTo("vpce-0123456789abcdef0");
                    assertThat(u.error().code()).isEqualTo("InvalidVpcEndpointId.NotFound");
                });
        ec2Error(() -> describe(id), "InvalidVpcEndpointId.NotFound");
    }

    @Test
    void interfaceEndpointHoldsAnAddressInEachSubnet() {
        String group = ec2().createSecurityGroup(r -> r.vpcId(vpcId).groupName("endpoints").description("e"))
                .groupId();
        VpcEndpoint made = ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(SSM)
                .vpcEndpointType("Interface").subnetIds(subnetA)).vpcEndpoint();
        String id = made.vpcEndpointId();
        assertThat(made.subnetIds()).containsExactly(subnetA);
        assertThat(made.networkInterfaceIds()).singleElement().satisfies(n -> assertThat(n).startsWith("eni-"));
        assertThat(made.privateDnsEnabled()).isTrue();
        assertThat(made.dnsEntries()).extracting(d -> d.dnsName()).contains("ssm.us-east-1.amazonaws.com");
        // Without groups it takes the VPC's default group.
        assertThat(made.groups()).extracting(SecurityGroupIdentifier::groupId).singleElement()
                .isNotEqualTo(group);

        ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(id).addSubnetIds(subnetB).removeSubnetIds(subnetA)
                .addSecurityGroupIds(group).privateDnsEnabled(false));
        VpcEndpoint changed = describe(id);
        assertThat(changed.subnetIds()).containsExactly(subnetB);
        assertThat(changed.groups()).extracting(SecurityGroupIdentifier::groupId).contains(group);
        assertThat(changed.privateDnsEnabled()).isFalse();
        ec2().deleteSubnet(r -> r.subnetId(subnetA));

        String otherB = ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.50.3.0/24")
                .availabilityZone("us-east-1b")).subnet().subnetId();
        ec2Error(() -> ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(id).addSubnetIds(otherB)),
                "DuplicateSubnetsInSameZone");
        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(SSM).routeTableIds(tableA)),
                "InvalidParameter");
        assertThat(ec2().deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful()).isEmpty();
        ec2().deleteSubnet(r -> r.subnetId(subnetB));
    }

    @Test
    void servicesFiltersAndErrors() {
        DescribeVpcEndpointServicesResponse services = ec2().describeVpcEndpointServices();
        assertThat(services.serviceNames()).contains(S3, SSM, "com.amazonaws.us-east-1.dynamodb");
        assertThat(services.serviceDetails()).filteredOn(d -> d.serviceName().equals(S3)).singleElement()
                .satisfies(d -> assertThat(d.serviceType()).extracting(t -> t.serviceTypeAsString())
                        .containsExactlyInAnyOrder("Gateway", "Interface"));
        assertThat(ec2().describeVpcEndpointServices(r -> r.filters(filter("service-type", "Gateway")))
                .serviceNames()).containsExactlyInAnyOrder(S3, "com.amazonaws.us-east-1.dynamodb");
        ec2Error(() -> ec2().describeVpcEndpointServices(r -> r.serviceNames("com.amazonaws.us-east-1.nope")),
                "InvalidServiceName");

        String s3 = ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3).routeTableIds(tableA))
                .vpcEndpoint().vpcEndpointId();
        String ssm = ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(SSM).vpcEndpointType("Interface")
                .subnetIds(subnetA).tagSpecifications(tags(ResourceType.VPC_ENDPOINT, "Name", "ssm")))
                .vpcEndpoint().vpcEndpointId();
        assertThat(ids(filter("vpc-endpoint-type", "Interface"))).containsExactly(ssm);
        assertThat(ids(filter("service-name", S3))).containsExactly(s3);
        assertThat(ids(filter("vpc-id", vpcId), filter("vpc-endpoint-state", "available"))).hasSize(2);
        assertThat(ids(filter("tag:Name", "ssm"))).containsExactly(ssm);
        ec2().createTags(r -> r.resources(s3).tags(t -> t.key("kind").value("gw")));
        assertThat(ids(filter("tag-key", "kind"))).containsExactly(s3);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "vpc-endpoint"))).tags())
                .extracting(t -> t.resourceId()).contains(s3, ssm);

        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName("com.amazonaws.us-east-1.nope")),
                "InvalidServiceName");
        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(SSM)), "InvalidParameter");
        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId("vpc-0123456789abcdef0").serviceName(S3)),
                "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3)
                .routeTableIds("rtb-0123456789abcdef0")), "InvalidRouteTableID.NotFound");
        ec2Error(() -> ec2().describeVpcEndpoints(r -> r.vpcEndpointIds("vpc-0123456789abcdef0")),
                "InvalidVpcEndpointId.Malformed");
        ec2Error(() -> ec2().modifyVpcEndpoint(r -> r.vpcEndpointId("vpce-0123456789abcdef0").resetPolicy(true)),
                "InvalidVpcEndpointId.NotFound");
        assertDryRun(() -> ec2().createVpcEndpoint(r -> r.vpcId(vpcId).serviceName(S3).dryRun(true)));
        assertDryRun(() -> ec2().modifyVpcEndpoint(r -> r.vpcEndpointId(s3).resetPolicy(true).dryRun(true)));
        assertDryRun(() -> ec2().deleteVpcEndpoints(r -> r.vpcEndpointIds(s3).dryRun(true)));
        assertDryRun(() -> ec2().describeVpcEndpoints(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().describeVpcEndpointServices(r -> r.dryRun(true)));
        assertThat(ids()).hasSize(2);
        assertThat(gw.otherAccount().describeVpcEndpoints().vpcEndpoints()).isEmpty();
    }

    @Test
    void managedPrefixListsOfTheGatewayServices() {
        List<ManagedPrefixList> lists = ec2().describeManagedPrefixLists(r -> { }).prefixLists();
        assertThat(lists).extracting(ManagedPrefixList::prefixListName)
                .containsExactlyInAnyOrder(S3, "com.amazonaws.us-east-1.dynamodb");
        ManagedPrefixList s3 = ec2().describeManagedPrefixLists(r -> r.filters(filter("prefix-list-name", S3)))
                .prefixLists().get(0);
        assertThat(s3.prefixListId()).isEqualTo("pl-63a5400a");
        assertThat(s3.ownerId()).isEqualTo("AWS");
        assertThat(s3.stateAsString()).isEqualTo("create-complete");
        List<PrefixListEntry> entries = ec2().getManagedPrefixListEntries(r -> r.prefixListId(s3.prefixListId()))
                .entries();
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.cidr()).matches("[0-9.]+/[0-9]+"));
        assertThat(ec2().describePrefixLists(r -> r.prefixListIds(s3.prefixListId())).prefixLists())
                .singleElement().satisfies(p -> {
                    assertThat(p.prefixListName()).isEqualTo(S3);
                    assertThat(p.cidrs()).containsExactlyElementsOf(entries.stream().map(PrefixListEntry::cidr)
                            .toList());
                });
        assertThat(ec2().describePrefixLists(r -> r.filters(filter("prefix-list-name",
                "com.amazonaws.us-east-1.dynamodb"))).prefixLists()).singleElement()
                .satisfies(p -> assertThat(p.prefixListId()).isEqualTo("pl-02cd2c6b"));

        ec2Error(() -> ec2().getManagedPrefixListEntries(r -> r.prefixListId("pl-00000000")),
                "InvalidPrefixListID.NotFound");
        ec2Error(() -> ec2().describeManagedPrefixLists(r -> r.prefixListIds("vpce-0123")),
                "InvalidPrefixListId.Malformed");
        ec2Error(() -> ec2().getManagedPrefixListEntries(r -> r.prefixListId(s3.prefixListId()).targetVersion(7L)),
                "InvalidParameterValue");
        assertDryRun(() -> ec2().describeManagedPrefixLists(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().describePrefixLists(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().getManagedPrefixListEntries(r -> r.prefixListId(s3.prefixListId()).dryRun(true)));
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeVpcEndpoints(r -> r.filters(filters)).vpcEndpoints().stream()
                .map(VpcEndpoint::vpcEndpointId).toList();
    }
}
