package io.altostratus.cli.command;

import io.altostratus.cli.internal.BuildInfo;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.Main;
import io.altostratus.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alto version}: which alto, on which Java. Needs no provider. */
@Command(name = "version", description = "Print the alto version and the Java runtime.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The version as data, for {@code -o json|yaml}. */
    record VersionView(String alto, String java, String vm) {
    }

    @Override
    public Integer call() {
        Output out = new Output(((Main) spec.root().userObject()).outputFormat(), spec.commandLine().getOut());
        if (out.isTable()) {
            for (String line : new Provider().getVersion()) {
                out.text(line);
            }
        } else {
            out.object(new VersionView(BuildInfo.version(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name")));
        }
        return ExitCode.OK.code();
    }

    /** For {@code alto --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.versionLines();
        }
    }
}
