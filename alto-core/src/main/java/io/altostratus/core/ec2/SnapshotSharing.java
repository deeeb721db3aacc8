package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;

/**
 * EC2's snapshot attributes: the create-volume permissions of an account's snapshots (Describe, Modify and
 * ResetSnapshotAttribute). Unknown or malformed snapshot ids fail with {@code NOT_FOUND} or
 * {@code INVALID_PARAMETER} and EC2's codes.
 */
public interface SnapshotSharing extends Extension {

    /** Who may make volumes from the snapshot besides its owner. */
    SharingPermissions createVolumePermission(String snapshotId);

    /**
     * Grants {@code add}, then withdraws {@code remove}, and returns the result. Account ids must be 12 digits
     * ({@code INVALID_PARAMETER} otherwise).
     */
    SharingPermissions modifyCreateVolumePermission(String snapshotId, SharingPermissions add,
                                                    SharingPermissions remove);

    /** Withdraws every permission: the snapshot is private again. */
    SharingPermissions resetCreateVolumePermission(String snapshotId);
}
