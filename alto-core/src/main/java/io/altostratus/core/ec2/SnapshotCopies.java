package io.altostratus.core.ec2;

import io.altostratus.core.model.Snapshot;
import io.altostratus.core.spi.Extension;
import java.util.Map;

/** EC2's CopySnapshot: a new snapshot in this region with a completed snapshot's data, from this or another region. */
public interface SnapshotCopies extends Extension {

    /**
     * Copies the account's snapshot {@code sourceSnapshotId} of {@code sourceRegion} (null: this region) into this
     * region; the copy is {@code pending}, then {@code completed}. An unknown region fails with
     * {@code INVALID_PARAMETER}, an unknown snapshot with {@code NOT_FOUND}, one not yet completed with
     * {@code INVALID_STATE}.
     */
    Snapshot copySnapshot(String sourceRegion, String sourceSnapshotId, String description, Map<String, String> tags);
}
