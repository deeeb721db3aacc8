package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Volume;
import io.altostratus.core.model.VolumeAttachment;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Volumes and snapshots. Volumes are available at once; snapshots complete after the transition delay. An instance
 * is a session's {@link Volumes} and {@link Snapshots}; the static methods are the steps launches and images share.
 */
public final class StorageOps implements Volumes, Snapshots {
    private static final Set<String> VOLUME_TYPES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard");
    private static final Pattern DEVICE = Pattern.compile("/dev/(sd|xvd|hd)[a-z]{1,2}[0-9]{0,2}");

    private final Session session;
    private final Env env;

    public StorageOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- volumes --------------------------------------------------------------------------------------------

    @Override
    public Volume createVolume(VolumeSpec spec) {
        TagOps.validate(spec.tags());
        return session.write(tx -> {
            if (env.zone(spec.zone()) == null) {
                throw Errors.invalid("InvalidZone.NotFound", "The zone '" + spec.zone() + "' does not exist in "
                        + env.region());
            }
            Volume volume = newVolume(tx, env, spec.zone(), spec.sizeGiB(), spec.type(), spec.iops(),
                    spec.encrypted(), spec.snapshotId(), spec.tags(), null);
            tx.put(Docs.VOLUME, env.scope(), volume.id(), volume);
            return volume;
        });
    }

    /** A new volume (not stored): its size comes from the snapshot when not given, and may not be smaller. */
    static Volume newVolume(StateView view, Env env, String zone, int sizeGiB, String type, int iops, boolean encrypted,
                            String snapshotId, Map<String, String> tags, VolumeAttachment attachment) {
        if (!VOLUME_TYPES.contains(type)) {
            throw Errors.invalidValue("Value (" + type + ") for parameter volumeType is invalid (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(VOLUME_TYPES)) + ")");
        }
        int size = sizeGiB;
        if (snapshotId != null) {
            Snapshot snapshot = Lookup.snapshot(view, env, snapshotId).snapshot();
            if (size <= 0) {
                size = snapshot.sizeGiB();
            } else if (size < snapshot.sizeGiB()) {
                throw Errors.invalidValue("The size of the volume (" + size + " GiB) is smaller than the snapshot "
                        + snapshotId + " (" + snapshot.sizeGiB() + " GiB)");
            }
        }
        if (size < 1) {
            throw Errors.invalidValue("volume size must be at least 1 GiB");
        }
        int effectiveIops = iops > 0 ? iops : switch (type) {
            case "gp3", "io1", "io2" -> 3000;
            case "gp2" -> Math.min(16000, Math.max(100, 3 * size));
            default -> 0;
        };
        // The account's EBS encryption by default covers every new volume, launch volumes included, as in EC2.
        boolean encrypt = encrypted || EbsEncryptionOps.current(view, env).byDefault();
        return new Volume(Ec2IdKind.VOLUME.mint(), tags.get(Tags.NAME), zone, size, type, effectiveIops, encrypt,
                snapshotId, attachment == null ? "available" : "in-use", attachment, Env.instant(env.now()), tags);
    }

    @Override
    public List<Volume> volumes() {
        return session.read(view -> view.list(Docs.VOLUME, env.scope(), Volume.class));
    }

    /** A walk of the stored volumes in id order from the cursor: a page reads what it holds. */
    @Override
    public Page<Volume> volumes(PageRequest page) {
        return session.read(view -> Page.take(view.scan(Docs.VOLUME, env.scope(), Volume.class, page.cursor()), page,
                Volume::id));
    }

    /** A walk of the tagged volumes' index from the cursor: the untagged cost nothing to skip. */
    @Override
    public Page<Volume> taggedVolumes(PageRequest page) {
        return session.read(view -> Page.take(TaggedIndex.walk(view, Docs.VOLUME, env.scope(), Volume.class,
                page.cursor()), page, Volume::id));
    }

    /** Each volume asked for read by its id, so the cost follows the ids, not the account's volumes. */
    @Override
    public List<Volume> volumes(Collection<String> ids) {
        return session.read(view -> Lookup.byIds(view, env, Docs.VOLUME, ids, Volume.class));
    }

    /** The next free device of an instance, from /dev/sdf on, as the EC2 console suggests them. */
    static String nextDevice(Collection<String> used) {
        for (char c = 'f'; c <= 'z'; c++) {
            String device = "/dev/sd" + c;
            if (!used.contains(device) && !used.contains("/dev/xvd" + c)) {
                return device;
            }
        }
        throw Errors.invalid("AttachmentLimitExceeded", "no free device name is left on the instance");
    }

    static void checkDevice(String device, Collection<String> used, String instanceId) {
        if (!DEVICE.matcher(device).matches()) {
            throw Errors.invalidValue("Value (" + device + ") for parameter device is invalid. " + device
                    + " is not a valid EBS device name.");
        }
        if (used.contains(device)) {
            throw Errors.invalidValue("Invalid value '" + device + "' for unixDevice. Attachment point " + device
                    + " is already in use" + (instanceId == null ? "" : " on " + instanceId));
        }
    }

