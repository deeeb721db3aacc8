package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.core.Cloud;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that works on a provider session: opens the {@link Cloud} from the global options, runs, closes it,
 * and erases any progress line it drew. Output goes through the command line's writers so tests can read it.
 */
public abstract class CloudCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    protected Main main() {
        return (Main) spec.root().userObject();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A diagnostic on stderr (never data). */
    protected void note(String message) {
        err().println("alto: " + message);
        err().flush();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Progress progress = new Progress(err(), main().environment().stderrTerminal());
        Output output = new Output(main().outputFormat(), spec.commandLine().getOut()).beforeWrite(progress::clear);
        try (Cloud cloud = main().openCloud(progress)) {
            return run(cloud, output).code();
        } finally {
            progress.clear();
        }
    }

    /** Checks the arguments before a session is opened; throw a UsageException to refuse them. */
    protected void validate() {
    }

    protected abstract ExitCode run(Cloud cloud, Output out) throws Exception;
}
