package io.altostratus.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alto images import --provider proxmox}: a cloud image made into a template, against {@link FakePve}. */
class PveImageImportTest {
    @TempDir
    Path dir;
    FakePve pve;
    Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        pve = new FakePve();
        pve.storageContent.put("local", "iso,vztmpl,backup,import");
        settings.put("token", FakePve.TOKEN);
        settings.put("max_attempts", "2");
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    ComputeProvider open() {
        return new ProxmoxProviderFactory(d -> { }, null, Map.of()).open(new ProviderContext("pve",
                ProviderContext.DEFAULT_ACCOUNT, pve.endpoint(), dir, settings, null));
    }

    /** A file that starts as a qcow2 does: the provider names the import by what the bytes are. */
    Path qcow2Named(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3, 1, 2, 3, 4});
        return file;
    }

    static ImageImports imports(ComputeProvider provider) {
        return provider.extension(ImageImports.class).orElseThrow();
    }

    @Test
    void importedFileBecomesATemplateThatAnswersItsAlias() throws IOException {
        Path file = qcow2Named("noble-server-cloudimg-amd64.img");
        try (ComputeProvider provider = open()) {
            Image image = imports(provider).importImage(new ImageImportSpec(file, null, null, "ubuntu", "24.04",
                    null, null, Map.of("team", "lab")));

            assertThat(image.id()).isEqualTo("pve1/100");
            assertThat(image.name()).isEqualTo("noble-server-cloudimg-amd64");
            assertThat(image.distro()).isEqualTo("ubuntu");
            assertThat(image.release()).isEqualTo("24.04");
            assertThat(image.tags()).containsEntry("team", "lab");
            assertThat(provider.resolveImage(ImageRef.parse("ubuntu:24.04")).id()).isEqualTo("pve1/100");
        }
        // Ubuntu's .img is a qcow2, and Proxmox takes import content only as .qcow2, .raw or .vmdk
        assertThat(pve.uploads).singleElement().asString().startsWith("local ")
                .contains("filename=\"noble-server-cloudimg-amd64.qcow2\"");
        Map<String, String> config = pve.vms.get(100).config;
        assertThat(config).containsEntry("scsi0", "local-lvm:0,import-from=local:import/noble-server-cloudimg-amd64.qcow2")
                .containsEntry("ide2", "local-lvm:cloudinit").containsEntry("boot", "order=scsi0")
                .containsEntry("agent", "1").containsEntry("serial0", "socket").containsEntry("template", "1");
        assertThat(config.get("tags")).contains("alto-distro-ubuntu").contains("alto-release-24.04");
    }

    @Test
    void urlIsDownloadedByTheNodeItself() {
        try (ComputeProvider provider = open()) {
            Image image = imports(provider).importImage(new ImageImportSpec(null,
                    URI.create("https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img"),
                    "ubuntu-24.04", "ubuntu", "24.04", "pve1", null, Map.of()));
            assertThat(image.name()).isEqualTo("ubuntu-24.04");
        }
        assertThat(pve.uploads).isEmpty();
        assertThat(pve.forms.get("POST /nodes/pve1/storage/local/download-url"))
                .contains("content=import").contains("filename=ubuntu-24.04.qcow2")
                .contains("url=https%3A%2F%2Fcloud-images.ubuntu.com%2Fnoble%2Fcurrent%2Fnoble-server-cloudimg-amd64.img");
    }

    @Test
    void imageFileAlreadyOnTheStorageIsNotFetchedAgain() {
        pve.importVolumes.put("local:import/ubuntu-24.04.qcow2", "pve1");
        try (ComputeProvider provider = open()) {
            imports(provider).importImage(new ImageImportSpec(null, URI.create("https://example.test/u.qcow2"),
                    "ubuntu-24.04", "ubuntu", "24.04", null, null, Map.of()));
        }
        assertThat(pve.requests).noneMatch(r -> r.contains("download-url"));
        assertThat(pve.vms.get(100).config.get("scsi0")).endsWith("import-from=local:import/ubuntu-24.04.qcow2");
    }

    @Test
    void failedImportLeavesNothingBehind() throws IOException {
        pve.failingTasks.put("qmcreate", "unable to parse image 'local:import/broken.qcow2'");
        Path file = qcow2Named("broken.qcow2");
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(() -> imports(provider).importImage(new ImageImportSpec(file, null, null, null, null,
                    null, null, Map.of()))).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.getMessage()).contains("unable to parse image"));
        }
        assertThat(pve.vms).isEmpty();
        assertThat(pve.importVolumes).isEmpty();
        assertThat(pve.requests).contains("DELETE /nodes/pve1/storage/local/content/local%3Aimport%2Fbroken.qcow2");
    }

    @Test
    void storageWithoutImportContentIsRefusedWithTheFix() throws IOException {
        pve.storageContent.put("local", "iso,vztmpl,backup");
        Path file = qcow2Named("x.qcow2");
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(() -> imports(provider).importImage(new ImageImportSpec(file, null, null, null, null,
                    null, null, Map.of()))).isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("pvesm set local --content iso,vztmpl,backup,import");
                    });
        }
        assertThat(pve.uploads).isEmpty();
        assertThat(pve.vms).isEmpty();
    }

    @Test
    void rawAndVmdkFilesAreNamedByTheirBytes() throws IOException {
        Path raw = dir.resolve("disk.img");
        Files.write(raw, new byte[512]);
        Path vmdk = dir.resolve("disk.bin");
        Files.write(vmdk, new byte[] {'K', 'D', 'M', 'V', 1, 0, 0, 0});
        assertThat(PveImageImports.sniff(raw)).isEqualTo(".raw");
        assertThat(PveImageImports.sniff(vmdk)).isEqualTo(".vmdk");
    }
}
