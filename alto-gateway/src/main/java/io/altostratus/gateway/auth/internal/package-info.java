/** Signature algorithms behind {@link io.altostratus.gateway.auth.Authenticator}; not a public API. */
package io.altostratus.gateway.auth.internal;
