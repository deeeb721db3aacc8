package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a launch template. Its launch parameters are kept in EC2's Query form, the members of
 * {@code RequestLaunchTemplateData} flattened as EC2 sends them ({@code ImageId}, {@code SecurityGroupId.1},
 * {@code MetadataOptions.HttpTokens}, ...): the set of parameters is EC2's and wide, and every EC2-shaped backend
 * and front already speaks that form, so no second model of it is written.
 *
 * @param templateId    the template
 * @param templateName  its name
 * @param versionNumber 1, 2, ...
 * @param description   the version's description, or null
 * @param createTime    when it was made
 * @param createdBy     the ARN of the principal that made it
 * @param data          the launch parameters in Query form
 */
public record LaunchTemplateVersion(String templateId, String templateName, long versionNumber, String description,
                                    Instant createTime, String createdBy, Map<String, String> data) {
    public LaunchTemplateVersion {
        Objects.requireNonNull(templateId, "templateId");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
