package io.altostratus.catalog;

import io.altostratus.catalog.internal.build.AzureShippedWriter;
import io.altostratus.catalog.internal.build.GcpShippedWriter;
import io.altostratus.catalog.internal.build.ShippedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Turns a snapshot into the static data alto ships (the kdevops two-tier model: refresh where the API is reachable,
 * freeze the result into committed files for everyone else). AWS and GCP have a shipped layout.
 */
public final class CatalogFreeze {
    private CatalogFreeze() {
    }

    /**
     * What a freeze wrote.
     *
     * @param regions regions written
     * @param types   instance types described
     * @param offers  (region, type) offerings written
     * @param images  images written
     * @param bytes   bytes on disk
     */
    public record Result(int regions, int types, int offers, int images, long bytes) {
    }

    /**
     * Writes {@code snapshot} under {@code resourcesRoot} (e.g. {@code alto-catalog/src/main/resources}) in the
     * shipped layout of its provider, replacing the previous shipped data; AWS's layout keeps no spot prices, GCP's
     * and Azure's do.
     *
     * @throws IllegalArgumentException for a provider without a shipped layout
     */
    public static Result freeze(CatalogSnapshot snapshot, Path resourcesRoot) {
        try {
            if ("gcp".equals(snapshot.provider())) {
                GcpShippedWriter.Written w = GcpShippedWriter.write(snapshot, resourcesRoot);
                return new Result(w.regions(), w.types(), w.offers(), w.images(), w.bytes());
            }
            if ("azure".equals(snapshot.provider())) {
                AzureShippedWriter.Written w = AzureShippedWriter.write(snapshot, resourcesRoot);
                return new Result(w.regions(), w.types(), w.offers(), w.images(), w.bytes());
            }
            ShippedWriter.Written w = ShippedWriter.write(snapshot, resourcesRoot);
            return new Result(w.regions(), w.types(), w.offers(), w.images(), w.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot freeze the catalog into " + resourcesRoot + ": " + e.getMessage(),
                    e);
        }
    }
}
