package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyGenerateKeyPairResultInner;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyResourceInner;
import com.azure.resourcemanager.compute.models.SshEncryptionTypes;
import com.azure.resourcemanager.compute.models.SshGenerateKeyPairInputParameters;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Microsoft.Compute/sshPublicKeys over the backend's key pairs ({@link KeyPairs}). The resource is kept by the front;
 * each public key it holds is also a backend key pair named {@code arm-key-<guid>}, which checks the key's format
 * (a malformed key is ARM's 400 InvalidParameter) and, for {@code generateKeyPair}, makes the key: the private key
 * goes into that one answer and is kept nowhere (Azure's behaviour). A PUT of an existing resource replaces its tags
 * and, when it names another public key, its key. A backend without key pairs still keeps public keys as given, but
 * cannot generate them (400 OperationNotAllowed).
 */
public final class SshPublicKeys {
    public static final String TYPE = "sshPublicKeys";
    private static final String FULL_TYPE = Ids.COMPUTE + "/" + TYPE;
    static final String BACKEND_KEY = "key";

    private final Kept kept;
    private final Sessions sessions;

    public SshPublicKeys(Kept kept, Sessions sessions) {
        this.kept = kept;
        this.sessions = sessions;
    }

    public Reply put(ArmRequest req, String group, String name) {
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        SshPublicKeyResourceInner model = Json.parse(req.body(), SshPublicKeyResourceInner::fromJson);
        Optional<Kept.Resource> existing = kept.resource(req.subscription(), TYPE, group, name);
        String region = existing.map(r -> r.backend().get("region"))
                .orElseGet(() -> sessions.region(req.subscription(), model.location()));
        Map<String, String> backend = new HashMap<>(existing.map(Kept.Resource::backend).orElse(Map.of()));
        backend.put("region", region);
        String oldKey = existing.map(r -> Json.readTree(r.body()).at("/properties/publicKey").asText(null))
                .orElse(null);
        String newKey = model.publicKey() == null || model.publicKey().isBlank() ? oldKey : model.publicKey().trim();
        if (newKey != null && !newKey.equals(oldKey)) {
            String backendName = importKey(req.subscription(), region, newKey);
            deleteBackendKey(req.subscription(), region, backend.get(BACKEND_KEY));
            if (backendName == null) {
                backend.remove(BACKEND_KEY);
            } else {
                backend.put(BACKEND_KEY, backendName);
            }
        }
        model.withPublicKey(newKey);
        if (model.location() == null) {
            model.withLocation(existing.map(Kept.Resource::location).orElse(region));
        }
        Kept.Resource r = new Kept.Resource(TYPE, existing.map(Kept.Resource::group).orElse(g.name()), name,
                existing.map(Kept.Resource::location).orElse(model.location()), Json.text(model),
                existing.map(Kept.Resource::guid).orElse(UUID.randomUUID().toString()), backend);
        kept.putResource(req.subscription(), r);
        return Reply.of(existing.isPresent() ? 200 : 201, render(req.subscription(), group, r));
    }

    /** PATCH: tags, and a public key when given. */
    public Reply patch(ArmRequest req, String group, String name) {
        Kept.Resource r = require(req, group, name);
        ObjectNode patch = Json.readTree(req.body() == null || req.body().isBlank() ? "{}" : req.body());
        ObjectNode body = Json.readTree(r.body());
        if (patch.has("tags")) {
            body.set("tags", patch.get("tags"));
        }
        String key = patch.at("/properties/publicKey").asText(null);
        if (key != null && !key.isBlank()) {
            return put(new ArmRequest("PUT", req.subscription(), req.path(), req.query(),
                    withKey(body, key).toString(), req.baseUrl()), group, name);
        }
        Kept.Resource updated = new Kept.Resource(r.type(), r.group(), r.name(), r.location(), body.toString(),
                r.guid(), r.backend());
        kept.putResource(req.subscription(), updated);
        return Reply.ok(render(req.subscription(), group, updated));
    }

    private static ObjectNode withKey(ObjectNode body, String key) {
        Json.properties(body).put("publicKey", key);
        return body;
    }

    /** generateKeyPair: a new key from the backend replaces the resource's; the private key is only answered. */
    public Reply generate(ArmRequest req, String group, String name) {
        Kept.Resource r = require(req, group, name);
        String region = r.backend().get("region");
        SshEncryptionTypes type = SshEncryptionTypes.RSA;
        if (req.body() != null && !req.body().isBlank()) {
            SshGenerateKeyPairInputParameters in = Json.parse(req.body(), SshGenerateKeyPairInputParameters::fromJson);
            if (in.encryptionType() != null) {
                type = in.encryptionType();
            }
        }
        KeyType keyType;
        if (SshEncryptionTypes.ED25519.toString().equalsIgnoreCase(type.toString())) {
            keyType = KeyType.ED25519;
        } else if (SshEncryptionTypes.RSA.toString().equalsIgnoreCase(type.toString())) {
            keyType = KeyType.RSA;
        } else {
            throw ArmException.invalid("The value '" + type + "' of parameter 'encryptionType' is invalid: RSA or "
                    + "Ed25519.");
        }
        KeyPairs keys = sessions.cloud(req.subscription(), region).extension(KeyPairs.class)
                .orElseThrow(() -> new ArmException(400, "OperationNotAllowed", "This endpoint's backend cannot "
                        + "generate SSH keys."));
        String backendName = "arm-key-" + UUID.randomUUID();
        CreatedKeyPair created;
        try {
            created = keys.createKeyPair(backendName, keyType, Map.of("arm-ssh-key", name));
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        deleteBackendKey(req.subscription(), region, r.backend().get(BACKEND_KEY));
        Map<String, String> backend = new HashMap<>(r.backend());
        backend.put(BACKEND_KEY, backendName);
        ObjectNode body = withKey(Json.readTree(r.body()), created.keyPair().publicKey());
        kept.putResource(req.subscription(), new Kept.Resource(r.type(), r.group(), r.name(), r.location(),
                body.toString(), r.guid(), backend));
        SshPublicKeyGenerateKeyPairResultInner out = new SshPublicKeyGenerateKeyPairResultInner()
                .withPrivateKey(created.privateKeyPem()).withPublicKey(created.keyPair().publicKey())
                .withId(Ids.resource(req.subscription(), group, Ids.COMPUTE, TYPE, r.name()));
        return Reply.ok(Json.tree(out));
    }

    public Reply get(ArmRequest req, String group, String name) {
        return Reply.ok(render(req.subscription(), group, require(req, group, name)));
    }

    public Reply list(ArmRequest req, String group) {
        if (group != null) {
            kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        }
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (Kept.Resource r : kept.resources(req.subscription())) {
            if (r.type().equals(TYPE) && (group == null || Ids.same(group, r.group()))) {
                value.add(render(req.subscription(), group == null ? r.group() : group, r));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    public Reply delete(ArmRequest req, String group, String name) {
        Optional<Kept.Resource> found = kept.resource(req.subscription(), TYPE, group, name);
        if (found.isEmpty()) {
            return Reply.empty(204);
        }
        deleteBackendKey(req.subscription(), found.get().backend().get("region"),
                found.get().backend().get(BACKEND_KEY));
        kept.deleteResource(req.subscription(), TYPE, group, name);
        return Reply.empty(200);
    }

    /** Checks and keeps a public key as a backend key pair; null when the backend keeps none. */
    private String importKey(String subscription, String region, String publicKey) {
        Cloud cloud = sessions.cloud(subscription, region);
        Optional<KeyPairs> keys = cloud.extension(KeyPairs.class);
        if (keys.isEmpty()) {
            return null;
        }
        String backendName = "arm-key-" + UUID.randomUUID();
        try {
            KeyPair imported = keys.get().importKeyPair(backendName, publicKey, Map.of());
            return imported.name();
        } catch (AltoException e) {
            if (e.code() == ErrorCode.INVALID_PARAMETER) {
                throw new ArmException(400, "InvalidParameter", "The value of parameter 'publicKey' is invalid: "
                        + e.getMessage());
            }
            throw ArmException.from(e, false);
        }
    }

    private void deleteBackendKey(String subscription, String region, String backendName) {
        if (backendName == null) {
            return;
        }
        sessions.cloud(subscription, region).extension(KeyPairs.class).ifPresent(keys -> {
            try {
                keys.deleteKeyPair(backendName);
            } catch (AltoException e) {
                // The resource no longer names it; a leftover backend key is harmless and has a telling name.
            }
        });
    }

    private Kept.Resource require(ArmRequest req, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        return kept.resource(req.subscription(), TYPE, group, name)
                .orElseThrow(() -> ArmException.resourceNotFound(FULL_TYPE, name, group));
    }

    private static ObjectNode render(String subscription, String group, Kept.Resource r) {
        return Json.identify(Json.readTree(r.body()), Ids.resource(subscription, group, Ids.COMPUTE, TYPE, r.name()),
                r.name(), FULL_TYPE);
    }
}
