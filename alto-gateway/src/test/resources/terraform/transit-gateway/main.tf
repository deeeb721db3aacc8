# A hub-and-spoke network as a Terraform user writes one: a transit gateway, two VPCs attached through a subnet in
# each of two zones, a second route table the spokes associate with (off the default one), propagation into it, a
# static and a blackhole route, and the VPCs' routes to the gateway.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
  default_tags {
    tags = { stack = "transit-gateway" }
  }
}

locals {
  spokes = {
    app  = "10.110.0.0/16"
    data = "10.111.0.0/16"
  }
  zones = ["us-east-1a", "us-east-1b"]
}

resource "aws_ec2_transit_gateway" "hub" {
  description     = "hub"
  amazon_side_asn = 64620
  tags            = { Name = "hub" }
}

resource "aws_vpc" "spoke" {
  for_each   = local.spokes
  cidr_block = each.value
  tags       = { Name = each.key }
}

resource "aws_subnet" "spoke" {
  for_each = {
    for pair in setproduct(keys(local.spokes), range(length(local.zones))) :
    "${pair[0]}-${pair[1]}" => { spoke = pair[0], index = pair[1] }
  }
  vpc_id            = aws_vpc.spoke[each.value.spoke].id
  cidr_block        = cidrsubnet(local.spokes[each.value.spoke], 8, each.value.index)
  availability_zone = local.zones[each.value.index]
}

resource "aws_ec2_transit_gateway_route_table" "spokes" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "spokes" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {
  for_each                                        = local.spokes
  transit_gateway_id                              = aws_ec2_transit_gateway.hub.id
  vpc_id                                          = aws_vpc.spoke[each.key].id
  subnet_ids                                      = [for i in range(length(local.zones)) : aws_subnet.spoke["${each.key}-${i}"].id]
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags                                            = { Name = each.key }
}

resource "aws_ec2_transit_gateway_route_table_association" "spoke" {
  for_each                       = local.spokes
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.spoke[each.key].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "spoke" {
  for_each                       = local.spokes
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.spoke[each.key].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
}

resource "aws_ec2_transit_gateway_route" "onprem" {
  destination_cidr_block         = "172.16.0.0/12"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.spoke["data"].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
}

resource "aws_ec2_transit_gateway_route" "quarantine" {
  destination_cidr_block         = "10.199.0.0/16"
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
}

resource "aws_route_table" "spoke" {
  for_each = local.spokes
  vpc_id   = aws_vpc.spoke[each.key].id
}

resource "aws_route" "to_hub" {
  for_each               = local.spokes
  route_table_id         = aws_route_table.spoke[each.key].id
  destination_cidr_block = "10.0.0.0/8"
  transit_gateway_id     = aws_ec2_transit_gateway.hub.id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.spoke]
}
