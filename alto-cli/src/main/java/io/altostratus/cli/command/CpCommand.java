package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshConnection;
import io.altostratus.ssh.SshTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alto cp SRC DST}: copies one file to or from an instance (ID:path) or a host ([user@]host:path). */
@Command(name = "cp", description = "Copy a file to or from an instance over SFTP, keeping its permission bits. "
        + "Exactly one side is remote: ID:PATH for an instance, [USER@]HOST:PATH for a host.")
public final class CpCommand implements Callable<Integer> {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    @Spec
    CommandSpec spec;

    @Mixin
    SshSupport ssh;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    /** A remote side: everything before the first ':' (when it comes before any '/') names the machine. */
    record Remote(String machine, String path) {
        static Remote parse(String arg) {
            int colon = arg.indexOf(':');
            int slash = arg.indexOf('/');
            if (colon <= 0 || (slash >= 0 && slash < colon)) {
                return null;
            }
            String path = arg.substring(colon + 1);
            return new Remote(arg.substring(0, colon), path.isEmpty() ? "." : path);
        }
    }

    @Override
    public Integer call() throws Exception {
        Remote from = Remote.parse(source);
        Remote to = Remote.parse(destination);
        if ((from == null) == (to == null)) {
            throw new UsageException("exactly one of SRC and DST must be remote (ID:PATH or HOST:PATH)");
        }
        Remote remote = from != null ? from : to;
        Main main = (Main) spec.root().userObject();
        try (Ssh client = SshSupport.openSsh(main)) {
            SshTarget target;
            if (INSTANCE_ID.matcher(remote.machine()).matches()) {
                try (Cloud cloud = main.openCloud(new Progress(spec.commandLine().getErr(), false))) {
                    target = ssh.instanceTarget(main, cloud, remote.machine());
                }
            } else {
                target = ssh.hostTarget(main, remote.machine());
            }
            try (SshConnection connection = client.connect(target)) {
                long bytes = from != null
                        ? connection.pull(from.path(), Path.of(destination))
                        : connection.push(Path.of(source), to.path());
                spec.commandLine().getErr().println("alto: copied " + bytes + " bytes");
                spec.commandLine().getErr().flush();
            }
        }
        return 0;
    }
}
