package io.altostratus.core.ext;

import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.core.spi.Extension;
import java.util.List;

/** Named sets of firewall rules that instances are members of. */
public interface SecurityGroups extends Extension {
    SecurityGroup createSecurityGroup(SecurityGroupSpec spec);

    List<SecurityGroup> securityGroups();

    /** Adds rules; a rule that is already there fails with {@code ALREADY_EXISTS}. */
    SecurityGroup authorize(String groupId, boolean ingress, List<SecurityRule> rules);

    /** Removes rules; a rule that is not there fails with {@code NOT_FOUND}. */
    SecurityGroup revoke(String groupId, boolean ingress, List<SecurityRule> rules);

    void deleteSecurityGroup(String groupId);
}
