package io.altostratus.core.ext;

import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;

/** Block volumes as resources of their own: made, attached to instances, detached, deleted. */
public interface Volumes extends Extension {
    Volume createVolume(VolumeSpec spec);

    List<Volume> volumes();

    /**
     * The volumes with these ids that exist (missing ids are left out). Providers that can look volumes up directly
     * answer without listing them all, so describing a few instances of a large fleet stays cheap.
     */
    List<Volume> volumes(Collection<String> ids);

    /** Attaches at {@code device}, or at the next free device when null. */
    Volume attachVolume(String volumeId, String instanceId, String device);

    Volume detachVolume(String volumeId, boolean force);

    void deleteVolume(String volumeId);
}
