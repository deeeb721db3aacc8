package io.altostratus.cli.internal;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.core.error.AltoException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become output and exit codes: a single {@code alto: error: ...} line on stderr,
 * a stack trace only with {@code --debug}, and the code from {@link ExitCode}.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler,
        IExitCodeExceptionMapper {
    private final Main main;

    public ErrorReporter(Main main) {
        this.main = main;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        String help = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println("alto: error: " + describe(ex) + " (see '" + help + " --help')");
        if (main.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE.code();
    }

    /**
     * picocli's words for a parse failure, except where they speak of indexes: an unknown verb says it is not a
     * command (with the nearest verbs when some are close), a stray word says it was not expected.
     */
    private static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
            List<String> near = unmatched.getSuggestions();
            String suggestion = near.isEmpty() ? "" : "; did you mean " + near.stream().limit(3)
                    .map(s -> "'" + s + "'").collect(Collectors.joining(" or ")) + "?";
            if (first.startsWith("-")) {
                return oneLine(ex.getMessage()) + suggestion;
            }
            if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
                return "'" + first + "' is not a command of '" + spec.qualifiedName() + "'" + suggestion;
            }
            return "unexpected argument '" + first + "'";
        }
        return oneLine(ex.getMessage());
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(ex, commandLine.getErr());
    }

    /** Writes a failed command's error line on {@code err}; returns its exit code. */
    public int report(Exception ex, PrintWriter err) {
        ExitCode code = classify(ex);
        String message = switch (ex) {
            case AltoException alto -> oneLine(alto.getMessage())
                    + (alto.providerCode() == null || alto.getMessage().contains(alto.providerCode())
                    ? "" : " (" + alto.providerCode() + ")");
            case UsageException usage -> oneLine(usage.getMessage());
            case IllegalArgumentException bad -> oneLine(bad.getMessage());
            default -> "internal error: " + ex.getClass().getName()
                    + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()))
                    + (main.debug() ? "" : " (run with --debug for details)");
        };
        err.println("alto: error: " + message);
        if (main.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    @Override
    public int getExitCode(Throwable exception) {
        return classify(exception).code();
    }

    static ExitCode classify(Throwable ex) {
        if (ex instanceof AltoException alto) {
            return ExitCode.of(alto);
        }
        if (ex instanceof UsageException || ex instanceof IllegalArgumentException
                || ex instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.SOFTWARE;
    }

    /** Provider messages sometimes span lines; the contract is one line per error. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
