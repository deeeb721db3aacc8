package io.altostratus.catalog.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogFreeze;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.internal.azure.AzureCatalog;
import io.altostratus.catalog.internal.azure.AzureLayout;
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

/** Builds the Azure catalog again and checks that the committed resources are what the builder makes now. */
class AzureCatalogBuilderTest {
    private static final Path SOURCE = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));

    @TempDir
    Path out;

    @Test
    void shippedResourcesAreUpToDateWithTheBuilderAndTheSource() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        AzureCatalogBuilder.Report report = AzureCatalogBuilder.build(SOURCE, out);
        // The one size with specs that the 2023 price data does not price anywhere.
        assertThat(report.warnings()).containsExactly("Standard_E20_v4 is priced in no location; left out");
        assertThat(report.regions()).isEqualTo(41);
        assertThat(report.zones()).isEqualTo(22 * 3);
        assertThat(report.sizes()).isEqualTo(151);
        assertThat(report.images()).isEqualTo(6);
        assertThat(report.spotPrices()).isGreaterThan(report.offers() / 2).isLessThan(report.offers());

        Catalog rebuilt = AzureCatalog.fromDirectory(out);
        List<String> files = new ArrayList<>(List.of(ShippedFiles.SOURCE, ShippedFiles.REGIONS, AzureLayout.TYPES,
                AzureLayout.IMAGES));
        for (Region region : rebuilt.regions()) {
            files.add(AzureLayout.regionFile(region.name()));
        }
        for (String file : files) {
            assertThat(new String(Files.readAllBytes(out.resolve(AzureLayout.BASE + file)), StandardCharsets.UTF_8))
                    .as(file + " differs from a fresh build; rerun AzureCatalogBuilder and commit")
                    .isEqualTo(shipped(file));
        }
        assertThat(rebuilt.instanceTypes("eastus")).isEqualTo(Catalogs.azure().instanceTypes("eastus"));
        try (var listed = Files.list(out.resolve(AzureLayout.BASE + "regions"))) {
            assertThat(listed.count()).as("one file per location, nothing else").isEqualTo(report.regions());
        }
    }

    @Test
    void freezingTheShippedCatalogWritesTheSameFiles(@TempDir Path frozen) throws IOException {
        CatalogSnapshot snapshot = CatalogSnapshot.of(Catalogs.azure(), List.of());
        CatalogFreeze.freeze(snapshot, frozen);
        Catalog back = AzureCatalog.fromDirectory(frozen);
        assertThat(back.regions()).isEqualTo(Catalogs.azure().regions());
        for (String file : List.of(AzureLayout.TYPES, AzureLayout.IMAGES, ShippedFiles.REGIONS,
                AzureLayout.regionFile("eastus"), AzureLayout.regionFile("westus"))) {
            assertThat(new String(Files.readAllBytes(frozen.resolve(AzureLayout.BASE + file)),
                    StandardCharsets.UTF_8)).as(file).isEqualTo(shipped(file));
        }
        assertThat(back.spotPricePerHour("eastus", "Standard_D4s_v3"))
                .isEqualTo(Catalogs.azure().spotPricePerHour("eastus", "Standard_D4s_v3"));
    }

    @Test
    void aRebuildRemovesTheFilesOfLocationsItNoLongerHas() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        Path stale = out.resolve(AzureLayout.BASE + AzureLayout.regionFile("moonsouth"));
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "Z\tmoonsouth-1\t1\n");
        AzureCatalogBuilder.build(SOURCE, out);
        assertThat(stale).doesNotExist();
        assertThat(out.resolve(AzureLayout.BASE + AzureLayout.regionFile("eastus"))).exists();
    }

    private static String shipped(String file) throws IOException {
        try (InputStream in = AzureCatalogBuilderTest.class.getClassLoader()
                .getResourceAsStream(AzureLayout.BASE + file)) {
            assertThat(in).as("shipped " + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
