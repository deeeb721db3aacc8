package io.altostratus.catalog.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.internal.aws.AwsCatalog;
import io.altostratus.catalog.internal.aws.ShippedLayout;
import io.altostratus.catalog.internal.shipped.ShippedFiles;
import io.altostratus.core.model.Region;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converts the reference data again and checks that the committed resources are what the converter makes now. */
class AwsCatalogBuilderTest {
    private static final Path SOURCE = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));

    @TempDir
    Path out;

    @Test
    void shippedResourcesAreUpToDateWithTheConverterAndTheSource() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        AwsCatalogBuilder.Report report = AwsCatalogBuilder.build(SOURCE, out);
        assertThat(report.regions()).isEqualTo(30);
        assertThat(report.bytes()).isLessThan(2L * 1024 * 1024);

        List<String> files = new ArrayList<>(List.of(ShippedFiles.SOURCE, ShippedFiles.REGIONS,
                ShippedLayout.TYPES));
        Catalog rebuilt = AwsCatalog.fromDirectory(out);
        for (Region region : rebuilt.regions()) {
            files.add(ShippedLayout.regionFile(region.name()));
        }
        for (String file : files) {
            // Compare text, not bytes: another zlib may compress the same text differently.
            assertThat(text(Files.newInputStream(out.resolve(ShippedLayout.BASE + file)), file))
                    .as(file + " differs from a fresh conversion; rerun AwsCatalogBuilder and commit")
                    .isEqualTo(text(shipped(file), file));
        }
        assertThat(rebuilt.images("us-west-2")).isEqualTo(AwsCatalog.fromClasspath().images("us-west-2"));
    }

    @Test
    void ambiguousZonePairingsAreReported() throws IOException {
        assumeThat(Files.isRegularFile(SOURCE.resolve("pricing.json.gz"))).as("reference data at " + SOURCE).isTrue();
        AwsCatalogBuilder.Report report = AwsCatalogBuilder.build(SOURCE, out);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("il-central-1").contains("ilc1-az1"));
    }

    private static InputStream shipped(String file) {
        InputStream in = AwsCatalogBuilderTest.class.getClassLoader().getResourceAsStream(ShippedLayout.BASE + file);
        assertThat(in).as("shipped " + file).isNotNull();
        return in;
    }

    private static String text(InputStream raw, String file) throws IOException {
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
