package io.altostratus.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encodings and error words of the Proxmox API, without a server. */
class PveWireTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WIRE = Path.of("/work/shared/data/wire/proxmox");

    @Test
    void sshkeysAreUrlEncodedWithPercent20AndNewlineSeparated() {
        String encoded = SshKeyEncoding.encode(List.of("ssh-ed25519 AAAA+b/c= me@lab", " ssh-rsa AAAB two words \n"));
        assertThat(encoded).isEqualTo("ssh-ed25519%20AAAA%2Bb%2Fc%3D%20me%40lab%0Assh-rsa%20AAAB%20two%20words");
        assertThat(encoded).doesNotContain("+").doesNotContain(" ");
        assertThat(SshKeyEncoding.decode(encoded)).containsExactly("ssh-ed25519 AAAA+b/c= me@lab",
                "ssh-rsa AAAB two words");
    }

    @Test
    void sshkeysAreFormEncodedOnceMoreOnTheWire() {
        String body = PveClient.formBody(java.util.Map.of("sshkeys", SshKeyEncoding.encode(List.of("ssh-ed25519 A+B"))));
        assertThat(body).isEqualTo("sshkeys=ssh-ed25519%2520A%252BB");
    }

    @Test
    void recordedAgentAnswerGivesTheIpv4OfNet0() throws IOException {
        assumeTrue(Files.isDirectory(WIRE), "recorded Proxmox bodies absent (" + WIRE + "): skipped");
        JsonNode snippets = JSON.readTree(WIRE.resolve("recorded_snippets_from_github_issues.json").toFile());
        JsonNode answer = null;
        for (JsonNode s : snippets.path("snippets")) {
            if (s.path("endpoint").asText().contains("network-get-interfaces")) {
                answer = JSON.readTree(s.path("raw").asText()).path("data");
            }
        }
        assertThat(answer).isNotNull();
        GuestAddresses.Found found = GuestAddresses.pick(answer, "BE:2A:81:98:BC:AD");
        assertThat(found.ipv4()).isEqualTo("172.16.12.20");
        assertThat(found.ipv6()).isNull(); // fe80:: is link-local, ::1 loopback
    }

    @Test
    void net0sInterfaceWinsOverAnEarlierOne() throws IOException {
        JsonNode answer = JSON.readTree("""
                {"result":[
                 {"name":"docker0","hardware-address":"02:42:00:00:00:01","ip-addresses":[
                   {"ip-address-type":"ipv4","ip-address":"172.17.0.1","prefix":16}]},
                 {"name":"eth0","hardware-address":"bc:24:11:aa:bb:cc","ip-addresses":[
                   {"ip-address-type":"ipv6","ip-address":"2001:db8::5","prefix":64},
                   {"ip-address-type":"ipv4","ip-address":"192.0.2.10","prefix":24}]}]}""");
        assertThat(GuestAddresses.pick(answer, "BC:24:11:AA:BB:CC").best()).isEqualTo("192.0.2.10");
        assertThat(GuestAddresses.pick(answer, null).best()).isEqualTo("172.17.0.1");
    }

    @Test
    void recordedParameterErrorBecomesAlreadyExists() throws IOException {
        assumeTrue(Files.isDirectory(WIRE), "recorded Proxmox bodies absent (" + WIRE + "): skipped");
        JsonNode body = JSON.readTree(WIRE.resolve("cluster_nextid_400_error.json").toFile());
        String text = PveClient.errorText(400, body);
        assertThat(text).isEqualTo("vmid: VM 200 already exists");
        AltoException e = PveErrors.translate("cluster.nextid", new PveException(400, text));
        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(PveErrors.isTransient(new PveException(400, text))).isFalse();
    }

    @Test
    void errorsAreChosenByProxmoxsWords() {
        assertThat(PveErrors.translate("op", new PveException(401, "authentication failure")).code())
                .isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(PveErrors.translate("op", new PveException(500, "VM is locked (clone)")).code())
                .isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(PveErrors.translate("op", new PveException(500,
                "Configuration file 'nodes/pve1/qemu-server/1234.conf' does not exist")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(PveErrors.isTransient(new PveException(595, "Connection refused"))).isTrue();
        assertThat(PveErrors.isTransient(new PveException(500, "VM is locked (clone)"))).isTrue();
        assertThat(PveErrors.isTransient(new PveException(PveException.TASK_FAILED, "start failed"))).isFalse();
        assertThat(PveErrors.isTransient(new PveException(401, "authentication failure"))).isFalse();
    }

    @Test
    void upidNamesItsNode() {
        assertThat(PveTasks.node("UPID:dahu-2:00007323:001036A5:6419CAF8:qmstart:100:root@pam:")).isEqualTo("dahu-2");
        assertThatThrownBy(() -> PveTasks.node("not-a-upid")).isInstanceOf(PveException.class);
    }

    @Test
    void fingerprintMustBeSha256() {
        assertThat(PveTls.normalise("80:D4:F2:DF")).isEqualTo("80d4f2df");
        assertThatThrownBy(() -> PveTls.pinned("80:D4")).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        PveTls.pinned("80:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5");
    }

    @Test
    void tagsBlockKeepsTheUsersNotes() {
        PveTags.Written w = PveTags.write(java.util.Map.of("web", "", "Owner", "ana"), "my notes\n# alto-tags\nold=1\n"
                + "# end-alto-tags\n");
        assertThat(w.tags()).isEqualTo("web");
        assertThat(w.description()).isEqualTo("my notes\n# alto-tags\nOwner=ana\n# end-alto-tags\n");
        assertThat(PveTags.read("web;db", w.description())).containsEntry("web", "").containsEntry("db", "")
                .containsEntry("Owner", "ana").doesNotContainKey("old");
    }
}
