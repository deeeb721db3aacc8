package io.altostratus.catalog;

import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.catalog.internal.aws.AwsCatalog;
import io.altostratus.catalog.internal.azure.AzureCatalog;
import io.altostratus.catalog.internal.gcp.GcpCatalog;
import io.altostratus.core.error.AltoException;
import java.util.List;

/** The catalogs shipped with Altostratus. */
public final class Catalogs {
    private Catalogs() {
    }

    /** The providers that have a catalog. */
    public static List<String> providers() {
        return List.of("aws", "gcp", "azure");
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
     * The GCP catalog: Compute Engine regions with their zones, predefined machine types with on-demand and spot
     * prices where known, the types each zone offers, and the public images of the main Ubuntu and Debian families
     * (the same in every region, as GCE images are global). One shared, thread-safe instance, read on first use.
     */
    public static Catalog gcp() {
        return SharedGcp.GCP;
    }

    /**
     * The Azure catalog: public locations with their availability zones ({@code eastus-1}: the location, a dash and
     * Azure's zone number), VM sizes of the common series with on-demand and spot Linux prices, the sizes each
     * location offers, and the marketplace images of Ubuntu and Debian by URN (the same in every location). One
     * shared, thread-safe instance, read on first use.
     */
    public static Catalog azure() {
        return SharedAzure.AZURE;
    }

    /**
     * The Compute Engine unit prices the shipped GCP catalog's machine-type prices were assembled from (per vCPU-hour,
     * per GiB-hour, per instance-hour for f1-micro and g1-small; on demand and Spot; per family and region), each
     * with its Cloud Billing SKU id. GCP-only, so it is not part of the portable {@link Catalog}.
     */
    public static GcpUnitPrices gcpUnitPrices() {
        return SharedGcp.GCP.unitPrices();
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
        if ("gcp".equals(provider)) {
            return gcp();
        }
        if ("azure".equals(provider)) {
            return azure();
        }
        throw AltoException.invalid("InvalidParameterValue", "no catalog for provider '" + provider
                + "' (catalogs: " + String.join(", ", providers()) + ")");
    }

    // A holder class so the catalog object exists only once somebody asks for it.
    private static final class Shared {
        static final Catalog AWS = AwsCatalog.fromClasspath();
    }

    // Its own holder, so asking for one catalog never reads the other's files.
    private static final class SharedGcp {
        static final GcpCatalog GCP = GcpCatalog.fromClasspath();
    }

    private static final class SharedAzure {
        static final Catalog AZURE = AzureCatalog.fromClasspath();
    }
}
