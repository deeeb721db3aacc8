package io.altostratus.core.ec2;

import io.altostratus.core.model.Architecture;
import java.util.List;
import java.util.Objects;

/**
 * What RegisterImage asks for: an EBS-backed image whose root device restores {@code devices}' entry for
 * {@code rootDeviceName}.
 *
 * @param name           the image name (3 to 128 characters, unique in the account and region)
 * @param description    free text, or null
 * @param architecture   what it boots on
 * @param rootDeviceName the device of the root volume, e.g. {@code /dev/xvda}
 * @param devices        the block device mappings; the root one must name a snapshot
 * @param bootMode       {@code legacy-bios}, {@code uefi} or {@code uefi-preferred}, or null
 * @param enaSupport     whether the image supports ENA
 */
public record ImageRegistration(String name, String description, Architecture architecture, String rootDeviceName,
                                List<ImageDevice> devices, String bootMode, boolean enaSupport) {
    public ImageRegistration {
        Objects.requireNonNull(rootDeviceName, "rootDeviceName");
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
