package io.altostratus.local.internal;

import io.altostratus.core.ec2.VolumeModification;
import io.altostratus.core.ec2.VolumeModifications;
import io.altostratus.core.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Volume modifications. The volume takes its new size, type and IOPS at once (as EC2 reports them from the start);
 * the modification is stored with the times it becomes {@code optimizing} and {@code completed}, read through the
 * clock like instances. One document per volume: the latest change. An instance is a session's
 * {@link VolumeModifications}.
 */
public final class VolumeModificationOps implements VolumeModifications {
    static final String KIND = "local.volume-modification";
    private static final Set<String> USABLE = Set.of("available", "in-use");

    /** A modification as stored, with the times its state moves on. */
    public record ModDoc(VolumeModification modification, long optimizingAt, long completedAt) {
    }

    private final Session session;
    private final Env env;

    public VolumeModificationOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public VolumeModification modifyVolume(String volumeId, Integer sizeGiB, String type, Integer iops) {
        return session.write(tx -> {
            Volume volume = Lookup.volume(tx, env, volumeId);
            if (!USABLE.contains(volume.state())) {
                throw Errors.state("IncorrectState", "The volume '" + volumeId + "' is " + volume.state()
                        + "; only available and in-use volumes can be modified");
            }
            long now = env.now();
            VolumeModification last = tx.get(KIND, env.scope(), volumeId, ModDoc.class)
                    .map(d -> settled(d, now)).orElse(null);
            if (last != null && !VolumeModification.COMPLETED.equals(last.state())) {
                throw Errors.state("IncorrectModificationState", "Cannot modify volume " + volumeId
                        + ": its last modification is still " + last.state());
            }
            int size = sizeGiB == null ? volume.sizeGiB() : sizeGiB;
            if (size < volume.sizeGiB()) {
                throw Errors.invalidValue("New size cannot be smaller than existing size (" + volume.sizeGiB()
                        + " GiB)");
            }
            String newType = type == null ? volume.type() : type;
            boolean typeChanged = !newType.equals(volume.type());
            int newIops;
            if (iops != null && iops > 0) {
                newIops = iops;
            } else if (typeChanged || size != volume.sizeGiB()) {
                // The new type's (or, for gp2, the new size's) default, as a new volume would get.
                newIops = StorageOps.newVolume(tx, env, volume.zone(), size, newType, 0, volume.encrypted(), null,
                        java.util.Map.of(), null).iops();
            } else {
                newIops = volume.iops();
            }
            if (size == volume.sizeGiB() && !typeChanged && newIops == volume.iops()) {
                throw Errors.invalidValue("New and old volume parameters are the same for " + volumeId);
            }
            Volume changed = new Volume(volume.id(), volume.name(), volume.zone(), size, newType, newIops,
                    volume.encrypted(), volume.snapshotId(), volume.state(), volume.attachment(), volume.createTime(),
                    volume.tags());
            tx.put(Docs.VOLUME, env.scope(), volumeId, changed);
            long optimizingAt = env.settleTime();
            long completedAt = optimizingAt + (optimizingAt - now);
            VolumeModification mod = new VolumeModification(volumeId, VolumeModification.MODIFYING,
                    volume.sizeGiB(), size, volume.type(), newType, volume.iops(), newIops, 0, Env.instant(now), null);
            tx.put(KIND, env.scope(), volumeId, new ModDoc(mod, optimizingAt, completedAt));
            return mod;
        });
    }

    @Override
    public List<VolumeModification> volumeModifications() {
        return session.read(view -> {
            long now = env.now();
            List<VolumeModification> out = new ArrayList<>();
            for (ModDoc doc : view.list(KIND, env.scope(), ModDoc.class)) {
                // A deleted volume's record goes with it.
                if (view.get(Docs.VOLUME, env.scope(), doc.modification().volumeId(), Volume.class).isPresent()) {
                    out.add(settled(doc, now));
                }
            }
            return out;
        });
    }

    private static VolumeModification settled(ModDoc doc, long now) {
        VolumeModification m = doc.modification();
        if (now >= doc.completedAt()) {
            return m.withProgress(VolumeModification.COMPLETED, 100, Env.instant(doc.completedAt()));
        }
        if (now >= doc.optimizingAt()) {
            long span = Math.max(1, doc.completedAt() - doc.optimizingAt());
            return m.withProgress(VolumeModification.OPTIMIZING, 50 + 50 * (now - doc.optimizingAt()) / span, null);
        }
        return m;
    }
}
