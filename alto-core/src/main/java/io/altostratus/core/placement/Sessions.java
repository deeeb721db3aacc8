package io.altostratus.core.placement;

import io.altostratus.core.spi.ComputeProvider;

/**
 * Opens a provider session for one cloud and region. The walk opens at most one session per (provider, region) and
 * closes every session it opened when it ends; tests pass fakes or local clouds, the command line the configured
 * providers.
 */
@FunctionalInterface
public interface Sessions {
    /**
     * @throws io.altostratus.core.error.AltoException when the session cannot be opened (bad credentials are
     *         {@code AUTH_FAILURE} and block the cloud, as a failed launch would)
     */
    ComputeProvider open(String provider, String region);
}
