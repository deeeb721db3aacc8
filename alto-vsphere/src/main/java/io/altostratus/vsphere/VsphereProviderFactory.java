package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.vsphere.internal.Vim;
import io.altostratus.vsphere.internal.VimClient;
import io.altostratus.vsphere.internal.VimErrors;
import io.altostratus.vsphere.internal.VsphereTls;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Opens {@code vsphere} sessions: one ESXi host or vCenter (its {@code /sdk} endpoint) is one region, the datacenter
 * the scope. See {@link VsphereSettings} for the endpoint, credentials and TLS trust. Opening a session logs in.
 */
public final class VsphereProviderFactory implements ProviderFactory {
    static final String DEFAULT_REGION = "vsphere";

    private final Sleeper sleeper;
    private final Retrier.Listener listener;
    private final Map<String, String> environment;
    /** Destroyed instances, shared by every session this factory opens. */
    private final Tombstones tombstones = new Tombstones();

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, the process environment. */
    public VsphereProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE, System.getenv());
    }

    public VsphereProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "vsphere";
    }

    @Override
    public String description() {
        return "a VMware ESXi host or vCenter through the vim25 SOAP API (templates, clones, VMware Tools)";
    }

    @Override
    public String defaultRegion() {
        return DEFAULT_REGION;
    }

    /**
     * @throws AltoException INVALID_PARAMETER without an endpoint or with a bad setting; AUTH_FAILURE without
     *                       credentials or when the server refuses them
     */
    @Override
    public ComputeProvider open(ProviderContext context) {
        VsphereSettings settings = VsphereSettings.from(context, environment);
        if (settings.endpoint() == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoEndpoint", "no vSphere endpoint: set endpoint "
                    + "in [vsphere] of alto.toml (https://HOST/sdk) or pass --endpoint");
        }
        if (settings.user() == null || settings.password() == null) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "NoCredentials", "no vSphere user and password: set "
                    + "user and password in [vsphere], ALTO_VSPHERE_USER and ALTO_VSPHERE_PASSWORD, or put "
                    + "user:password@ in the endpoint URL");
        }
        SSLContext tls = settings.fingerprint() != null ? VsphereTls.pinned(settings.fingerprint())
                : settings.insecure() ? VsphereTls.insecure() : VsphereTls.system();
        VimClient client = new VimClient(settings.endpoint(), tls, Duration.ofMinutes(2));
        Retrier retrier = new Retrier(settings.maxAttempts(), VimErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        Vim vim = new Vim(client, retrier, settings.taskTimeout());
        VsphereSession session = new VsphereSession(vim, retrier, settings, sleeper, context.stateDir(), tombstones);
        session.login();
        return new VsphereProvider(session);
    }
}
