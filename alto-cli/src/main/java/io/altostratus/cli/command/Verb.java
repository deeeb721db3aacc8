package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every verb shares: the command spec picocli injects, the top command's settings, and diagnostics on stderr
 * through the command line's own writer (so tests read them). A verb run without picocli (see
 * {@link #bind(Main, PrintWriter, PrintWriter)}) gets the same three from its caller instead.
 */
public abstract class Verb implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private Main boundMain;
    private PrintWriter boundOut;
    private PrintWriter boundErr;

    /** Gives a verb that picocli did not build its settings and writers, before {@link #call()}. */
    public void bind(Main main, PrintWriter out, PrintWriter err) {
        this.boundMain = main;
        this.boundOut = out;
        this.boundErr = err;
    }

    protected Main main() {
        return boundMain != null ? boundMain : (Main) spec.root().userObject();
    }

    /** Where data goes. */
    protected PrintWriter out() {
        return boundOut != null ? boundOut : spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return boundErr != null ? boundErr : spec.commandLine().getErr();
    }

    /** A diagnostic on stderr (never data). */
    protected void note(String message) {
        err().println("alto: " + message);
        err().flush();
    }
}
