package io.altostratus.minimal;

import io.altostratus.core.error.AltoException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The minimal cloud's ids, which are deliberately not EC2's: instances are {@code vm-<uuid>}, images
 * {@code img-<name or uuid>}. An id that cannot be one of ours fails with {@code INVALID_PARAMETER}; one that could be
 * but names nothing with {@code NOT_FOUND}. Callers rely on that difference (a typo is not an empty answer).
 */
final class MinimalIds {
    private static final Pattern INSTANCE =
            Pattern.compile("vm-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern IMAGE = Pattern.compile("img-[a-z0-9][a-z0-9-]{0,62}");

    private MinimalIds() {
    }

    static String newInstanceId() {
        return "vm-" + UUID.randomUUID();
    }

    static String newImageId() {
        return "img-" + UUID.randomUUID();
    }

    static boolean isInstanceId(String id) {
        return id != null && INSTANCE.matcher(id).matches();
    }

    static boolean isImageId(String id) {
        return id != null && IMAGE.matcher(id).matches();
    }

    static String checkInstanceId(String id) {
        if (!isInstanceId(id)) {
            throw AltoException.invalid("MalformedInstanceId", "'" + id + "' is not an instance id (vm-<uuid>)");
        }
        return id;
    }

    static String checkImageId(String id) {
        if (!isImageId(id)) {
            throw AltoException.invalid("MalformedImageId", "'" + id + "' is not an image id (img-...)");
        }
        return id;
    }

    static AltoException instanceNotFound(String id) {
        return AltoException.notFound("InstanceNotFound", "instance " + id + " does not exist");
    }

    static AltoException imageNotFound(String id) {
        return AltoException.notFound("ImageNotFound", "image " + id + " does not exist");
    }
}
