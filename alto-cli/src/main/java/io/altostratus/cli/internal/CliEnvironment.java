package io.altostratus.cli.internal;

import io.altostratus.core.wait.Sleeper;
import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command takes from the process around it, so that tests can run commands in-process with their own
 * environment variables, a manual clock that waiting advances instead of sleeping, and their own stdin.
 *
 * @param env            environment variables (the source of {@code ALTO_*} settings)
 * @param clock          the time source for providers and waiters
 * @param sleeper        how waiters pause
 * @param stderrTerminal whether stderr is a terminal (progress spinners are drawn only then)
 * @param stdin          what {@code --user-data -} reads
 * @param stdout         the byte stream under the command line's stdout writer, for output that must pass through
 *                       byte for byte (a remote command's, in {@code exec}); null where there is only the writer
 * @param stderr         the same for stderr
 */
public record CliEnvironment(Map<String, String> env, Clock clock, Sleeper sleeper, boolean stderrTerminal,
                             InputStream stdin, OutputStream stdout, OutputStream stderr) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** An environment whose output goes through the command line's writers only. */
    public CliEnvironment(Map<String, String> env, Clock clock, Sleeper sleeper, boolean stderrTerminal,
                          InputStream stdin) {
        this(env, clock, sleeper, stderrTerminal, stdin, null, null);
    }

    /** The real process: its environment, the system clock, real sleeps, stdin, and a terminal check. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Clock.systemUTC(), Sleeper.SYSTEM, stderrIsTerminal(), System.in,
                System.out, System.err);
    }

    /**
     * Whether file descriptor 2 is a terminal. Java has no isatty; on Linux the descriptor's link in /proc names
     * the device. Elsewhere fall back to the console check, which looks at stdin and stdout instead.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // No /proc: use the console check below.
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells (not in the Java 21 API).
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public CliEnvironment withEnv(Map<String, String> newEnv) {
        return new CliEnvironment(newEnv, clock, sleeper, stderrTerminal, stdin);
    }
}