    @Override
    public Volume attachVolume(String volumeId, String instanceId, String device) {
        return session.write(tx -> {
            Volume volume = Lookup.volume(tx, env, volumeId);
            InstanceDoc instance = Lookup.instance(tx, env, instanceId);
            if (Transitions.isGoingOrGone(instance.state())) {
                throw Errors.incorrectInstanceState(instanceId, instance.state(), "attached to");
            }
            if (volume.attachment() != null) {
                throw Errors.state("VolumeInUse", volumeId + " is already attached to an instance");
            }
            if (!volume.zone().equals(instance.zone())) {
                throw Errors.invalid("InvalidVolume.ZoneMismatch", "The volume '" + volumeId + "' is not in the same "
                        + "availability zone as instance '" + instanceId + "'");
            }
            List<String> used = instance.blockDevices().stream().map(BlockDevice::deviceName).toList();
            String chosen = device == null ? nextDevice(used) : device;
            checkDevice(chosen, used, instanceId);
            Volume attached = volume.withAttachment("in-use",
                    new VolumeAttachment(instanceId, chosen, "attached", false, Env.instant(env.now())));
            tx.put(Docs.VOLUME, env.scope(), volumeId, attached);
            List<BlockDevice> devices = new ArrayList<>(instance.blockDevices());
            devices.add(new BlockDevice(chosen, volumeId, false));
            tx.put(Docs.INSTANCE, env.scope(), instanceId,
                    instance.withDevices(devices, instance.networkInterfaceIds()));
            return attached;
        });
    }

    @Override
    public Volume detachVolume(String volumeId, boolean force) {
        return session.write(tx -> {
            Volume volume = Lookup.volume(tx, env, volumeId);
            if (volume.attachment() == null) {
                throw Errors.state("IncorrectState", "Volume '" + volumeId + "' is in the 'available' state");
            }
            String instanceId = volume.attachment().instanceId();
            InstanceDoc instance = tx.get(Docs.INSTANCE, env.scope(), instanceId, InstanceDoc.class)
                    .map(d -> Transitions.settle(d, env.now())).orElse(null);
            if (instance != null && volume.attachment().device().equals(instance.rootDeviceName()) && !force
                    && instance.state() != InstanceState.STOPPED) {
                throw Errors.state("IncorrectState", "Unable to detach root volume '" + volumeId
                        + "' from instance '" + instanceId + "' unless it is stopped");
            }
            return detachFromInstance(tx, env, volume, instance);
        });
    }

    private static Volume detachFromInstance(StateTx tx, Env env, Volume volume, InstanceDoc instance) {
        if (instance != null) {
            List<BlockDevice> devices = new ArrayList<>(instance.blockDevices());
            devices.removeIf(d -> d.volumeId().equals(volume.id()));
            tx.put(Docs.INSTANCE, env.scope(), instance.id(), instance.withDevices(devices, instance.networkInterfaceIds()));
        }
        Volume detached = volume.withAttachment("available", null);
        tx.put(Docs.VOLUME, env.scope(), volume.id(), detached);
        return detached;
    }

    @Override
    public void deleteVolume(String volumeId) {
        session.update(tx -> {
            Volume volume = Lookup.volume(tx, env, volumeId);
            if (volume.attachment() != null) {
                throw Errors.state("VolumeInUse", "Volume " + volumeId + " is currently attached to "
                        + volume.attachment().instanceId());
            }
            tx.delete(Docs.VOLUME, env.scope(), volumeId);
        });
    }

    // ---- snapshots ------------------------------------------------------------------------------------------

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> view(putSnapshot(tx, env, Lookup.volume(tx, env, volumeId), description, tags),
                env.now()));
    }

    static SnapshotDoc putSnapshot(StateTx tx, Env env, Volume volume, String description, Map<String, String> tags) {
        Snapshot snapshot = new Snapshot(Ec2IdKind.SNAPSHOT.mint(), volume.id(), volume.sizeGiB(), "pending", 0,
                description == null ? "" : description, env.account(), Env.instant(env.now()), tags);
        SnapshotDoc doc = new SnapshotDoc(snapshot, env.settleTime());
        tx.put(Docs.SNAPSHOT, env.scope(), snapshot.id(), doc);
        return doc;
    }

    public static Snapshot view(SnapshotDoc doc, long now) {
        Snapshot s = doc.snapshot();
        if (!"pending".equals(s.state()) || now < doc.settlesAt()) {
            return s;
        }
        return new Snapshot(s.id(), s.volumeId(), s.sizeGiB(), "completed", 100, s.description(), s.ownerId(),
                s.startTime(), s.tags());
    }

    @Override
    public List<Snapshot> snapshots() {
        return session.read(view -> {
            long now = env.now();
            return view.list(Docs.SNAPSHOT, env.scope(), SnapshotDoc.class).stream().map(d -> view(d, now)).toList();
        });
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        session.update(tx -> {
            Lookup.snapshot(tx, env, snapshotId);
            for (ImageDoc image : tx.list(Docs.IMAGE, env.scope(), ImageDoc.class)) {
                Image i = image.image();
                if (i.snapshotIds().contains(snapshotId)) {
                    throw new io.altostratus.core.error.AltoException(
                            io.altostratus.core.error.ErrorCode.DEPENDENCY_VIOLATION, "InvalidSnapshot.InUse",
                            "The snapshot " + snapshotId + " is currently in use by " + i.id());
                }
            }
            tx.delete(Docs.SNAPSHOT, env.scope(), snapshotId);
        });
    }
}
