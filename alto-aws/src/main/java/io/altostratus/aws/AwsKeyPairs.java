package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.PrivateKeys;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.wait.Retrier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Key pairs, with the private keys of those this session made kept on disk. */
final class AwsKeyPairs implements KeyPairs {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final String region;
    private final Retrier retrier;
    private final Clock clock;
    private final PrivateKeys privateKeys;

    AwsKeyPairs(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.region = context.region();
        this.retrier = context.retrier();
        this.clock = context.clock();
        this.privateKeys = context.privateKeys();
    }

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        var made = retrier.call("CreateKeyPair", () -> ec2.createKeyPair(r -> r.keyName(name)
                .keyType(type == null ? "ed25519" : type.wireName())
                .tagSpecifications(context.tagSpec(ResourceType.KEY_PAIR, tags))));
        privateKeys.save(region, name, made.keyMaterial());
        KeyPair pair = new KeyPair(made.keyPairId(), made.keyName(), made.keyFingerprint(), type, null,
                clock.instant(), Ec2Convert.tags(made.tags()));
        return new CreatedKeyPair(pair, made.keyMaterial());
    }

    /** Where the private key of a key pair this provider made is kept (mode 0600). */
    java.nio.file.Path privateKeyPath(String keyName) {
        return privateKeys.path(region, keyName);
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        var made = retrier.call("ImportKeyPair", () -> ec2.importKeyPair(r -> r.keyName(name)
                .publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(publicKey))
                .tagSpecifications(context.tagSpec(ResourceType.KEY_PAIR, tags))));
        return keyPairs().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElse(new KeyPair(made.keyPairId(), made.keyName(), made.keyFingerprint(), null, publicKey,
                        clock.instant(), Ec2Convert.tags(made.tags())));
    }

    @Override
    public List<KeyPair> keyPairs() {
        return retrier.call("DescribeKeyPairs", () -> ec2.describeKeyPairs(r -> r.includePublicKey(true))).keyPairs()
                .stream().map(Ec2Convert::keyPair).toList();
    }

    @Override
    public void deleteKeyPair(String name) {
        retrier.run("DeleteKeyPair", () -> ec2.deleteKeyPair(r -> r.keyName(name)));
        privateKeys.delete(region, name);
    }

    boolean keyExists(String name) {
        return retrier.call("DescribeKeyPairs", () -> ec2.describeKeyPairs(r -> r.filters(filter("key-name", name))))
                .keyPairs().stream().anyMatch(k -> name.equals(k.keyName()));
    }
}
