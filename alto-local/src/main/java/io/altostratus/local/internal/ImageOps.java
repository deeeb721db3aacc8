package io.altostratus.local.internal;

import io.altostratus.catalog.MotoImages;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.local.internal.Docs.ImageDoc;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images: the catalog's public images of the region plus the images this account made. Aliases resolve among the
 * catalog's public images only, so {@code ubuntu:24.04} always means the distribution's image and never an image
 * someone made from it.
 */
public final class ImageOps {
    private static final String CANONICAL = "099720109477";
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");

    private ImageOps() {
    }

    static Image view(ImageDoc doc, long now) {
        Image image = doc.image();
        return Image.PENDING.equals(image.state()) && now >= doc.settlesAt() ? image.withState(Image.AVAILABLE) : image;
    }

    static List<Image> own(StateView view, Env env) {
        long now = env.now();
        return view.list(Docs.IMAGE, env.scope(), ImageDoc.class).stream().map(d -> view(d, now)).toList();
    }

    /**
     * The images every account sees: the catalog's, and over the AWS catalog also moto's default images, so suites
     * written for moto find the ids they name (moto serves them in every region too).
     */
    static List<Image> catalogImages(Env env) {
        List<Image> listed = env.catalog().images(env.region());
        if (!"aws".equals(env.catalog().provider())) {
            return listed;
        }
        List<Image> all = new ArrayList<>(listed.size() + MotoImages.all().size());
        all.addAll(listed);
        all.addAll(MotoImages.all());
        return all;
    }

