package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.qemu.internal.SshKeys;
import io.altostratus.store.StateTx;
import java.util.List;
import java.util.Map;

/**
 * SSH key pairs kept by name in the durable store (names are unique per account). An instance launched with a key
 * name gets the public key in its NoCloud meta-data, and cloud-init puts it in the default user's
 * {@code authorized_keys}. A generated pair's private key is returned once and kept nowhere.
 */
final class QemuKeyPairs implements KeyPairs {
    private final QemuProvider provider;

    QemuKeyPairs(QemuProvider provider) {
        this.provider = provider;
    }

    /** A new pair of the type asked for; RSA when none is given, as EC2 does. */
    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        QemuProvider.checkTags(tags);
        checkName(name);
        SshKeys.Material material = SshKeys.generate(type == null ? KeyType.RSA : type, name);
        KeyPair pair = store(name, material, tags);
        return new CreatedKeyPair(pair, material.privateKey());
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        QemuProvider.checkTags(tags);
        checkName(name);
        return store(name, SshKeys.parse(publicKey), tags);
    }

    private KeyPair store(String name, SshKeys.Material material, Map<String, String> tags) {
        QemuState.Key key = new QemuState.Key(QemuIds.newKeyId(), name, material.fingerprint(),
                material.type().wireName(), material.publicKeyLine(), provider.clock().instant(), tags);
        provider.store().write(tx -> {
            if (find(tx, name) != null) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, "InvalidKeyPair.Duplicate", "key pair " + name
                        + " already exists");
            }
            tx.put(QemuState.KEY_PAIR, provider.account(), name, key);
            return null;
        });
        return view(key);
    }

    private QemuState.Key find(StateTx tx, String name) {
        return tx.get(QemuState.KEY_PAIR, provider.account(), name, QemuState.Key.class).orElse(null);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255
                || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw AltoException.invalid("InvalidParameterValue", "a key pair name is 1 to 255 printable ASCII "
                    + "characters: '" + name + "'");
        }
    }

    @Override
    public List<KeyPair> keyPairs() {
        return provider.store().read(v -> v.list(QemuState.KEY_PAIR, provider.account(), QemuState.Key.class))
                .stream().map(QemuKeyPairs::view).toList();
    }

    /** Deleting a name that does not exist succeeds, as in EC2; instances launched with it keep the key. */
    @Override
    public void deleteKeyPair(String name) {
        if (name == null) {
            return;
        }
        provider.store().write(tx -> {
            tx.delete(QemuState.KEY_PAIR, provider.account(), name);
            return null;
        });
    }

    /**
     * The public key line of a key pair, for a launch.
     *
     * @throws AltoException NOT_FOUND (InvalidKeyPair.NotFound) when there is no such key pair
     */
    String publicKey(String name) {
        return provider.store().read(v -> v.get(QemuState.KEY_PAIR, provider.account(), name, QemuState.Key.class))
                .map(QemuState.Key::publicKey).orElseThrow(() -> AltoException.notFound("InvalidKeyPair.NotFound",
                        "key pair " + name + " does not exist"));
    }

    private static KeyPair view(QemuState.Key key) {
        return new KeyPair(key.id(), key.name(), key.fingerprint(), KeyType.parse(key.type()), key.publicKey(),
                key.created(), key.tags());
    }
}
