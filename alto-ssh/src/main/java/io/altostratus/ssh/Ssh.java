package io.altostratus.ssh;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Outcome;
import io.altostratus.core.wait.Waiter;
import io.altostratus.ssh.internal.AgentClient;
import io.altostratus.ssh.internal.JdkEd25519;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An SSH client on Apache MINA SSHD: connects to {@link SshTarget}s (directly or through a jump host), checks host
 * keys against {@link KnownHosts}, and authenticates with key files and the SSH agent. One instance serves many
 * connections; close it when done.
 *
 * <p>Failures are {@link AltoException}s: {@code SshConnectFailed} (PROVIDER_ERROR) when nothing answers or the
 * connection drops during the handshake, {@code SshAuthFailed} (AUTH_FAILURE) when no key is accepted,
 * {@code HostKeyChanged} (AUTH_FAILURE) when the server's key differs from the recorded one, {@code SshKeyUnusable}
 * (INVALID_PARAMETER) for a key file that cannot be read.
 */
public final class Ssh implements AutoCloseable {
    static final AttributeKey<String> HOST_KEY_ID = new AttributeKey<>();
    static final AttributeKey<AtomicReference<KnownHosts.Verdict>> VERDICT = new AttributeKey<>();
    static final AttributeKey<Boolean> USE_AGENT = new AttributeKey<>();

    private final SshClient client;
    private final KnownHosts knownHosts;
    private final Duration connectTimeout;
    private final Duration authTimeout;
    private final Path agentSocket;

    static {
        JdkEd25519.install();
    }

