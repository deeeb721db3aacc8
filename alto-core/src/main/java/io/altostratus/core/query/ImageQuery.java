package io.altostratus.core.query;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.util.List;
import java.util.Set;

/**
 * Which images to list. Empty criteria match everything. {@code owners} takes account ids or the aliases
 * {@code self}, {@code amazon} and {@code canonical}.
 *
 * @param ids          image ids
 * @param owners       owner account ids or aliases
 * @param namePattern  image name with EC2 wildcards, or null
 * @param distro       normalised distro ({@code ubuntu}, {@code debian}, {@code amazon-linux}), or null
 * @param release      distro release, or null
 * @param architecture architecture, or null
 * @param tags         tag filters
 */
public record ImageQuery(Set<String> ids, Set<String> owners, String namePattern, String distro, String release,
                         Architecture architecture, List<TagFilter> tags) {
    public ImageQuery {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
        owners = owners == null ? Set.of() : Set.copyOf(owners);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ImageQuery all() {
        return new ImageQuery(null, null, null, null, null, null, null);
    }

    public static ImageQuery distro(String distro, String release, Architecture architecture) {
        return new ImageQuery(null, null, null, distro, release, architecture, null);
    }

    /** Matches every criterion but {@code owners}, whose aliases only the provider can resolve. */
    public boolean matchesIgnoringOwner(Image image) {
        if (!ids.isEmpty() && !ids.contains(image.id())) {
            return false;
        }
        if (namePattern != null && !Glob.matches(namePattern, image.name())) {
            return false;
        }
        if (distro != null && !distro.equalsIgnoreCase(image.distro())) {
            return false;
        }
        if (release != null && !release.equalsIgnoreCase(image.release())) {
            return false;
        }
        if (architecture != null && architecture != image.architecture()) {
            return false;
        }
        for (TagFilter filter : tags) {
            if (!filter.matches(image.tags())) {
                return false;
            }
        }
        return true;
    }
}
