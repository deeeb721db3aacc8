package io.altostratus.gateway.auth;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.store.StateStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's registered access keys, kept in the {@link StateStore} (kind {@value #KIND}, under the system account
 * {@value #SYSTEM_ACCOUNT}, one document per key id) so they survive restarts and are shared by every process on the
 * same state directory, such as {@code alto gateway keys create} beside a running {@code alto serve}.
 *
 * <p>Secrets are stored as given: SigV4 and SigV2 are HMACs, so the verifier needs the secret itself. They are never
 * listed; the state directory is readable by its owner only. Thread-safe.
 */
public final class AccessKeys {
    /** The store kind of access-key documents. */
    public static final String KIND = "gateway-access-key";
    /** The store account access-key documents live under (not a tenant: keys of every tenant live here). */
    public static final String SYSTEM_ACCOUNT = "_gateway";
    /** The key id {@link #ensureDefault()} registers, as moto and LocalStack users expect. */
    public static final String DEFAULT_ACCESS_KEY_ID = "test";
    /** The secret of {@link #DEFAULT_ACCESS_KEY_ID}. */
    public static final String DEFAULT_SECRET = "test";

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final StateStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AccessKeys(StateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AccessKeys(StateStore store) {
        this(store, Clock.systemUTC());
    }

    /** Registers a new key for {@code account} with a generated AWS-style id ({@code AKIA} + 16) and 40-char secret. */
    public AccessKey create(String account) {
        requireAccount(account);
        while (true) {
            String id = "AKIA" + randomString(ID_ALPHABET, 16);
            String secret = randomString(SECRET_ALPHABET, 40);
            AccessKey key = new AccessKey(id, secret, account, clock.instant());
            // A clash of 80 random bits is astronomically unlikely; the loop only keeps create() total.
            boolean stored = store.write(tx -> {
                if (tx.get(KIND, SYSTEM_ACCOUNT, id, AccessKey.class).isPresent()) {
                    return false;
                }
                tx.put(KIND, SYSTEM_ACCOUNT, id, key);
                return true;
            });
            if (stored) {
                return key;
            }
        }
    }

    /**
     * Registers a key with the given id and secret.
     *
     * @throws AltoException {@code INVALID_PARAMETER} for a malformed account, id or secret; {@code ALREADY_EXISTS}
     *         when the id is taken
     */
    public AccessKey create(String account, String accessKeyId, String secretAccessKey) {
        requireAccount(account);
        requireToken(accessKeyId, "access key id", "InvalidAccessKeyId", 128, "/,");
        requireToken(secretAccessKey, "secret access key", "InvalidSecretAccessKey", 256, "");
        AccessKey key = new AccessKey(accessKeyId, secretAccessKey, account, clock.instant());
        store.write(tx -> {
            if (tx.get(KIND, SYSTEM_ACCOUNT, accessKeyId, AccessKey.class).isPresent()) {
                throw new AltoException(ErrorCode.ALREADY_EXISTS, "AccessKeyId.Duplicate",
                        "The access key " + accessKeyId + " already exists.");
            }
            tx.put(KIND, SYSTEM_ACCOUNT, accessKeyId, key);
            return null;
        });
        return key;
    }

    /**
     * On a gateway's first start: when no key exists at all, registers {@code test}/{@code test} for
     * {@link ProviderContext#DEFAULT_ACCOUNT} and returns it; otherwise returns empty and changes nothing.
     */
    public Optional<AccessKey> ensureDefault() {
        return store.write(tx -> {
            if (!tx.list(KIND, SYSTEM_ACCOUNT, AccessKey.class).isEmpty()) {
                return Optional.empty();
            }
            AccessKey key = new AccessKey(DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET, ProviderContext.DEFAULT_ACCOUNT,
                    clock.instant());
            tx.put(KIND, SYSTEM_ACCOUNT, key.accessKeyId(), key);
            return Optional.of(key);
        });
    }

    /** Every key, without secrets, oldest first. */
    public List<AccessKeyInfo> list() {
        return store.read(view -> view.list(KIND, SYSTEM_ACCOUNT, AccessKey.class)).stream()
                .map(AccessKey::info)
                .sorted(Comparator.comparing(AccessKeyInfo::created).thenComparing(AccessKeyInfo::accessKeyId))
                .toList();
    }

    /** The keys of one account, without secrets, oldest first. */
    public List<AccessKeyInfo> list(String account) {
        return list().stream().filter(key -> key.account().equals(account)).toList();
    }

    /** Removes a key; returns whether it existed. */
    public boolean delete(String accessKeyId) {
        return store.write(tx -> {
            if (tx.get(KIND, SYSTEM_ACCOUNT, accessKeyId, AccessKey.class).isEmpty()) {
                return false;
            }
            tx.delete(KIND, SYSTEM_ACCOUNT, accessKeyId);
            return true;
        });
    }

    /** The key with its secret, for signature checks. */
    public Optional<AccessKey> lookup(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            return Optional.empty();
        }
        return store.read(view -> view.get(KIND, SYSTEM_ACCOUNT, accessKeyId, AccessKey.class));
    }

    /** Whether {@code text} is a 12-digit AWS account id. */
    public static boolean isAccountId(String text) {
        if (text == null || text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void requireAccount(String account) {
        if (!isAccountId(account)) {
            throw AltoException.invalid("InvalidParameterValue",
                    "An account id is 12 digits, not '" + account + "'.");
        }
    }

    private String randomString(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** Printable ASCII without spaces; ids also without '/' and ',' which separate fields of a SigV4 header. */
    private static void requireToken(String value, String what, String providerCode, int maxLength, String banned) {
        boolean ok = value != null && !value.isEmpty() && value.length() <= maxLength;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = c > ' ' && c < 0x7f && banned.indexOf(c) < 0;
        }
        if (!ok) {
            throw AltoException.invalid(providerCode, "A " + what + " is 1 to " + maxLength
                    + " printable ASCII characters without spaces" + (banned.isEmpty() ? "" : " or " + banned) + ".");
        }
    }
}
