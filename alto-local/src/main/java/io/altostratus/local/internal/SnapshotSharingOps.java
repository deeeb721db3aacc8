package io.altostratus.local.internal;

import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.ec2.SnapshotSharing;
import io.altostratus.store.StateView;

/**
 * Create-volume permissions of snapshots, in a document beside each snapshot that has any (none means private).
 * An instance is a session's {@link SnapshotSharing}.
 */
public final class SnapshotSharingOps implements SnapshotSharing {
    static final String KIND = "local.snapshot-sharing";

    private final Session session;
    private final Env env;

    public SnapshotSharingOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    static SharingPermissions of(StateView view, Env env, String snapshotId) {
        return view.get(KIND, env.scope(), snapshotId, SharingPermissions.class).orElse(SharingPermissions.NONE);
    }

    @Override
    public SharingPermissions createVolumePermission(String snapshotId) {
        return session.read(view -> {
            Lookup.snapshot(view, env, snapshotId);
            return of(view, env, snapshotId);
        });
    }

    @Override
    public SharingPermissions modifyCreateVolumePermission(String snapshotId, SharingPermissions add,
                                                           SharingPermissions remove) {
        return session.write(tx -> {
            Lookup.snapshot(tx, env, snapshotId);
            SharingPermissions next = Sharing.apply(of(tx, env, snapshotId), add, remove);
            tx.put(KIND, env.scope(), snapshotId, next);
            return next;
        });
    }

    @Override
    public SharingPermissions resetCreateVolumePermission(String snapshotId) {
        return session.write(tx -> {
            Lookup.snapshot(tx, env, snapshotId);
            tx.delete(KIND, env.scope(), snapshotId);
            return SharingPermissions.NONE;
        });
    }
}
