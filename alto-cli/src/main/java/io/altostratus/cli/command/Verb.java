package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every verb shares: the command spec picocli injects, the top command's settings, and diagnostics on stderr
 * through the command line's own writer (so tests read them).
 */
public abstract class Verb implements Callable<Integer> {
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
}
