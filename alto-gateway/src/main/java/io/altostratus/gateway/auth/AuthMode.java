package io.altostratus.gateway.auth;

/** How strictly the gateway checks who is calling. */
public enum AuthMode {
    /** Every request must be signed (SigV4 or SigV2) with a registered access key; the key's account is used. */
    STRICT,
    /**
     * Any access key is accepted and no signature, date or expiry is checked, for drop-in use by test suites that sign
     * with random keys (as they do against moto). The account is the registered key's account when the key is
     * registered, the key id itself when it is 12 digits (so tests can pick a tenant by key), and otherwise
     * {@link io.altostratus.core.spi.ProviderContext#DEFAULT_ACCOUNT}. Unsigned requests are accepted as the default
     * account. Only allowed on a loopback bind address.
     */
    PERMISSIVE
}
