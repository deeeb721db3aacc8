package io.altostratus.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login resolution, Ansible inventories and ssh-config blocks (no server needed). */
class InventoryTest {
    @TempDir
    Path dir;

    private static Instance instance(String id, String name, String pub, String priv, String key,
                                     Map<String, String> tags) {
        return Instance.builder().id(id).name(name).state(InstanceState.RUNNING).publicIp(pub).privateIp(priv)
                .keyName(key).imageId("ami-1").tags(tags).build();
    }

    private static Image image(String distro, String name) {
        return new Image("ami-1", name, null, null, null, distro, null, null, Image.AVAILABLE, true, null, 8,
                List.of(), null, null, Map.of());
    }

    @Test
    void loginUsesPublicThenPrivateAddressTheDistroUserAndTheLaunchKey() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("alto/keys"));
        Files.writeString(keys.resolve("lab.pem"), "key");
        GuestLogin login = new GuestLogin(null, 22, null, List.of(keys), false, null);

        SshTarget t = login.target(instance("i-1", "a", "203.0.113.5", "10.0.0.5", "lab", Map.of()),
                image("ubuntu", null));
        assertThat(t.host()).isEqualTo("203.0.113.5");
        assertThat(t.user()).isEqualTo("ubuntu");
        assertThat(t.identities()).containsExactly(keys.resolve("lab.pem"));
        assertThat(t.hostKeyId()).isEqualTo("i-1");

        assertThat(login.target(instance("i-2", "b", null, "10.0.0.6", "lab", Map.of()), image("debian", null))
                .host()).isEqualTo("10.0.0.6");
        assertThat(GuestLogin.defaultUser(image("debian", null), null)).contains("admin");
        assertThat(GuestLogin.defaultUser(image("amazon-linux", null), null)).contains("ec2-user");
        assertThat(GuestLogin.defaultUser(image(null, "al2023-ami-2023.6-x86_64"), null)).contains("ec2-user");
        assertThat(GuestLogin.defaultUser(image(null, "mystery"), null)).isEmpty();
    }

    @Test
    void aKeyTheAwsProviderKeptUnderItsRegionIsFoundFirst() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("alto/keys"));
        Path regional = Files.createDirectories(keys.resolve("eu-west-1"));
        Files.writeString(keys.resolve("lab.pem"), "flat");
        Files.writeString(regional.resolve("lab.pem"), "regional");
        GuestLogin login = new GuestLogin(null, 22, null, List.of(keys), false, null);
        Instance inIreland = Instance.builder().id("i-3").state(InstanceState.RUNNING).publicIp("203.0.113.7")
                .keyName("lab").imageId("ami-1").region("eu-west-1").build();
        Instance inOhio = inIreland.toBuilder().id("i-4").region("us-east-2").build();

        assertThat(login.target(inIreland, image("ubuntu", null)).identities()).containsExactly(regional.resolve("lab.pem"));
        assertThat(login.target(inOhio, image("ubuntu", null)).identities()).containsExactly(keys.resolve("lab.pem"));
    }

    @Test
    void missingKeyOrUserOrAddressIsAClearError() {
        GuestLogin login = new GuestLogin(null, 22, null, List.of(dir), false, null);
        assertThatThrownBy(() -> login.target(instance("i-1", null, "1.2.3.4", null, "nokey", Map.of()),
                image("ubuntu", null)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("'nokey'", "--identity");
                });
        GuestLogin withKey = new GuestLogin(null, 22, dir.resolve("k"), List.of(), false, null);
        assertThatThrownBy(() -> withKey.target(instance("i-1", null, "1.2.3.4", null, null, Map.of()),
                image(null, "mystery")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.getMessage()).contains("--user"));
        assertThatThrownBy(() -> withKey.target(instance("i-1", null, null, null, null, Map.of()),
                image("ubuntu", null)))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    private Inventory sample() {
        Path key = dir.resolve("lab.pem");
        List<Instance> instances = List.of(
                instance("i-0a", "web-1", "203.0.113.10", "10.0.0.10", "lab", Map.of("Name", "web-1",
                        "role", "web", "env", "prod-eu")),
                instance("i-0b", "db", null, "10.0.0.11", "lab", Map.of("Name", "db", "role", "db")),
                instance("i-0c", "dup", null, "10.0.0.12", "lab", Map.of("Name", "dup")),
                instance("i-0d", "dup", null, "10.0.0.13", "lab", Map.of("Name", "dup", "aws:x", "y")));
        return Inventory.of(instances, i -> new SshTarget(GuestLogin.address(i).orElseThrow(), 22,
                i.id().equals("i-0b") ? "admin" : "ubuntu", i.id(), List.of(key), false, null));
    }

    @Test
    void iniInventoryHasHostVariablesAndTagGroups() {
        String ini = sample().ini();
        String key = dir.resolve("lab.pem").toAbsolutePath().toString();
        assertThat(ini).contains("web-1 ansible_host=203.0.113.10 ansible_user=ubuntu ansible_port=22 "
                + "ansible_ssh_private_key_file=" + key + " alto_instance_id=i-0a\n");
        assertThat(ini).contains("db ansible_host=10.0.0.11 ansible_user=admin");
        // Duplicate names fall back to instance ids.
        assertThat(ini).contains("\ni-0c ansible_host=10.0.0.12", "\ni-0d ansible_host=10.0.0.13");
        assertThat(ini).contains("[role_web]\nweb-1\n", "[role_db]\ndb\n", "[env_prod_eu]\nweb-1\n");
        assertThat(ini).doesNotContain("[Name", "aws_x");
    }

    @Test
    void yamlInventoryHasTheSameContent() {
        String yaml = sample().yaml();
        assertThat(yaml).startsWith("all:\n  hosts:\n    \"web-1\":\n      ansible_host: \"203.0.113.10\"\n");
        assertThat(yaml).contains("  children:\n", "    role_web:\n      hosts:\n        \"web-1\": {}\n");
        assertThat(new Inventory(List.of()).yaml()).isEqualTo("all:\n  hosts: {}\n");
    }

    @Test
    void sshConfigBlocks() {
        String config = sample().sshConfig();
        assertThat(config).startsWith("Host web-1\n  HostName 203.0.113.10\n  User ubuntu\n  Port 22\n"
                + "  HostKeyAlias i-0a\n  IdentityFile \"" + dir.resolve("lab.pem").toAbsolutePath()
                + "\"\n  IdentitiesOnly yes\n\nHost db\n");
    }
}
