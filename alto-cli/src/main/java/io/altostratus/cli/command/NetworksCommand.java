package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Networks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto networks}: VPCs. */
@Command(name = "networks", description = "List networks (VPCs).",
        subcommands = {NetworksCommand.Create.class, NetworksCommand.Remove.class})
public final class NetworksCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(Networks.class).networks(), n -> n, Tables.networks());
        return ExitCode.OK;
    }

    /** {@code alto networks create NAME --cidr C}: idempotent, see {@link Cloud#ensureNetwork}. */
    @Command(name = "create", description = "Make a network ready for instances: the network, a subnet per zone and "
            + "a group NAME-ssh admitting SSH. Running it again makes nothing new.")
    public static final class Create extends CloudCommand {
        @Parameters(paramLabel = "NAME", description = "Network name (its Name tag).")
        String name;

        @Option(names = "--cidr", defaultValue = "10.0.0.0/16", paramLabel = "CIDR",
                description = "IPv4 block, /16 to /28 (default: ${DEFAULT-VALUE}).")
        String cidr;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            Cloud.NetworkSetup setup = cloud.ensureNetwork(name, cidr);
            if (out.isTable()) {
                out.list(java.util.List.of(setup.network()), n -> n, Tables.networks());
                out.text("");
                out.list(setup.subnets(), s -> s, Tables.subnets());
                out.text("");
                out.list(java.util.List.of(setup.securityGroup()), g -> g, Tables.securityGroups());
            } else {
                out.object(setup);
            }
            return ExitCode.OK;
        }
    }

    /** {@code alto networks rm ID [--cascade]}. */
    @Command(name = "rm", description = "Delete a network; --cascade deletes its subnets and groups first.")
    public static final class Remove extends CloudCommand {
        @Parameters(paramLabel = "ID", description = "Network id.")
        String id;

        @Option(names = "--cascade", description = "Delete what the network holds first (running instances still block).")
        boolean cascade;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            cloud.require(Networks.class).deleteNetwork(id, cascade);
            note("deleted network " + id);
            return ExitCode.OK;
        }
    }
}
