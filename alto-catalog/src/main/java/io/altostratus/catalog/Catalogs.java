package io.altostratus.catalog;

import io.altostratus.catalog.internal.aws.AwsCatalog;
import io.altostratus.core.error.AltoException;
import java.util.List;

/** The catalogs shipped with Altostratus. */
public final class Catalogs {
    private Catalogs() {
    }

    /** The providers that have a catalog. */
    public static List<String> providers() {
        return List.of("aws");
    }

    /**
     * The AWS catalog: 30 regions with their zones and zone ids, the instance types each region and zone offers
     * (with on-demand Linux prices where known), and well-known images per region. One shared, thread-safe instance
     * that reads a region's data the first time that region is asked about.
     */
    public static Catalog aws() {
        return Shared.AWS;
    }

    /**
     * The shipped catalog of a provider.
     *
     * @throws AltoException {@code INVALID_PARAMETER} when alto ships no catalog for it
     */
    public static Catalog shipped(String provider) {
        if ("aws".equals(provider)) {
            return aws();
        }
        throw AltoException.invalid("InvalidParameterValue", "no catalog for provider '" + provider
                + "' (catalogs: " + String.join(", ", providers()) + ")");
    }

    // A holder class so the catalog object exists only once somebody asks for it.
    private static final class Shared {
        static final Catalog AWS = AwsCatalog.fromClasspath();
    }
}
