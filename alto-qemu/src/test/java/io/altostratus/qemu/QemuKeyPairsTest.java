package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key pairs: what is generated is what OpenSSH reads (checked with the real {@code ssh-keygen} where installed),
 * imports and their errors, durability across processes, and the public key in a launch's NoCloud meta-data.
 */
class QemuKeyPairsTest {
    @TempDir
    Path state;

    private QemuProvider open(StateStore store) {
        QemuSettings settings = new QemuSettings(state.resolve("qemu"), "qemu-system-x86_64", "qemu-img",
                Accelerator.TCG, state.resolve("cache"), QemuSettings.DEFAULT_MIRROR, Duration.ofSeconds(120));
        return new QemuProvider(store, false, ProviderContext.DEFAULT_ACCOUNT, settings, Clock.systemUTC());
    }

    private static void needSshKeygen() {
        assumeTrue(Commands.which("ssh-keygen").isPresent(), "ssh-keygen is not installed (openssh-client)");
    }

    private String sshKeygen(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("ssh-keygen"));
        argv.addAll(List.of(args));
        return Commands.run(argv, state, Duration.ofSeconds(60)).stdout().strip();
    }

    private Path privateKeyFile(String pem) throws Exception {
        Path file = state.resolve("id-" + System.nanoTime());
        Files.writeString(file, pem);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The type and base64 of a public key line, without its comment. */
    private static String keyOf(String line) {
        String[] parts = line.split(" ");
        return parts[0] + " " + parts[1];
    }

    @Test
    void generatedPairsAreKeysOpenSshReadsAndFingerprintsAsSshKeygenDoes() throws Exception {
        needSshKeygen();
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            KeyPairs keys = qemu.extension(KeyPairs.class).orElseThrow();
            for (KeyType type : KeyType.values()) {
                CreatedKeyPair made = keys.createKeyPair("made-" + type, type, Map.of("team", "a"));
                assertThat(made.keyPair().type()).isEqualTo(type);
                assertThat(made.keyPair().id()).matches("qkey-[0-9a-f]{12}");
                Path priv = privateKeyFile(made.privateKeyPem());
                // ssh-keygen derives the public key from the private one: the pair is real and in a format ssh reads
                assertThat(sshKeygen("-y", "-f", priv.toString())).startsWith(keyOf(made.keyPair().publicKey()));
                Path pub = state.resolve("pub-" + type);
                Files.writeString(pub, made.keyPair().publicKey() + "\n");
                assertThat(sshKeygen("-l", "-E", "sha256", "-f", pub.toString()))
                        .contains(" " + made.keyPair().fingerprint() + " ");
            }
            assertThat(keys.keyPairs()).extracting(KeyPair::name).containsExactlyInAnyOrder("made-rsa",
                    "made-ed25519");
            assertThat(keys.keyPairs()).allSatisfy(k -> assertThat(k.toString()).doesNotContain("PRIVATE"));
        }
    }

    @Test
    void anImportedKeyIsKeptForEveryProcessAndNamesAreUnique() throws Exception {
        needSshKeygen();
        sshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "me@laptop", "-f", state.resolve("mine").toString());
        String line = Files.readString(state.resolve("mine.pub")).strip();
        try (StateStore store = StateStores.open(state.resolve("store"));
             StateStore other = StateStores.open(state.resolve("store"));
             QemuProvider qemu = open(store); QemuProvider second = open(other)) {
            KeyPairs keys = qemu.extension(KeyPairs.class).orElseThrow();
            KeyPair imported = keys.importKeyPair("laptop", line, Map.of());
            assertThat(imported.publicKey()).isEqualTo(line);
            assertThat(sshKeygen("-l", "-E", "sha256", "-f", state.resolve("mine.pub").toString()))
                    .contains(" " + imported.fingerprint() + " ");

            KeyPairs seen = second.extension(KeyPairs.class).orElseThrow();
            assertThat(seen.keyPairs()).singleElement().satisfies(k -> {
                assertThat(k.name()).isEqualTo("laptop");
                assertThat(k.fingerprint()).isEqualTo(imported.fingerprint());
            });
            assertThatThrownBy(() -> seen.importKeyPair("laptop", line, Map.of())).isInstanceOfSatisfying(
                    AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                        assertThat(e.providerCode()).isEqualTo("InvalidKeyPair.Duplicate");
                    });
            assertThatThrownBy(() -> seen.createKeyPair("laptop", KeyType.ED25519, Map.of()))
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.ALREADY_EXISTS));

            seen.deleteKeyPair("laptop");
            seen.deleteKeyPair("laptop");
            assertThat(keys.keyPairs()).isEmpty();
            // a launch naming a deleted key makes nothing
            assumeTrue(Commands.which("qemu-img").isPresent(), "qemu-img is not installed (qemu-utils)");
            Path raw = state.resolve("tiny.raw");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(raw.toFile(), "rw")) {
                f.setLength(1L << 20);
            }
            String image = qemu.extension(io.altostratus.core.ext.ImageImports.class).orElseThrow().importImage(
                    new io.altostratus.core.spec.ImageImportSpec(raw, null, null, "tinyos", "1", null,
                            io.altostratus.core.model.Architecture.X86_64, Map.of())).id();
            assertThatThrownBy(() -> qemu.launch(io.altostratus.core.spec.LaunchSpec.of(b -> b.image(image)
                    .instanceType("q.small").keyName("laptop")))).isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.providerCode()).isEqualTo("InvalidKeyPair.NotFound");
                    });
            assertThat(qemu.instances(io.altostratus.core.query.InstanceQuery.all())).isEmpty();
        }
    }

    @Test
    void whatIsNotAnEd25519OrRsaPublicKeyIsRefusedAsMalformed() {
        try (StateStore store = StateStores.inMemory(); QemuProvider qemu = open(store)) {
            KeyPairs keys = qemu.extension(KeyPairs.class).orElseThrow();
            String ed25519Body = keyOf(keys.createKeyPair("x", KeyType.ED25519, Map.of()).keyPair().publicKey())
                    .split(" ")[1];
            for (String junk : List.of("", "ssh-ed25519", "ssh-ed25519 not-base64!",
                    "ssh-ed25519 " + ed25519Body.substring(0, 30),
                    "ssh-rsa " + ed25519Body,
                    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=",
                    "-----BEGIN OPENSSH PRIVATE KEY-----")) {
                assertThatThrownBy(() -> keys.importKeyPair("junk", junk, Map.of())).as(junk)
                        .isInstanceOfSatisfying(AltoException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                            assertThat(e.providerCode()).isEqualTo("InvalidKey.Format");
                        });
            }
            assertThatThrownBy(() -> keys.createKeyPair("bad\nname", KeyType.ED25519, Map.of()))
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.INVALID_PARAMETER));
            assertThat(keys.keyPairs()).extracting(KeyPair::name).containsExactly("x");
        }
    }

    @Test
    void aKeyNamedAtLaunchIsInTheSeedsMetaDataAsPublicKeys() {
        QemuState.Vm vm = new QemuState.Vm("qvm-0123456789ab", QemuCatalog.ZONE, "qimg-0123456789ab", "q.small", 1,
                1024, "/d", "/d/qmp.sock", 0, 0, 0, "running", Instant.EPOCH, null, "laptop", Map.of("Name", "web"),
                Instant.EPOCH, List.of(), 0);
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBfVjkx6yqcJ0hQzR3Kq0hq6Q4Vt2b5aXh0dbr4wqXyZ me@laptop";

        String metaData = new String(QemuProvider.seed(vm, null, key, Instant.EPOCH).files().get("meta-data"),
                StandardCharsets.UTF_8);

        assertThat(metaData).isEqualTo("instance-id: qvm-0123456789ab\nlocal-hostname: web\npublic-keys:\n  - " + key
                + "\n");
        assertThat(new String(QemuProvider.seed(vm, null, null, Instant.EPOCH).files().get("meta-data"),
                StandardCharsets.UTF_8)).doesNotContain("public-keys");
    }
}
