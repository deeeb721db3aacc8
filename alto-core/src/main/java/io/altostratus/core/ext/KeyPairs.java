package io.altostratus.core.ext;

import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/** SSH key pairs the provider keeps by name and puts on instances launched with that name. */
public interface KeyPairs extends Extension {
    /** Makes a key pair; the private key is in the answer and nowhere else. */
    CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags);

    KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags);

    List<KeyPair> keyPairs();

    /** Deletes a key pair by name. Deleting a name that does not exist succeeds (EC2's behaviour). */
    void deleteKeyPair(String name);
}
