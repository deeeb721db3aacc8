package io.altostratus.gateway.gce;

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
 * OAuth bearer tokens of the GCE front in strict mode: each maps to one project (the backend account), as the EC2
 * gateway's access keys map to accounts, and lives in the same {@link StateStore} (under the gateway's system
 * account, beside the access keys). Only a SHA-256 of each token is stored, so the state file holds no usable token.
 */
public final class BearerTokens {
    /** The store kind of the tokens, which a reset of the gateway keeps (as it keeps access keys). */
    public static final String KIND = "gce-bearer-token";
    static final String SYSTEM_ACCOUNT = "_gateway";

    /** What a token grants. */
    public record Grant(String project) {
    }

    private final StateStore store;
    private final SecureRandom random = new SecureRandom();

    public BearerTokens(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Registers a new random token for a project and returns it (the only time it is seen). */
    public String create(String project) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "ya29.alto-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(project, token);
        return token;
    }

    /**
     * Registers {@code token} for {@code project} when no token exists at all: a first start's default, which a
     * later start does not bring back once it has been revoked and others made. Returns whether it registered.
     */
    public boolean ensureDefault(String project, String token) {
        return store.write(tx -> {
            if (!tx.list(KIND, SYSTEM_ACCOUNT, Grant.class).isEmpty()) {
                return false;
            }
            tx.put(KIND, SYSTEM_ACCOUNT, hash(token), new Grant(project));
            return true;
        });
    }

    /** Registers a token of the caller's choosing (tests, or a token a tool has configured). */
    public void register(String project, String token) {
        Objects.requireNonNull(project, "project");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token must not be empty");
        }
        store.write(tx -> {
            tx.put(KIND, SYSTEM_ACCOUNT, hash(token), new Grant(project));
            return null;
        });
    }

    public Optional<Grant> lookup(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return store.read(view -> view.get(KIND, SYSTEM_ACCOUNT, hash(token), Grant.class));
    }

    public boolean revoke(String token) {
        return store.write(tx -> {
            boolean present = tx.get(KIND, SYSTEM_ACCOUNT, hash(token), Grant.class).isPresent();
            tx.delete(KIND, SYSTEM_ACCOUNT, hash(token));
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
