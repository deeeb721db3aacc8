package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every provider that ships with alto names its factory in {@code META-INF/alto/providers/<name>}, and that resource
 * agrees with its ServiceLoader registration: otherwise {@code Providers.named} would quietly fall back to the slower
 * search, or worse, open another class than {@code alto providers} lists.
 */
class ProviderNameResourcesTest {
    @Test
    void eachShippedProviderNamesItsFactoryUnderItsName() throws IOException {
        List<ProviderFactory> shipped = Providers.available().stream()
                .filter(f -> !f.getClass().getPackageName().startsWith("io.altostratus.cli"))
                .toList();
        assertThat(shipped).extracting(ProviderFactory::name).contains("local", "aws", "gcp", "minimal");
        for (ProviderFactory factory : shipped) {
            URL resource = getClass().getClassLoader().getResource(Providers.NAME_RESOURCE + factory.name());
            assertThat(resource).as("name resource of provider %s", factory.name()).isNotNull();
            try (InputStream in = resource.openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                        .as("class named for %s", factory.name()).isEqualTo(factory.getClass().getName());
            }
            assertThat(Providers.named(factory.name().toUpperCase())).isInstanceOf(factory.getClass());
        }
    }

    @Test
    void aProviderWithoutANameResourceIsStillFoundAndAnUnknownOneIsRefused() {
        // The test-only fake provider registers for ServiceLoader alone.
        assertThat(Providers.named("fake").getClass().getName()).isEqualTo("io.altostratus.cli.fake.FakeProviderFactory");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Providers.named("../local"))
                .hasMessageContaining("unknown provider '../local'");
    }
}
