package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.http.Ec2WireException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** SSH key pairs: create (the private key is returned once), import, delete and describe. */
public final class KeyPairActions implements ActionGroup {
    private static final Set<ResourceType> TAGGABLE = Set.of(ResourceType.KEY_PAIR);

    private static final FilterSet<KeyPairInfo> FILTERS = FilterSet.<KeyPairInfo>builder()
            .field("key-pair-id", KeyPairInfo::keyPairId)
            .field("key-name", KeyPairInfo::keyName)
            .field("fingerprint", KeyPairInfo::keyFingerprint)
            .field("key-type", KeyPairInfo::keyTypeAsString)
            .tags(k -> SdkTags.fromSdk(k.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateKeyPairRequest.class, this::createKeyPair)
                .on(ImportKeyPairRequest.class, this::importKeyPair)
                .on(DeleteKeyPairRequest.class, this::deleteKeyPair)
                .on(DescribeKeyPairsRequest.class, this::describeKeyPairs);
    }

    CreateKeyPairResponse createKeyPair(ActionContext ctx, CreateKeyPairRequest request) {
        // EC2 makes RSA keys unless asked for ed25519.
        KeyType type = request.keyTypeAsString() == null ? KeyType.RSA : switch (request.keyTypeAsString()) {
            case "rsa" -> KeyType.RSA;
            case "ed25519" -> KeyType.ED25519;
            default -> throw Checks.invalid("Value (" + request.keyTypeAsString()
                    + ") for parameter keyType is invalid. Valid values: rsa, ed25519");
        };
        String format = request.keyFormatAsString();
        if (format != null && !format.equals("pem")) {
            if (format.equals("ppk")) {
                throw Checks.unsupported("Key format ppk is not supported by this gateway; create the key as pem and convert it with "
                                + "puttygen");
            }
            throw Checks.invalid("Value (" + format + ") for parameter keyFormat is invalid. "
                    + "Valid values: pem, ppk");
        }
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.KEY_PAIR, TAGGABLE);
        Checks.dryRun(request.dryRun());
        CreatedKeyPair created = Checks.extension(ctx.cloud(), KeyPairs.class)
                .createKeyPair(request.keyName(), type, tags);
        KeyPair key = created.keyPair();
        return CreateKeyPairResponse.builder()
                .keyName(key.name())
                .keyFingerprint(key.fingerprint())
                .keyMaterial(created.privateKeyPem())
                .keyPairId(key.id())
                .tags(SdkTags.toSdk(key.tags()))
                .build();
    }

    ImportKeyPairResponse importKeyPair(ActionContext ctx, ImportKeyPairRequest request) {
        if (request.publicKeyMaterial() == null) {
            throw Checks.missing("PublicKeyMaterial");
        }
        String material = publicKeyText(request.publicKeyMaterial().asByteArrayUnsafe());
        Map<String, String> tags = TagSpecs.tagsFor(request.tagSpecifications(), ResourceType.KEY_PAIR, TAGGABLE);
        Checks.dryRun(request.dryRun());
        KeyPair key = Checks.extension(ctx.cloud(), KeyPairs.class).importKeyPair(request.keyName(), material, tags);
        return ImportKeyPairResponse.builder()
                .keyName(key.name())
                .keyFingerprint(key.fingerprint())
                .keyPairId(key.id())
                .tags(SdkTags.toSdk(key.tags()))
                .build();
    }

    /**
     * The public key text. The codec has already undone the wire's base64, so SDK callers arrive here with the
     * OpenSSH line; some tools base64-encode the file themselves before their SDK encodes it again, which leaves
     * base64 here, so that is undone once more when the text is not a key line but decodes to one.
     */
    static String publicKeyText(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (looksLikeKey(text)) {
            return text;
        }
        try {
            String inner = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8).trim();
            if (looksLikeKey(inner)) {
                return inner;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through: the backend reports the format error in its own words
        }
        return text;
    }

    private static boolean looksLikeKey(String text) {
        return text.startsWith("ssh-") || text.startsWith("ecdsa-") || text.startsWith("-----BEGIN")
                || text.startsWith("---- BEGIN");
    }

    DeleteKeyPairResponse deleteKeyPair(ActionContext ctx, DeleteKeyPairRequest request) {
        String name = request.keyName();
        String id = request.keyPairId();
        if ((name == null || name.isEmpty()) && (id == null || id.isEmpty())) {
            throw Checks.missing("KeyName or KeyPairId");
        }
        String deletedId = null;
        if (id != null && !id.isEmpty()) {
            Checks.checkId(id, Ec2IdKind.KEY_PAIR);
            KeyPair key = Checks.extension(ctx.cloud(), KeyPairs.class)
                    .keyPairs().stream().filter(k -> id.equals(k.id())).findFirst()
                    .orElseThrow(() -> notFound(id));
            if (name != null && !name.isEmpty() && !name.equals(key.name())) {
                throw Checks.combination("The key pair id " + id + " does not name the key pair '" + name + "'");
            }
            name = key.name();
            deletedId = key.id();
        } else {
            String wanted = name;
            deletedId = Checks.extension(ctx.cloud(), KeyPairs.class)
                    .keyPairs().stream().filter(k -> wanted.equals(k.name())).map(KeyPair::id)
                    .findFirst().orElse(null);
        }
        Checks.dryRun(request.dryRun());
        // A name that does not exist is deleted successfully, as in EC2.
        Checks.extension(ctx.cloud(), KeyPairs.class).deleteKeyPair(name);
        return DeleteKeyPairResponse.builder().returnValue(true).keyPairId(deletedId).build();
    }

    DescribeKeyPairsResponse describeKeyPairs(ActionContext ctx, DescribeKeyPairsRequest request) {
        List<String> names = request.hasKeyNames() ? request.keyNames() : List.of();
        List<String> ids = request.hasKeyPairIds() ? request.keyPairIds() : List.of();
        for (String id : ids) {
            Checks.checkId(id, Ec2IdKind.KEY_PAIR);
        }
        Checks.dryRun(request.dryRun());
        boolean withPublicKey = Boolean.TRUE.equals(request.includePublicKey());
        List<KeyPair> all = Checks.extension(ctx.cloud(), KeyPairs.class).keyPairs();
        for (String name : names) {
            if (all.stream().noneMatch(k -> k.name().equals(name))) {
                throw notFound(name);
            }
        }
        for (String id : ids) {
            if (all.stream().noneMatch(k -> id.equals(k.id()))) {
                throw notFound(id);
            }
        }
        List<KeyPairInfo> out = new ArrayList<>(all.size());
        for (KeyPair key : all) {
            if ((names.isEmpty() || names.contains(key.name())) && (ids.isEmpty() || ids.contains(key.id()))) {
                out.add(toSdk(key, withPublicKey));
            }
        }
        return DescribeKeyPairsResponse.builder().keyPairs(FILTERS.apply(out, request.filters())).build();
    }

    private static KeyPairInfo toSdk(KeyPair key, boolean withPublicKey) {
        return KeyPairInfo.builder()
                .keyPairId(key.id())
                .keyName(key.name())
                .keyFingerprint(key.fingerprint())
                .keyType(key.type() == null ? null : key.type().wireName())
                .publicKey(withPublicKey ? key.publicKey() : null)
                .createTime(key.createTime())
                .tags(SdkTags.toSdk(key.tags()))
                .build();
    }

    private static Ec2WireException notFound(String nameOrId) {
        return Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.KEY_PAIR), "The key pair '" + nameOrId + "' does not exist");
    }
}
