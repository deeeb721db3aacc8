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

/** The provider's path end to end: clone a template, configure, start, read the agent, stop, destroy. */
class PveLifecycleTest {
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
    void cloneStartAgentStopDestroy() {
        int vmid = Integer.parseInt(pve.get("/cluster/nextid").data().asText());
        assertThat(vmid).isEqualTo(100);

        Answer clone = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone",
                Map.of("newid", Integer.toString(vmid), "name", "web1", "full", "1"));
        assertThat(clone.status()).isEqualTo(200);
        String upid = clone.data().asText();
        assertThat(upid).matches("UPID:" + pve.node + ":[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:"
                + PveEndpoint.AGENT_TEMPLATE + ":root@pam:");
        JsonNode task = pve.awaitTask(upid);
        assertThat(task.get("exitstatus").asText()).isEqualTo("OK");
        assertThat(task.get("type").asText()).isEqualTo("qmclone");

        JsonNode config = pve.get(pve.vm(vmid) + "/config").data();
        assertThat(config.get("name").asText()).isEqualTo("web1");
        assertThat(config.has("lock")).isFalse();
        assertThat(config.has("template")).isFalse();
        assertThat(config.get("agent").asText()).isEqualTo("1");
        assertThat(config.get("net0").asText()).startsWith("virtio=BC:24:11:00:00:64");
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("status").asText()).isEqualTo("stopped");
        assertThat(pve.get("/cluster/nextid").data().asText()).isEqualTo("101");

        String keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlto alto@test";
        String encodedKeys = PveEndpoint.enc(keys).replace("+", "%20");
        assertThat(pve.put(pve.vm(vmid) + "/config", Map.of("ciuser", "alto", "sshkeys", encodedKeys,
                "ipconfig0", "ip=dhcp", "cores", "2", "tags", "web;prod")).status()).isEqualTo(200);
        config = pve.get(pve.vm(vmid) + "/config").data();
        assertThat(config.get("sshkeys").asText()).isEqualTo(encodedKeys);
        assertThat(config.get("cores").isInt()).isTrue();
        assertThat(config.get("cores").asInt()).isEqualTo(2);
        assertThat(config.get("tags").asText()).isEqualTo("web;prod");

        pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
        JsonNode current = pve.get(pve.vm(vmid) + "/status/current").data();
        assertThat(current.get("status").asText()).isEqualTo("running");
        assertThat(current.get("qmpstatus").asText()).isEqualTo("running");
        assertThat(current.get("vmid").asInt()).isEqualTo(vmid);
        assertThat(current.get("name").asText()).isEqualTo("web1");
        assertThat(current.get("agent").asInt()).isEqualTo(1);

        JsonNode result = pve.get(pve.vm(vmid) + "/agent/network-get-interfaces").data().get("result");
        assertThat(result.get(0).get("name").asText()).isEqualTo("lo");
        JsonNode nic = result.get(1);
        assertThat(nic.get("hardware-address").asText()).isEqualTo("bc:24:11:00:00:64");
        JsonNode ips = nic.get("ip-addresses");
        assertThat(ips.get(0).get("ip-address-type").asText()).isEqualTo("ipv6");
        assertThat(ips.get(0).get("ip-address").asText()).isEqualTo("fe80::be24:11ff:fe00:64");
        assertThat(ips.get(1).get("ip-address-type").asText()).isEqualTo("ipv4");
        assertThat(ips.get(1).get("ip-address").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
                .isNotEqualTo("127.0.0.1");

        JsonNode listed = pve.get("/nodes/" + pve.node + "/qemu").data();
        List<Integer> ids = new ArrayList<>();
        listed.forEach(v -> ids.add(v.get("vmid").asInt()));
        assertThat(ids).contains(vmid, PveEndpoint.AGENT_TEMPLATE);

        assertThat(pve.delete(pve.vm(vmid)).body().get("message").asText())
                .isEqualTo("VM " + vmid + " is running - destroy failed\n");
        pve.ok(pve.post(pve.vm(vmid) + "/status/shutdown", Map.of()));
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("status").asText()).isEqualTo("stopped");
        pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
        pve.ok(pve.post(pve.vm(vmid) + "/status/stop", Map.of()));
        Answer agentWhenStopped = pve.get(pve.vm(vmid) + "/agent/network-get-interfaces");
        assertThat(agentWhenStopped.status()).isEqualTo(500);
        assertThat(agentWhenStopped.body().get("message").asText()).isEqualTo("VM " + vmid + " is not running\n");

        JsonNode destroyed = pve.ok(pve.delete(pve.vm(vmid)));
        assertThat(destroyed.get("type").asText()).isEqualTo("qmdestroy");
        Answer gone = pve.get(pve.vm(vmid) + "/config");
        assertThat(gone.status()).isEqualTo(500);
        assertThat(gone.body().get("message").asText())
                .isEqualTo("Configuration file 'nodes/" + pve.node + "/qemu-server/" + vmid + ".conf' does not exist\n");
        assertThat(gone.body().get("data").isNull()).isTrue();
    }

    @Test
    void asyncConfigDeleteAndReboot() {
        int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 110, "cfg");
        JsonNode task = pve.ok(pve.post(pve.vm(vmid) + "/config", Map.of("description", "made by alto",
                "memory", "4096", "delete", "ide2")));
        assertThat(task.get("type").asText()).isEqualTo("qmconfig");
        JsonNode config = pve.get(pve.vm(vmid) + "/config").data();
        assertThat(config.get("description").asText()).isEqualTo("made by alto");
        assertThat(config.has("ide2")).isFalse();
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("maxmem").asLong()).isEqualTo(4096L << 20);
        Answer reboot = pve.post(pve.vm(vmid) + "/status/reboot", Map.of());
        assertThat(reboot.status()).isEqualTo(500);
        assertThat(reboot.body().get("message").asText()).isEqualTo("VM " + vmid + " not running\n");
        pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
        assertThat(pve.ok(pve.post(pve.vm(vmid) + "/status/reboot", Map.of())).get("type").asText())
                .isEqualTo("qmreboot");
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("status").asText()).isEqualTo("running");
        Answer unknown = pve.get("/nodes/" + pve.node + "/lxc");
        assertThat(unknown.status()).isEqualTo(501);
        Answer noNode = pve.get("/nodes/nosuchnode/qemu");
        assertThat(noNode.status()).isEqualTo(500);
    }

    @Test
    void agentAbsentWhenTheTemplateHasNone() {
        int vmid = pve.cloneTemplate(PveEndpoint.NO_AGENT_TEMPLATE, 120, "plain");
        pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
        Answer agent = pve.get(pve.vm(vmid) + "/agent/network-get-interfaces");
        assertThat(agent.status()).isEqualTo(500);
        assertThat(agent.body().get("message").asText()).isEqualTo("No QEMU guest agent configured\n");
        assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("agent").asInt()).isZero();
    }

    @Test
    void cloneOfALockedVmAndCallsOnItAreRefusedUntilTheTaskEnds() {
        pve.front.faults().holdTasks();
        Answer clone = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("newid", "130"));
        String upid = clone.data().asText();
        assertThat(pve.get("/nodes/" + pve.node + "/tasks/" + PveEndpoint.enc(upid) + "/status").data()
                .get("status").asText()).isEqualTo("running");
        assertThat(pve.get(pve.vm(130) + "/config").data().get("lock").asText()).isEqualTo("clone");
        assertThat(pve.get(pve.vm(130) + "/status/current").data().get("lock").asText()).isEqualTo("clone");
        Answer start = pve.post(pve.vm(130) + "/status/start", Map.of());
        assertThat(start.status()).isEqualTo(500);
        assertThat(start.body().get("message").asText()).isEqualTo("VM is locked (clone)\n");
        assertThat(pve.put(pve.vm(130) + "/config", Map.of("name", "x")).body().get("message").asText())
                .isEqualTo("VM is locked (clone)\n");
        Answer again = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("newid", "130"));
        assertThat(again.status()).isEqualTo(500);

        pve.front.faults().releaseTasks();
        assertThat(pve.awaitTask(upid).get("exitstatus").asText()).isEqualTo("OK");
        assertThat(pve.get(pve.vm(130) + "/config").data().has("lock")).isFalse();
        assertThat(pve.get(pve.vm(130) + "/config").data().get("name").asText())
                .isEqualTo("Copy-of-VM-ubuntu-2404-tpl");
    }

    @Test
    void aFailedTaskEndsWithItsErrorLineAndLeavesNoVm() {
        pve.front.faults().failNextTask("qmclone", "storage 'local-zfs' does not exist");
        String upid = pve.post(pve.vm(PveEndpoint.AGENT_TEMPLATE) + "/clone", Map.of("newid", "140"))
                .data().asText();
        JsonNode status = pve.awaitTask(upid);
        assertThat(status.get("exitstatus").asText()).isEqualTo("storage 'local-zfs' does not exist");
        JsonNode log = pve.get("/nodes/" + pve.node + "/tasks/" + PveEndpoint.enc(upid) + "/log").body();
        JsonNode lines = log.get("data");
        assertThat(lines.get(lines.size() - 1).get("t").asText())
                .isEqualTo("TASK ERROR: storage 'local-zfs' does not exist");
        assertThat(log.get("total").asInt()).isEqualTo(lines.size());
        assertThat(pve.get(pve.vm(140) + "/config").status()).isEqualTo(500);
        // The fault is used up: the next clone works.
        pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 140, "second");
    }

    @Test
    void requestFaultsAnswerPveServerErrors() {
        pve.front.faults().failRequests("GET /nodes/.*/qemu", "cluster not ready, no quorum?");
        Answer list = pve.get("/nodes/" + pve.node + "/qemu");
        assertThat(list.status()).isEqualTo(500);
        assertThat(list.body().get("message").asText()).isEqualTo("cluster not ready, no quorum?\n");
        assertThat(list.body().get("data").isNull()).isTrue();
        pve.front.faults().clear();
        assertThat(pve.get("/nodes/" + pve.node + "/qemu").status()).isEqualTo(200);
    }

    @Test
    void templateAndResize() {
        int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 150, "golden");
        JsonNode resized = pve.ok(pve.put(pve.vm(vmid) + "/resize", Map.of("disk", "scsi0", "size", "+2G")));
        assertThat(resized.get("type").asText()).isEqualTo("resize");
        String disk = pve.get(pve.vm(vmid) + "/config").data().get("scsi0").asText();
        assertThat(disk).startsWith("local-lvm:vm-150-disk-0,size=").doesNotEndWith("size=8G");
        pve.ok(pve.post(pve.vm(vmid) + "/template", Map.of()));
        assertThat(pve.get(pve.vm(vmid) + "/config").data().get("template").asInt()).isEqualTo(1);
        assertThat(pve.post(pve.vm(vmid) + "/status/start", Map.of()).body().get("message").asText())
                .isEqualTo("you can't start a vm if it's a template\n");
        int copy = pve.cloneTemplate(vmid, 151, "from-golden");
        pve.ok(pve.post(pve.vm(copy) + "/status/start", Map.of()));
        assertThat(pve.get(pve.vm(copy) + "/status/current").data().get("status").asText()).isEqualTo("running");
    }
}
