package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;

/**
 * EC2's volume I/O settings: whether I/O resumes on its own after EC2 finds a volume's data possibly inconsistent
 * ({@code autoEnableIO}), and EnableVolumeIO to resume it. Volumes here are never found inconsistent, so I/O is
 * always enabled; the setting is kept. Unknown volumes fail with {@code NOT_FOUND} ({@code InvalidVolume.NotFound}).
 */
public interface VolumeIoSettings extends Extension {

    boolean autoEnableIo(String volumeId);

    void setAutoEnableIo(String volumeId, boolean autoEnableIo);

    /** Resumes I/O on the volume: it never stopped here, so this only checks that the volume exists. */
    void enableVolumeIo(String volumeId);
}
