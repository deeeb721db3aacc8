package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Networks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto subnets}. */
@Command(name = "subnets", description = "List subnets.")
public final class SubnetsCommand extends CloudCommand {
    @Option(names = "--network", paramLabel = "ID", description = "Only subnets of this network.")
    String network;

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(Networks.class).subnets().stream().filter(s -> network == null || network.equals(s.networkId())).toList(),
                s -> s, Tables.subnets());
        return ExitCode.OK;
    }
}