    static Optional<Image> catalogImage(Env env, String id) {
        // Every launch asks this: look through the lists as they are rather than joining them first.
        for (Image i : env.catalog().images(env.region())) {
            if (i.id().equals(id)) {
                return Optional.of(i);
            }
        }
        if ("aws".equals(env.catalog().provider())) {
            for (Image i : MotoImages.all()) {
                if (i.id().equals(id)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An image by id: one of the catalog's, or one this account made. The catalog is asked first because its images
     * carry the ids of the cloud it describes (GCE's {@code projects/P/global/images/NAME}), which need not have
     * EC2's syntax; the images made here always do.
     */
    public static Image find(StateView view, Env env, String id) {
        Optional<Image> listed = catalogImage(env, id);
        if (listed.isPresent()) {
            return listed.get();
        }
        Ec2IdKind.IMAGE.check(id);
        return Lookup.ownImage(view, env, id).map(own -> view(own, env.now()))
                .or(() -> ImageShares.find(view, env, id))
                .orElseThrow(() -> Ec2IdKind.IMAGE.notFound(id));
    }

    public static Image resolve(StateView view, Env env, ImageRef ref) {
        if (!ref.isAlias()) {
            return find(view, env, ref.id());
        }
        boolean latest = "latest".equalsIgnoreCase(ref.release());
        return catalogImages(env).stream()
                .filter(i -> Image.AVAILABLE.equals(i.state()))
                .filter(i -> ref.distro().equalsIgnoreCase(i.distro()))
                .filter(i -> latest || ref.release().equalsIgnoreCase(i.release()))
                .filter(i -> i.architecture() == ref.architecture())
                .max(Comparator.comparing((Image i) -> i.creationDate() == null ? Instant.EPOCH : i.creationDate())
                        .thenComparing(i -> i.name() == null ? "" : i.name()))
                .orElseThrow(() -> Errors.notFound("InvalidAMIID.NotFound", "No image in " + env.region()
                        + " matches the alias " + ref + " (see the catalog's images for distros and releases)"));
    }

    public static List<Image> images(StateView view, Env env, ImageQuery query) {
        for (String id : query.ids()) {
            find(view, env, id);
        }
        List<Image> all = new ArrayList<>(catalogImages(env));
        all.addAll(own(view, env));
        all.addAll(ImageShares.visible(view, env));
        return all.stream().filter(query::matchesIgnoringOwner).filter(i -> ownerMatches(env, query, i)).toList();
    }

    private static boolean ownerMatches(Env env, ImageQuery query, Image image) {
        if (query.owners().isEmpty()) {
            return true;
        }
        for (String owner : query.owners()) {
            boolean match = switch (owner) {
                case "self" -> env.account().equals(image.ownerId());
                case "canonical" -> CANONICAL.equals(image.ownerId());
                default -> owner.equals(image.ownerId()) || owner.equals(image.ownerAlias());
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** Fails unless {@code name} is a well-formed AMI name no image of the account has. */
    static void checkNewName(StateView view, Env env, String name) {
        if (name == null || !IMAGE_NAME.matcher(name).matches()) {
            throw Errors.invalid("InvalidAMIName.Malformed", "AMI names must be 3 to 128 characters of letters, "
                    + "digits, spaces and ( ) [ ] . / - ' @ _ : " + name);
        }
        for (Image existing : own(view, env)) {
            if (name.equals(existing.name())) {
                throw Errors.duplicate("InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI "
                        + existing.id());
            }
        }
    }

    /** Whether two device names are the same device ({@code /dev/sda1} and {@code sda1} are). */
    static boolean sameDevice(String a, String b) {
        return a != null && b != null && strip(a).equals(strip(b));
    }

    private static String strip(String device) {
        return device.startsWith("/dev/") ? device.substring(5) : device;
    }

    /** Snapshots every attached volume and registers an image of the account from them; pending for a while. */
    public static Image create(StateTx tx, Env env, String instanceId, String name, String description,
                               Map<String, String> tags) {
        InstanceDoc instance = Lookup.instance(tx, env, instanceId);
        if (instance.state() != InstanceState.RUNNING && instance.state() != InstanceState.STOPPED) {
            throw Errors.incorrectInstanceState(instanceId, instance.state(), "imaged");
        }
        checkNewName(tx, env, name);
        String imageId = Ec2IdKind.IMAGE.mint();
        List<String> snapshots = new ArrayList<>();
        int rootSize = 8;
        List<BlockDevice> devices = new ArrayList<>(instance.blockDevices());
        // The root device first: launches from the image restore it from the first snapshot.
        devices.sort(Comparator.comparing((BlockDevice d) -> !d.deviceName().equals(instance.rootDeviceName())));
        for (BlockDevice device : devices) {
            Optional<Volume> volume = tx.get(Docs.VOLUME, env.scope(), device.volumeId(), Volume.class);
            if (volume.isEmpty()) {
                continue;
            }
            if (device.deviceName().equals(instance.rootDeviceName())) {
                rootSize = volume.get().sizeGiB();
            }
            SnapshotDoc snap = StorageOps.putSnapshot(tx, env, volume.get(),
                    "Created by CreateImage(" + instanceId + ") for " + imageId, Map.of());
            snapshots.add(snap.snapshot().id());
        }
        Image source = null;
        try {
            source = find(tx, env, instance.imageId());
        } catch (AltoException gone) {
            // The source image was deleted since launch; the new image simply has no distro.
        }
        Image image = new Image(imageId, name, description, env.account(), null,
                source == null ? null : source.distro(), source == null ? null : source.release(),
                instance.architecture(), Image.PENDING, false, instance.rootDeviceName(), rootSize, snapshots,
                instanceId, Env.instant(env.now()), tags);
        tx.put(Docs.IMAGE, env.scope(), imageId, new ImageDoc(image, env.settleTime()));
        return view(new ImageDoc(image, env.settleTime()), env.now());
    }

    public static void delete(StateTx tx, Env env, String imageId, boolean deleteSnapshots) {
        // Public images first, for the same reason as in find: their ids need not be EC2-shaped.
        if (catalogImage(env, imageId).isPresent()) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthFailure",
                    "Not authorized for image " + imageId + ": it is a public image this account does not own");
        }
        Ec2IdKind.IMAGE.check(imageId);
        Optional<ImageDoc> own = Lookup.ownImage(tx, env, imageId);
        if (own.isEmpty()) {
            throw Ec2IdKind.IMAGE.notFound(imageId);
        }
        tx.delete(Docs.IMAGE, env.scope(), imageId);
        ImageRegistryOps.deleted(tx, env, imageId);
        if (deleteSnapshots) {
            for (String snapshotId : own.get().image().snapshotIds()) {
                tx.delete(Docs.SNAPSHOT, env.scope(), snapshotId);
            }
        }
    }
}
