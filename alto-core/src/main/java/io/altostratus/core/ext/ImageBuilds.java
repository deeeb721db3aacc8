package io.altostratus.core.ext;

import io.altostratus.core.model.Image;
import io.altostratus.core.spi.Extension;
import java.util.Map;

/**
 * Builds launchable images from a distribution's packages, with nothing but its package mirror (no cloud image
 * download). The qemu provider offers it (a small Debian image made with mmdebstrap, booted by direct kernel boot).
 */
public interface ImageBuilds extends Extension {
    /**
     * Builds (or takes from the build cache) the image an alias names, {@code debian:12}, and registers it; an image
     * of the same recipe already registered is returned as it is.
     *
     * @throws io.altostratus.core.error.AltoException INVALID_PARAMETER for an alias no recipe exists for,
     *         UNSUPPORTED when the build tools are missing
     */
    Image buildImage(String alias, Map<String, String> tags);
}
