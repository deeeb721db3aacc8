package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.codec.Ec2OperationRegistry;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Counts the operations the gateway answers with behaviour: every EC2 action with a handler in
 * {@link Ec2Actions#all()}, plus STS's GetCallerIdentity, which the dispatcher answers itself. Every other action of
 * EC2's model answers UnsupportedOperation naming it. Run alone to read the count:
 * {@code ./mvnw -o -pl alto-gateway test -Dtest=OperationCountTest} prints it with the list.
 */
class OperationCountTest {
    /** Answered beside EC2's actions on the same endpoint, outside the EC2 registry. */
    private static final List<String> OTHER_SERVICES = List.of("sts:GetCallerIdentity");

    @Test
    void everyHandledActionIsAnEc2OperationAndTheCountIsPrinted() {
        Ec2OperationRegistry model = Ec2OperationRegistry.instance();
        TreeSet<String> actions = new TreeSet<>();
        for (Class<?> type : Ec2Actions.all().requestTypes()) {
            // The wire name where the SDK spells an acronym differently in the class (EnableVolumeIO).
            String name = type.getSimpleName();
            actions.add(model.all().stream().filter(o -> o.requestClass() == type).map(o -> o.action())
                    .findFirst().orElse(name.substring(0, name.length() - "Request".length())));
        }
        for (String action : actions) {
            assertThat(model.find(action)).as("%s is an operation of EC2's model", action).isPresent();
        }
        int total = actions.size() + OTHER_SERVICES.size();
        System.out.println("operations with behaviour: " + total + " (EC2: " + actions.size() + " of "
                + model.all().size() + " in the model; other: " + OTHER_SERVICES + ")");
        System.out.println(String.join(" ", actions));
        assertThat(actions).contains("CreateNatGateway", "DescribeNatGateways", "DeleteNatGateway",
                "AssociateVpcCidrBlock", "DisassociateVpcCidrBlock", "AssociateSubnetCidrBlock",
                "DisassociateSubnetCidrBlock", "AssignPrivateIpAddresses", "UnassignPrivateIpAddresses",
                "AssignIpv6Addresses", "UnassignIpv6Addresses", "ModifyNetworkInterfaceAttribute",
                "DescribeNetworkInterfaceAttribute", "ResetNetworkInterfaceAttribute", "CreateDefaultVpc",
                "CreateDefaultSubnet", "ModifyVpcTenancy", "CreateCarrierGateway", "DeleteCarrierGateway",
                "DescribeCarrierGateways", "CreateFlowLogs", "DeleteFlowLogs", "DescribeFlowLogs",
                "DescribeSecurityGroupReferences", "DescribeStaleSecurityGroups",
                "RegisterImage", "CopyImage", "ModifyImageAttribute", "ResetImageAttribute",
                "EnableImageDeprecation", "DisableImageDeprecation", "DescribeSnapshotAttribute",
                "ModifySnapshotAttribute", "ResetSnapshotAttribute", "GetEbsEncryptionByDefault",
                "EnableEbsEncryptionByDefault", "DisableEbsEncryptionByDefault", "GetEbsDefaultKmsKeyId",
                "ModifyEbsDefaultKmsKeyId", "ResetEbsDefaultKmsKeyId", "ModifySecurityGroupRules",
                "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
                "RequestSpotInstances", "CreateFleet", "DescribeFleets", "DeleteFleets", "DescribeFleetInstances",
                "RequestSpotFleet", "DescribeSpotFleetRequests", "CancelSpotFleetRequests",
                "DescribeSpotFleetInstances", "ModifySpotFleetRequest", "ModifyFleet",
                "CreateLaunchTemplate", "CreateLaunchTemplateVersion", "DescribeLaunchTemplates",
                "DescribeLaunchTemplateVersions", "ModifyLaunchTemplate", "DeleteLaunchTemplate",
                "DeleteLaunchTemplateVersions", "GetLaunchTemplateData", "CreateNetworkAcl", "DeleteNetworkAcl",
                "CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "DeleteNetworkAclEntry",
                "ReplaceNetworkAclAssociation", "CreatePlacementGroup", "DescribePlacementGroups",
                "DeletePlacementGroup", "CreateDhcpOptions", "DescribeDhcpOptions", "DeleteDhcpOptions",
                "AssociateDhcpOptions", "CreateEgressOnlyInternetGateway", "DescribeEgressOnlyInternetGateways",
                "DeleteEgressOnlyInternetGateway", "CreateVpcPeeringConnection", "AcceptVpcPeeringConnection",
                "RejectVpcPeeringConnection", "DeleteVpcPeeringConnection", "DescribeVpcPeeringConnections",
                "ModifyVpcPeeringConnectionOptions", "CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints",
                "DescribeVpcEndpoints", "DescribeVpcEndpointServices", "DescribePrefixLists",
                "DescribeManagedPrefixLists", "GetManagedPrefixListEntries", "ModifyVolume",
                "DescribeVolumesModifications", "CopySnapshot", "CreateManagedPrefixList", "ModifyManagedPrefixList",
                "DeleteManagedPrefixList",
                "AllocateHosts", "DescribeHosts", "ModifyHosts", "ReleaseHosts", "CreateCapacityReservation",
                "DescribeCapacityReservations", "ModifyCapacityReservation", "CancelCapacityReservation",
                "GetCapacityReservationUsage",
                "GetSerialConsoleAccessStatus", "EnableSerialConsoleAccess", "DisableSerialConsoleAccess",
                "GetInstanceMetadataDefaults", "ModifyInstanceMetadataDefaults", "DescribeIdFormat",
                "DescribeAggregateIdFormat", "ModifyIdFormat", "GetDefaultCreditSpecification",
                "ModifyDefaultCreditSpecification", "DescribeFastSnapshotRestores", "EnableFastSnapshotRestores",
                "DisableFastSnapshotRestores", "CreateSnapshots", "DescribeReservedInstances",
                "DescribeReservedInstancesOfferings", "GetConsoleScreenshot", "DescribeInstanceTopology",
                "CreateCustomerGateway", "DeleteCustomerGateway", "DescribeCustomerGateways", "CreateVpnGateway",
                "DeleteVpnGateway", "DescribeVpnGateways", "AttachVpnGateway", "DetachVpnGateway",
                "CreateVpnConnection", "DeleteVpnConnection", "DescribeVpnConnections", "ModifyVpnConnection",
                "CreateVpnConnectionRoute", "DeleteVpnConnectionRoute", "EnableVgwRoutePropagation",
                "DisableVgwRoutePropagation", "MonitorInstances", "UnmonitorInstances", "ResetInstanceAttribute",
                "ModifyInstancePlacement", "GetPasswordData", "AssociateIamInstanceProfile",
                "DescribeIamInstanceProfileAssociations", "ReplaceIamInstanceProfileAssociation",
                "DisassociateIamInstanceProfile", "DescribeInstanceEventNotificationAttributes",
                "RegisterInstanceEventNotificationAttributes", "DeregisterInstanceEventNotificationAttributes",
                "ModifyVolumeAttribute", "EnableVolumeIO",
                "CreateTransitGateway", "DescribeTransitGateways", "ModifyTransitGateway", "DeleteTransitGateway",
                "CreateTransitGatewayVpcAttachment", "DescribeTransitGatewayVpcAttachments",
                "ModifyTransitGatewayVpcAttachment", "DeleteTransitGatewayVpcAttachment",
                "DescribeTransitGatewayAttachments", "CreateTransitGatewayRouteTable",
                "DescribeTransitGatewayRouteTables", "DeleteTransitGatewayRouteTable", "CreateTransitGatewayRoute",
                "DeleteTransitGatewayRoute", "ReplaceTransitGatewayRoute", "SearchTransitGatewayRoutes",
                "AssociateTransitGatewayRouteTable", "DisassociateTransitGatewayRouteTable",
                "GetTransitGatewayRouteTableAssociations", "EnableTransitGatewayRouteTablePropagation",
                "DisableTransitGatewayRouteTablePropagation", "GetTransitGatewayRouteTablePropagations",
                "CreateTransitGatewayPeeringAttachment", "AcceptTransitGatewayPeeringAttachment",
                "RejectTransitGatewayPeeringAttachment", "DescribeTransitGatewayPeeringAttachments",
                "DeleteTransitGatewayPeeringAttachment");
    }
}
