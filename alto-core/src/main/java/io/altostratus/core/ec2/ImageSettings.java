package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.List;

/**
 * What EC2 says of an image beyond the portable {@link io.altostratus.core.model.Image}: who may launch it, when it
 * is deprecated, and what RegisterImage set.
 *
 * @param imageId           the image
 * @param launchPermissions who else may launch it
 * @param deprecationTime   when it is (or was) deprecated, or null
 * @param bootMode          the boot mode RegisterImage gave, or null for the backend's default
 * @param enaSupport        whether it supports ENA, or null for the backend's default
 * @param devices           the block device mappings RegisterImage gave (empty: the backend's own view)
 */
public record ImageSettings(String imageId, SharingPermissions launchPermissions, Instant deprecationTime,
                            String bootMode, Boolean enaSupport, List<ImageDevice> devices) {
    public ImageSettings {
        launchPermissions = launchPermissions == null ? SharingPermissions.NONE : launchPermissions;
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** An image nothing has been said about. */
    public static ImageSettings none(String imageId) {
        return new ImageSettings(imageId, SharingPermissions.NONE, null, null, null, List.of());
    }
}
