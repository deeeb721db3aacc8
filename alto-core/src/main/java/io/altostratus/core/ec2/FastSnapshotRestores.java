package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;

/**
 * EBS fast snapshot restores, per snapshot and zone. Enabling and disabling take every pair of the given snapshots
 * and zones and answer each pair on its own (EC2's successful and unsuccessful lists), in one transaction.
 */
public interface FastSnapshotRestores extends Extension {

    /**
     * Starts enabling each pair: one already on answers its current state; an unknown snapshot fails that pair with
     * {@code InvalidSnapshot.NotFound}, a snapshot not yet completed with {@code IncorrectState}. An unknown zone
     * fails the whole call with {@code INVALID_PARAMETER}.
     */
    List<FastSnapshotRestore.Outcome> enableFastSnapshotRestores(Collection<String> zones,
                                                                 Collection<String> snapshotIds);

    /** Starts disabling each pair; a pair that is not on fails with {@code IncorrectState}. */
    List<FastSnapshotRestore.Outcome> disableFastSnapshotRestores(Collection<String> zones,
                                                                  Collection<String> snapshotIds);

    /** Every pair that is on, or was disabled within the last hour. */
    List<FastSnapshotRestore> fastSnapshotRestores();
}
