package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alto cloud-init}: user data and NoCloud seeds, made locally; needs no provider. */
@Command(name = "cloud-init", description = "Make cloud-init user data and NoCloud seed ISOs (no cloud needed).",
        subcommands = {CloudInitRenderCommand.class, CloudInitSeedCommand.class})
public final class CloudInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a sub-verb: the usage, on stderr since it is not data. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
