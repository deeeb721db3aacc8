package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class CloudConfigTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3dQ5Yb0p9l1W8e2Vt0GJmT7zT2cX9QxkTkJ1fUaQx alto@test";

    @TempDir
    Path dir;

    static CloudConfig full() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        return CloudConfig.builder()
                .hostname("web-1").fqdn("web-1.example.internal").timezone("Europe/Paris")
                .defaultUser()
                .user(User.admin("alto", List.of(KEY)).withGroups(List.of("adm", "sudo")).withLockPasswd(true))
                .user(User.named("on").withShell("/bin/sh").withLockPasswd(false))
                .sshAuthorizedKey(KEY).sshPwauth(false)
                .packageUpdate(true).packageUpgrade(true)
                .packages("nginx", "yes", "0755").pinnedPackage("curl", "7.88.1-10")
                .writeFile(WriteFile.text("/etc/motd", "Welcome\non: yes\n").withPermissions("0644").withOwner("root:root"))
                .writeFile(WriteFile.bytes("/opt/blob", binary).withPermissions("755"))
                .writeFile(WriteFile.text("/etc/hosts", "10.0.0.1 db\n").appending())
                .bootcmd("echo booting > /dev/console").bootcmd(List.of("mkdir", "-p", "/run/alto"))
                .runcmd("12:30").runcmd(List.of("systemctl", "enable", "--now", "nginx"))
                .runcmd("printf '%s\\n' \"$HOME\" | tee -a /tmp/out # comment")
                .finalMessage("alto: up after $UPTIME seconds")
                .raw("manage_etc_hosts", true)
                .raw("apt", Map.of("preserve_sources_list", true))
                .build();
    }

    @Test
    void fullConfigPassesCloudInitsSchemaCheck() {
        CloudInitSchema.assertValid(dir, full().render());
    }

    @Test
    void theSchemaCheckRejectsWhatItShould() {
        // A control: if cloud-init accepted this, a passing check above would prove nothing.
        String bad = CloudConfig.builder().raw("users", List.of(Map.of("name", "a", "sudo", 5)))
                .raw("packages", "not-a-list").build().render();
        Tools.Result r = CloudInitSchema.check(dir, bad);
        assertThat(r.exit()).isNotZero();
        assertThat(r.out() + r.stderr()).contains("users.0").contains("packages");
    }

    @Test
    void renderedValuesReadBackAsTheirTypes() {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(full().render());
        assertThat(full().render()).startsWith("#cloud-config\n");
        assertThat(doc.get("packages")).isEqualTo(List.of("nginx", "yes", "0755", List.of("curl", "7.88.1-10")));
        assertThat(doc.get("runcmd")).asList().first().isEqualTo("12:30");
        assertThat(doc.get("users")).asList().first().isEqualTo("default");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) doc.get("users");
        assertThat(users.get(1)).containsEntry("name", "alto").containsEntry("sudo", "ALL=(ALL) NOPASSWD:ALL")
                .containsEntry("groups", List.of("adm", "sudo")).containsEntry("lock_passwd", true)
                .containsEntry("ssh_authorized_keys", List.of(KEY));
        assertThat(users.get(2)).containsEntry("name", "on").containsEntry("lock_passwd", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("write_files");
        assertThat(files.get(0)).containsEntry("content", "Welcome\non: yes\n").containsEntry("permissions", "0644")
                .doesNotContainKey("encoding");
        assertThat(files.get(1)).containsEntry("encoding", "b64").containsEntry("permissions", "0755");
        byte[] decoded = Base64.getDecoder().decode((String) files.get(1).get("content"));
        assertThat(decoded).hasSize(256).startsWith(0, 1, 2).endsWith((byte) 254, (byte) 255);
        assertThat(files.get(2)).containsEntry("append", true);
        assertThat(doc).containsEntry("ssh_pwauth", false).containsEntry("package_upgrade", true)
                .containsEntry("final_message", "alto: up after $UPTIME seconds").containsEntry("manage_etc_hosts", true);
    }

    @Test
    void mergeKeepsTheBaseAppendsListsAndReplacesSingleValues() {
        String base = """
                #cloud-config
                hostname: old
                packages: [git]
                runcmd:
                  - echo base
                apt:
                  preserve_sources_list: true
                """;
        CloudConfig merged = CloudConfig.builder().merge(base)
                .hostname("new").packages("htop").runcmd("echo mine").build();
        assertThat(merged.toMap()).containsEntry("hostname", "new")
                .containsEntry("packages", List.of("git", "htop"))
                .containsEntry("runcmd", List.of("echo base", "echo mine"))
                .containsEntry("apt", Map.of("preserve_sources_list", true));
        CloudInitSchema.assertValid(dir, merged.render());
    }

    @Test
    void mergingSomethingThatIsNotAMappingIsAnInvalidParameter() {
        assertThatThrownBy(() -> CloudConfig.parse("- a\n- b\n"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
                });
    }

    @Test
    void mergingANonYamlFileNeitherEchoesItsContentNorSpansLines() {
        String privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> CloudConfig.parse(privateKey))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).doesNotContain("b3BlbnNzaC1rZXkt").doesNotContain("\n");
                });
        assertThatThrownBy(() -> CloudConfig.parse("hostname: a\npackages: [git\n"))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("line ").doesNotContain("\n").doesNotContain("[git");
                });
    }

    @Test
    void writeFileRejectsRelativePathsAndNonOctalModes() {
        assertThatThrownBy(() -> WriteFile.text("etc/motd", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteFile.text("/etc/motd", "x").withPermissions("rw-r--r--"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Randomised configs (seeded, so a failure reproduces) with hostile strings everywhere a string goes and random
     * bytes in files: cloud-init's strict schema validation accepts every one, and PyYAML reads back exactly the
     * strings and bytes that went in.
     */
    @Test
    void randomConfigsValidateAndReadBackExactlyInCloudInit() {
        Tools.cloudInitPython();
        Random random = new Random(20261121);
        List<String> strings = new ArrayList<>(YamlWriterTest.TRICKY);
        strings.removeIf(String::isBlank); // cloud-init rejects blank package names and the like; we do too
        List<CloudConfig> configs = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String s1 = strings.get(random.nextInt(strings.size()));
            String s2 = strings.get(random.nextInt(strings.size()));
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            CloudConfig c = CloudConfig.builder()
                    .hostname("h" + i)
                    .user(User.named("u" + i).withSudo(s1).withGroups(List.of(s2)).withShell(s1)
                            .withSshAuthorizedKeys(List.of(s2)))
                    .packages(s1, s2).runcmd(s1).runcmd(List.of(s1, s2)).bootcmd(s2)
                    .writeFile(WriteFile.text("/tmp/t" + i, s1 + s2).withOwner("root:root"))
                    .writeFile(WriteFile.bytes("/tmp/b" + i, bytes).withPermissions("0600"))
                    .finalMessage(s2)
                    .build();
            configs.add(c);
            documents.add(c.render());
        }
        List<Object> loaded = CloudInitSchema.validateAll(documents);
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> py = CloudInitSchema.asMap(loaded.get(i));
            Map<String, Object> ours = configs.get(i).toMap();
            assertThat(py.get("packages")).isEqualTo(ours.get("packages"));
            assertThat(py.get("runcmd")).isEqualTo(ours.get("runcmd"));
            assertThat(py.get("bootcmd")).isEqualTo(ours.get("bootcmd"));
            assertThat(py.get("users")).isEqualTo(ours.get("users"));
            assertThat(py.get("write_files")).isEqualTo(ours.get("write_files"));
            assertThat(py.get("final_message")).isEqualTo(ours.get("final_message"));
        }
    }

    @Test
    void textFilesStayTextAndEverythingElseIsBase64() {
        assertThat(WriteFile.text("/a", "héllo\n").binary()).isFalse();
        assertThat(WriteFile.bytes("/a", "x\u0001".getBytes(StandardCharsets.UTF_8)).binary()).isTrue();
        assertThat(WriteFile.bytes("/a", new byte[] {(byte) 0xC3}).binary()).isTrue();
    }
}
