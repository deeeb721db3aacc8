/**
 * What only EC2 (and backends that imitate it, like the local cloud) has, in one place for every EC2-shaped backend
 * and the EC2 front:
 * <ul>
 *   <li>VPC plumbing: elastic addresses, NAT, internet and egress-only gateways, DHCP options, VPC peering, VPC
 *       endpoints and prefix lists, network ACLs, secondary and IPv6 CIDR blocks, interface addressing, default
 *       VPCs, carrier gateways, flow logs, transit gateways (attachments, peering, route tables) and site-to-site
 *       VPN (customer and virtual private gateways, connections, route propagation);</li>
 *   <li>instances: spot requests, EC2 fleets and spot fleets, launch templates, placement groups, metadata
 *       options and attributes, monitoring, placement and IAM instance profiles, event notification tags,
 *       Dedicated Hosts, capacity reservations;</li>
 *   <li>images and storage: image registration and sharing, snapshot sharing and copies, volume modifications
 *       and I/O settings, EBS encryption defaults, fast snapshot restores;</li>
 *   <li>security group rule edits in place, and account settings (serial console, metadata and credit
 *       defaults);</li>
 * </ul>
 * their records; the EC2 details that ride on portable records ({@link io.altostratus.core.ec2.Ec2InstanceDetails});
 * and EC2's id syntax ({@link io.altostratus.core.ec2.Ec2IdKind}).
 */
package io.altostratus.core.ec2;
