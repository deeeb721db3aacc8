package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.ssh.GuestLogin;
import io.altostratus.ssh.KnownHosts;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What the SSH verbs share: the login options, where alto keeps host keys ({@code <config>/alto/known_hosts}) and
 * looks for private keys ({@code <config>/alto/keys}, {@code ~/.ssh}), and turning an instance id or a host into
 * an {@link SshTarget}. Used as a picocli mixin.
 */
public final class SshSupport {
    @Option(names = "--user", paramLabel = "USER", description = "Login user (default: the image's: ubuntu, admin "
            + "for Debian, ec2-user for Amazon Linux; with --host, $USER).")
    String user;

    @Option(names = "--port", defaultValue = "22", paramLabel = "PORT", description = "SSH port (default: 22).")
    int port;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY", description = "Private key file (default: the "
            + "launch key pair's file NAME, NAME.pem or NAME.key in <config>/alto/keys or ~/.ssh).")
    Path identity;

    @Option(names = {"-J", "--jump"}, paramLabel = "[USER@]HOST[:PORT]", description = "Connect through this host.")
    String jump;

    @Option(names = "--no-agent", description = "Do not offer the keys of the SSH agent ($SSH_AUTH_SOCK).")
    boolean noAgent;

    static Path configHome(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : home(env).resolve(".config");
    }

    static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    }

    static Ssh openSsh(Main main) {
        Map<String, String> env = main.environment().env();
        return Ssh.builder().knownHosts(new KnownHosts(configHome(env).resolve("alto/known_hosts")))
                .agentFromEnvironment(env).build();
    }

    boolean useAgent() {
        return !noAgent;
    }

    GuestLogin login(Main main) {
        Map<String, String> env = main.environment().env();
        return new GuestLogin(user, port, identity, GuestLogin.defaultKeyDirs(configHome(env), home(env)),
                useAgent(), jumpTarget(main));
    }

    /** The target for an instance of the cloud (checks the provider offers guest access). */
    SshTarget instanceTarget(Main main, Cloud cloud, String instanceId) {
        return login(main).target(cloud, instanceId);
    }

    /** The target for {@code [user@]host}, with the options' port, user and key. */
    SshTarget hostTarget(Main main, String host) {
        String login = user;
        String name = host;
        int at = host.lastIndexOf('@');
        if (at > 0) {
            login = host.substring(0, at);
            name = host.substring(at + 1);
        }
        if (login == null) {
            login = main.environment().env().getOrDefault("USER", System.getProperty("user.name"));
        }
        return new SshTarget(name, port, login, null, identity == null ? List.of() : List.of(identity), useAgent(),
                jumpTarget(main));
    }

    private SshTarget jumpTarget(Main main) {
        if (jump == null || jump.isBlank()) {
            return null;
        }
        String spec = jump;
        String login = main.environment().env().getOrDefault("USER", System.getProperty("user.name"));
        int at = spec.lastIndexOf('@');
        if (at > 0) {
            login = spec.substring(0, at);
            spec = spec.substring(at + 1);
        }
        int jumpPort = SshTarget.DEFAULT_PORT;
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
            try {
                jumpPort = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("--jump: bad port in '" + jump + "'");
            }
            spec = spec.substring(0, colon);
        }
        return new SshTarget(spec, jumpPort, login, null, identity == null ? List.of() : List.of(identity),
                useAgent(), null);
    }

    /**
     * Where a remote command's output goes: byte for byte to {@code raw} when the process has one (binary output such
     * as {@code exec -- cat file.tar} stays intact), flushed at every write so the user sees it as it comes; else to
     * the writer as text. Anything already written through the writer is flushed first, so order holds.
     */
    static OutputStream output(OutputStream raw, PrintWriter writer) {
        if (raw == null) {
            return toWriter(writer);
        }
        writer.flush();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                raw.write(b);
                raw.flush();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
                raw.flush();
            }

            @Override
            public void flush() throws IOException {
                raw.flush();
            }

            @Override
            public void close() throws IOException {
                // The process's own stream: flushed, never closed by a command.
                raw.flush();
            }
        };
    }

    /**
     * Bytes to a command's text writer, decoded as UTF-8 line by line so that multi-byte characters split across
     * packets stay whole. (The library streams bytes faithfully; a picocli writer carries text.)
     */
    static OutputStream toWriter(PrintWriter writer) {
        return new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public void flush() {
                if (pending.size() > 0) {
                    writer.write(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                }
                writer.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
    }
}
