package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.core.Cloud;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alto reboot ID...}: reboots in place. Prints nothing on success, like EC2's RebootInstances. */
@Command(name = "reboot", description = "Reboot instances in place (prints nothing on success).")
public final class RebootCommand extends CloudCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Instance ids.")
    List<String> ids = new ArrayList<>();

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        cloud.reboot(ids);
        note("rebooting " + String.join(", ", ids));
        return ExitCode.OK;
    }
}