    private Ssh(Builder b) {
        this.knownHosts = Objects.requireNonNull(b.knownHosts, "knownHosts");
        this.connectTimeout = b.connectTimeout;
        this.authTimeout = b.authTimeout;
        this.agentSocket = b.agentSocket;
        this.client = SshClient.setUpDefaultClient();
        // Only what the target says counts: no ~/.ssh/config, no default ~/.ssh/id_* keys picked up behind its back.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, address, key) -> {
            AttributeRepository context = session.getConnectionContext();
            String id = context.getAttribute(HOST_KEY_ID);
            KnownHosts.Verdict verdict = knownHosts.check(id, key);
            context.getAttribute(VERDICT).set(verdict);
            return !(verdict instanceof KnownHosts.Verdict.Changed);
        });
        // Jump hosts use local port forwarding, which MINA refuses unless the client's filter allows it.
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        client.setAgentFactory(new AgentFactory());
        client.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** Connects and authenticates once; no retry. */
    public SshConnection connect(SshTarget target) {
        List<KeyPair> keys = loadKeys(target.identities());
        SshConnection jump = target.jump() == null ? null : connect(target.jump());
        String host = target.host();
        int port = target.port();
        ExplicitPortForwardingTracker tunnel = null;
        try {
            if (jump != null) {
                tunnel = jump.session().createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(target.host(), target.port()));
                host = tunnel.getBoundAddress().getHostName();
                port = tunnel.getBoundAddress().getPort();
            }
            ClientSession session = open(target, host, port, keys);
            return new SshConnection(session, target, jump, tunnel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tunnel);
            closeQuietly(jump);
            if (e instanceof AltoException alto) {
                throw alto;
            }
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "SshConnectFailed", "cannot tunnel to "
                    + target.display() + " through " + target.jump().display() + ": " + message(e), e);
        }
    }

    /**
     * Connects, retrying with the waiter's backoff while nothing answers, the handshake is cut, or the key is
     * refused (a booting guest may not have installed it yet). A changed host key or an unreadable key file ends
     * the wait at once. A timeout names the last error.
     */
    public SshConnection connectWhenReady(SshTarget target, Waiter waiter) {
        record Attempt(SshConnection connection, AltoException error) { }
        Attempt done = waiter.until("SSH on " + target.display(), () -> {
            try {
                return new Attempt(connect(target), null);
            } catch (AltoException e) {
                if (!retryable(e)) {
                    throw e;
                }
                return new Attempt(null, e);
            }
        }, a -> a.connection() != null ? Outcome.SUCCESS : Outcome.RETRY,
                a -> a.connection() != null ? "connected" : a.error().getMessage());
        return done.connection();
    }

    static boolean retryable(AltoException e) {
        return "SshConnectFailed".equals(e.providerCode()) || "SshAuthFailed".equals(e.providerCode());
    }

    private ClientSession open(SshTarget target, String host, int port, List<KeyPair> keys) {
        Map<AttributeKey<?>, Object> attributes = new HashMap<>();
        AtomicReference<KnownHosts.Verdict> verdict = new AtomicReference<>();
        attributes.put(HOST_KEY_ID, target.hostKeyId());
        attributes.put(VERDICT, verdict);
        attributes.put(USE_AGENT, target.useAgent() && agentSocket != null && Files.exists(agentSocket));
        ClientSession session = null;
        try {
            ConnectFuture future = client.connect(target.user(), host, port,
                    AttributeRepository.ofAttributesMap(attributes), null);
            session = future.verify(connectTimeout).getSession();
            for (KeyPair key : keys) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(authTimeout);
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            if (verdict.get() instanceof KnownHosts.Verdict.Changed changed) {
                throw changed.toException();
            }
            if (session != null && verdict.get() != null && isAuthFailure(e)) {
                throw new AltoException(ErrorCode.AUTH_FAILURE, "SshAuthFailed", target.display()
                        + " refused every key offered (" + describeKeys(target) + "): " + message(e), e);
            }
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "SshConnectFailed",
                    "cannot connect to " + target.display() + ": " + message(e), e);
        }
    }

    private static boolean isAuthFailure(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("authentication") || m.contains("auth");
    }

    private String describeKeys(SshTarget target) {
        List<String> parts = new ArrayList<>();
        target.identities().forEach(p -> parts.add(p.toString()));
        if (target.useAgent() && agentSocket != null && Files.exists(agentSocket)) {
            parts.add("the agent at " + agentSocket);
        }
        return parts.isEmpty() ? "no keys: give --identity or run an SSH agent" : String.join(", ", parts);
    }

    /** Reads every key file up front, so a bad path fails before any network traffic and is never retried. */
    static List<KeyPair> loadKeys(List<Path> files) {
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                        NamedResource.ofName(file.toString()), in, FilePasswordProvider.EMPTY);
                int before = keys.size();
                if (loaded != null) {
                    loaded.forEach(keys::add);
                }
                if (keys.size() == before) {
                    throw new AltoException(ErrorCode.INVALID_PARAMETER, "SshKeyUnusable",
                            "no private key found in " + file);
                }
            } catch (NoSuchFileException e) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "SshKeyUnusable",
                        "the key file " + file + " does not exist");
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                if (e instanceof AltoException alto) {
                    throw alto;
                }
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "SshKeyUnusable",
                        "cannot use the key file " + file + " (a passphrase-protected key must be loaded into "
                                + "an SSH agent instead): " + message(e), e);
            }
        }
        return keys;
    }

    /** The innermost cause that says something, e.g. "Connection refused". */
    static String message(Throwable e) {
        Throwable t = e;
        String best = e.getMessage();
        while (t != null) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            }
            if (t.getMessage() != null) {
                best = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return best == null ? e.getClass().getSimpleName() : best;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Cleanup after a failure: the first error is the one worth reporting.
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException ignored) {
            // Stopping a client that never connected can only fail harmlessly.
        }
    }

    /** Hands MINA an agent connection for sessions whose target asked for one. */
    private final class AgentFactory implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
            Boolean use = session instanceof ClientSession cs
                    ? cs.getConnectionContext().getAttribute(USE_AGENT) : Boolean.FALSE;
            return Boolean.TRUE.equals(use) ? AgentClient.open(agentSocket) : AgentClient.none();
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("alto does not forward its agent");
        }
    }

    /** Settings for an {@link Ssh} client. */
    public static final class Builder {
        private KnownHosts knownHosts;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration authTimeout = Duration.ofSeconds(30);
        private Path agentSocket;

        /** Where host keys are recorded and checked (required). */
        public Builder knownHosts(KnownHosts v) { knownHosts = v; return this; }
        /** The longest one TCP connect may take. */
        public Builder connectTimeout(Duration v) { connectTimeout = Objects.requireNonNull(v); return this; }
        /** The longest key exchange plus authentication may take. */
        public Builder authTimeout(Duration v) { authTimeout = Objects.requireNonNull(v); return this; }
        /** The SSH agent's socket (usually {@code $SSH_AUTH_SOCK}); null for no agent. */
        public Builder agentSocket(Path v) { agentSocket = v; return this; }

        /** The agent socket from an environment's {@code SSH_AUTH_SOCK}, if set. */
        public Builder agentFromEnvironment(Map<String, String> env) {
            String sock = env.get("SSH_AUTH_SOCK");
            agentSocket = sock == null || sock.isBlank() ? null : Path.of(sock);
            return this;
        }

        public Ssh build() {
            return new Ssh(this);
        }
    }
}
