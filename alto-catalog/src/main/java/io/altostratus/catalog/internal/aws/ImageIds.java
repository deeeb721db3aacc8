package io.altostratus.catalog.internal.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids for the well-known images whose real ids we do not ship (Canonical's, Debian's, older Amazon Linux builds).
 * The id is a pure function of region and image name, so it is the same in every process and every release of the
 * catalog, and the same image name gets different ids in different regions, as on EC2.
 */
public final class ImageIds {
    private ImageIds() {
    }

    /**
     * {@code ami-} followed by 17 lowercase hex digits: a leading {@code 0} (as current EC2 ids have) and 16 digits
     * of SHA-256 over {@code region/name}.
     */
    public static String wellKnown(String region, String imageName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((region + "/" + imageName).getBytes(StandardCharsets.UTF_8));
            return "ami-0" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
