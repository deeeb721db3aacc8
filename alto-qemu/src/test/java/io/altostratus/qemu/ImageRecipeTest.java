package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRecipeTest {
    @Test
    void theKeyIsStableAndChangesWithTheRecipe() {
        ImageRecipe a = ImageRecipe.forAlias("debian:12", QemuSettings.DEFAULT_MIRROR);
        assertThat(a.key()).isEqualTo(ImageRecipe.forAlias("Debian:12", QemuSettings.DEFAULT_MIRROR).key())
                .startsWith("debian-12-");
        assertThat(ImageRecipe.forAlias("debian:12", "http://mirror.example/debian").key()).isNotEqualTo(a.key());
        ImageRecipe bigger = new ImageRecipe(a.distro(), a.release(), a.suite(), a.mirror(), a.packages(),
                a.rootMiB() * 2, a.append(), a.loginUser());
        assertThat(bigger.key()).isNotEqualTo(a.key());
    }

    @Test
    void onlyKnownRecipes() {
        assertThatThrownBy(() -> ImageRecipe.forAlias("ubuntu:24.04", QemuSettings.DEFAULT_MIRROR))
                .isInstanceOf(AltoException.class).hasMessageContaining("debian:12");
    }

    @Test
    void theBootstrapAsksForThePackagesWithoutRecommendsOrDocsAndWritesTheFileSystemWithoutLoopDevices() {
        ImageRecipe r = ImageRecipe.forAlias("debian:12", QemuSettings.DEFAULT_MIRROR);
        List<String> argv = QemuImageBuilder.mmdebstrapCommand("mmdebstrap", r, Path.of("/out"), Path.of("/apt"));
        assertThat(argv).contains("--variant=apt", "--aptopt=APT::Install-Recommends \"false\"",
                "--include=linux-image-amd64,systemd-sysv,udev,dbus,e2fsprogs,iproute2,cloud-init,openssh-server,"
                        + "qemu-guest-agent", "--dpkgopt=path-exclude=/usr/share/doc/*");
        assertThat(argv.subList(argv.size() - 3, argv.size()))
                .containsExactly("bookworm", "/dev/null", QemuSettings.DEFAULT_MIRROR);
        assertThat(argv).anyMatch(a -> a.startsWith("--customize-hook=") && a.contains("mount --bind \"$1\" \"$m\"")
                && a.contains("mke2fs -q -F -t ext4 -L alto-root -d \"$m\" /out/root.raw 2048M"));
        assertThat(argv).noneMatch(a -> a.contains("losetup") || a.contains("mount -o loop"));
        assertThat(QemuImageBuilder.configureScript(r)).contains("name: admin").contains("datasource_list: [NoCloud");
    }

    @Test
    void theAcceleratorSettingIsCheckedAndAutoDetects() {
        assertThat(Accelerator.choose("tcg", Path.of("/dev/kvm"))).isEqualTo(Accelerator.TCG);
        assertThat(Accelerator.choose("auto", Path.of("/nonexistent/kvm"))).isEqualTo(Accelerator.TCG);
        assertThatThrownBy(() -> Accelerator.choose("xen", Path.of("/dev/kvm")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArm64RecipeHasItsOwnKeyKernelConsoleAndBootstrapArchitecture() {
        ImageRecipe x86 = ImageRecipe.forAlias("debian:12", QemuSettings.DEFAULT_MIRROR);
        // an x86_64 recipe names no architecture in its key, as before recipes had one (this pins build version 4)
        assertThat(x86.key()).isEqualTo("debian-12-e2c62195f4d58090");
        assertThat(ImageRecipe.forAlias("debian:12/x86_64", QemuSettings.DEFAULT_MIRROR).key()).isEqualTo(x86.key());
        ImageRecipe arm = ImageRecipe.forAlias("debian:12/arm64", QemuSettings.DEFAULT_MIRROR);
        assertThat(ImageRecipe.forAlias("debian:12/aarch64", QemuSettings.DEFAULT_MIRROR)).isEqualTo(arm);
        assertThat(arm.arch()).isEqualTo(io.altostratus.core.model.Architecture.ARM64);
        assertThat(arm.key()).startsWith("debian-12-arm64-").isNotEqualTo(x86.key());
        assertThat(arm.packages()).contains("linux-image-arm64").doesNotContain("linux-image-amd64");
        assertThat(arm.append()).contains("console=ttyAMA0");
        List<String> argv = QemuImageBuilder.mmdebstrapCommand("mmdebstrap", arm, Path.of("/out"), Path.of("/apt"));
        assertThat(argv).contains("--arch=arm64", "--include=linux-image-arm64,systemd-sysv,udev,dbus,e2fsprogs,"
                + "iproute2,cloud-init,openssh-server,qemu-guest-agent");
        assertThat(argv).anyMatch(a -> a.startsWith("--essential-hook=") && a.contains("crc32c_generic")
                && !a.contains("crc32c_intel"));
        assertThat(QemuImageBuilder.mmdebstrapCommand("mmdebstrap", x86, Path.of("/out"), Path.of("/apt")))
                .contains("--arch=amd64")
                .anyMatch(a -> a.startsWith("--essential-hook=") && a.contains("crc32c_intel"));
        assertThatThrownBy(() -> ImageRecipe.forAlias("debian:12/riscv", QemuSettings.DEFAULT_MIRROR))
                .isInstanceOf(AltoException.class).hasMessageContaining("riscv");
    }
}
