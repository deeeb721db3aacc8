package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The provider's ids: {@code qvm-} (instances), {@code qimg-} (images), {@code qsnap-} (instance snapshots),
 * {@code qvol-} (volumes) and {@code qkey-} (key pairs) followed by 12 hex digits. They name directories and
 * files too, so nothing else is ever accepted as one.
 */
final class QemuIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern INSTANCE = Pattern.compile("qvm-[0-9a-f]{12}");
    private static final Pattern IMAGE = Pattern.compile("qimg-[0-9a-f]{12}");
    private static final Pattern SNAPSHOT = Pattern.compile("qsnap-[0-9a-f]{12}");
    private static final Pattern VOLUME = Pattern.compile("qvol-[0-9a-f]{12}");

    private QemuIds() {
    }

    static String newInstanceId() {
        return "qvm-" + hex();
    }

    static String newImageId() {
        return "qimg-" + hex();
    }

    static String newSnapshotId() {
        return "qsnap-" + hex();
    }

    static String newVolumeId() {
        return "qvol-" + hex();
    }

    static String newKeyId() {
        return "qkey-" + hex();
    }

    private static String hex() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String checkInstance(String id) {
        return check(id, INSTANCE, "InvalidInstanceID.Malformed", "instance", "qvm-");
    }

    static String checkImage(String id) {
        return check(id, IMAGE, "InvalidAMIID.Malformed", "image", "qimg-");
    }

    static String checkSnapshot(String id) {
        return check(id, SNAPSHOT, "InvalidSnapshotID.Malformed", "snapshot", "qsnap-");
    }

    static String checkVolume(String id) {
        return check(id, VOLUME, "InvalidVolumeID.Malformed", "volume", "qvol-");
    }

    static boolean isVolume(String id) {
        return id != null && VOLUME.matcher(id).matches();
    }

    static boolean isInstance(String id) {
        return id != null && INSTANCE.matcher(id).matches();
    }

    static boolean isImage(String id) {
        return id != null && IMAGE.matcher(id).matches();
    }

    private static String check(String id, Pattern pattern, String code, String what, String prefix) {
        if (id == null || !pattern.matcher(id).matches()) {
            throw AltoException.invalid(code, "'" + id + "' is not a qemu " + what + " id (" + prefix
                    + " and 12 hex digits)");
        }
        return id;
    }
}
