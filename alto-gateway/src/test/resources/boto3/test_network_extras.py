"""DHCP options, VPC peering, VPC endpoints, prefix lists and volume changes as a boto3 user scripts them.

Run by NetworkExtrasBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials).
"""
import os
import time
import unittest

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ALTO_ENDPOINT"]


def client(region="us-east-1"):
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


class NetworkExtras(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()
        self.vpc = self.ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]

    def test_dhcp_options(self):
        made = self.ec2.create_dhcp_options(DhcpConfigurations=[
            {"Key": "domain-name", "Values": ["corp.example"]},
            {"Key": "domain-name-servers", "Values": ["10.0.0.2"]}])["DhcpOptions"]
        self.ec2.associate_dhcp_options(DhcpOptionsId=made["DhcpOptionsId"], VpcId=self.vpc)
        vpc = self.ec2.describe_vpcs(VpcIds=[self.vpc])["Vpcs"][0]
        self.assertEqual(made["DhcpOptionsId"], vpc["DhcpOptionsId"])
        self.assertEqual("DependencyViolation",
                         error_code(self.ec2.delete_dhcp_options, DhcpOptionsId=made["DhcpOptionsId"]))
        self.ec2.associate_dhcp_options(DhcpOptionsId="default", VpcId=self.vpc)
        self.ec2.delete_dhcp_options(DhcpOptionsId=made["DhcpOptionsId"])
        found = self.ec2.describe_dhcp_options(
            Filters=[{"Name": "key", "Values": ["domain-name"]}])["DhcpOptions"]
        self.assertNotIn(made["DhcpOptionsId"], [o["DhcpOptionsId"] for o in found])

    def test_peering_with_routes(self):
        peer = self.ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
        pcx = self.ec2.create_vpc_peering_connection(VpcId=self.vpc, PeerVpcId=peer)["VpcPeeringConnection"]
        pcx_id = pcx["VpcPeeringConnectionId"]
        self.ec2.get_waiter("vpc_peering_connection_exists").wait(VpcPeeringConnectionIds=[pcx_id])
        # The waiter only sees it exist; acceptance needs the request to have reached pending-acceptance.
        for _ in range(100):
            status = self.ec2.describe_vpc_peering_connections(
                VpcPeeringConnectionIds=[pcx_id])["VpcPeeringConnections"][0]["Status"]["Code"]
            if status == "pending-acceptance":
                break
            time.sleep(0.05)
        self.ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx_id)
        state = self.ec2.describe_vpc_peering_connections(
            VpcPeeringConnectionIds=[pcx_id])["VpcPeeringConnections"][0]["Status"]["Code"]
        self.assertEqual("active", state)
        table = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        self.ec2.create_route(RouteTableId=table, DestinationCidrBlock="10.61.0.0/16",
                              VpcPeeringConnectionId=pcx_id)
        routes = self.ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
        self.assertIn(pcx_id, [r.get("VpcPeeringConnectionId") for r in routes])
        self.ec2.modify_vpc_peering_connection_options(
            VpcPeeringConnectionId=pcx_id,
            RequesterPeeringConnectionOptions={"AllowDnsResolutionFromRemoteVpc": True})
        self.assertTrue(self.ec2.delete_vpc_peering_connection(VpcPeeringConnectionId=pcx_id)["Return"])

    def test_endpoints_and_prefix_lists(self):
        table = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        endpoint = self.ec2.create_vpc_endpoint(VpcId=self.vpc, ServiceName="com.amazonaws.us-east-1.s3",
                                                RouteTableIds=[table])["VpcEndpoint"]
        self.assertEqual("available", endpoint["State"])
        names = self.ec2.describe_vpc_endpoint_services()["ServiceNames"]
        self.assertIn("com.amazonaws.us-east-1.dynamodb", names)
        lists = self.ec2.describe_managed_prefix_lists(
            Filters=[{"Name": "prefix-list-name", "Values": ["com.amazonaws.us-east-1.s3"]}])["PrefixLists"]
        self.assertEqual(1, len(lists))
        entries = self.ec2.get_managed_prefix_list_entries(PrefixListId=lists[0]["PrefixListId"])["Entries"]
        self.assertTrue(entries)
        gone = self.ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
        self.assertEqual([], gone["Unsuccessful"])
        egress = self.ec2.create_egress_only_internet_gateway(VpcId=self.vpc)["EgressOnlyInternetGateway"]
        self.assertEqual(self.vpc, egress["Attachments"][0]["VpcId"])
        self.assertTrue(self.ec2.delete_egress_only_internet_gateway(
            EgressOnlyInternetGatewayId=egress["EgressOnlyInternetGatewayId"])["ReturnCode"])

    def test_volume_changes_and_snapshot_copy(self):
        volume = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp2")["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[volume])
        mod = self.ec2.modify_volume(VolumeId=volume, Size=16, VolumeType="gp3")["VolumeModification"]
        self.assertEqual(16, mod["TargetSize"])
        self.assertEqual(16, self.ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["Size"])
        snapshot = self.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot])
        west = client("us-west-2")
        # boto3 presigns the cross-region copy itself.
        copy = west.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=snapshot)["SnapshotId"]
        self.assertEqual(16, west.describe_snapshots(SnapshotIds=[copy])["Snapshots"][0]["VolumeSize"])


if __name__ == "__main__":
    unittest.main()
