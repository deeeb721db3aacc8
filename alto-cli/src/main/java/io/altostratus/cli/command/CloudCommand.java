package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.core.Cloud;

/**
 * A verb that works on a provider session: opens the {@link Cloud} from the global options, runs, closes it,
 * and erases any progress line it drew. Output goes through the command line's writers so tests can read it.
 */
public abstract class CloudCommand extends Verb {
    @Override
    public Integer call() throws Exception {
        validate();
        Progress progress = new Progress(err(), main().environment().stderrTerminal());
        Output output = new Output(main().outputFormat(), out()).beforeWrite(progress::clear);
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
