package io.altostratus.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyGenerateKeyPairResultInner;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyResourceInner;
import com.azure.resourcemanager.compute.models.SshEncryptionTypes;
import com.azure.resourcemanager.compute.models.SshGenerateKeyPairInputParameters;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link KeyPairs} as SSH public key resources ({@code Microsoft.Compute/sshPublicKeys}) of the session's resource
 * group, which launches already read by key name. A key pair's id and name are the resource's name. Creating one is
 * Azure's two steps: a PUT of the empty resource, then {@code generateKeyPair} (RSA or Ed25519), whose answer is the
 * only place the private key ever appears; the resource is deleted again when generation fails. Importing is a PUT
 * with the public key. A name already taken is {@code ALREADY_EXISTS} (ARM's PUT would replace the key, which
 * EC2-shaped callers do not expect), checked with one GET first. The fingerprint is the OpenSSH SHA-256 of the public
 * key blob ({@code SHA256:<unpadded base64>}, as {@code ssh-keygen -l} prints it), computed here: Azure shows none.
 * Resources without a public key (a generation that never finished) are not listed.
 */
final class AzureKeyPairs implements KeyPairs {
    private final AzureContext context;

    AzureKeyPairs(AzureContext context) {
        this.context = context;
    }

    @Override
    public CreatedKeyPair createKeyPair(String name, KeyType type, Map<String, String> tags) {
        checkNew(name, tags);
        put(name, null, tags);
        SshPublicKeyGenerateKeyPairResultInner generated;
        try {
            SshEncryptionTypes encryption = type == KeyType.ED25519 ? SshEncryptionTypes.ED25519
                    : SshEncryptionTypes.RSA;
            generated = context.calls().call("sshPublicKeys.generateKeyPair", () -> context.clients().compute()
                    .getSshPublicKeys().generateKeyPairWithResponse(context.group(), name,
                            new SshGenerateKeyPairInputParameters().withEncryptionType(encryption), Context.NONE)
                    .getValue());
        } catch (AltoException e) {
            deleteKeyPair(name);
            throw e;
        }
        KeyPair pair = convert(name, generated.publicKey(), tags);
        return new CreatedKeyPair(pair, generated.privateKey());
    }

    @Override
    public KeyPair importKeyPair(String name, String publicKey, Map<String, String> tags) {
        checkNew(name, tags);
        String line = publicKey == null ? "" : publicKey.trim();
        // Checked here so a bad key changes nothing even against an endpoint that keeps any string.
        blob(line);
        SshPublicKeyResourceInner made = put(name, line, tags);
        return convert(made.name() == null ? name : made.name(), made.publicKey() == null ? line : made.publicKey(),
                made.tags() == null ? tags : made.tags());
    }

    @Override
    public List<KeyPair> keyPairs() {
        List<SshPublicKeyResourceInner> all;
        try {
            all = context.calls().call("sshPublicKeys.listByResourceGroup", () -> context.clients().compute()
                    .getSshPublicKeys().listByResourceGroup(context.group()).stream().toList());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        return all.stream().filter(k -> k.publicKey() != null && !k.publicKey().isBlank())
                .map(k -> convert(k.name(), k.publicKey(), k.tags())).filter(Objects::nonNull).toList();
    }

    @Override
    public void deleteKeyPair(String name) {
        if (!ArmNames.isResourceName(name)) {
            return;
        }
        try {
            context.calls().run("sshPublicKeys.delete", () -> context.clients().compute().getSshPublicKeys()
                    .delete(context.group(), name));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
    }

    private void checkNew(String name, Map<String, String> tags) {
        if (!ArmNames.isResourceName(name)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + name + "' is not a "
                    + "valid SSH public key resource name (1-80 letters, digits, '.', '_' or '-')");
        }
        AzureTags.check(tags == null ? Map.of() : tags, 0);
        try {
            context.calls().call("sshPublicKeys.get", () -> context.clients().compute().getSshPublicKeys()
                    .getByResourceGroup(context.group(), name));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return;
            }
            throw e;
        }
        throw new AltoException(ErrorCode.ALREADY_EXISTS, "Conflict", "SSH public key " + name + " already exists");
    }

    private SshPublicKeyResourceInner put(String name, String publicKey, Map<String, String> tags) {
        SshPublicKeyResourceInner body = new SshPublicKeyResourceInner().withPublicKey(publicKey);
        body.withLocation(context.location());
        body.withTags(tags == null ? Map.of() : tags);
        return context.calls().call("sshPublicKeys.create", () -> context.clients().compute().getSshPublicKeys()
                .create(context.group(), name, body));
    }

    private KeyPair convert(String name, String publicKey, Map<String, String> tags) {
        byte[] blob = blob(publicKey);
        String algorithm = publicKey.trim().split("\\s+")[0];
        KeyType type = algorithm.equals("ssh-ed25519") ? KeyType.ED25519 : KeyType.RSA;
        return new KeyPair(name, name, fingerprint(blob), type, publicKey.trim(), null, tags);
    }

    /** The key blob of an OpenSSH public key line, whose algorithm must be RSA or Ed25519. */
    static byte[] blob(String line) {
        String[] parts = line == null ? new String[0] : line.trim().split("\\s+");
        if (parts.length < 2 || !(parts[0].equals("ssh-rsa") || parts[0].equals("ssh-ed25519"))) {
            throw badKey("an OpenSSH public key line 'ssh-rsa AAAA...' or 'ssh-ed25519 AAAA...' is expected");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw badKey("the key is not base64");
        }
        // The blob starts with its own algorithm name as an SSH string; a key whose blob disagrees is not a key.
        byte[] name = parts[0].getBytes(StandardCharsets.US_ASCII);
        if (blob.length < 4 + name.length) {
            throw badKey("the key is too short");
        }
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (length != name.length || !new String(blob, 4, length, StandardCharsets.US_ASCII).equals(parts[0])) {
            throw badKey("the key's blob does not name " + parts[0]);
        }
        return blob;
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static AltoException badKey(String why) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameter", "invalid SSH public key: " + why);
    }
}
