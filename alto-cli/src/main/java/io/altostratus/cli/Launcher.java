package io.altostratus.cli;

import io.altostratus.cli.internal.BuildInfo;
import io.altostratus.cli.internal.ClassPathScans;
import io.altostratus.cli.internal.CliEnvironment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.OptionalInt;

/**
 * The process entry point of {@code bin/alto}: the little that has to happen before the command line is built, and
 * the exit. It names no picocli type, so that starting it loads none: picocli's class files predate Java 6, which
 * keeps them out of the JVM's start-up cache, so each one the JVM loads is read from the jar and verified the slow
 * way.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ClassPathScans.avoid();
        int code = versionOnly(args) ? printVersion(System.out) : run(CliEnvironment.system(), args);
        // System.exit logs the exit through a System.Logger, and finding the logging backend is a ServiceLoader scan
        // of every jar on the class path. A command that succeeded and left nothing running simply returns: the JVM
        // then ends with status 0 as main returns, through the same shutdown hooks.
        if (code != 0 || otherThreadsRunning()) {
            System.exit(code);
        }
    }

    /** Runs a command line: the few that {@link QuickCommands} answers without picocli, the others through it. */
    private static int run(CliEnvironment environment, String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        OptionalInt quick = QuickCommands.run(environment, args, out, err);
        return quick.isPresent() ? quick.getAsInt() : Main.run(environment, args, out, err);
    }

    /**
     * Whether the command line is {@code alto --version} (or {@code -V}) and nothing else. That one is answered
     * without picocli, which would otherwise be most of its start-up. With other arguments the option goes through
     * picocli, which prints the same lines ({@link BuildInfo#versionLines()} is its version provider's answer).
     */
    static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The version lines, as picocli prints them for {@code --version}; returns the exit code. */
    public static int printVersion(PrintStream out) {
        for (String line : BuildInfo.versionLines()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns. */
    private static boolean otherThreadsRunning() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (threads[i] != Thread.currentThread() && threads[i].isAlive() && !threads[i].isDaemon()) {
                return true;
            }
        }
        return count == threads.length; // more threads than room to list them: do not guess
    }
}
