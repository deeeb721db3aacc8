package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A named, versioned set of launch parameters (an EC2 launch template).
 *
 * @param id             e.g. {@code lt-0123456789abcdef0}
 * @param name           unique in the account and region
 * @param defaultVersion the version used when a launch names none, or {@code $Default}
 * @param latestVersion  the highest version number
 * @param createTime     when it was made
 * @param createdBy      the ARN of the principal that made it
 * @param tags           tags
 */
public record LaunchTemplate(String id, String name, long defaultVersion, long latestVersion, Instant createTime,
                             String createdBy, Map<String, String> tags) {
    public LaunchTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        tags = Tags.copy(tags);
    }

    public LaunchTemplate withVersions(long newDefault, long newLatest) {
        return new LaunchTemplate(id, name, newDefault, newLatest, createTime, createdBy, tags);
    }

    public LaunchTemplate withTags(Map<String, String> newTags) {
        return new LaunchTemplate(id, name, defaultVersion, latestVersion, createTime, createdBy, newTags);
    }
}
