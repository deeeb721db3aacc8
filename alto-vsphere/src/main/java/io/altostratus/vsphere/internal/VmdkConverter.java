package io.altostratus.vsphere.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud images (qcow2, raw, VMDK of any kind) to the one VMDK shape ESXi is given here, through {@code qemu-img}:
 * {@code streamOptimized} (compressed grains in one file) with the {@code lsilogic} adapter type, which every guest
 * OS has a driver for. Stream-optimized is the sub-format vSphere's import takes over HTTP (an NFC lease's disk URL,
 * as OVF imports and {@code govc import.vmdk} use); the host writes the disk out in its own format as it arrives.
 * It is also the smallest to send: unallocated grains are left out and the rest is deflated.
 */
public final class VmdkConverter {
    public static final String SUBFORMAT = "streamOptimized";
    public static final String ADAPTER = "lsilogic";
    private static final Pattern FORMAT = Pattern.compile("\"format\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");
    private static final Pattern CREATE_TYPE = Pattern.compile("\"create-type\"\\s*:\\s*\"([^\"]+)\"");

    private final String qemuImg;

    public VmdkConverter(String qemuImg) {
        this.qemuImg = qemuImg == null ? "qemu-img" : qemuImg;
    }

    /** What {@code qemu-img info} says of an image. */
    public record Info(String format, long virtualSize, String createType) {
    }

    public Info info(Path image) {
        String json = run(List.of(qemuImg, "info", "--output=json", image.toString()));
        Matcher f = FORMAT.matcher(json);
        Matcher s = VIRTUAL_SIZE.matcher(json);
        Matcher c = CREATE_TYPE.matcher(json);
        if (!f.find() || !s.find()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NotAnImage", image + " is not a disk image "
                    + "qemu-img knows");
        }
        return new Info(f.group(1), Long.parseLong(s.group(1)), c.find() ? c.group(1) : null);
    }

    /** Converts {@code source} to a stream-optimized VMDK at {@code target}; returns what the target is. */
    public Info toStreamOptimized(Path source, Path target) {
        Info in = info(source);
        if (!List.of("qcow2", "raw", "vmdk", "vpc", "vhdx").contains(in.format())) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "UnsupportedImageFormat", source + " is "
                    + in.format() + "; give a qcow2, raw or VMDK cloud image");
        }
        run(List.of(qemuImg, "convert", "-f", in.format(), "-O", "vmdk", "-o", "subformat=" + SUBFORMAT
                + ",adapter_type=" + ADAPTER, source.toString(), target.toString()));
        return info(target);
    }

    private static String run(List<String> command) {
        List<String> all = new ArrayList<>(command);
        try {
            Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "QemuImgFailed", String.join(" ", command)
                        + ": " + new String(out, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "QemuImgMissing", "cannot run " + command.get(0)
                    + " (install qemu-utils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "interrupted running qemu-img", e);
        }
    }
}
