package io.altostratus.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spec.CloudImageNames.DistroRelease;
import org.junit.jupiter.api.Test;

class CloudImageNamesTest {
    @Test
    void publishedCloudImageNamesTellTheirDistroAndRelease() {
        assertThat(CloudImageNames.guess("noble-server-cloudimg-amd64.img"))
                .contains(new DistroRelease("ubuntu", "24.04"));
        assertThat(CloudImageNames.guess("https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img"))
                .contains(new DistroRelease("ubuntu", "22.04"));
        assertThat(CloudImageNames.guess("https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2"))
                .contains(new DistroRelease("debian", "12"));
        assertThat(CloudImageNames.guess("/tmp/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2"))
                .contains(new DistroRelease("rocky", "9"));
        assertThat(CloudImageNames.guess("/tmp/my-golden-image.qcow2")).isEmpty();
        assertThat(CloudImageNames.guess("/tmp/rocky-9.5-genericcloud.qcow2"))
                .contains(new DistroRelease("rocky", "9.5"));
    }

    @Test
    void aDirectoryCodenameCountsOnlyWhenTheFileNamesNone() {
        assertThat(CloudImageNames.guess("https://mirror.example/noble/debian-12-generic.qcow2"))
                .contains(new DistroRelease("debian", "12"));
        assertThat(CloudImageNames.guess("https://mirror.example/images/disk.qcow2")).isEmpty();
    }
}
