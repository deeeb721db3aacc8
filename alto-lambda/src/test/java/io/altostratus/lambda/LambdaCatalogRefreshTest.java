package io.altostratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.placement.Requirements;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lambda catalog refresh against our fake of Lambda's API. The answer it serves is ours, built from the shape
 * Lambda documents for {@code GET /api/v1/instance-types}; no recorded real answer exists.
 */
class LambdaCatalogRefreshTest {
    private static final String KEY = "secret_test-key_0123";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final FakeLambdaApi api = new FakeLambdaApi();
    private final ManualClock clock = new ManualClock(NOW);
    private final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        api.close();
    }

    private ProviderContext context(Map<String, String> settings) {
        return new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, api.endpoint(), null, settings, clock);
    }

    private CatalogRefresher refresher(Map<String, String> env, Map<String, String> settings) {
        return new LambdaProviderFactory(env, clock, (operation, code, attempt, delay) -> retries.add(code))
                .service(CatalogRefresher.class, context(settings)).orElseThrow();
    }

    private CatalogRefresher.Result refresh(List<String> regions) {
        return refresher(Map.of("LAMBDA_API_KEY", KEY), Map.of())
                .refresh(new CatalogRefresher.Request(regions, 4, 0, null, null));
    }

    @Test
    void mapsTypesRegionsPricesAndGpus() {
        CatalogRefresher.Result result = refresh(null);
        CatalogSnapshot snapshot = result.snapshot();

        assertThat(snapshot.provider()).isEqualTo("lambda");
        assertThat(snapshot.regions()).extracting(CatalogSnapshot.RegionData::region).containsExactly(
                new Region("us-east-1", "Virginia, USA", null, false),
                new Region("us-east-3", "Washington DC, USA", null, false),
                new Region("us-west-1", "California, USA", null, false),
                new Region("us-west-2", "Arizona, USA", null, false));
        // The H100 type lists no region with capacity: it is offered nowhere, and the notes say so.
        assertThat(snapshot.types()).extracting(InstanceType::name).containsExactly("gpu_1x_a10",
                "gpu_1x_a100_sxm4", "gpu_1x_gh200", "gpu_8x_a100_80gb_sxm4");
        assertThat(snapshot.notes()).anyMatch(n -> n.contains("gpu_1x_h100_pcie"));
        assertThat(snapshot.region("us-east-1").offers()).extracting(CatalogSnapshot.Offer::type)
                .containsExactly("gpu_1x_a10", "gpu_8x_a100_80gb_sxm4");
        assertThat(snapshot.region("us-east-1").zones()).isEmpty();
        assertThat(result.stats().calls()).isEqualTo(1);
        assertThat(result.stats().offers()).isEqualTo(5);

        Catalog catalog = snapshot.catalog();
        InstanceType big = catalog.instanceType("us-east-1", "gpu_8x_a100_80gb_sxm4").orElseThrow();
        assertThat(big.vcpus()).isEqualTo(240);
        assertThat(big.memoryMiB()).isEqualTo(1800L * 1024);
        assertThat(big.localStorageGiB()).isEqualTo(19500);
        assertThat(big.gpus()).isEqualTo(8);
        assertThat(big.gpuModel()).isEqualTo("NVIDIA A100 80GB");
        assertThat(big.architectures()).containsExactly(Architecture.X86_64);
        assertThat(catalog.instanceType("us-east-3", "gpu_1x_gh200").orElseThrow().architectures())
                .containsExactly(Architecture.ARM64);
        assertThat(catalog.instanceType("us-west-2", "gpu_8x_a100_80gb_sxm4")).isEmpty();

        Price price = catalog.onDemandPrice("us-east-1", "gpu_8x_a100_80gb_sxm4").orElseThrow();
        assertThat(price.perHour()).isEqualTo(14.32);
        assertThat(price.source().dated()).isEqualTo("lambda-api 2026-12-07");
        assertThat(catalog.onDemandPrice("us-west-1", "gpu_1x_a10").orElseThrow().perHour()).isEqualTo(0.75);
        assertThat(catalog.spotPrice("us-east-1", "gpu_1x_a10")).isEmpty();

        // --gpu A100:1 finds both A100 types, as it finds AWS's "NVIDIA A100" and GCP's "NVIDIA A100 80GB".
        Requirements a100 = new Requirements(0, 0, null, 0, null, null).withGpu("A100:1");
        assertThat(snapshot.types().stream().filter(a100::matches).map(InstanceType::name))
                .containsExactly("gpu_1x_a100_sxm4", "gpu_8x_a100_80gb_sxm4");
        Requirements a100x80 = new Requirements(0, 0, null, 0, null, null).withGpu("A100 80GB:8");
        assertThat(snapshot.types().stream().filter(a100x80::matches).map(InstanceType::name))
                .containsExactly("gpu_8x_a100_80gb_sxm4");
    }

    @Test
    void sendsTheKeyAsABearerTokenToTheInstanceTypesPath() {
        refresh(null);
        assertThat(api.paths).containsExactly("GET /api/v1/instance-types");
        assertThat(api.authorizations).containsExactly("Bearer " + KEY);
    }

    @Test
    void apiKeyEnvNamesAnotherVariable() {
        refresher(Map.of("LAMBDA_API_KEY", "not-this-one", "TEAM_LAMBDA_KEY", "team-key"),
                Map.of("api_key_env", "TEAM_LAMBDA_KEY")).refresh(new CatalogRefresher.Request(null, 1, 0, null, null));
        assertThat(api.authorizations).containsExactly("Bearer team-key");
    }

    @Test
    void regionsNarrowTheSnapshot() {
        CatalogSnapshot snapshot = refresh(List.of("us-east-1")).snapshot();
        assertThat(snapshot.regions()).extracting(CatalogSnapshot.RegionData::name).containsExactly("us-east-1");
        assertThat(snapshot.types()).extracting(InstanceType::name)
                .containsExactly("gpu_1x_a10", "gpu_8x_a100_80gb_sxm4");
    }

    @Test
    void writesASnapshotThatReadsBack(@TempDir Path dir) {
        SnapshotStore store = new SnapshotStore(dir);
        CatalogRefresher.Result result = refresher(Map.of("LAMBDA_API_KEY", KEY), Map.of())
                .refreshInto(store, new CatalogRefresher.Request(null, 1, 0, null, null));
        CatalogSnapshot back = store.read("lambda").orElseThrow();
        assertThat(back.types()).isEqualTo(result.snapshot().types());
        assertThat(back.catalog().onDemandPrice("us-west-2", "gpu_1x_a100_sxm4").orElseThrow().perHour())
                .isEqualTo(1.29);
    }

    @Test
    void aMissingKeyNamesTheVariable() {
        assertThatThrownBy(() -> refresher(Map.of(), Map.of()))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                    assertThat(e.getMessage()).contains("LAMBDA_API_KEY").doesNotContain("\n");
                });
        assertThatThrownBy(() -> refresher(Map.of("LAMBDA_API_KEY", KEY), Map.of("api_key_env", "MY_KEY")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.getMessage()).contains("MY_KEY"));
        assertThat(api.paths).isEmpty();
    }

    @Test
    void unauthorizedIsAnAuthFailureWithLambdasCode() {
        api.answer(401, FakeLambdaApi.error("global/invalid-api-key", "API key was invalid, expired, or deleted.",
                "Check your API key or create a new one, then try again."));
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
            assertThat(e.providerCode()).isEqualTo("global/invalid-api-key");
            assertThat(e.getMessage()).contains("401").contains("API key was invalid")
                    .contains("create a new one");
        });
        assertThat(api.paths).as("an auth failure is not retried").hasSize(1);
    }

    @Test
    void forbiddenIsAnAuthFailure() {
        api.answer(403, FakeLambdaApi.error("global/account-inactive", "Your account is inactive.", null));
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
    }

    @Test
    void tooManyRequestsIsThrottled() {
        api.answer(429, FakeLambdaApi.error("global/too-many-requests", "Too many requests.", null));
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
            assertThat(e.providerCode()).isEqualTo("global/too-many-requests");
        });
        assertThat(api.paths).as("tried max_attempts times, default 4").hasSize(4);
        assertThat(retries).containsExactly("global/too-many-requests", "global/too-many-requests",
                "global/too-many-requests");
        assertThat(clock.instant()).as("backed off on the clock").isAfter(NOW);
    }

    @Test
    void aThrottledCallIsTriedAgain() {
        api.answerOnce(429, FakeLambdaApi.error("global/too-many-requests", "Too many requests.", null));
        api.answerOnce(503, "");
        CatalogRefresher.Result result = refresh(null);
        assertThat(result.snapshot().types()).hasSize(4);
        assertThat(result.stats().calls()).isEqualTo(1);
        assertThat(result.stats().attempts()).isEqualTo(3);
        assertThat(retries).containsExactly("global/too-many-requests", "HTTP503");
    }

    @Test
    void maxAttemptsIsASettingAndABadOneIsRefused() {
        api.answer(500, FakeLambdaApi.error("global/unknown", "An unknown error occurred.", null));
        CatalogRefresher once = refresher(Map.of("LAMBDA_API_KEY", KEY), Map.of("max_attempts", "1"));
        assertThatThrownBy(() -> once.refresh(new CatalogRefresher.Request(null, 1, 0, null, null)))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR));
        assertThat(api.paths).hasSize(1);
        assertThatThrownBy(() -> refresher(Map.of("LAMBDA_API_KEY", KEY), Map.of("max_attempts", "zero")))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("max_attempts");
                });
    }

    @Test
    void serverErrorIsAProviderError() {
        api.answer(500, FakeLambdaApi.error("global/unknown", "An unknown error occurred.", null));
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.getMessage()).contains("500").contains("An unknown error occurred.");
        });
        api.answer(502, "<html>bad gateway</html>");
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.providerCode()).isEqualTo("HTTP502");
        });
    }

    @Test
    void noAnswerAtAllIsAProviderError() {
        String endpoint = api.endpoint();
        api.close();
        ProviderContext gone = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, endpoint, null,
                Map.of("max_attempts", "2"), clock);
        CatalogRefresher refresher = new LambdaProviderFactory(Map.of("LAMBDA_API_KEY", KEY), clock, null)
                .service(CatalogRefresher.class, gone).orElseThrow();
        assertThatThrownBy(() -> refresher.refresh(new CatalogRefresher.Request(null, 1, 0, null, null)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(e.providerCode()).isEqualTo("ConnectionFailed");
                    assertThat(e.getMessage()).contains("cannot reach the Lambda API at " + endpoint);
                });
    }

    @Test
    void anAnswerWithoutDataIsAProviderError() {
        api.answer(200, "{\"nothing\": 1}");
        assertThatThrownBy(() -> refresh(null)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.getMessage()).contains("data");
        });
    }

    @Test
    void computeSessionsAreRefusedInOneLine() {
        assertThatThrownBy(() -> Providers.named("lambda").open(context(Map.of())))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.getMessage()).startsWith("lambda is a catalog-only cloud in alto: ")
                            .doesNotContain("\n");
                });
    }
}
