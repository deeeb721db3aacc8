package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.SdkBytes;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;

/**
 * Text to value and value to text for the model's leaf types, as EC2 writes them: decimal ASCII numbers, lowercase
 * booleans, ISO-8601 timestamps, base64 blobs.
 */
public final class Scalars {
    private Scalars() {
    }

    /** Why a text does not parse as its kind; the message is the second half of EC2's InvalidParameterValue text. */
    public static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String expectation) {
            super(expectation, null, false, false);
        }
    }

    /** Parses a query parameter value into the Java type the SDK field holds. */
    public static Object parse(ScalarKind kind, String text) throws BadValue {
        return switch (kind) {
            case STRING -> text;
            case INTEGER -> (int) parseWhole(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "Expected an integer.");
            case LONG -> parseWhole(text, Long.MIN_VALUE, Long.MAX_VALUE, "Expected a long integer.");
            case SHORT -> (short) parseWhole(text, Short.MIN_VALUE, Short.MAX_VALUE, "Expected a short integer.");
            case FLOAT -> {
                float value = Float.parseFloat(decimal(text));
                if (!Float.isFinite(value)) {
                    throw new BadValue("Expected a number.");
                }
                yield value;
            }
            case DOUBLE -> {
                double value = Double.parseDouble(decimal(text));
                if (!Double.isFinite(value)) {
                    throw new BadValue("Expected a number.");
                }
                yield value;
            }
            case BIG_DECIMAL -> new BigDecimal(decimal(text));
            case BOOLEAN -> {
                if ("true".equalsIgnoreCase(text)) {
                    yield Boolean.TRUE;
                } else if ("false".equalsIgnoreCase(text)) {
                    yield Boolean.FALSE;
                }
                throw new BadValue("Expected true or false.");
            }
            case INSTANT -> parseInstant(text);
            case BYTES -> parseBase64(text);
        };
    }

    /** Writes a value as EC2 does in its XML answers. */
    public static void format(ScalarKind kind, Object value, StringBuilder out) {
        switch (kind) {
            case STRING, INTEGER, LONG, SHORT, BOOLEAN -> out.append(value);
            case FLOAT -> formatDecimal(Float.toString((Float) value), value, out);
            case DOUBLE -> formatDecimal(Double.toString((Double) value), value, out);
            case BIG_DECIMAL -> out.append(((BigDecimal) value).toPlainString());
            case INSTANT -> formatInstant((Instant) value, out);
            case BYTES -> out.append(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        }
    }

    /** Writes a value as EC2 does in its XML answers, as UTF-8 (the same text as the other {@code format}). */
    public static void format(ScalarKind kind, Object value, Utf8XmlWriter out) {
        switch (kind) {
            case STRING -> out.text(value.toString());
            case INTEGER, LONG, SHORT -> out.decimal(((Number) value).longValue());
            case BOOLEAN -> out.bool((Boolean) value);
            case INSTANT -> formatInstant((Instant) value, out);
            case BYTES -> out.raw(Base64.getEncoder().encode(((SdkBytes) value).asByteArrayUnsafe()));
            case FLOAT, DOUBLE, BIG_DECIMAL -> {
                StringBuilder text = new StringBuilder(24);
                format(kind, value, text);
                out.text(text.toString());
            }
        }
    }

    /** {@link #formatInstant(Instant, StringBuilder)} as UTF-8. */
    public static void formatInstant(Instant instant, Utf8XmlWriter out) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            out.text(DateTimeFormatter.ISO_INSTANT.format(instant));
            return;
        }
        out.padded(year, 4).ascii('-').padded(t.getMonthValue(), 2).ascii('-').padded(t.getDayOfMonth(), 2).ascii('T')
                .padded(t.getHour(), 2).ascii(':').padded(t.getMinute(), 2).ascii(':').padded(t.getSecond(), 2)
                .ascii('.').padded(t.getNano() / 1_000_000, 3).ascii('Z');
    }

    /** ISO-8601 in UTC with milliseconds, e.g. {@code 2024-05-01T12:00:00.000Z}, as EC2 and the SDKs write it. */
    public static void formatInstant(Instant instant, StringBuilder out) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            // Outside four-digit years only the general formatter writes something parsers accept.
            out.append(DateTimeFormatter.ISO_INSTANT.format(instant));
            return;
        }
        pad(out, year, 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, t.getNano() / 1_000_000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            out.append('0');
        }
        return out.append(value);
    }

    private static void formatDecimal(String javaText, Object value, StringBuilder out) {
        // Java writes 1.0E10; EC2 and every SDK read plain decimals, so only the exponent form is rewritten.
        if (javaText.indexOf('E') >= 0 && !javaText.contains("Infinity") && !javaText.equals("NaN")) {
            out.append(new BigDecimal(javaText).toPlainString());
        } else {
            out.append(javaText);
        }
    }

    private static long parseWhole(String text, long min, long max, String expectation) throws BadValue {
        int length = text.length();
        int start = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        // Up to 19 digits fit a long; longer texts are refused before any arithmetic.
        if (length == start || length - start > 19) {
            throw new BadValue(expectation);
        }
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadValue(expectation);
            }
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadValue(expectation);
        }
        if (value < min || value > max) {
            throw new BadValue(expectation);
        }
        return value;
    }

    /** Accepts plain ASCII decimals with an optional exponent; refuses NaN, Infinity, hex floats and 'd'/'f' suffixes. */
    private static String decimal(String text) throws BadValue {
        int length = text.length();
        if (length == 0 || length > 100) {
            throw new BadValue("Expected a number.");
        }
        int i = 0;
        if (text.charAt(i) == '+' || text.charAt(i) == '-') {
            i++;
        }
        int mantissaDigits = 0;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            throw new BadValue("Expected a number.");
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                throw new BadValue("Expected a number.");
            }
        }
        if (i != length) {
            throw new BadValue("Expected a number.");
        }
        return text;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Instant parseInstant(String text) throws BadValue {
        String expectation = "Expected an ISO-8601 timestamp such as 2024-05-01T12:00:00Z.";
        if (text.isEmpty() || text.length() > 64) {
            throw new BadValue(expectation);
        }
        try {
            if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.toUpperCase(java.util.Locale.ROOT),
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            // EC2 reads a timestamp without a zone as UTC.
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new BadValue(expectation);
        }
    }

    private static SdkBytes parseBase64(String text) throws BadValue {
        // Clients wrap long base64 at 76 columns; line breaks carry no data.
        String compact = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                ? text.replace("\r", "").replace("\n", "") : text;
        try {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(compact));
        } catch (IllegalArgumentException e) {
            throw new BadValue("Expected base64-encoded data.");
        }
    }
}
