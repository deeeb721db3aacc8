"""IPv6 and secondary blocks, interface addresses, default subnets, flow logs and carrier gateways as a boto3 user
scripts them.

Run by VpcAddressingBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials); its
transitions take 100 ms, so states are polled as a script against EC2 would.
"""
import ipaddress
import os
import time
import unittest

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ALTO_ENDPOINT"]


def client():
    return boto3.client("ec2", region_name="us-east-1", endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


def wait_for(read, wanted):
    for _ in range(100):
        value = read()
        if value == wanted:
            return value
        time.sleep(0.05)
    raise AssertionError("still %r, wanted %r" % (value, wanted))


class VpcAddressing(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()

    def test_ipv6_vpc_subnet_and_interface(self):
        vpc = self.ec2.create_vpc(CidrBlock="10.70.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]
        vpc_id = vpc["VpcId"]

        def v6_state():
            sets = self.ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"]
            return sets[0]["Ipv6CidrBlockState"]["State"]
        wait_for(v6_state, "associated")
        block = ipaddress.ip_network(
            self.ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
        self.assertEqual(56, block.prefixlen)
        self.assertTrue(block.subnet_of(ipaddress.ip_network("2600:1f18::/32")))

        subnet_block = list(block.subnets(new_prefix=64))[2]
        subnet = self.ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.70.1.0/24",
                                        Ipv6CidrBlock=str(subnet_block))["Subnet"]
        self.ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"],
                                         AssignIpv6AddressOnCreation={"Value": True})
        described = self.ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])["Subnets"][0]
        self.assertTrue(described["AssignIpv6AddressOnCreation"])
        self.assertEqual(str(subnet_block), described["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])

        eni = self.ec2.create_network_interface(SubnetId=subnet["SubnetId"])["NetworkInterface"]
        added = self.ec2.assign_ipv6_addresses(NetworkInterfaceId=eni["NetworkInterfaceId"], Ipv6AddressCount=2)
        for address in added["AssignedIpv6Addresses"]:
            self.assertIn(ipaddress.ip_address(address), subnet_block)
        private = self.ec2.assign_private_ip_addresses(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                                       SecondaryPrivateIpAddressCount=1)
        self.assertTrue(private["AssignedPrivateIpAddresses"][0]["PrivateIpAddress"].startswith("10.70.1."))
        self.ec2.modify_network_interface_attribute(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                                    SourceDestCheck={"Value": False})
        check = self.ec2.describe_network_interface_attribute(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                                              Attribute="sourceDestCheck")
        self.assertFalse(check["SourceDestCheck"]["Value"])

        self.assertEqual("DependencyViolation", error_code(
            self.ec2.disassociate_subnet_cidr_block,
            AssociationId=described["Ipv6CidrBlockAssociationSet"][0]["AssociationId"]))
        self.ec2.unassign_ipv6_addresses(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                         Ipv6Addresses=added["AssignedIpv6Addresses"])
        self.ec2.delete_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"])
        self.ec2.delete_subnet(SubnetId=subnet["SubnetId"])
        self.ec2.delete_vpc(VpcId=vpc_id)

    def test_secondary_block_and_filters(self):
        vpc_id = self.ec2.create_vpc(CidrBlock="10.71.0.0/16")["Vpc"]["VpcId"]
        association = self.ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock="100.64.0.0/16")
        self.assertEqual("associating", association["CidrBlockAssociation"]["CidrBlockState"]["State"])
        found = self.ec2.describe_vpcs(Filters=[
            {"Name": "cidr-block-association.cidr-block", "Values": ["100.64.0.0/16"]}])["Vpcs"]
        self.assertEqual([vpc_id], [v["VpcId"] for v in found])
        self.ec2.create_subnet(VpcId=vpc_id, CidrBlock="100.64.8.0/24")
        self.assertEqual("DependencyViolation", error_code(
            self.ec2.disassociate_vpc_cidr_block,
            AssociationId=association["CidrBlockAssociation"]["AssociationId"]))
        self.assertEqual("InvalidVpcCidrBlockAssociationID.NotFound", error_code(
            self.ec2.disassociate_vpc_cidr_block, AssociationId="vpc-cidr-assoc-0123456789abcdef0"))

    def test_flow_logs_and_carrier_gateways(self):
        vpc_id = self.ec2.create_vpc(CidrBlock="10.72.0.0/16")["Vpc"]["VpcId"]
        made = self.ec2.create_flow_logs(ResourceIds=[vpc_id], ResourceType="VPC", TrafficType="ALL",
                                         LogDestinationType="s3", LogDestination="arn:aws:s3:::flow-bucket",
                                         TagSpecifications=[{"ResourceType": "vpc-flow-log",
                                                             "Tags": [{"Key": "team", "Value": "net"}]}])
        self.assertEqual([], made["Unsuccessful"])
        logs = self.ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc_id]}])["FlowLogs"]
        self.assertEqual(made["FlowLogIds"], [f["FlowLogId"] for f in logs])
        self.assertEqual("ACTIVE", logs[0]["FlowLogStatus"])

        gateway = self.ec2.create_carrier_gateway(VpcId=vpc_id)["CarrierGateway"]
        wait_for(lambda: self.ec2.describe_carrier_gateways(
            CarrierGatewayIds=[gateway["CarrierGatewayId"]])["CarrierGateways"][0]["State"], "available")
        self.assertEqual("DependencyViolation", error_code(self.ec2.delete_vpc, VpcId=vpc_id))
        self.ec2.delete_carrier_gateway(CarrierGatewayId=gateway["CarrierGatewayId"])
        self.ec2.delete_vpc(VpcId=vpc_id)
        self.assertEqual([], self.ec2.describe_flow_logs(FlowLogIds=made["FlowLogIds"])["FlowLogs"])


if __name__ == "__main__":
    unittest.main()
