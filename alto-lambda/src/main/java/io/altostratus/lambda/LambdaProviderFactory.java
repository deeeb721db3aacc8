package io.altostratus.lambda;

import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code lambda} provider: Lambda Cloud as a catalog-only cloud. It offers one service, the catalog refresh
 * ({@link CatalogRefresher}) over Lambda's public API, and refuses compute sessions (UNSUPPORTED): alto lists
 * Lambda's types, regions and prices beside the other clouds' but launches nothing there.
 *
 * <p><b>API key</b>: from the environment variable {@code LAMBDA_API_KEY}, or the one {@code api_key_env} in
 * {@code [lambda]} of alto.toml names; never from the config file itself. <b>Endpoint</b>: the context's
 * ({@code --endpoint}, or {@code endpoint} in the config), else {@value #DEFAULT_ENDPOINT}. <b>Retries</b>: 429,
 * 5xx and no answer are tried again, up to {@code max_attempts} (default 4) with a backoff from
 * {@code retry_base_ms} (default 1000, since Lambda allows about one request a second) to {@code retry_max_ms}
 * (default 10000).
 */
public final class LambdaProviderFactory implements ProviderFactory {
    public static final String DEFAULT_ENDPOINT = "https://cloud.lambda.ai";
    public static final String DEFAULT_KEY_VARIABLE = "LAMBDA_API_KEY";

    private final Map<String, String> environment;
    private final Sleeper sleeper;
    private final Retrier.Listener listener;

    /** The factory {@link java.util.ServiceLoader} finds: the API key from the process environment, real sleeps. */
    public LambdaProviderFactory() {
        this(System.getenv(), Sleeper.SYSTEM, Retrier.Listener.NONE);
    }

    /**
     * A factory that reads the API key from {@code environment} and backs off through {@code sleeper}, telling
     * {@code listener} (may be null) about every retry.
     */
    public LambdaProviderFactory(Map<String, String> environment, Sleeper sleeper, Retrier.Listener listener) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
    }

    @Override
    public String name() {
        return LambdaCatalogMapping.PROVIDER;
    }

    @Override
    public String description() {
        return "Lambda Cloud, catalog only: types, regions and prices from its API (alto catalog refresh)";
    }

    /** Lambda's regions are named like EC2's; us-east-1 is one of them. */
    @Override
    public String defaultRegion() {
        return "us-east-1";
    }

    /** @throws AltoException UNSUPPORTED, always: alto does not launch on Lambda */
    @Override
    public ComputeProvider open(ProviderContext context) {
        throw new AltoException(ErrorCode.UNSUPPORTED, "CatalogOnly", "lambda is a catalog-only cloud in alto: it "
                + "lists Lambda's types, regions and prices (alto catalog refresh --provider lambda, then alto types "
                + "--clouds lambda) but does not manage instances there");
    }

    /**
     * {@link CatalogRefresher}: Lambda's instance types, regions with capacity and prices, from the context's
     * endpoint with the API key from the environment.
     *
     * @throws AltoException AUTH_FAILURE when the API key variable is unset or empty; INVALID_PARAMETER for a
     *         malformed endpoint or retry setting
     */
    @Override
    public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        if (type != CatalogRefresher.class) {
            return Optional.empty();
        }
        URI endpoint = endpoint(context);
        String key = apiKey(context);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Retrier retrier = new Retrier(intSetting(context, "max_attempts", 4),
                LambdaErrors.FAILURES, new Backoff(Duration.ofMillis(intSetting(context, "retry_base_ms", 1000)),
                Duration.ofMillis(intSetting(context, "retry_max_ms", 10_000)), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        return Optional.of(type.cast(new LambdaCatalogRefresher(new LambdaApi(endpoint, key, http), retrier,
                context.clock())));
    }

    private static int intSetting(ProviderContext context, String name, int fallback) {
        String value = context.setting(name, null);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", name + " in [lambda] must be a "
                + "whole number of at least 1, not '" + value + "'");
    }

    private String apiKey(ProviderContext context) {
        String variable = context.setting("api_key_env", DEFAULT_KEY_VARIABLE).strip();
        if (variable.isEmpty()) {
            variable = DEFAULT_KEY_VARIABLE;
        }
        String key = environment.get(variable);
        if (key == null || key.isBlank()) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "NoApiKey", "no Lambda API key: set " + variable
                    + " to an API key from the Lambda Cloud dashboard"
                    + (variable.equals(DEFAULT_KEY_VARIABLE) ? " (or name another variable with api_key_env in "
                    + "[lambda] of alto.toml)" : " (named by api_key_env in [lambda])"));
        }
        return key.strip();
    }

    private static URI endpoint(ProviderContext context) {
        URI url = context.endpointUrl();
        String text = url == null ? DEFAULT_ENDPOINT : url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
