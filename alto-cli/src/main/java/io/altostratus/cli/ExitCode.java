package io.altostratus.cli;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;

/**
 * The exit codes of {@code alto}, one per kind of outcome a script may want to tell apart. The numbers are part
 * of the command line's contract: never renumber, only add.
 */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0, "success"),
    /** The cloud reported an error not covered by a more specific code. */
    CLOUD_ERROR(1, "cloud error"),
    /** The command line or its input is wrong: unknown option, malformed value, invalid parameter. */
    USAGE(2, "bad usage or input"),
    /** An instance, image, key or other resource named on the command line does not exist. */
    NOT_FOUND(3, "not found"),
    /** A wait ran out of time. */
    TIMEOUT(4, "timed out waiting"),
    /** The provider does not offer the operation. */
    UNSUPPORTED(5, "unsupported by the provider"),
    /** The resource is in the wrong state, already exists, or others depend on it. */
    CONFLICT(6, "conflict: wrong state, already exists, or in use"),
    /** Credentials are missing, wrong or not allowed to do this. */
    AUTH(7, "authentication or permission failure"),
    /** Throttled, out of capacity or over a quota: trying again later may work. */
    RETRY_LATER(8, "throttled, no capacity or quota exceeded"),
    /** A bug in alto itself (an unexpected exception). */
    SOFTWARE(70, "internal error in alto");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code for an error the API reported. */
    public static ExitCode of(AltoException e) {
        return of(e.code());
    }

    public static ExitCode of(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> NOT_FOUND;
            case INVALID_PARAMETER -> USAGE;
            case TIMEOUT -> TIMEOUT;
            case UNSUPPORTED -> UNSUPPORTED;
            case ALREADY_EXISTS, INVALID_STATE, DEPENDENCY_VIOLATION -> CONFLICT;
            case AUTH_FAILURE -> AUTH;
            case THROTTLED, INSUFFICIENT_CAPACITY, QUOTA_EXCEEDED -> RETRY_LATER;
            case PROVIDER_ERROR -> CLOUD_ERROR;
        };
    }

    /** The table printed in {@code alto --help}. */
    public static String[] helpFooter() {
        ExitCode[] all = values();
        String[] lines = new String[all.length + 1];
        lines[0] = "Exit codes:";
        for (int i = 0; i < all.length; i++) {
            // Concatenated rather than String.format: formatting loads the locale data, which every command paid for
            // when it built its usage footer.
            String code = Integer.toString(all[i].code);
            lines[i + 1] = "  " + " ".repeat(Math.max(0, 3 - code.length())) + code + "  " + all[i].meaning;
        }
        return lines;
    }
}
