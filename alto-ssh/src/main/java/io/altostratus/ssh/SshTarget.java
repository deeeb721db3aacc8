package io.altostratus.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and as whom to log in.
 *
 * @param host       the address or name to connect to
 * @param port       the TCP port, usually 22
 * @param user       the login user
 * @param hostKeyId  the name the server's host key is recorded under: an instance id for cloud instances (so a new
 *                   instance that reuses an old address is a different host), else {@code [host]:port}
 * @param identities private key files to offer, in order (OpenSSH or PEM; ed25519, RSA or ECDSA)
 * @param useAgent   whether to also offer the keys of the SSH agent at {@code SSH_AUTH_SOCK}
 * @param jump       a host to tunnel through (ProxyJump style), or null to connect directly
 */
public record SshTarget(String host, int port, String user, String hostKeyId, List<Path> identities,
                        boolean useAgent, SshTarget jump) {
    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (host.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("an SSH target needs a host and a user");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        hostKeyId = hostKeyId == null || hostKeyId.isBlank() ? defaultHostKeyId(host, port) : hostKeyId;
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** A direct login with the given keys and the agent. */
    public static SshTarget of(String host, int port, String user, List<Path> identities) {
        return new SshTarget(host, port, user, null, identities, true, null);
    }

    /** The OpenSSH known_hosts spelling: the bare host on port 22, {@code [host]:port} elsewhere. */
    public static String defaultHostKeyId(String host, int port) {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    public SshTarget withJump(SshTarget newJump) {
        return new SshTarget(host, port, user, hostKeyId, identities, useAgent, newJump);
    }

    public SshTarget withHostKeyId(String id) {
        return new SshTarget(host, port, user, id, identities, useAgent, jump);
    }

    public SshTarget withAgent(boolean agent) {
        return new SshTarget(host, port, user, hostKeyId, identities, agent, jump);
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + host + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
