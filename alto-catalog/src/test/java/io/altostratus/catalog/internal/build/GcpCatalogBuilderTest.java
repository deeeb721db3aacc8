package io.altostratus.catalog.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.internal.gcp.GcpCatalog;
import io.altostratus.catalog.internal.gcp.GcpLayout;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.core.model.Region;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the GCP catalog again and checks that the committed resources are what the builder makes now. */
class GcpCatalogBuilderTest {
    private static final Path SOURCE = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));

    @TempDir
    Path out;

    @Test
    void shippedResourcesAreUpToDateWithTheBuilderAndTheSource() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        GcpCatalogBuilder.Report report = GcpCatalogBuilder.build(SOURCE, out);
        assertThat(report.warnings()).isEmpty();
        assertThat(report.regions()).isEqualTo(24);
        assertThat(report.zones()).isEqualTo(73);
        assertThat(report.pricedOffers()).isGreaterThan(report.offers() / 2);
        assertThat(report.images()).isEqualTo(16);
        // 6 unit-priced families x core and RAM + f1, g1 per instance, in the 22 priced regions, on demand and
        // spot, less the 0 ("not sold") entries and m1's missing spot RAM.
        assertThat(report.unitPrices()).isEqualTo(580);

        Catalog rebuilt = GcpCatalog.fromDirectory(out);
        List<String> files = new ArrayList<>(List.of(ShippedFiles.SOURCE, ShippedFiles.REGIONS, GcpLayout.TYPES,
                GcpLayout.IMAGES, GcpLayout.UNIT_PRICES));
        for (Region region : rebuilt.regions()) {
            files.add(GcpLayout.regionFile(region.name()));
        }
        for (String file : files) {
            assertThat(new String(Files.readAllBytes(out.resolve(GcpLayout.BASE + file)), StandardCharsets.UTF_8))
                    .as(file + " differs from a fresh build; rerun GcpCatalogBuilder and commit")
                    .isEqualTo(shipped(file));
        }
        assertThat(rebuilt.instanceTypes("us-central1")).isEqualTo(Catalogs.gcp().instanceTypes("us-central1"));
        assertThat(((GcpCatalog) rebuilt).unitPrices()).isEqualTo(Catalogs.gcpUnitPrices());
        try (var listed = Files.list(out.resolve(GcpLayout.BASE + "regions"))) {
            assertThat(listed.count()).as("one file per region, nothing else").isEqualTo(report.regions());
        }
    }

    @Test
    void aRebuildRemovesTheFilesOfRegionsItNoLongerHas() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        Path stale = out.resolve(GcpLayout.BASE + GcpLayout.regionFile("moon-south1"));
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "Z\tmoon-south1-a\n");
        GcpCatalogBuilder.build(SOURCE, out);
        assertThat(stale).doesNotExist();
        assertThat(out.resolve(GcpLayout.BASE + GcpLayout.regionFile("us-central1"))).exists();
    }

    private static String shipped(String file) throws IOException {
        try (InputStream in = GcpCatalogBuilderTest.class.getClassLoader()
                .getResourceAsStream(GcpLayout.BASE + file)) {
            assertThat(in).as("shipped " + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
