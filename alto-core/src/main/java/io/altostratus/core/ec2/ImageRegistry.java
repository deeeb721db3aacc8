package io.altostratus.core.ec2;

import io.altostratus.core.model.Image;
import io.altostratus.core.spi.Extension;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * EC2's image operations beyond create, describe and deregister: RegisterImage (from snapshots), CopyImage,
 * launch permissions, description changes and deprecation. Changing an image the account does not own fails with
 * {@code AUTH_FAILURE}; unknown images with {@code NOT_FOUND} ({@code InvalidAMIID.NotFound}).
 */
public interface ImageRegistry extends Extension {

    /**
     * Registers an image of the account from its snapshots; it is {@code available} at once (its data is already
     * there) and launches like any other. An unknown snapshot fails with {@code NOT_FOUND}, a taken name with
     * {@code ALREADY_EXISTS} ({@code InvalidAMIName.Duplicate}).
     */
    Image registerImage(ImageRegistration registration, Map<String, String> tags);

    /**
     * Copies an image the account may launch, from {@code sourceRegion} (null: this one) into this region with a
     * new id: {@code pending}, then {@code available}. The copy belongs to the account.
     */
    Image copyImage(String sourceRegion, String sourceImageId, String name, String description,
                    Map<String, String> tags);

    /** What is known of these images (every image with something said about it when {@code imageIds} is empty). */
    Map<String, ImageSettings> imageSettings(Collection<String> imageIds);

    /** Grants {@code add}, then withdraws {@code remove}, from the image's launch permissions. */
    ImageSettings modifyLaunchPermission(String imageId, SharingPermissions add, SharingPermissions remove);

    /** Withdraws every launch permission. */
    ImageSettings resetLaunchPermission(String imageId);

    /** Changes the image's description. */
    Image setImageDescription(String imageId, String description);

    /** Deprecates the image at {@code at}, or undoes the deprecation when {@code at} is null. */
    ImageSettings setDeprecation(String imageId, Instant at);
}
