package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.KeyPairs;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class KeyPairActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void createKeyPairReturnsThePrivateKeyOnceAndDescribeShowsTheRest() {
        Instant before = Instant.now().minusSeconds(1);
        CreateKeyPairResponse rsa = gw.client().createKeyPair(r -> r.keyName("deploy")
                .tagSpecifications(spec("team", "ops")));
        CreateKeyPairResponse ed = gw.client().createKeyPair(r -> r.keyName("modern").keyType(KeyType.ED25519)
                .keyFormat(KeyFormat.PEM));

        assertThat(rsa.keyName()).isEqualTo("deploy");
        assertThat(rsa.keyPairId()).matches("key-[0-9a-f]{17}");
        assertThat(rsa.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(rsa.keyFingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(rsa.tags()).containsExactly(Tag.builder().key("team").value("ops").build());
        assertThat(ed.keyMaterial()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");

        List<KeyPairInfo> keys = gw.client().describeKeyPairs().keyPairs();
        assertThat(keys).extracting(KeyPairInfo::keyName).containsExactlyInAnyOrder("deploy", "modern");
        KeyPairInfo deploy = keys.stream().filter(k -> k.keyName().equals("deploy")).findFirst().orElseThrow();
        assertThat(deploy.keyPairId()).isEqualTo(rsa.keyPairId());
        assertThat(deploy.keyFingerprint()).isEqualTo(rsa.keyFingerprint());
        assertThat(deploy.keyTypeAsString()).isEqualTo("rsa");
        assertThat(deploy.createTime()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(deploy.publicKey()).isNull();
        assertThat(deploy.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(keys).filteredOn(k -> k.keyName().equals("modern")).singleElement()
                .satisfies(k -> assertThat(k.keyTypeAsString()).isEqualTo("ed25519"));

        KeyPairInfo withPublic = gw.client().describeKeyPairs(r -> r.keyNames("deploy").includePublicKey(true))
                .keyPairs().get(0);
        assertThat(withPublic.publicKey()).startsWith("ssh-rsa AAAA")
                .isEqualTo(gw.cloud().require(KeyPairs.class)
                        .keyPairs().stream().filter(k -> k.name().equals("deploy")).findFirst()
                        .orElseThrow().publicKey());
    }

    @Test
    void createErrors() {
        gw.client().createKeyPair(r -> r.keyName("taken").keyType(KeyType.ED25519));

        assertCode(() -> gw.client().createKeyPair(r -> r.keyName("taken").keyType(KeyType.ED25519)),
                "InvalidKeyPair.Duplicate", 400);
        assertCode(() -> gw.client().createKeyPair(r -> r.keyName("putty").keyFormat(KeyFormat.PPK)),
                "UnsupportedOperation", 400);
        assertCode(() -> gw.client().createKeyPair(r -> r.keyName("wrong-tags").tagSpecifications(
                TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("a").value("b").build()).build())), "InvalidParameterValue", 400);
        assertCode(() -> gw.client().createKeyPair(r -> r.keyName("dry").dryRun(true)), "DryRunOperation", 412);
        assertThat(gw.client().describeKeyPairs().keyPairs()).extracting(KeyPairInfo::keyName).containsExactly("taken");
    }

    @Test
    void importKeyPairTakesTheOpenSshLineTheSdkSendsAsBytes() throws Exception {
        String line = rsaPublicKeyLine();

        ImportKeyPairResponse imported = gw.client().importKeyPair(r -> r.keyName("laptop")
                .publicKeyMaterial(SdkBytes.fromUtf8String(line)).tagSpecifications(spec("owner", "me")));
        // Tools that base64 the file themselves send it encoded twice; the key is still recognised.
        ImportKeyPairResponse twice = gw.client().importKeyPair(r -> r.keyName("laptop-2")
                .publicKeyMaterial(SdkBytes.fromUtf8String(
                        Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)))));

        assertThat(imported.keyName()).isEqualTo("laptop");
        assertThat(imported.keyPairId()).startsWith("key-");
        assertThat(imported.keyFingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        assertThat(imported.tags()).containsExactly(Tag.builder().key("owner").value("me").build());
        assertThat(twice.keyFingerprint()).isEqualTo(imported.keyFingerprint());
        KeyPairInfo info = gw.client().describeKeyPairs(r -> r.keyNames("laptop").includePublicKey(true))
                .keyPairs().get(0);
        assertThat(info.publicKey()).isEqualTo(line);

        assertCode(() -> gw.client().importKeyPair(r -> r.keyName("laptop")
                .publicKeyMaterial(SdkBytes.fromUtf8String(line))), "InvalidKeyPair.Duplicate", 400);
        assertCode(() -> gw.client().importKeyPair(r -> r.keyName("junk")
                .publicKeyMaterial(SdkBytes.fromUtf8String("not a key"))), "InvalidKey.Format", 400);
    }

    @Test
    void deleteByNameOrIdAndAMissingNameSucceeds() {
        gw.client().createKeyPair(r -> r.keyName("by-name").keyType(KeyType.ED25519));
        String id = gw.client().createKeyPair(r -> r.keyName("by-id").keyType(KeyType.ED25519)).keyPairId();

        assertThat(gw.client().deleteKeyPair(r -> r.keyName("by-name")).returnValue()).isTrue();
        assertThat(gw.client().deleteKeyPair(r -> r.keyPairId(id)).keyPairId()).isEqualTo(id);
        assertThat(gw.client().deleteKeyPair(r -> r.keyName("never-existed")).returnValue()).isTrue();

        assertThat(gw.client().describeKeyPairs().keyPairs()).isEmpty();
        assertCode(() -> gw.client().deleteKeyPair(r -> r.keyPairId("key-0123456789abcdef0")),
                "InvalidKeyPair.NotFound", 400);
        assertCode(() -> gw.client().deleteKeyPair(r -> r.keyPairId("key-zz")), "InvalidKeyPair.Malformed", 400);
        assertCode(() -> gw.client().deleteKeyPair(r -> { }), "MissingParameter", 400);
    }

    @Test
    void describeByNamesIdsAndFilters() {
        String a = gw.client().createKeyPair(r -> r.keyName("web-a").tagSpecifications(spec("role", "web")))
                .keyPairId();
        gw.client().createKeyPair(r -> r.keyName("web-b").keyType(KeyType.ED25519)
                .tagSpecifications(spec("role", "web")));
        gw.client().createKeyPair(r -> r.keyName("db-a").keyType(KeyType.ED25519)
                .tagSpecifications(spec("role", "db")));

        assertThat(names(gw.client().describeKeyPairs(r -> r.keyNames("web-a", "db-a")).keyPairs()))
                .containsExactlyInAnyOrder("web-a", "db-a");
        assertThat(names(gw.client().describeKeyPairs(r -> r.keyPairIds(a)).keyPairs())).containsExactly("web-a");
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("key-name", "web-*"))).keyPairs()))
                .containsExactlyInAnyOrder("web-a", "web-b");
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("key-name", "web-*"),
                filter("key-type", "rsa"))).keyPairs())).containsExactly("web-a");
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("tag:role", "db", "nothing")))
                .keyPairs())).containsExactly("db-a");
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("tag-key", "role"),
                filter("tag-value", "web"))).keyPairs())).containsExactlyInAnyOrder("web-a", "web-b");
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("key-pair-id", a))).keyPairs()))
                .containsExactly("web-a");
        String fingerprint = gw.client().describeKeyPairs(r -> r.keyNames("db-a")).keyPairs().get(0).keyFingerprint();
        assertThat(names(gw.client().describeKeyPairs(r -> r.filters(filter("fingerprint", fingerprint))).keyPairs()))
                .containsExactly("db-a");

        assertCode(() -> gw.client().describeKeyPairs(r -> r.keyNames("web-a", "ghost")), "InvalidKeyPair.NotFound",
                400);
        assertCode(() -> gw.client().describeKeyPairs(r -> r.keyPairIds("key-0123456789abcdef0")),
                "InvalidKeyPair.NotFound", 400);
        assertCode(() -> gw.client().describeKeyPairs(r -> r.filters(filter("colour", "red"))),
                "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeKeyPairs(r -> r.dryRun(true)), "DryRunOperation", 412);
    }

    @Test
    void anotherAccountHasItsOwnKeyNames() {
        String id = gw.client().createKeyPair(r -> r.keyName("shared-name").keyType(KeyType.ED25519)).keyPairId();

        assertThat(gw.otherAccount().describeKeyPairs().keyPairs()).isEmpty();
        assertCode(() -> gw.otherAccount().describeKeyPairs(r -> r.keyNames("shared-name")),
                "InvalidKeyPair.NotFound", 400);
        assertCode(() -> gw.otherAccount().deleteKeyPair(r -> r.keyPairId(id)), "InvalidKeyPair.NotFound", 400);
        String theirs = gw.otherAccount().createKeyPair(r -> r.keyName("shared-name").keyType(KeyType.ED25519))
                .keyPairId();
        gw.otherAccount().deleteKeyPair(r -> r.keyName("shared-name"));

        assertThat(theirs).isNotEqualTo(id);
        assertThat(gw.client().describeKeyPairs().keyPairs()).extracting(KeyPairInfo::keyPairId).containsExactly(id);
    }

    private static String rsaPublicKeyLine() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(blob);
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(type.length);
        out.write(type);
        byte[] e = key.getPublicExponent().toByteArray();
        out.writeInt(e.length);
        out.write(e);
        byte[] n = key.getModulus().toByteArray();
        out.writeInt(n.length);
        out.write(n);
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " me@laptop";
    }

    private static List<String> names(List<KeyPairInfo> keys) {
        return keys.stream().map(KeyPairInfo::keyName).toList();
    }

    private static TagSpecification spec(String key, String value) {
        return TagSpecification.builder().resourceType(ResourceType.KEY_PAIR)
                .tags(Tag.builder().key(key).value(value).build()).build();
    }
}
