package io.altostratus.gateway.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.pve.PveEndpoint.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A template made the way the provider makes one (download-url, create with import-from, qm template); snapshots. */
class PveStorageAndSnapshotTest {
    private PveEndpoint pve;

    @BeforeEach
    void start() {
        pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void downloadImportAndTemplateMakeACloneableTemplate() {
        JsonNode storages = pve.get("/nodes/" + pve.node + "/storage").data();
        assertThat(storages.get(0).get("storage").asText()).isEqualTo("local");
        String base = "/nodes/" + pve.node + "/storage/local";
        JsonNode download = pve.ok(pve.post(base + "/download-url", Map.of("content", "import",
                "filename", "noble-server-cloudimg-amd64.qcow2",
                "url", "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img")));
        assertThat(download.get("type").asText()).isEqualTo("download");
        JsonNode content = pve.get(base + "/content?content=import").data();
        assertThat(content.get(0).get("volid").asText()).isEqualTo("local:import/noble-server-cloudimg-amd64.qcow2");

        pve.ok(pve.post("/nodes/" + pve.node + "/qemu", Map.of("vmid", "8000", "name", "noble-tpl",
                "scsi0", "local-lvm:0,import-from=local:import/noble-server-cloudimg-amd64.qcow2",
                "agent", "1", "net0", "virtio,bridge=vmbr0", "cores", "1", "memory", "1024")));
        JsonNode config = pve.get(pve.vm(8000) + "/config").data();
        assertThat(config.get("scsi0").asText()).startsWith("local-lvm:vm-8000-disk-0,size=");
        assertThat(config.get("net0").asText()).isEqualTo("virtio=BC:24:11:00:1F:40,bridge=vmbr0");
        JsonNode disks = pve.get("/nodes/" + pve.node + "/storage/local-lvm/content?vmid=8000").data();
        assertThat(disks.get(0).get("volid").asText()).isEqualTo("local-lvm:vm-8000-disk-0");

        pve.ok(pve.post(pve.vm(8000) + "/template", Map.of()));
        config = pve.get(pve.vm(8000) + "/config").data();
        assertThat(config.get("template").asInt()).isEqualTo(1);
        assertThat(config.get("tags").asText()).contains("alto-distro-ubuntu", "alto-release-24.04");

        int vmid = pve.cloneTemplate(8000, 101, "from-import");
        pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
        assertThat(pve.get(pve.vm(vmid) + "/agent/network-get-interfaces").data().get("result").size())
                .isEqualTo(2);
    }

    @Test
    void aVmWithoutAnImageHasNothingToBoot() {
        JsonNode task = pve.ok(pve.post("/nodes/" + pve.node + "/qemu", Map.of("vmid", "300", "name", "blank",
                "scsi0", "local-lvm:16,discard=on")));
        assertThat(task.get("type").asText()).isEqualTo("qmcreate");
        assertThat(pve.get(pve.vm(300) + "/config").data().get("scsi0").asText())
                .isEqualTo("local-lvm:vm-300-disk-0,size=16G,discard=on");
        Answer start = pve.post(pve.vm(300) + "/status/start", Map.of());
        assertThat(start.status()).isEqualTo(500);
        assertThat(start.body().get("message").asText()).startsWith("VM 300 has no bootable disk");
    }

    @Test
    void aUrlNoBackendImageMatchesFailsItsTask() {
        String upid = pve.post("/nodes/" + pve.node + "/storage/local/download-url", Map.of("content", "import",
                "filename", "mystery.qcow2", "url", "https://example.com/mystery.qcow2")).data().asText();
        assertThat(pve.awaitTask(upid).get("exitstatus").asText()).startsWith("no backend image matches");
        Answer missing = pve.post("/nodes/" + pve.node + "/storage/local/download-url", Map.of("content", "import"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").has("filename")).isTrue();
    }

    @Test
    void snapshotsAreBackendImagesAndLockTheVmMeanwhile() {
        int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 100, "snappy");
        pve.front.faults().holdTasks();
        String upid = pve.post(pve.vm(vmid) + "/snapshot", Map.of("snapname", "before_upgrade",
                "description", "pre")).data().asText();
        assertThat(pve.get(pve.vm(vmid) + "/config").data().get("lock").asText()).isEqualTo("snapshot");
        assertThat(pve.delete(pve.vm(vmid)).body().get("message").asText()).isEqualTo("VM is locked (snapshot)\n");
        pve.front.faults().releaseTasks();
        assertThat(pve.awaitTask(upid).get("exitstatus").asText()).isEqualTo("OK");

        JsonNode list = pve.get(pve.vm(vmid) + "/snapshot").data();
        List<String> names = new ArrayList<>();
        list.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactly("before_upgrade", "current");
        assertThat(list.get(1).get("parent").asText()).isEqualTo("before_upgrade");
        assertThat(pve.post(pve.vm(vmid) + "/snapshot", Map.of("snapname", "before_upgrade")).body()
                .get("message").asText()).isEqualTo("snapshot name 'before_upgrade' already used\n");
        assertThat(pve.post(pve.vm(vmid) + "/snapshot", Map.of()).body().get("errors").has("snapname")).isTrue();

        pve.ok(pve.delete(pve.vm(vmid) + "/snapshot/before_upgrade"));
        assertThat(pve.get(pve.vm(vmid) + "/snapshot").data().size()).isEqualTo(1);
    }

    @Test
    void destroyLocksTheVmUntilItsTaskEnds() {
        int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 100, "doomed");
        pve.front.faults().holdTasks();
        String upid = pve.delete(pve.vm(vmid)).data().asText();
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("lock").asText()).isEqualTo("destroyed");
        assertThat(pve.post(pve.vm(vmid) + "/status/start", Map.of()).body().get("message").asText())
                .isEqualTo("VM is locked (destroyed)\n");
        pve.front.faults().releaseTasks();
        pve.awaitTask(upid);
        assertThat(pve.get(pve.vm(vmid) + "/status/current").status()).isEqualTo(500);
    }
}
