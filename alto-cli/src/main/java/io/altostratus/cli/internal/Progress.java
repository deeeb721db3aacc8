package io.altostratus.cli.internal;

import io.altostratus.core.model.Instance;
import io.altostratus.core.wait.Waiter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A one-line spinner on stderr while a wait takes longer than a second, redrawn at each poll and erased when
 * the command ends. It draws nothing unless stderr is a terminal, so logs and pipes stay clean.
 */
public final class Progress implements Waiter.Listener {
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(1);
    private static final char[] FRAMES = {'|', '/', '-', '\\'};
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter err;
    private final boolean enabled;
    private boolean drawn;
    private int frame;

    public Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void polled(int attempt, Duration elapsed, Object lastValue) {
        if (!enabled || elapsed.compareTo(QUIET_PERIOD) < 0) {
            return;
        }
        String line = FRAMES[frame++ % FRAMES.length] + " waiting " + elapsed.toSeconds() + "s: " + describe(lastValue);
        if (line.length() > 100) {
            line = line.substring(0, 97) + "...";
        }
        err.print(CLEAR_LINE + line);
        err.flush();
        drawn = true;
    }

    /** Erases the spinner line, if one was drawn. */
    public void clear() {
        if (drawn) {
            err.print(CLEAR_LINE);
            err.flush();
            drawn = false;
        }
    }

    private static String describe(Object value) {
        if (value instanceof Instance i) {
            return i.id() + " " + i.state();
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(Progress::describe).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
