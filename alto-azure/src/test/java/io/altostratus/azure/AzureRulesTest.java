package io.altostratus.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The provider's own rules, without ARM: states, tags, settings, region names and the factory's registration. */
class AzureRulesTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "Creating,,PENDING", "Creating,starting,PENDING", "Succeeded,starting,PENDING",
            "Succeeded,running,RUNNING", "Updating,running,RUNNING",
            "Succeeded,stopping,STOPPING", "Updating,deallocating,STOPPING",
            "Succeeded,stopped,STOPPED", "Succeeded,deallocated,STOPPED",
            "Deleting,running,TERMINATING", "Deleting,,TERMINATING",
            "Failed,running,ERROR", "Failed,,ERROR",
            "Succeeded,,RUNNING", "Succeeded,hibernated,ERROR", "Migrating,,ERROR"})
    void statesMapAsDocumented(String provisioning, String power, InstanceState expected) {
        assertThat(AzureStates.of(provisioning, power == null ? "" : power)).isEqualTo(expected);
    }

    @Test
    void tagsBreakingAzuresRulesAreRefused() {
        for (String bad : new String[] {"a<b", "a>b", "50%", "R&D", "a\\b", "why?", "cost/centre"}) {
            assertThatThrownBy(() -> AzureTags.check(Map.of(bad, "v"), 0)).as(bad)
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThatThrownBy(() -> AzureTags.check(Map.of("k".repeat(513), "v"), 0)).isInstanceOf(AltoException.class);
        assertThatThrownBy(() -> AzureTags.check(Map.of("k", "v".repeat(257)), 0)).isInstanceOf(AltoException.class);
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        AzureTags.check(fifty, 0);
        assertThatThrownBy(() -> AzureTags.check(fifty, 1)).isInstanceOf(AltoException.class);
        AzureTags.check(Map.of("alto:managed", "true", "k".repeat(512), "v".repeat(256)), 0);
    }

    @Test
    void theFactoryIsFoundByNameAndOpensWithoutCalling() {
        AzureProviderFactory factory = (AzureProviderFactory) Providers.named("azure");
        assertThat(factory.defaultRegion()).isEqualTo("eastus");
        try (ComputeProvider p = factory.open(context(null, Map.of("subscription", "s-1")))) {
            assertThat(p.region()).isEqualTo("eastus");
            assertThat(p.scope()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("alto"));
            assertThat(((AzureProvider) p).clientsMade()).isZero();
        }
    }

    @Test
    void anEc2RegionOrABadSettingIsRefusedAtOpen() {
        AzureProviderFactory factory = new AzureProviderFactory(d -> { }, null, Map.of());
        assertThatThrownBy(() -> factory.open(context("us-east-1", Map.of("subscription", "s"))))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("EC2 region");
                });
        assertThatThrownBy(() -> factory.open(context("eastus", Map.of("subscription", "s", "parallelism", "0"))))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        assertThatThrownBy(() -> factory.open(context("eastus", Map.of("subscription", "s",
                "resource_group", "bad/group"))))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    @Test
    void withoutASubscriptionAnywhereOpeningFailsAsAuthFailure() {
        AzureProviderFactory factory = new AzureProviderFactory(d -> { }, null, Map.of());
        assertThatThrownBy(() -> factory.open(context("eastus", Map.of())))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
        AzureProviderFactory fromEnv = new AzureProviderFactory(d -> { }, null,
                Map.of("AZURE_SUBSCRIPTION_ID", "env-sub"));
        try (ComputeProvider p = fromEnv.open(context("westeurope", Map.of()))) {
            assertThat(((AzureProvider) p).subscription()).isEqualTo("env-sub");
        }
    }

    @Test
    void againstAnEndpointTheAccountIsTheSubscription() {
        AzureProviderFactory factory = new AzureProviderFactory(d -> { }, null, Map.of());
        try (ComputeProvider p = factory.open(new ProviderContext("eastus", "acct-7", "http://127.0.0.1:9",
                null, Map.of(), null))) {
            assertThat(((AzureProvider) p).subscription()).isEqualTo("acct-7");
        }
    }

    @Test
    void theCatalogRefreshIsAServiceOfTheFactoryAndNothingElseIs() {
        AzureProviderFactory factory = new AzureProviderFactory(d -> { }, null, Map.of());
        ProviderContext context = context("eastus", Map.of("subscription", "s-1"));
        assertThat(factory.service(io.altostratus.catalog.refresh.CatalogRefresher.class, context))
                .hasValueSatisfying(r -> assertThat(r.provider()).isEqualTo("azure"));
        assertThat(factory.service(Unoffered.class, context)).isEmpty();
    }

    /** A service no provider offers. */
    interface Unoffered extends io.altostratus.core.spi.ProviderService {
    }

    private static ProviderContext context(String region, Map<String, String> settings) {
        return new ProviderContext(region, ProviderContext.DEFAULT_ACCOUNT, null, null, settings, null);
    }
}
