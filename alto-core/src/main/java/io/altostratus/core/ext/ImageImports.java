package io.altostratus.core.ext;

import io.altostratus.core.model.Image;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.core.spi.Extension;

/**
 * Turns a cloud image file or URL into an image the provider launches from: on hypervisors (Proxmox, vSphere) a
 * template made once, after which {@code ubuntu:24.04} resolves to it. The call returns when the image is
 * available; a failed import leaves nothing half-made behind.
 */
public interface ImageImports extends Extension {
    Image importImage(ImageImportSpec spec);
}
