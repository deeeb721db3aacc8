package io.altostratus.core.ext;

import io.altostratus.core.spi.Extension;

/**
 * Who the provider's credentials belong to, as the name alto writes into its ownership tags ({@code alto:owner}),
 * so leaked-resource collection finds what this user made. Providers without it leave the owner to the caller
 * (the CLI uses the operating-system user).
 */
public interface Ownership extends Extension {
    /** The owner name of this session's credentials (e.g. the IAM user or role name). */
    String owner();
}
