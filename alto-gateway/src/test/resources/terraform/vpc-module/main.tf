# What the community VPC module makes, written out: public and private subnets over three zones, a NAT gateway with
# an elastic IP in each zone, one public route table and a private one per zone, a network ACL for the private
# subnets, security groups that reference each other, a launch template and instances launched from it, and EBS
# volumes attached to them.
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
    tags = { stack = "vpc-module" }
  }
}

locals {
  zones   = ["us-east-1a", "us-east-1b", "us-east-1c"]
  public  = ["10.40.0.0/24", "10.40.1.0/24", "10.40.2.0/24"]
  private = ["10.40.10.0/24", "10.40.11.0/24", "10.40.12.0/24"]
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd*/ubuntu-noble-24.04-amd64-server-*"]
  }
  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "module-vpc" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "module-igw" }
}

resource "aws_subnet" "public" {
  count                   = length(local.zones)
  vpc_id                  = aws_vpc.this.id
  cidr_block              = local.public[count.index]
  availability_zone       = local.zones[count.index]
  map_public_ip_on_launch = true
  tags                    = { Name = "public-${local.zones[count.index]}", tier = "public" }
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.private[count.index]
  availability_zone = local.zones[count.index]
  tags              = { Name = "private-${local.zones[count.index]}", tier = "private" }
}

resource "aws_eip" "nat" {
  count      = length(local.zones)
  domain     = "vpc"
  tags       = { Name = "nat-${local.zones[count.index]}" }
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  count         = length(local.zones)
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = { Name = "nat-${local.zones[count.index]}" }
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  count  = length(local.zones)
  vpc_id = aws_vpc.this.id
  tags   = { Name = "private-${local.zones[count.index]}" }
}

resource "aws_route" "private_nat" {
  count                  = length(local.zones)
  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[count.index].id
}

resource "aws_route_table_association" "private" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.private[*].id
  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "10.40.0.0/16"
    from_port  = 0
    to_port    = 0
  }
  ingress {
    rule_no    = 200
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  tags = { Name = "private" }
}

resource "aws_security_group" "lb" {
  name        = "lb"
  description = "load balancer"
  vpc_id      = aws_vpc.this.id
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
  vpc_id      = aws_vpc.this.id
}

resource "aws_security_group_rule" "lb_in_https" {
  type              = "ingress"
  security_group_id = aws_security_group.lb.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "lb_to_app" {
  type                     = "egress"
  security_group_id        = aws_security_group.lb.id
  protocol                 = "tcp"
  from_port                = 8080
  to_port                  = 8080
  source_security_group_id = aws_security_group.app.id
}

resource "aws_security_group_rule" "app_from_lb" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  protocol                 = "tcp"
  from_port                = 8080
  to_port                  = 8080
  source_security_group_id = aws_security_group.lb.id
}

resource "aws_security_group_rule" "app_out" {
  type              = "egress"
  security_group_id = aws_security_group.app.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

# No user_data and no instance tag_specifications here: an instance launched from such a template carries that user
# data and those tags (on EC2 as here), and the provider then plans a change on every run (it re-hashes user data it
# did not set, and wants tags it did not set removed), a clean second plan being impossible even against AWS.
resource "aws_launch_template" "app" {
  name_prefix            = "app-"
  description            = "application servers"
  image_id               = data.aws_ami.ubuntu.id
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.app.id]
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  tag_specifications {
    resource_type = "volume"
    tags          = { role = "app" }
  }
}

resource "aws_instance" "app" {
  count     = length(local.zones)
  subnet_id = aws_subnet.private[count.index].id
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
  tags = { Name = "app-${count.index}" }
}

resource "aws_ebs_volume" "data" {
  count             = length(local.zones)
  availability_zone = local.zones[count.index]
  size              = 20
  type              = "gp3"
  tags              = { Name = "data-${count.index}" }
}

resource "aws_volume_attachment" "data" {
  count       = length(local.zones)
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data[count.index].id
  instance_id = aws_instance.app[count.index].id
}
