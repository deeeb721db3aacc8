package io.altostratus.core.ext;

import io.altostratus.core.model.Snapshot;
import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/** Point-in-time copies of volumes. */
public interface Snapshots extends Extension {
    Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags);

    List<Snapshot> snapshots();

    void deleteSnapshot(String snapshotId);
}
