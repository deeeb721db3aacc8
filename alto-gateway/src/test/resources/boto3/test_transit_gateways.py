"""A hub-and-spoke transit gateway as a boto3 user scripts it: gateway, VPC attachments, routes, teardown.

Run by TransitGatewayBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials).
"""
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


def wait_for(read, state):
    """Polls as scripts do (EC2 has no waiters for transit gateways)."""
    for _ in range(200):
        if read() == state:
            return
        time.sleep(0.05)
    raise AssertionError("never reached " + state + ", last " + read())


class TransitGateways(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()

    def gateway_state(self, tgw):
        return self.ec2.describe_transit_gateways(TransitGatewayIds=[tgw])["TransitGateways"][0]["State"]

    def attachment_state(self, attachment):
        return self.ec2.describe_transit_gateway_vpc_attachments(
            TransitGatewayAttachmentIds=[attachment])["TransitGatewayVpcAttachments"][0]["State"]

    def spoke(self, cidr, third_octets):
        vpc = self.ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        prefix = cidr.split(".")[0] + "." + cidr.split(".")[1]
        subnets = [self.ec2.create_subnet(VpcId=vpc, CidrBlock="%s.%d.0/24" % (prefix, octet),
                                          AvailabilityZone=zone)["Subnet"]["SubnetId"]
                   for octet, zone in zip(third_octets, ["us-east-1a", "us-east-1b"])]
        return vpc, subnets

    def test_hub_and_spoke(self):
        tgw = self.ec2.create_transit_gateway(
            Description="hub", Options={"AmazonSideAsn": 64620, "DnsSupport": "enable"},
            TagSpecifications=[{"ResourceType": "transit-gateway",
                                "Tags": [{"Key": "Name", "Value": "hub"}]}])["TransitGateway"]
        tgw_id = tgw["TransitGatewayId"]
        table = tgw["Options"]["AssociationDefaultRouteTableId"]
        wait_for(lambda: self.gateway_state(tgw_id), "available")

        attachments = {}
        for cidr, octets in (("10.90.0.0/16", (1, 2)), ("10.91.0.0/16", (1, 2))):
            vpc, subnets = self.spoke(cidr, octets)
            attachment = self.ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=tgw_id, VpcId=vpc, SubnetIds=subnets)["TransitGatewayVpcAttachment"]
            attachments[vpc] = attachment["TransitGatewayAttachmentId"]
            wait_for(lambda: self.attachment_state(attachment["TransitGatewayAttachmentId"]), "available")
            rtb = self.ec2.describe_route_tables(
                Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"][0]["RouteTableId"]
            self.ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8", TransitGatewayId=tgw_id)
            routes = self.ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"]
            self.assertIn(tgw_id, [r.get("TransitGatewayId") for r in routes])

        propagated = self.ec2.search_transit_gateway_routes(
            TransitGatewayRouteTableId=table,
            Filters=[{"Name": "type", "Values": ["propagated"]}])["Routes"]
        self.assertEqual(["10.90.0.0/16", "10.91.0.0/16"], sorted(r["DestinationCidrBlock"] for r in propagated))
        self.ec2.create_transit_gateway_route(TransitGatewayRouteTableId=table,
                                              DestinationCidrBlock="10.99.0.0/16", Blackhole=True)
        holes = self.ec2.search_transit_gateway_routes(
            TransitGatewayRouteTableId=table, Filters=[{"Name": "state", "Values": ["blackhole"]}])["Routes"]
        self.assertEqual(["10.99.0.0/16"], [r["DestinationCidrBlock"] for r in holes])

        pages = self.ec2.get_paginator("describe_transit_gateway_attachments").paginate(
            Filters=[{"Name": "transit-gateway-id", "Values": [tgw_id]}], PaginationConfig={"PageSize": 5})
        seen = [a["TransitGatewayAttachmentId"] for page in pages for a in page["TransitGatewayAttachments"]]
        self.assertEqual(sorted(attachments.values()), sorted(seen))
        self.assertEqual("IncorrectState", error_code(self.ec2.delete_transit_gateway, TransitGatewayId=tgw_id))

        for attachment in attachments.values():
            self.ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
            wait_for(lambda: self.attachment_state(attachment), "deleted")
        self.assertEqual("deleting",
                         self.ec2.delete_transit_gateway(TransitGatewayId=tgw_id)["TransitGateway"]["State"])
        wait_for(lambda: self.gateway_state(tgw_id), "deleted")

    def test_errors(self):
        self.assertEqual("InvalidTransitGatewayID.NotFound",
                         error_code(self.ec2.describe_transit_gateways, TransitGatewayIds=["tgw-0123456789abcdef0"]))
        self.assertEqual("InvalidRouteTableID.NotFound",
                         error_code(self.ec2.search_transit_gateway_routes,
                                    TransitGatewayRouteTableId="tgw-rtb-0123456789abcdef0",
                                    Filters=[{"Name": "type", "Values": ["static"]}]))
        self.assertEqual("DryRunOperation", error_code(self.ec2.create_transit_gateway, DryRun=True))
