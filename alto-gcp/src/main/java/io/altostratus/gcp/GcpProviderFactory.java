package io.altostratus.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gcp.clusters.GkeClusters;
import io.altostratus.gcp.clusters.GkeTokens;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.gcp.internal.GceCalls;
import io.altostratus.gcp.internal.GceClients;
import io.altostratus.gcp.internal.GceErrors;
import io.altostratus.gcp.internal.GceNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens {@code gcp} sessions, and as services the gcp catalog refresh ({@link CatalogRefresher}), GKE
 * ({@link Clusters}, see {@link GkeClusters}) and the access tokens kubectl's exec plugin prints ({@link GkeTokens}).
 *
 * <p><b>Region</b>: the context's, else {@code CLOUDSDK_COMPUTE_REGION}, else {@code us-central1}. It must be a GCE
 * region name ({@code us-east1}, not EC2's {@code us-east-1}); whether it exists is known at the first call
 * ({@code NOT_FOUND}), since opening a session calls nothing.
 *
 * <p><b>Credentials</b>, the way Google's tools find them: {@code credentials_file} in {@code [gcp]} (a
 * service-account or authorized-user JSON); else Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's {@code application_default_credentials.json}, the metadata server on GCE). Against an endpoint override
 * ({@code --endpoint http://127.0.0.1:8773}) calls carry no credentials unless {@code credentials_file} is set:
 * emulators take anonymous calls. A fixed access token ({@code access_token} in {@code [gcp]}, else gcloud's
 * {@code CLOUDSDK_AUTH_ACCESS_TOKEN}) goes before both, for an endpoint that checks bearer tokens
 * ({@code alto serve --api gce} in strict mode takes {@code test}).
 *
 * <p><b>Project</b>: {@code project} in {@code [gcp]}; else, against an endpoint override, the context's account
 * (an emulator's tenants are projects, as the EC2 gateway's are accounts); else {@code GOOGLE_CLOUD_PROJECT}, then
 * {@code CLOUDSDK_CORE_PROJECT}; else the credentials' own project (a service account's {@code project_id}, a user's
 * quota project).
 */
public final class GcpProviderFactory implements ProviderFactory {
    static final String DEFAULT_REGION = "us-central1";
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private final Sleeper sleeper;
    private final Retrier.Listener listener;
    private final Map<String, String> environment;
    /** Deleted instances, shared by every session this factory opens (see {@link Tombstones}). */
    private final Tombstones tombstones = new Tombstones();

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, no retry listener, the process environment. */
    public GcpProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE, System.getenv());
    }

    /** A factory whose sessions back off through {@code sleeper} and report retries to {@code listener}. */
    public GcpProviderFactory(Sleeper sleeper, Retrier.Listener listener) {
        this(sleeper, listener, System.getenv());
    }

    /** As {@link #GcpProviderFactory(Sleeper, Retrier.Listener)}, reading the environment from a map. */
    public GcpProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public String description() {
        return "Google Compute Engine through Google's Java client, or any GCE-compatible endpoint (--endpoint)";
    }

    /** GCE names regions like us-central1; EC2's us-east-1 does not exist there. */
    @Override
    public String defaultRegion() {
        return DEFAULT_REGION;
    }

    /**
     * Opens a session; no call is made and no client is built until the first request.
     *
     * @throws AltoException INVALID_PARAMETER for a region that is not a GCE region name, a malformed endpoint or a
     *         bad setting; AUTH_FAILURE when no project can be found or the credentials file cannot be read
     */
    @Override
    public ComputeProvider open(ProviderContext context) {
        String region = region(context);
        Access access = access(context);
        GceClients clients = new GceClients(access.endpoint(), access.credentials());
        GcpSettings settings = access.settings();
        Retrier retrier = new Retrier(settings.maxAttempts(), GceErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        GceCalls calls = new GceCalls(retrier, settings.operationTimeout(), clients, access.project());
        return new GcpProvider(GcpContext.of(access.project(), region, clients, calls, settings, tombstones),
                access.endpoint() == null);
    }

    /**
     * The gcp provider's services: {@link CatalogRefresher}, the catalog refresh over the Compute Engine and Cloud
     * Billing Catalog APIs, against the context's endpoint (both APIs on it; Google's without one), as whom and for
     * which project a session would call (see above). The region of the context does not matter: a refresh reads
     * every region, or those its request names. {@link Clusters}: GKE through its HTTP/JSON API, against the
     * context's endpoint (Google's without one), in the session's region, as whom and for which project a session
     * would call; its kubeconfigs run {@code kube_token_command} of {@code [gcp]} (default {@code alto}) as
     * {@code alto kube-token --provider gcp}. {@link GkeTokens}: the access token of those credentials, for kubectl.
     *
     * @throws AltoException as {@link #open} for a bad endpoint, setting or credentials file, or no project
     */
    @Override
    public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        if (type == Clusters.class) {
            // GKE in the session's region, on the session's endpoint, project and credentials.
            String region = region(context);
            Access access = access(context);
            String kubeTokenCommand = context.setting("kube_token_command", "alto").strip();
            return Optional.of(type.cast(GkeClusters.open(access.endpoint(), access.project(), region,
                    access.credentials(), access.settings(), kubeTokenCommand, sleeper, listener, context.clock())));
        }
        if (type == KubeTokens.class) {
            return Optional.of(type.cast(new GkeTokens(access(context).credentials(), context.clock())));
        }
        if (type != CatalogRefresher.class) {
            return Optional.empty();
        }
        Access access = access(context);
        return Optional.of(type.cast(new GcpCatalogRefresher(access.endpoint(), access.project(),
                access.credentials(), access.settings(), sleeper, listener, context.clock())));
    }

    /** Where, as whom and for which project a context's calls go. */
    private record Access(GcpSettings settings, String endpoint, String project, CredentialsProvider credentials) {
    }

    private Access access(ProviderContext context) {
        GcpSettings settings = GcpSettings.from(context);
        String endpoint = endpoint(context);
        Credentials fileCredentials = settings.credentialsFile() == null ? null
                : readCredentials(Path.of(settings.credentialsFile()));
        LazyCredentials adc = new LazyCredentials();
        String project = project(settings, context, endpoint != null, fileCredentials, adc);
        String token = settings.accessToken() != null ? settings.accessToken()
                : environment.getOrDefault("CLOUDSDK_AUTH_ACCESS_TOKEN", "").isBlank() ? null
                : environment.get("CLOUDSDK_AUTH_ACCESS_TOKEN").trim();
        CredentialsProvider credentials = fileCredentials != null ? FixedCredentialsProvider.create(fileCredentials)
                : token != null ? FixedCredentialsProvider.create(GoogleCredentials.create(new AccessToken(token, null)))
                : endpoint != null ? NoCredentialsProvider.create()
                : adc;
        return new Access(settings, endpoint, project, credentials);
    }

    private String region(ProviderContext context) {
        String region = context.region();
        if (region == null || region.isBlank()) {
            region = environment.getOrDefault("CLOUDSDK_COMPUTE_REGION", DEFAULT_REGION);
        }
        if (!GceNames.isRegion(region)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidRegion", "'" + region
                    + "' is not a GCE region name (GCE names regions like us-central1 or europe-west4"
                    + (region.matches("[a-z]+-[a-z]+-[0-9]+") ? "; '" + region + "' is an EC2 region" : "") + ")");
        }
        return region;
    }

    private String project(GcpSettings settings, ProviderContext context, boolean endpoint, Credentials file,
                           LazyCredentials adc) {
        if (settings.project() != null) {
            return settings.project();
        }
        if (endpoint) {
            return context.account();
        }
        for (String variable : List.of("GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        String fromCredentials = projectOf(file != null ? file : adc.credentials());
        if (fromCredentials != null) {
            return fromCredentials;
        }
        throw new AltoException(ErrorCode.AUTH_FAILURE, "NoProject", "no GCP project: set project in [gcp] of "
                + "alto.toml, or GOOGLE_CLOUD_PROJECT, or use credentials that name one");
    }

    private static String projectOf(Credentials credentials) {
        if (credentials instanceof ServiceAccountCredentials sa && sa.getProjectId() != null) {
            return sa.getProjectId();
        }
        if (credentials instanceof GoogleCredentials g && g.getQuotaProjectId() != null) {
            return g.getQuotaProjectId();
        }
        return null;
    }

    private static Credentials readCredentials(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return scoped(GoogleCredentials.fromStream(in));
        } catch (IOException e) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "InvalidCredentials",
                    "cannot read GCP credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    private static GoogleCredentials scoped(GoogleCredentials credentials) {
        return credentials.createScopedRequired() ? credentials.createScoped(SCOPES) : credentials;
    }

    /**
     * Application Default Credentials, looked up once and only when first needed: the lookup may ask the metadata
     * server, which off GCE costs a network timeout, and a session that fails before its first call should not pay it.
     */
    private static final class LazyCredentials implements CredentialsProvider {
        private GoogleCredentials credentials;

        @Override
        public synchronized Credentials getCredentials() {
            return credentials();
        }

        synchronized GoogleCredentials credentials() {
            if (credentials == null) {
                try {
                    credentials = scoped(GoogleCredentials.getApplicationDefault());
                } catch (IOException e) {
                    throw new AltoException(ErrorCode.AUTH_FAILURE, "NoCredentials", "no GCP credentials: set "
                            + "GOOGLE_APPLICATION_CREDENTIALS to a service-account key, run 'gcloud auth "
                            + "application-default login', or set credentials_file in [gcp] (" + e.getMessage()
                            + ")", e);
                }
            }
            return credentials;
        }
    }

    /**
     * The endpoint override as the client needs it (see {@link ProviderContext#endpointUrl}), without a trailing
     * slash; null when there is none.
     */
    static String endpoint(ProviderContext context) {
        URI url = context.endpointUrl();
        if (url == null) {
            return null;
        }
        String out = url.toString();
        return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }
}
