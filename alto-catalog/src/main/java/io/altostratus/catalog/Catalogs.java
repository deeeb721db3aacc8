package io.altostratus.catalog;

import io.altostratus.catalog.internal.aws.AwsCatalog;

/** The catalogs shipped with Altostratus. */
public final class Catalogs {
    private Catalogs() {
    }

    /**
     * The AWS catalog: 30 regions with their zones and zone ids, the instance types each region and zone offers
     * (with on-demand Linux prices where known), and well-known images per region. One shared, thread-safe instance
     * that reads a region's data the first time that region is asked about.
     */
    public static Catalog aws() {
        return Shared.AWS;
    }

    // A holder class so the catalog object exists only once somebody asks for it.
    private static final class Shared {
        static final Catalog AWS = AwsCatalog.fromClasspath();
    }
}
