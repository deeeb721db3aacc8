package io.altostratus.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.model.Architecture;
import org.junit.jupiter.api.Test;

class ImageRefTest {
    @Test
    void aliasWithoutArchitectureMeansX86() {
        ImageRef ref = ImageRef.parse("ubuntu:24.04");
        assertThat(ref.isAlias()).isTrue();
        assertThat(ref.distro()).isEqualTo("ubuntu");
        assertThat(ref.release()).isEqualTo("24.04");
        assertThat(ref.architecture()).isEqualTo(Architecture.X86_64);
    }

    @Test
    void aliasWithArchitecture() {
        ImageRef ref = ImageRef.parse("ubuntu:22.04/arm64");
        assertThat(ref.architecture()).isEqualTo(Architecture.ARM64);
        assertThat(ImageRef.parse("debian:12/aarch64").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(ImageRef.parse("debian:12/amd64").architecture()).isEqualTo(Architecture.X86_64);
    }

    @Test
    void amazonLinuxSpellingsNormalise() {
        assertThat(ImageRef.parse("al:2023").distro()).isEqualTo("amazon-linux");
        assertThat(ImageRef.parse("amazon-linux:2023").distro()).isEqualTo("amazon-linux");
    }

    @Test
    void idIsPassedThrough() {
        ImageRef ref = ImageRef.parse("ami-0123456789abcdef0");
        assertThat(ref.isAlias()).isFalse();
        assertThat(ref.id()).isEqualTo("ami-0123456789abcdef0");
    }

    @Test
    void anAzureUrnIsAnIdNotAnAlias() {
        ImageRef urn = ImageRef.parse("Canonical:ubuntu-24_04-lts:server:latest");
        assertThat(urn.isAlias()).isFalse();
        assertThat(urn.id()).isEqualTo("Canonical:ubuntu-24_04-lts:server:latest");
        assertThat(ImageRef.parse("projects/debian-cloud/global/images/debian-12-bookworm-v20241210").isAlias())
                .isFalse();
    }

    @Test
    void malformedAliasIsRejectedWithAHint() {
        assertThatThrownBy(() -> ImageRef.parse("ubuntu:24.04/sparc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("architecture");
        assertThatThrownBy(() -> ImageRef.parse("ubuntu:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distro:release");
        assertThatThrownBy(() -> ImageRef.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
