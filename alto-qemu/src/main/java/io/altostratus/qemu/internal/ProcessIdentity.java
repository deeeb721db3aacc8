package io.altostratus.qemu.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named by its pid and its start time, so a pid the kernel has since handed to another process is never
 * mistaken for the QEMU that once had it. On Linux the start time is {@code /proc/PID/stat}'s clock-tick count
 * (field 22) and a zombie counts as gone; elsewhere the JDK's start instant.
 *
 * @param pid   the process id
 * @param start the start mark: clock ticks since boot on Linux, else epoch milliseconds
 */
public record ProcessIdentity(long pid, long start) {

    /** The identity of the process with that pid as it is now, if it is alive. */
    public static Optional<ProcessIdentity> of(long pid) {
        return of(pid, Path.of("/proc"));
    }

    /** As {@link #of(long)}, reading the given proc file system (tests point it at a fake one). */
    public static Optional<ProcessIdentity> of(long pid, Path proc) {
        if (pid <= 0) {
            return Optional.empty();
        }
        if (Files.isDirectory(proc)) {
            return fromProcStat(pid, proc.resolve(Long.toString(pid)).resolve("stat"));
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant())
                .map(started -> new ProcessIdentity(pid, started.toEpochMilli()));
    }

    /** Whether this very process still runs (same pid, same start). */
    public boolean alive(Path proc) {
        return of(pid, proc).filter(this::equals).isPresent();
    }

    public boolean alive() {
        return alive(Path.of("/proc"));
    }

    static Optional<ProcessIdentity> fromProcStat(long pid, Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return Optional.empty(); // no such process
        }
        return parseStat(pid, line);
    }

    /** Parses a {@code /proc/PID/stat} line; the command name in parentheses may hold spaces and parentheses. */
    static Optional<ProcessIdentity> parseStat(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
        if (fields.length < 20) {
            return Optional.empty();
        }
        String state = fields[0];
        if (state.equals("Z") || state.equals("X") || state.equals("x")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessIdentity(pid, Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
