package io.altostratus.qemu.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuImgTest {
    /** What qemu-img 7.2 prints for an overlay. */
    private static final String OVERLAY = """
            {
                "children": [],
                "backing-filename-format": "qcow2",
                "virtual-size": 4294967296,
                "filename": "root.qcow2",
                "cluster-size": 65536,
                "format": "qcow2",
                "actual-size": 200704,
                "full-backing-filename": "/state/qemu/images/qimg-0123456789ab/disk.qcow2",
                "backing-filename": "/state/qemu/images/qimg-0123456789ab/disk.qcow2",
                "dirty-flag": false
            }
            """;

    @TempDir
    Path dir;

    @Test
    void readsFormatSizesAndBackingFile() {
        QemuImg.Info info = QemuImg.parseInfo(OVERLAY);
        assertThat(info.format()).isEqualTo("qcow2");
        assertThat(info.virtualSize()).isEqualTo(4L << 30);
        assertThat(info.actualSize()).isEqualTo(200704);
        assertThat(info.backingFile()).isEqualTo("/state/qemu/images/qimg-0123456789ab/disk.qcow2");
    }

    @Test
    void aStandaloneVmdkHasNoBackingFile() {
        QemuImg.Info info = QemuImg.parseInfo("{\"virtual-size\": 1048576, \"filename\": \"a.vmdk\", "
                + "\"format\": \"VMDK\", \"actual-size\": 4096}");
        assertThat(info.format()).isEqualTo("vmdk");
        assertThat(info.backingFile()).isNull();
    }

    @Test
    void outputWithoutAFormatIsAnError() {
        assertThatThrownBy(() -> QemuImg.parseInfo("{\"filename\": \"x\"}")).isInstanceOf(AltoException.class)
                .hasMessageContaining("no format");
        assertThatThrownBy(() -> QemuImg.parseInfo("qemu-img: Could not open 'x'"))
                .isInstanceOf(AltoException.class).hasMessageContaining("no JSON");
    }

    /** Against the real qemu-img, where it is installed: a raw file, converted, and an overlay on the result. */
    @Test
    void realQemuImgConvertsAndMakesOverlays() throws Exception {
        Optional<Path> program = Commands.which("qemu-img");
        org.junit.jupiter.api.Assumptions.assumeTrue(program.isPresent(), "qemu-img is not installed (qemu-utils)");
        QemuImg img = new QemuImg(program.get().toString());
        Path raw = dir.resolve("disk.raw");
        try (var f = new java.io.RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(8L << 20);
        }
        assertThat(img.info(raw).format()).isEqualTo("raw");
        img.convertToQcow2(raw, "raw", dir.resolve("base.qcow2"));
        assertThat(img.info(dir.resolve("base.qcow2"))).extracting(QemuImg.Info::format, QemuImg.Info::virtualSize)
                .containsExactly("qcow2", 8L << 20);
        img.createOverlay(dir.resolve("base.qcow2"), dir.resolve("over.qcow2"), 16L << 20);
        QemuImg.Info over = img.info(dir.resolve("over.qcow2"));
        assertThat(over.backingFile()).isEqualTo(dir.resolve("base.qcow2").toAbsolutePath().toString());
        assertThat(over.virtualSize()).isEqualTo(16L << 20);
        img.snapshot("-c", "s1", dir.resolve("over.qcow2"));
        img.snapshot("-a", "s1", dir.resolve("over.qcow2"));
        img.snapshot("-d", "s1", dir.resolve("over.qcow2"));
        assertThatThrownBy(() -> img.snapshot("-a", "s1", dir.resolve("over.qcow2")))
                .isInstanceOf(AltoException.class).hasMessageContaining("qemu-img failed");
    }
}
