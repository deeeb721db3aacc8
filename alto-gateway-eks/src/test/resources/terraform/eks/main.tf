# An EKS cluster with one managed node group, as a user writes one, against alto's EKS endpoint.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

variable "subnets" {
  type = list(string)
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    eks = var.endpoint
  }
}

resource "aws_eks_cluster" "main" {
  name     = "tf-cluster"
  version  = "1.31"
  role_arn = "arn:aws:iam::000000000000:role/eks-cluster"
  vpc_config {
    subnet_ids = var.subnets
  }
  tags = { stack = "eks" }
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::000000000000:role/eks-node"
  subnet_ids      = var.subnets
  instance_types  = ["t3.medium"]
  labels          = { tier = "web" }
  scaling_config {
    desired_size = 2
    min_size     = 1
    max_size     = 3
  }
  tags = { stack = "eks" }
}

output "endpoint" {
  value = aws_eks_cluster.main.endpoint
}

output "status" {
  value = aws_eks_node_group.workers.status
}
