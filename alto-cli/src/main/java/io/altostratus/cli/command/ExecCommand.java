package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.ssh.ExecResult;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshConnection;
import io.altostratus.ssh.SshTarget;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alto exec ID|--host H -- CMD}: runs a command over SSH and exits with its exit code. */
@Command(name = "exec", description = "Run a command on an instance (or --host) over SSH. stdout and stderr are "
        + "streamed through; alto exits with the command's exit code (128+N when killed by signal N, 255 when the "
        + "server reported none).")
public final class ExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SshSupport ssh;

    @Option(names = "--host", paramLabel = "[USER@]HOST", description = "Connect to this host instead of an instance.")
    String host;

    @Option(names = "-n", description = "Send no input (default: alto's stdin goes to the command).")
    boolean noStdin;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Give up on the command after this long (default: no limit).")
    long timeoutSeconds;

    @Parameters(paramLabel = "ID -- CMD", arity = "1..*",
            description = "The instance id (unless --host), then the command after --.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> command = new ArrayList<>(words);
        String id = null;
        if (host == null) {
            if (command.size() < 2) {
                throw new UsageException("give an instance id (or --host) and a command after --");
            }
            id = command.removeFirst();
        }
        if (command.isEmpty()) {
            throw new UsageException("no command given (put it after --)");
        }
        Main main = (Main) spec.root().userObject();
        InputStream in = noStdin ? null : main.environment().stdin();
        OutputStream out = SshSupport.output(main.environment().stdout(), spec.commandLine().getOut());
        OutputStream err = SshSupport.output(main.environment().stderr(), spec.commandLine().getErr());
        try (Ssh client = SshSupport.openSsh(main)) {
            SshTarget target;
            if (id != null) {
                try (Cloud cloud = main.openCloud(new Progress(spec.commandLine().getErr(), false))) {
                    target = ssh.instanceTarget(main, cloud, id);
                }
            } else {
                target = ssh.hostTarget(main, host);
            }
            try (SshConnection connection = client.connect(target)) {
                ExecResult result = connection.exec(String.join(" ", command), in, out, err,
                        Duration.ofSeconds(Math.max(0, timeoutSeconds)));
                out.flush();
                err.flush();
                return result.shellStatus();
            }
        }
    }
}
