package io.altostratus.core.ext;

import io.altostratus.core.model.Volume;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
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

    /**
     * One page of {@link #volumes()} in id order, from after the cursor (the last id of the page before). This
     * default cuts the page from the whole listing; a provider that can walk its volumes from a cursor overrides it
     * so that a page costs what it holds.
     */
    default Page<Volume> volumes(PageRequest page) {
        return Page.of(volumes(), page, Volume::id);
    }

    /**
     * One page of the volumes that carry at least one tag, in id order from after the cursor: what a listing of
     * tags walks. This default reads {@link #volumes(PageRequest)} and skips the untagged; a provider that keeps
     * track of which volumes are tagged overrides it, so that skipping a large fleet's untagged volumes costs nothing.
     */
    default Page<Volume> taggedVolumes(PageRequest page) {
        return Page.filtered(this::volumes, page, v -> !v.tags().isEmpty(), Volume::id);
    }

    /** Attaches at {@code device}, or at the next free device when null. */
    Volume attachVolume(String volumeId, String instanceId, String device);

    Volume detachVolume(String volumeId, boolean force);

    void deleteVolume(String volumeId);
}
