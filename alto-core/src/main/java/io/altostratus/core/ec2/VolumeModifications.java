package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;

/** EC2's elastic volumes: changing a volume's size, type or IOPS in place, and the record of each change. */
public interface VolumeModifications extends Extension {

    /**
     * Changes the volume; null leaves that property as it is, and {@code iops} 0 asks for the type's default. An
     * unknown volume fails with {@code NOT_FOUND}; a smaller size or no change at all with
     * {@code INVALID_PARAMETER}; a volume whose last change is still {@code modifying} or {@code optimizing} with
     * {@code INVALID_STATE} ({@code IncorrectModificationState}).
     */
    VolumeModification modifyVolume(String volumeId, Integer sizeGiB, String type, Integer iops);

    /** The latest change of each volume that has been changed. */
    List<VolumeModification> volumeModifications();
}
