package io.altostratus.cloudinit;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip and base64 for user data. cloud-init recognises gzip by its magic bytes and decompresses it itself, so
 * compressing is the usual way to fit a large config under EC2's limit: 16 KiB of user data before base64.
 */
public final class UserDataEncoding {
    /** EC2's limit on user data, counted on the raw bytes before base64 encoding. */
    public static final int EC2_MAX_USER_DATA_BYTES = 16 * 1024;

    private UserDataEncoding() {
    }

    /** Gzip with a zero modification time, so the same input always gives the same bytes. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                    "user data is not valid gzip: " + e.getMessage());
        }
    }

    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B;
    }

    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * The base64 text for EC2's {@code UserData}, gzipped first when asked.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidParameterValue) when the bytes sent would exceed 16 KiB
     */
    public static String forEc2(byte[] userData, boolean compress) {
        byte[] sent = compress ? gzip(userData) : userData;
        checkEc2Limit(sent, compress ? userData.length : -1);
        return base64(sent);
    }

    /**
     * Refuses user data over EC2's limit, naming the size and, for uncompressed data, suggesting gzip.
     *
     * @param uncompressedSize the size before gzip, or -1 when {@code sent} is not compressed
     */
    public static void checkEc2Limit(byte[] sent, int uncompressedSize) {
        if (sent.length <= EC2_MAX_USER_DATA_BYTES) {
            return;
        }
        String detail = uncompressedSize >= 0
                ? " after gzip (" + uncompressedSize + " bytes before)"
                : "; gzip it (cloud-init decompresses gzip itself)";
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                "user data is " + sent.length + " bytes, over EC2's limit of " + EC2_MAX_USER_DATA_BYTES + detail);
    }
}
