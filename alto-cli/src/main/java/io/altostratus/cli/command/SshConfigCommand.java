package io.altostratus.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alto ssh-config}: Host blocks for the running instances, to append to {@code ~/.ssh/config}. */
@Command(name = "ssh-config", description = "Print ~/.ssh/config Host blocks for the running instances (Name tag "
        + "as the host alias, the instance id as HostKeyAlias).")
public final class SshConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SshSupport ssh;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(InventoryCommand.build(spec, ssh).sshConfig());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
