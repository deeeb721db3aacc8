package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Map;

/**
 * Writing EC2's network ACLs (reading them is {@link Ec2Networking#networkAcls()}): custom ACLs, their rules, and
 * which ACL each subnet uses. Errors carry EC2's codes: a rule number taken in that direction
 * ({@code NetworkAclEntryAlreadyExists}), a rule not there ({@code InvalidNetworkAclEntry.NotFound}), an ACL still
 * used by subnets ({@code DependencyViolation}).
 */
public interface NetworkAcls extends Extension {

    /** A new, non-default ACL of the network, holding only the catch-all deny rule in each direction. */
    NetworkAcl createNetworkAcl(String networkId, Map<String, String> tags);

    /** Deletes a custom ACL no subnet uses; the default one cannot be deleted. */
    void deleteNetworkAcl(String networkAclId);

    /** Adds a rule; its number (1..32766) must be free in its direction. */
    NetworkAcl createNetworkAclEntry(String networkAclId, NetworkAcl.Entry entry);

    /** Replaces the rule with the same number and direction. */
    NetworkAcl replaceNetworkAclEntry(String networkAclId, NetworkAcl.Entry entry);

    /** Removes a rule; the catch-all cannot be removed. */
    NetworkAcl deleteNetworkAclEntry(String networkAclId, int ruleNumber, boolean egress);

    /**
     * Moves a subnet's association to another ACL of the same network and returns the new association's id (as EC2
     * does, the old id stops existing).
     */
    String replaceNetworkAclAssociation(String associationId, String networkAclId);
}
