package io.altostratus.local.internal;

import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;

/** Key pairs, stored by name (names are unique per account and region, as in EC2). */
public final class KeyPairOps {
    private KeyPairOps() {
    }

    public static CreatedKeyPair create(StateTx tx, Env env, String name, KeyType type, Map<String, String> tags) {
        checkName(tx, env, name);
        KeyMaterial.Material material = KeyMaterial.generate(type == null ? KeyType.RSA : type, name);
        KeyPair pair = new KeyPair(IdKind.KEY_PAIR.mint(), name, material.fingerprint(), material.type(),
                material.publicKeyLine(), Env.instant(env.now()), tags);
        tx.put(Docs.KEY_PAIR, env.scope(), name, pair);
        return new CreatedKeyPair(pair, material.privateKey());
    }

    public static KeyPair importKey(StateTx tx, Env env, String name, String publicKey, Map<String, String> tags) {
        checkName(tx, env, name);
        KeyMaterial.Material material = KeyMaterial.parsePublicKey(publicKey);
        KeyPair pair = new KeyPair(IdKind.KEY_PAIR.mint(), name, material.fingerprint(), material.type(),
                material.publicKeyLine(), Env.instant(env.now()), tags);
        tx.put(Docs.KEY_PAIR, env.scope(), name, pair);
        return pair;
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

    public static List<KeyPair> list(StateView view, Env env) {
        return view.list(Docs.KEY_PAIR, env.scope(), KeyPair.class);
    }

    /** Deleting a name that does not exist succeeds, as in EC2. */
    public static void delete(StateTx tx, Env env, String name) {
        if (name != null) {
            tx.delete(Docs.KEY_PAIR, env.scope(), name);
        }
    }

    static KeyPair byId(StateView view, Env env, String id) {
        IdKind.KEY_PAIR.check(id);
        return list(view, env).stream().filter(k -> id.equals(k.id())).findFirst()
                .orElseThrow(() -> IdKind.KEY_PAIR.notFound(id));
    }
}
