package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.Capability;
import io.altostratus.ssh.Ssh;
import io.altostratus.ssh.SshConnection;
import io.altostratus.ssh.SshTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

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
            SshTarget target = remote.machine().contains("@") ? ssh.hostTarget(main, remote.machine())
                    : instanceOrHost(main, remote.machine());
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

    /**
     * An instance of the provider when it has one by that id (EC2-shaped ids always mean one; other providers' ids,
     * such as qemu's {@code qvm-...} or vSphere's {@code vm-42}, are looked up), else a host of that name (also when
     * the provider cannot be opened at all: copying to a plain host needs no cloud).
     */
    private SshTarget instanceOrHost(Main main, String machine) {
        boolean ec2Shaped = INSTANCE_ID.matcher(machine).matches();
        Cloud cloud;
        try {
            cloud = main.openCloud(new Progress(spec.commandLine().getErr(), false));
        } catch (AltoException e) {
            if (ec2Shaped) {
                throw e;
            }
            return ssh.hostTarget(main, machine);
        }
        try (cloud) {
            if (!ec2Shaped && !cloud.supports(Capability.GUEST_ACCESS)) {
                // Its instances cannot be logged into, so the name can only be a host's.
                return ssh.hostTarget(main, machine);
            }
            return ssh.instanceTarget(main, cloud, machine);
        } catch (AltoException e) {
            boolean noSuchInstance = e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_PARAMETER
                    && e.providerCode() != null && e.providerCode().contains("InstanceID");
            if (ec2Shaped || !noSuchInstance) {
                throw e;
            }
        }
        return ssh.hostTarget(main, machine);
    }
}
