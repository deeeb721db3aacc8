package io.altostratus.local.internal;

import io.altostratus.core.ec2.VolumeIoSettings;

/**
 * Volumes' autoEnableIO setting, kept in a document of its own per volume (absent means EC2's default, off). The
 * local cloud never finds a volume inconsistent, so I/O is never suspended. An instance is a session's
 * {@link VolumeIoSettings}.
 */
public final class VolumeIoOps implements VolumeIoSettings {
    static final String KIND = "local.volume-io";

    /** One volume's setting. */
    public record VolumeIoDoc(String volumeId, boolean autoEnableIo) {
    }

    private final Session session;
    private final Env env;

    public VolumeIoOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public boolean autoEnableIo(String volumeId) {
        return session.read(view -> {
            Lookup.volume(view, env, volumeId);
            return view.get(KIND, env.scope(), volumeId, VolumeIoDoc.class).map(VolumeIoDoc::autoEnableIo)
                    .orElse(false);
        });
    }

    @Override
    public void setAutoEnableIo(String volumeId, boolean autoEnableIo) {
        session.update(tx -> {
            Lookup.volume(tx, env, volumeId);
            if (autoEnableIo) {
                tx.put(KIND, env.scope(), volumeId, new VolumeIoDoc(volumeId, true));
            } else {
                tx.delete(KIND, env.scope(), volumeId);
            }
        });
    }

    @Override
    public void enableVolumeIo(String volumeId) {
        session.read(view -> Lookup.volume(view, env, volumeId));
    }
}
