package io.altostratus.cli;

import io.altostratus.cli.command.CatalogCommand;
import io.altostratus.cli.command.CloudInitCommand;
import io.altostratus.cli.command.ClustersCommand;
import io.altostratus.cli.command.CpCommand;
import io.altostratus.cli.command.ExecCommand;
import io.altostratus.cli.command.GatewayCommand;
import io.altostratus.cli.command.GcCommand;
import io.altostratus.cli.command.ImagesCommand;
import io.altostratus.cli.command.InventoryCommand;
import io.altostratus.cli.command.KeysCommand;
import io.altostratus.cli.command.KubeTokenCommand;
import io.altostratus.cli.command.LaunchCommand;
import io.altostratus.cli.command.LsCommand;
import io.altostratus.cli.command.NetworksCommand;
import io.altostratus.cli.command.ProvidersCommand;
import io.altostratus.cli.command.RebootCommand;
import io.altostratus.cli.command.RegionsCommand;
import io.altostratus.cli.command.RmCommand;
import io.altostratus.cli.command.SecurityGroupsCommand;
import io.altostratus.cli.command.ServeCommand;
import io.altostratus.cli.command.ShowCommand;
import io.altostratus.cli.command.SnapshotCommand;
import io.altostratus.cli.command.SnapshotsCommand;
import io.altostratus.cli.command.SshCommand;
import io.altostratus.cli.command.SshConfigCommand;
import io.altostratus.cli.command.StartCommand;
import io.altostratus.cli.command.StopCommand;
import io.altostratus.cli.command.SubnetsCommand;
import io.altostratus.cli.command.TagCommand;
import io.altostratus.cli.command.TypesCommand;
import io.altostratus.cli.command.UntagCommand;
import io.altostratus.cli.command.VersionCommand;
import io.altostratus.cli.command.VolumesCommand;
import io.altostratus.cli.command.WaitCommand;
import io.altostratus.cli.command.ZonesCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The verbs of {@code alto}, and which of them a command line needs built. picocli builds a verb's model by
 * reflection over its class (fields, annotations, converters): for every verb on every start, as
 * {@code @Command(subcommands = ...)} would have it, that is most of a short command's start-up.
 */
public final class Verbs {
    private Verbs() {
    }

    /**
     * Every verb, in the order {@code alto --help} lists them. A new verb is one more class here; its name and
     * aliases come from its own {@code @Command}.
     */
    static final List<Class<?>> ALL = List.of(
            LaunchCommand.class, LsCommand.class, ShowCommand.class, StartCommand.class, StopCommand.class,
            RebootCommand.class, RmCommand.class, WaitCommand.class, ImagesCommand.class, TypesCommand.class,
            RegionsCommand.class, ZonesCommand.class, KeysCommand.class, NetworksCommand.class,
            SubnetsCommand.class, SecurityGroupsCommand.class, VolumesCommand.class, SnapshotCommand.class,
            SnapshotsCommand.class, TagCommand.class, UntagCommand.class, VersionCommand.class, GcCommand.class,
            CatalogCommand.class, ExecCommand.class, SshCommand.class, CpCommand.class, InventoryCommand.class,
            SshConfigCommand.class, CloudInitCommand.class, ProvidersCommand.class, ServeCommand.class,
            GatewayCommand.class, ClustersCommand.class, KubeTokenCommand.class, CommandLine.HelpCommand.class);

    /**
     * The verbs that executing {@code args} needs. The verb is the first argument that is neither an option of
     * {@code alto} itself nor the value of one (picocli's own model of those options says which take a value).
     */
    static List<Class<?>> neededFor(CommandSpec alto, String... args) {
        boolean versionAsked = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return ALL; // what follows is for picocli to judge, as it always did
            }
            if (arg.length() > 1 && arg.startsWith("-")) {
                OptionSpec option = globalOption(alto, arg);
                if (option == null) {
                    continue; // an unknown option: picocli reports it
                }
                if (option.usageHelp()) {
                    return ALL; // `alto --help [VERB]` lists every verb
                }
                versionAsked |= option.versionHelp();
                if (takesSeparateValue(option, arg)) {
                    i++;
                }
                continue;
            }
            Class<?> verb = named(arg);
            // `help VERB` looks its verb up among the others; an unknown verb is answered with the nearest names.
            return verb == null || verb == CommandLine.HelpCommand.class ? ALL : List.of(verb);
        }
        // No verb: `alto --version` needs none; bare `alto` prints the usage with every verb.
        return versionAsked ? List.of() : ALL;
    }

    /** The option of {@code alto} an argument is, also as {@code --name=value} or {@code -oVALUE}; else null. */
    private static OptionSpec globalOption(CommandSpec alto, String arg) {
        int equals = arg.indexOf('=');
        String name = equals > 0 ? arg.substring(0, equals) : arg;
        OptionSpec option = alto.findOption(name);
        if (option == null && !arg.startsWith("--") && arg.length() > 2) {
            option = alto.findOption(arg.substring(0, 2)); // a short option with its value attached
        }
        return option;
    }

    /** Whether the next argument is this option's value (not when the value is attached with = or to -o). */
    private static boolean takesSeparateValue(OptionSpec option, String arg) {
        return option.arity().min() > 0 && List.of(option.names()).contains(arg);
    }

    /** The verb with this name or alias, read from the verbs' {@code @Command} without building them; else null. */
    static Class<?> named(String word) {
        for (Class<?> verb : ALL) {
            Command command = verb.getAnnotation(Command.class);
            if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
                return verb;
            }
        }
        return null;
    }
}
