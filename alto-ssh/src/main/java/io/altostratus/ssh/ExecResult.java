package io.altostratus.ssh;

/**
 * How a remote command ended: with an exit status, or killed by a signal (then {@code exitStatus} is null and
 * {@code signal} names it without the SIG prefix, e.g. {@code KILL}).
 */
public record ExecResult(Integer exitStatus, String signal) {
    /**
     * The status a local shell would report: the exit status, else 128 + the signal number (as bash does), else
     * 255 when the server reported neither (as OpenSSH's client does).
     */
    public int shellStatus() {
        if (exitStatus != null) {
            return exitStatus;
        }
        if (signal != null) {
            Integer number = signalNumber(signal);
            return number == null ? 255 : 128 + number;
        }
        return 255;
    }

    public boolean succeeded() {
        return exitStatus != null && exitStatus == 0;
    }

    /** Linux numbers of the signals RFC 4254 names. */
    static Integer signalNumber(String name) {
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ILL" -> 4;
            case "ABRT" -> 6;
            case "FPE" -> 8;
            case "KILL" -> 9;
            case "USR1" -> 10;
            case "SEGV" -> 11;
            case "USR2" -> 12;
            case "PIPE" -> 13;
            case "ALRM" -> 14;
            case "TERM" -> 15;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return exitStatus != null ? "exit " + exitStatus : signal != null ? "killed by SIG" + signal : "no exit status";
    }
}
