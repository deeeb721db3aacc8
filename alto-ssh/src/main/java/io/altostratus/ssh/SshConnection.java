package io.altostratus.ssh;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One authenticated SSH session: run commands, copy files over SFTP, open an interactive shell. Closing it also
 * closes the jump host session it was tunnelled through.
 */
public final class SshConnection implements AutoCloseable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final ClientSession session;
    private final SshTarget target;
    private final SshConnection jump;
    private final ExplicitPortForwardingTracker tunnel;

    SshConnection(ClientSession session, SshTarget target, SshConnection jump, ExplicitPortForwardingTracker tunnel) {
        this.session = session;
        this.target = target;
        this.jump = jump;
        this.tunnel = tunnel;
    }

    ClientSession session() {
        return session;
    }

    public SshTarget target() {
        return target;
    }

    /**
     * Runs {@code command} (through the login shell, as OpenSSH does), streaming its output to the sinks as it
     * arrives, byte for byte; the sinks are flushed but never closed. {@code stdin} is sent and then closed; null
     * means no input (the command sees end of file at once).
     *
     * @param timeout how long the command may run; zero for no limit
     */
    public ExecResult exec(String command, InputStream stdin, OutputStream stdout, OutputStream stderr,
                           Duration timeout) {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(stdin == null ? new ByteArrayInputStream(new byte[0]) : stdin);
            channel.setOut(new KeepOpen(stdout));
            channel.setErr(new KeepOpen(stderr));
            channel.open().verify(OPEN_TIMEOUT);
            return await(channel, timeout, "'" + command + "'");
        } catch (IOException e) {
            throw failure("run '" + command + "'", e);
        }
    }

    /** Runs a command without input and collects its output. */
    public Captured run(String command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecResult result = exec(command, null, out, err, timeout);
        return new Captured(result, out.toByteArray(), err.toByteArray());
    }

    /**
     * An interactive shell on a pseudo-terminal of the given type and size. The caller puts its own terminal in
     * raw mode first, so that keys reach the remote side one by one.
     */
    public ExecResult shell(InputStream in, OutputStream out, String term, int columns, int lines) {
        PtyChannelConfiguration pty = new PtyChannelConfiguration();
        pty.setPtyType(term == null || term.isBlank() ? "xterm" : term);
        pty.setPtyColumns(columns > 0 ? columns : 80);
        pty.setPtyLines(lines > 0 ? lines : 24);
        try (ChannelShell channel = session.createShellChannel(pty, Map.of())) {
            channel.setIn(in);
            channel.setOut(new KeepOpen(out));
            channel.setRedirectErrorStream(true);
            channel.open().verify(OPEN_TIMEOUT);
            return await(channel, Duration.ZERO, "the shell");
        } catch (IOException e) {
            throw failure("open a shell", e);
        }
    }

    private ExecResult await(ClientChannel channel, Duration timeout, String what) {
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                timeout.isZero() ? 0L : Math.max(1L, timeout.toMillis()));
        if (events.contains(ClientChannelEvent.TIMEOUT)) {
            throw new AltoException(ErrorCode.TIMEOUT, "SshCommandTimeout",
                    what + " on " + target.display() + " did not finish within " + timeout.toSeconds() + " s");
        }
        Integer status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        if (status == null && signal == null && !session.isOpen()) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "SshConnectionLost",
                    "the connection to " + target.display() + " closed while running " + what);
        }
        return new ExecResult(status, signal);
    }

    /**
     * Copies a local file to {@code remotePath} (replacing it), then gives it the local file's permission bits.
     * Returns the number of bytes copied.
     */
    public long push(Path local, String remotePath) {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            long copied;
            try (InputStream in = Files.newInputStream(local); OutputStream out = sftp.write(remotePath)) {
                copied = in.transferTo(out);
            }
            int mode = localMode(local);
            if (mode >= 0) {
                sftp.setStat(remotePath, new SftpClient.Attributes().perms(mode));
            }
            return copied;
        } catch (IOException e) {
            throw failure("copy " + local + " to " + target.display() + ":" + remotePath, e);
        }
    }

    /**
     * Copies {@code remotePath} to a local file (replacing it, through a temporary file so a failed copy leaves no
     * half file), with the remote file's permission bits. Returns the number of bytes copied.
     */
    public long pull(String remotePath, Path local) {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            SftpClient.Attributes attributes = sftp.stat(remotePath);
            if (attributes.isDirectory()) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "SshCopyDirectory",
                        target.display() + ":" + remotePath + " is a directory (only files are copied)");
            }
            Path dir = local.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + local.getFileName(), ".part");
            long copied;
            try {
                try (InputStream in = sftp.read(remotePath); OutputStream out = Files.newOutputStream(tmp)) {
                    copied = in.transferTo(out);
                }
                setLocalMode(tmp, attributes.getPermissions() & 07777);
                Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return copied;
        } catch (IOException e) {
            throw failure("copy " + target.display() + ":" + remotePath + " to " + local, e);
        }
    }

    private AltoException failure(String what, IOException e) {
        String m = Ssh.message(e);
        ErrorCode code = m != null && m.toLowerCase(java.util.Locale.ROOT).contains("no such file")
                ? ErrorCode.NOT_FOUND : ErrorCode.PROVIDER_ERROR;
        return new AltoException(code, code == ErrorCode.NOT_FOUND ? "SshNoSuchFile" : "SshFailed",
                "cannot " + what + ": " + m, e);
    }

    static int localMode(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return -1;
        }
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(file)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    static void setLocalMode(Path file, int mode) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        Files.setPosixFilePermissions(file, perms);
    }

    @Override
    public void close() {
        Ssh.closeQuietly(session);
        Ssh.closeQuietly(tunnel);
        Ssh.closeQuietly(jump);
    }

    /** MINA closes the streams it is given when the channel ends; the caller's stdout must survive that. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out == null ? OutputStream.nullOutputStream() : out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
