/**
 * What only EC2 (and backends that imitate it, like the local cloud) has: the extensions for VPC plumbing, elastic
 * addresses, spot requests, DHCP options, egress-only internet gateways, VPC peering, VPC endpoints and
 * prefix lists, instance metadata options and instance attributes; their records; the EC2 details that
 * ride on portable records ({@link io.altostratus.core.ec2.Ec2InstanceDetails}); and EC2's id syntax
 * ({@link io.altostratus.core.ec2.Ec2Ids}), in one place for every EC2-shaped backend and the EC2 front.
 */
package io.altostratus.core.ec2;
