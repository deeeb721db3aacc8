package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/** Key pairs, stored by name (names are unique per account and region, as in EC2): a session's {@link KeyPairs}. */
public final class KeyPairOps implements KeyPairs {
    private final Session session;
    private final Env env;

    public KeyPairOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            checkName(tx, env, name);
            KeyMaterial.Material material = KeyMaterial.generate(type == null ? KeyType.RSA : type, name);
            KeyPair pair = new KeyPair(Ec2IdKind.KEY_PAIR.mint(), name, material.fingerprint(), material.type(),
                    material.publicKeyLine(), Env.instant(env.now()), tags);
            tx.put(Docs.KEY_PAIR, env.scope(), name, pair);
            return new CreatedKeyPair(pair, material.privateKey());
        });
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            checkName(tx, env, name);
            KeyMaterial.Material material = KeyMaterial.parsePublicKey(publicKey);
            KeyPair pair = new KeyPair(Ec2IdKind.KEY_PAIR.mint(), name, material.fingerprint(), material.type(),
                    material.publicKeyLine(), Env.instant(env.now()), tags);
            tx.put(Docs.KEY_PAIR, env.scope(), name, pair);
            return pair;
        });
    }

    private static void checkName(StateView view, Env env, String name) {
        if (name == null || name.isEmpty() || name.length() > 255
                || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw Errors.invalidValue("Key pair names must be 1 to 255 printable ASCII characters: " + name);
        }
        if (Lookup.keyPair(view, env, name).isPresent()) {
            throw Errors.duplicate("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
    }

    private static List<KeyPair> list(StateView view, Env env) {
        return view.list(Docs.KEY_PAIR, env.scope(), KeyPair.class);
    }

    @Override
    public List<KeyPair> keyPairs() {
        return session.read(view -> list(view, env));
    }

    /** Deleting a name that does not exist succeeds, as in EC2. */
    @Override
    public void deleteKeyPair(String name) {
        session.update(tx -> {
            if (name != null) {
                tx.delete(Docs.KEY_PAIR, env.scope(), name);
            }
        });
    }

    static KeyPair byId(StateView view, Env env, String id) {
        Ec2IdKind.KEY_PAIR.check(id);
        return list(view, env).stream().filter(k -> id.equals(k.id())).findFirst()
                .orElseThrow(() -> Ec2IdKind.KEY_PAIR.notFound(id));
    }
}
