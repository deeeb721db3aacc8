"""Site-to-site VPN and instance settings as a boto3 user scripts them: gateways, a static-route connection with
its waiters, route propagation, monitoring, IAM instance profiles and password data.

Run by VpnBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials).
"""
import os
import unittest
import xml.etree.ElementTree as ET

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ALTO_ENDPOINT"]
FAST = {"Delay": 1, "MaxAttempts": 30}


def client(region="us-east-1"):
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


class Vpn(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()
        self.vpc = self.ec2.create_vpc(CidrBlock="10.80.0.0/16")["Vpc"]["VpcId"]

    def test_static_route_vpn_with_propagation(self):
        cgw = self.ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.50", BgpAsn=65050)[
            "CustomerGateway"]
        vgw = self.ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64999)["VpnGateway"]
        self.ec2.attach_vpn_gateway(VpcId=self.vpc, VpnGatewayId=vgw["VpnGatewayId"])
        vpn = self.ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"], VpnGatewayId=vgw["VpnGatewayId"],
            Options={"StaticRoutesOnly": True},
            TagSpecifications=[{"ResourceType": "vpn-connection", "Tags": [{"Key": "site", "Value": "hq"}]}],
        )["VpnConnection"]
        vpn_id = vpn["VpnConnectionId"]
        self.ec2.get_waiter("vpn_connection_available").wait(VpnConnectionIds=[vpn_id], WaiterConfig=FAST)
        self.ec2.create_vpn_connection_route(VpnConnectionId=vpn_id, DestinationCidrBlock="192.168.50.0/24")

        # The configuration document is XML with both tunnels' addresses, as tools parse it.
        config = ET.fromstring(vpn["CustomerGatewayConfiguration"])
        tunnels = config.findall("ipsec_tunnel")
        self.assertEqual(2, len(tunnels))
        outside = [t.find("vpn_gateway/tunnel_outside_address/ip_address").text for t in tunnels]
        self.assertEqual(outside, [t["OutsideIpAddress"] for t in vpn["Options"]["TunnelOptions"]])
        self.assertEqual("203.0.113.50",
                         tunnels[0].find("customer_gateway/tunnel_outside_address/ip_address").text)

        rtb = self.ec2.describe_route_tables(
            Filters=[{"Name": "vpc-id", "Values": [self.vpc]}])["RouteTables"][0]["RouteTableId"]
        self.ec2.enable_vgw_route_propagation(RouteTableId=rtb, GatewayId=vgw["VpnGatewayId"])
        table = self.ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]
        self.assertEqual([vgw["VpnGatewayId"]], [p["GatewayId"] for p in table["PropagatingVgws"]])
        routes = {r["DestinationCidrBlock"]: r for r in table["Routes"]}
        self.assertEqual("EnableVgwRoutePropagation", routes["192.168.50.0/24"]["Origin"])

        found = self.ec2.describe_vpn_connections(
            Filters=[{"Name": "tag:site", "Values": ["hq"]}])["VpnConnections"]
        self.assertEqual([vpn_id], [c["VpnConnectionId"] for c in found])
        self.assertEqual("IncorrectState", error_code(self.ec2.delete_vpn_gateway,
                                                      VpnGatewayId=vgw["VpnGatewayId"]))

        self.ec2.delete_vpn_connection(VpnConnectionId=vpn_id)
        self.ec2.get_waiter("vpn_connection_deleted").wait(VpnConnectionIds=[vpn_id], WaiterConfig=FAST)
        self.ec2.detach_vpn_gateway(VpcId=self.vpc, VpnGatewayId=vgw["VpnGatewayId"])
        self.ec2.delete_vpn_gateway(VpnGatewayId=vgw["VpnGatewayId"])
        self.ec2.delete_customer_gateway(CustomerGatewayId=cgw["CustomerGatewayId"])
        self.assertEqual("deleted", self.ec2.describe_customer_gateways(
            CustomerGatewayIds=[cgw["CustomerGatewayId"]])["CustomerGateways"][0]["State"])

    def test_instance_settings(self):
        image = self.ec2.describe_images(Owners=["099720109477"])["Images"][0]["ImageId"]
        instance = self.ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)[
            "Instances"][0]["InstanceId"]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig=FAST)
        state = self.ec2.monitor_instances(InstanceIds=[instance])["InstanceMonitorings"][0]["Monitoring"]["State"]
        self.assertEqual("pending", state)
        assoc = self.ec2.associate_iam_instance_profile(
            IamInstanceProfile={"Name": "ssm-role"}, InstanceId=instance)["IamInstanceProfileAssociation"]
        self.assertTrue(assoc["AssociationId"].startswith("iip-assoc-"))
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig=FAST)
        described = self.ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]
        self.assertTrue(described["IamInstanceProfile"]["Arn"].endswith(":instance-profile/ssm-role"))
        found = self.ec2.describe_iam_instance_profile_associations(
            Filters=[{"Name": "instance-id", "Values": [instance]}])["IamInstanceProfileAssociations"]
        self.assertEqual([assoc["AssociationId"]], [a["AssociationId"] for a in found])
        self.assertEqual("", self.ec2.get_password_data(InstanceId=instance)["PasswordData"])
        self.ec2.disassociate_iam_instance_profile(AssociationId=assoc["AssociationId"])
        self.assertEqual("InvalidAssociationID.NotFound", error_code(
            self.ec2.disassociate_iam_instance_profile, AssociationId=assoc["AssociationId"]))


if __name__ == "__main__":
    unittest.main()
