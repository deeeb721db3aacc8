package io.altostratus.cli.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them on a command line: {@code 100ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 0}. */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a non-negative duration: a number with a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}), a bare {@code 0}, or ISO-8601 ({@code PT0.1S}). A bare number other than 0 is refused: whether
     * {@code 100} means milliseconds or seconds is a guess this should not make.
     *
     * @throws UsageException for anything else, naming the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.matches("0+(\\.0+)?")) {
            return Duration.ZERO;
        }
        if (!trimmed.isEmpty() && (trimmed.charAt(0) == 'P' || trimmed.charAt(0) == 'p')) {
            try {
                return nonNegative(Duration.parse(trimmed.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw refused(text);
            }
        }
        Matcher m = TEXT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw refused(text);
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        });
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        try {
            return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new UsageException("the duration '" + text + "' is too long");
        }
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw refused(text);
        }
        return d;
    }

    private static UsageException refused(String text) {
        return new UsageException("'" + text + "' is not a duration: use a number with a unit (100ms, 1s, 1.5s, 2m) "
                + "or 0");
    }
}
