/**
 * The embedded local cloud, Altostratus's default provider: {@link io.altostratus.local.LocalProviderFactory}
 * (registered as {@code local}) opens {@link io.altostratus.local.LocalCloud} sessions that behave like a small EC2
 * without an account or a network, keeping their state in an {@link io.altostratus.store.StateStore}.
 */
package io.altostratus.local;
