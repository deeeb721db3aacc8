package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.ImageDevice;
import io.altostratus.core.ec2.ImageRegistration;
import io.altostratus.core.ec2.ImageRegistry;
import io.altostratus.core.ec2.ImageSettings;
import io.altostratus.core.ec2.SharingPermissions;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Snapshot;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered and copied images, launch permissions, descriptions and deprecation. What the core {@link Image}
 * cannot hold (launch permissions, deprecation time, RegisterImage's boot mode, ENA flag and device mappings) is a
 * settings document beside the image; images without one read with EC2's defaults. Only the account's own images
 * change: the catalog's public images answer AuthFailure, as another owner's images do on EC2. Images shared with
 * other accounts are indexed for them in {@link ImageShares}. An instance is a session's {@link ImageRegistry}.
 */
public final class ImageRegistryOps implements ImageRegistry {
    static final String KIND = "local.image-settings";

    private final Session session;
    private final Env env;

    public ImageRegistryOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Image registerImage(ImageRegistration reg, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            ImageOps.checkNewName(tx, env, reg.name());
            ImageDevice root = null;
            List<String> snapshots = new ArrayList<>();
            for (ImageDevice device : reg.devices()) {
                if (device.snapshotId() != null) {
                    Snapshot snapshot = StorageOps.view(Lookup.snapshot(tx, env, device.snapshotId()), env.now());
                    if (!"completed".equals(snapshot.state())) {
                        throw Errors.state("IncorrectState", "Snapshot " + snapshot.id() + " is not completed: "
                                + snapshot.state());
                    }
                    if (device.sizeGiB() > 0 && device.sizeGiB() < snapshot.sizeGiB()) {
                        throw Errors.invalidValue("Volume of " + device.sizeGiB() + " GiB is smaller than snapshot "
                                + snapshot.id() + ", expect size >= " + snapshot.sizeGiB());
                    }
                }
                if (ImageOps.sameDevice(device.deviceName(), reg.rootDeviceName())) {
                    root = device;
                }
            }
            if (root == null || root.snapshotId() == null) {
                throw Errors.invalid("InvalidBlockDeviceMapping", "The root device " + reg.rootDeviceName()
                        + " must be in the block device mapping with a snapshot");
            }
            // The root snapshot first: launches restore the root volume from the first one.
            snapshots.add(root.snapshotId());
            for (ImageDevice device : reg.devices()) {
                if (device != root && device.snapshotId() != null && !snapshots.contains(device.snapshotId())) {
                    snapshots.add(device.snapshotId());
                }
            }
            int rootSize = root.sizeGiB() > 0 ? root.sizeGiB()
                    : Lookup.snapshot(tx, env, root.snapshotId()).snapshot().sizeGiB();
            String id = Ec2IdKind.IMAGE.mint();
            Image image = new Image(id, reg.name(), reg.description(), env.account(), null, null, null,
                    reg.architecture(), Image.AVAILABLE, false, reg.rootDeviceName(), rootSize, snapshots, null,
                    Env.instant(env.now()), tags);
            tx.put(Docs.IMAGE, env.scope(), id, new ImageDoc(image, env.now()));
            tx.put(KIND, env.scope(), id, new ImageSettings(id, SharingPermissions.NONE, null, reg.bootMode(),
                    reg.enaSupport(), reg.devices()));
            return image;
        });
    }

    @Override
    public Image copyImage(String sourceRegion, String sourceImageId, String name, String description,
                           Map<String, String> tags) {
        TagOps.validate(tags);
        String region = sourceRegion == null ? env.region() : sourceRegion;
        if (env.catalog().regions().stream().map(Region::name).noneMatch(region::equals)) {
            throw Errors.invalidValue("Value (" + sourceRegion + ") for parameter SourceRegion is invalid: "
                    + "no such region");
        }
        Env source = Env.of(env.provider(), env.account(), region, env.catalog(), env.clock(), env.settings());
        return session.write(tx -> {
            Image from = ImageOps.find(tx, source, sourceImageId);
            if (!Image.AVAILABLE.equals(from.state())) {
                throw Errors.state("IncorrectState", "Image " + sourceImageId + " is not available: " + from.state());
            }
            ImageOps.checkNewName(tx, env, name);
            // The copy has its own snapshots, as on EC2; public images carry none, and launches need none for them.
            List<String> snapshots = new ArrayList<>();
            Optional<ImageDoc> own = Lookup.ownImage(tx, source, sourceImageId);
            if (own.isPresent()) {
                for (String snapshotId : own.get().image().snapshotIds()) {
                    Optional<SnapshotDoc> doc = tx.get(Docs.SNAPSHOT, source.scope(), snapshotId, SnapshotDoc.class);
                    if (doc.isEmpty()) {
                        continue;
                    }
                    Snapshot s = doc.get().snapshot();
                    String copyId = Ec2IdKind.SNAPSHOT.mint();
                    Snapshot copy = new Snapshot(copyId, "vol-ffffffff", s.sizeGiB(), "pending", 0,
                            "Copied for DestinationAmi from SourceAmi " + sourceImageId, env.account(),
                            Env.instant(env.now()), Map.of());
                    tx.put(Docs.SNAPSHOT, env.scope(), copyId, new SnapshotDoc(copy, env.settleTime()));
                    snapshots.add(copyId);
                }
            }
            String id = Ec2IdKind.IMAGE.mint();
            Image image = new Image(id, name, description, env.account(), null, from.distro(), from.release(),
                    from.architecture(), Image.PENDING, false, from.rootDeviceName(), from.rootSizeGiB(), snapshots,
                    null, Env.instant(env.now()), tags);
            tx.put(Docs.IMAGE, env.scope(), id, new ImageDoc(image, env.settleTime()));
            ImageSettings was = settings(tx, source, sourceImageId);
            if (was.bootMode() != null || was.enaSupport() != null) {
                tx.put(KIND, env.scope(), id, new ImageSettings(id, SharingPermissions.NONE, null, was.bootMode(),
                        was.enaSupport(), List.of()));
            }
            return ImageOps.view(new ImageDoc(image, env.settleTime()), env.now());
        });
    }

    static ImageSettings settings(StateView view, Env env, String imageId) {
        return view.get(KIND, env.scope(), imageId, ImageSettings.class).orElse(ImageSettings.none(imageId));
    }

    @Override
    public Map<String, ImageSettings> imageSettings(Collection<String> imageIds) {
        return session.read(view -> {
            Map<String, ImageSettings> out = new LinkedHashMap<>();
            if (imageIds == null || imageIds.isEmpty()) {
                for (ImageSettings s : view.list(KIND, env.scope(), ImageSettings.class)) {
                    out.put(s.imageId(), s);
                }
            } else {
                for (ImageSettings s : Lookup.byIds(view, env, KIND, imageIds, ImageSettings.class)) {
                    out.put(s.imageId(), s);
                }
            }
            // Other accounts' images shared with this one: who may launch them is all this account learns.
            for (ImageShares.ShareDoc share : ImageShares.sharesWithMe(view, env)) {
                if ((imageIds == null || imageIds.isEmpty() || imageIds.contains(share.imageId()))
                        && !out.containsKey(share.imageId())) {
                    out.put(share.imageId(), new ImageSettings(share.imageId(), share.permissions(), null, null,
                            null, List.of()));
                }
            }
            return out;
        });
    }

    @Override
    public ImageSettings modifyLaunchPermission(String imageId, SharingPermissions add, SharingPermissions remove) {
        return session.write(tx -> {
            owned(tx, imageId);
            ImageSettings was = settings(tx, env, imageId);
            return put(tx, new ImageSettings(imageId, Sharing.apply(was.launchPermissions(), add, remove),
                    was.deprecationTime(), was.bootMode(), was.enaSupport(), was.devices()));
        });
    }

    @Override
    public ImageSettings resetLaunchPermission(String imageId) {
        return session.write(tx -> {
            owned(tx, imageId);
            ImageSettings was = settings(tx, env, imageId);
            return put(tx, new ImageSettings(imageId, SharingPermissions.NONE, was.deprecationTime(), was.bootMode(),
                    was.enaSupport(), was.devices()));
        });
    }

    @Override
    public Image setImageDescription(String imageId, String description) {
        return session.write(tx -> {
            ImageDoc doc = owned(tx, imageId);
            Image i = doc.image();
            Image changed = new Image(i.id(), i.name(), description, i.ownerId(), i.ownerAlias(), i.distro(),
                    i.release(), i.architecture(), i.state(), i.isPublic(), i.rootDeviceName(), i.rootSizeGiB(),
                    i.snapshotIds(), i.sourceInstanceId(), i.creationDate(), i.tags());
            tx.put(Docs.IMAGE, env.scope(), imageId, new ImageDoc(changed, doc.settlesAt()));
            return ImageOps.view(new ImageDoc(changed, doc.settlesAt()), env.now());
        });
    }

    @Override
    public ImageSettings setDeprecation(String imageId, Instant at) {
        return session.write(tx -> {
            owned(tx, imageId);
            ImageSettings was = settings(tx, env, imageId);
            return put(tx, new ImageSettings(imageId, was.launchPermissions(), at, was.bootMode(), was.enaSupport(),
                    was.devices()));
        });
    }

    private ImageSettings put(StateTx tx, ImageSettings settings) {
        tx.put(KIND, env.scope(), settings.imageId(), settings);
        ImageShares.update(tx, env, settings.imageId(), settings.launchPermissions());
        return settings;
    }

    /** The account's own image, or EC2's answer for a public image (not yours) or an unknown one. */
    private ImageDoc owned(StateView view, String imageId) {
        if (ImageOps.catalogImage(env, imageId).isPresent()) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthFailure",
                    "Not authorized for image " + imageId + ": it is a public image this account does not own");
        }
        Ec2IdKind.IMAGE.check(imageId);
        if (ImageShares.find(view, env, imageId).isPresent()) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthFailure",
                    "Not authorized for image " + imageId + ": it is shared with this account, not owned by it");
        }
        return Lookup.ownImage(view, env, imageId).orElseThrow(() -> Ec2IdKind.IMAGE.notFound(imageId));
    }

    static void deleted(StateTx tx, Env env, String imageId) {
        tx.delete(KIND, env.scope(), imageId);
        ImageShares.update(tx, env, imageId, SharingPermissions.NONE);
    }
}
