package io.altostratus.proxmox;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.proxmox.internal.PveClient;
import io.altostratus.proxmox.internal.PveErrors;
import io.altostratus.proxmox.internal.PveTasks;
import io.altostratus.proxmox.internal.PveTls;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Opens {@code proxmox} sessions: one cluster (its API endpoint) is one region; see {@link ProxmoxSettings} for the
 * endpoint, the token and TLS trust. Opening a session calls nothing.
 */
public final class ProxmoxProviderFactory implements ProviderFactory {
    static final String DEFAULT_REGION = "pve";

    private final Sleeper sleeper;
    private final Retrier.Listener listener;
    private final Map<String, String> environment;
    /** Destroyed instances, shared by every session this factory opens (see {@link Tombstones}). */
    private final Tombstones tombstones = new Tombstones();

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, no retry listener, the process environment. */
    public ProxmoxProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE, System.getenv());
    }

    /** A factory whose sessions back off through {@code sleeper}, report retries to {@code listener}. */
    public ProxmoxProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "proxmox";
    }

    @Override
    public String description() {
        return "a Proxmox VE cluster through its REST API (/api2/json) with an API token";
    }

    /** The cluster's name is only known after a call; {@code pve} stands for "the cluster at the endpoint". */
    @Override
    public String defaultRegion() {
        return DEFAULT_REGION;
    }

    /**
     * @throws AltoException INVALID_PARAMETER without an endpoint or with a bad setting; AUTH_FAILURE without a token
     */
    @Override
    public ComputeProvider open(ProviderContext context) {
        ProxmoxSettings settings = ProxmoxSettings.from(context, environment);
        if (settings.endpoint() == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoEndpoint", "no Proxmox endpoint: set endpoint "
                    + "in [proxmox] of alto.toml (https://HOST:8006) or pass --endpoint");
        }
        if (context.endpoint() != null) {
            context.endpointUrl(); // checks the form
        }
        if (settings.token() == null || !settings.token().matches("[^@\\s]+@[^!\\s]+![^=\\s]+=\\S+")) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "NoToken", "no usable Proxmox API token: set token in "
                    + "[proxmox] or PROXMOX_TOKEN to USER@REALM!TOKENID=SECRET");
        }
        SSLContext tls = settings.fingerprint() != null ? PveTls.pinned(settings.fingerprint())
                : settings.caFile() != null ? PveTls.caFile(Path.of(settings.caFile()))
                : PveTls.system();
        PveClient client = new PveClient(settings.endpoint(), settings.token(), tls, Duration.ofSeconds(60));
        Retrier retrier = new Retrier(settings.maxAttempts(), PveErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        PveTasks tasks = new PveTasks(client, retrier, settings.taskTimeout());
        String region = context.region() == null || context.region().isBlank() ? DEFAULT_REGION : context.region();
        return new ProxmoxProvider(new PveSession(client, retrier, tasks, settings, region, context.stateDir(),
                tombstones));
    }
}
