package io.altostratus.gateway.auth;

import io.altostratus.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth bearer tokens of one front (GCE, ARM...) in strict mode: each maps to one backend account (a GCE project, an
 * Azure subscription), as the EC2 gateway's access keys map to accounts, and lives in the same {@link StateStore}
 * (under the gateway's system account, beside the access keys). Only a SHA-256 of each token is stored, so the state
 * file holds no usable token. Each front keeps its tokens under its own store kind, so a GCE token opens no Azure
 * subscription.
 */
public final class BearerTokens {
    private static final String KIND_SUFFIX = "-bearer-token";
    static final String SYSTEM_ACCOUNT = "_gateway";

    /** What a token grants: the backend account it acts as. */
    public record Grant(String account) {
    }

    private final StateStore store;
    private final String kind;
    private final String prefix;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param front short name of the front ({@code gce}, {@code arm}); its tokens are kept under the store kind
     *              {@code <front>-bearer-token}
     * @param tokenPrefix what a created token starts with, in the style of the cloud's own tokens
     */
    public BearerTokens(StateStore store, String front, String tokenPrefix) {
        this.store = Objects.requireNonNull(store, "store");
        this.kind = Objects.requireNonNull(front, "front") + KIND_SUFFIX;
        this.prefix = Objects.requireNonNull(tokenPrefix, "tokenPrefix");
    }

    /** Whether a store kind holds bearer tokens (of any front): a reset of the gateway keeps those, as access keys. */
    public static boolean isTokenKind(String kind) {
        return kind.endsWith(KIND_SUFFIX);
    }

    /** The store kind of this front's tokens. */
    public String kind() {
        return kind;
    }

    /** Registers a new random token for an account and returns it (the only time it is seen). */
    public String create(String account) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(account, token);
        return token;
    }

    /**
     * Registers {@code token} for {@code account} when no token exists at all: a first start's default, which a
     * later start does not bring back once it has been revoked and others made. Returns whether it registered.
     */
    public boolean ensureDefault(String account, String token) {
        return store.write(tx -> {
            if (!tx.list(kind, SYSTEM_ACCOUNT, Grant.class).isEmpty()) {
                return false;
            }
            tx.put(kind, SYSTEM_ACCOUNT, hash(token), new Grant(account));
            return true;
        });
    }

    /** Registers a token of the caller's choosing (tests, or a token a tool has configured). */
    public void register(String account, String token) {
        Objects.requireNonNull(account, "account");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token must not be empty");
        }
        store.write(tx -> {
            tx.put(kind, SYSTEM_ACCOUNT, hash(token), new Grant(account));
            return null;
        });
    }

    public Optional<Grant> lookup(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return store.read(view -> view.get(kind, SYSTEM_ACCOUNT, hash(token), Grant.class));
    }

    public boolean revoke(String token) {
        return store.write(tx -> {
            boolean present = tx.get(kind, SYSTEM_ACCOUNT, hash(token), Grant.class).isPresent();
            tx.delete(kind, SYSTEM_ACCOUNT, hash(token));
            return present;
        });
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
