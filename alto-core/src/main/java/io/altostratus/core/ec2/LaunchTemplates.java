package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * EC2's launch templates and their versions. Errors carry EC2's codes: a name taken
 * ({@code InvalidLaunchTemplateName.AlreadyExistsException}), an unknown template
 * ({@code InvalidLaunchTemplateId.NotFound}, {@code InvalidLaunchTemplateName.NotFoundException}), an unknown
 * version ({@code InvalidLaunchTemplateId.VersionNotFound}).
 */
public interface LaunchTemplates extends Extension {

    /** Makes a template with version 1 holding {@code data}, its default and latest version. */
    LaunchTemplateVersion createLaunchTemplate(String name, String description, Map<String, String> data,
                                               Map<String, String> tags);

    /**
     * Adds the next version. With {@code sourceVersion} (a number, or null), the new version starts from that
     * version's data and {@code data} overrides it member by member; without, it holds {@code data} alone.
     */
    LaunchTemplateVersion createLaunchTemplateVersion(String templateId, Long sourceVersion, String description,
                                                      Map<String, String> data);

    List<LaunchTemplate> launchTemplates();

    /** The versions of one template, oldest first. */
    List<LaunchTemplateVersion> launchTemplateVersions(String templateId);

    /** Makes {@code version} the default one. */
    LaunchTemplate setDefaultVersion(String templateId, long version);

    /** Deletes a template and all its versions. */
    LaunchTemplate deleteLaunchTemplate(String templateId);

    /**
     * Deletes the given versions and answers those it could not delete with EC2's reason (the default version
     * cannot be deleted this way, an unknown one is not found), keyed by version number.
     */
    Map<Long, String> deleteLaunchTemplateVersions(String templateId, Collection<Long> versions);
}
