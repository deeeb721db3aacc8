/**
 * Who is calling the gateway: registered access keys ({@link io.altostratus.gateway.auth.AccessKeys}, each owned by a
 * 12-digit account) and the {@link io.altostratus.gateway.auth.Authenticator} that checks AWS Signature V4 (header
 * and presigned) and V2 against them, or trusts any key in permissive mode.
 */
package io.altostratus.gateway.auth;
