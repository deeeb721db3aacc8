package io.altostratus.core.model;

import java.util.Objects;

/**
 * A provider region.
 *
 * @param name        the provider's region name, e.g. {@code us-east-1}
 * @param displayName a human name where the provider has one, else the name
 * @param endpoint    the API endpoint host for the region, if known
 * @param optIn       whether the region must be enabled before use
 */
public record Region(String name, String displayName, String endpoint, boolean optIn) {
    public Region {
        Objects.requireNonNull(name, "name");
        displayName = displayName == null ? name : displayName;
    }
}
