package io.altostratus.core.ec2;

import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * EC2's changes to rules in place: ModifySecurityGroupRules (by rule id, keeping the id) and the rule description
 * updates. Unknown rule ids fail with {@code NOT_FOUND} ({@code InvalidSecurityGroupRuleId.NotFound}); a rule that
 * matches no grant with {@code NOT_FOUND} ({@code InvalidPermission.NotFound}).
 */
public interface SecurityGroupRuleEdits extends Extension {

    /** Replaces each rule named by id with its new one-peer definition; every rule keeps its id and direction. */
    List<SecurityGroupRule> modifyRules(String groupId, Map<String, SecurityRule> byRuleId);

    /** Sets the descriptions of the group's grants that match {@code grants} (description aside). */
    List<SecurityGroupRule> updateDescriptions(String groupId, boolean egress, List<SecurityRule> grants);

    /** Sets the descriptions of the group's rules by rule id. */
    List<SecurityGroupRule> updateDescriptionsById(String groupId, boolean egress, Map<String, String> byRuleId);
}
