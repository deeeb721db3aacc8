package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Progress;
import io.altostratus.core.Cloud;
import io.altostratus.ssh.ExecResult;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshConnection;
import io.altostratus.ssh.SshTarget;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alto ssh ID}: an interactive shell on a pseudo-terminal. The local terminal is put in raw mode with
 * {@code stty} for the session (Java cannot) and restored afterwards, whatever happens.
 */
@Command(name = "ssh", description = "Open an interactive shell on an instance (or --host) over SSH.")
public final class SshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SshSupport ssh;

    @Option(names = "--host", paramLabel = "[USER@]HOST", description = "Connect to this host instead of an instance.")
    String host;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The instance id (unless --host).")
    String id;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        if (id == null && host == null) {
            throw new io.altostratus.cli.internal.UsageException("give an instance id or --host");
        }
        try (Ssh client = SshSupport.openSsh(main)) {
            SshTarget target;
            if (host == null) {
                try (Cloud cloud = main.openCloud(new Progress(spec.commandLine().getErr(), false))) {
                    target = ssh.instanceTarget(main, cloud, id);
                }
            } else {
                target = ssh.hostTarget(main, host);
            }
            try (SshConnection connection = client.connect(target)) {
                String saved = stty("-g");
                int columns = 80;
                int lines = 24;
                if (saved != null) {
                    String[] size = String.valueOf(stty("size")).trim().split("\\s+");
                    if (size.length == 2) {
                        lines = Integer.parseInt(size[0]);
                        columns = Integer.parseInt(size[1]);
                    }
                    stty("raw", "-echo");
                }
                try {
                    String term = main.environment().env().getOrDefault("TERM", "xterm");
                    ExecResult r = connection.shell(new FileInputStream(FileDescriptor.in),
                            new FileOutputStream(FileDescriptor.out), term, columns, lines);
                    return r.shellStatus();
                } finally {
                    if (saved != null) {
                        stty(saved.trim());
                    }
                }
            }
        }
    }

    /** Runs stty on the controlling terminal; null when there is none (output redirected, no tty). */
    private static String stty(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "stty";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectInput(new java.io.File("/dev/tty")).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
