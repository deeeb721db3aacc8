package io.altostratus.gateway.codec.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an XML document as UTF-8 bytes into a buffer of its own that it hands to an {@link OutputStream} whenever it
 * fills, so a response of megabytes never exists as one {@code String} or array. Markup that is known in advance
 * (element tags) is written from pre-encoded bytes; text is escaped and encoded in one pass. One writer per document;
 * not thread-safe.
 *
 * <p>Without a sink ({@link #inMemory()}) the buffer grows instead and {@link #toByteArray()} returns the document.
 */
public final class Utf8XmlWriter {
    /** The most bytes one char can become here: {@code &amp;} and {@code &#13;} are five. */
    private static final int MAX_BYTES_PER_CHAR = 5;
    private static final int SLICE_CHARS = 1024;
    /** The smallest buffer of a streaming writer: one slice of text at its worst. */
    public static final int MIN_BUFFER = SLICE_CHARS * MAX_BYTES_PER_CHAR + 64;
    private static final byte[] AMP = ascii("&amp;");
    private static final byte[] LT = ascii("&lt;");
    private static final byte[] GT = ascii("&gt;");
    private static final byte[] CR = ascii("&#13;");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] DIGITS_00_99 = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGITS_00_99[2 * i] = (byte) ('0' + i / 10);
            DIGITS_00_99[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final OutputStream sink;
    private byte[] buf;
    private int pos;

    private Utf8XmlWriter(OutputStream sink, int bufferSize) {
        this.sink = sink;
        this.buf = new byte[bufferSize];
    }

    /** A writer that passes its bytes to {@code sink} in pieces of up to {@code bufferSize} bytes. */
    public static Utf8XmlWriter to(OutputStream sink, int bufferSize) {
        if (bufferSize < MIN_BUFFER) {
            throw new IllegalArgumentException("bufferSize too small: " + bufferSize);
        }
        return new Utf8XmlWriter(java.util.Objects.requireNonNull(sink, "sink"), bufferSize);
    }

    /** A writer that keeps the whole document, for {@link #toByteArray()}. */
    public static Utf8XmlWriter inMemory() {
        return new Utf8XmlWriter(null, 1024);
    }

    /** The bytes of an ASCII constant (tag names, fixed markup). */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes pre-encoded bytes. */
    public Utf8XmlWriter raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    /** Writes {@code n} pre-encoded bytes from {@code bytes[off]}. */
    public Utf8XmlWriter raw(byte[] bytes, int off, int n) {
        if (n > buf.length - pos) {
            if (sink != null && n > buf.length) {
                drain();
                write(bytes, off, n);
                return this;
            }
            room(n);
        }
        System.arraycopy(bytes, off, buf, pos, n);
        pos += n;
        return this;
    }

    /** Writes one ASCII character. */
    public Utf8XmlWriter ascii(char c) {
        room(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Writes a name (element or attribute) as UTF-8, unescaped: names never contain markup characters. */
    public Utf8XmlWriter name(String name) {
        return raw(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code text} escaped for element content. {@code &}, {@code <}, {@code >} become entities; a carriage
     * return becomes {@code &#13;} so that parsers do not fold it into a newline; characters XML 1.0 cannot carry at
     * all (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD - the same text as {@link XmlText}.
     */
    public Utf8XmlWriter text(String text) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            // Reserve for the worst case of a slice, so the inner loop needs no bounds check of its own.
            // A pair that straddles the slice's end is written whole: its 4 bytes fit the 5 reserved for its first half.
            int slice = Math.min(length - i, SLICE_CHARS);
            room(slice * MAX_BYTES_PER_CHAR);
            int end = i + slice;
            byte[] b = buf;
            int p = pos;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '&' && c != '<' && c != '>') {
                        b[p++] = (byte) c;
                    } else {
                        p = special(c, b, p);
                    }
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (c < 0xD800 || c >= 0xE000 && c < 0xFFFE) {
                    p = three(c, b, p);
                } else if (Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    p = three('\uFFFD', b, p);
                }
            }
            pos = p;
        }
        return this;
    }

    private static int three(char c, byte[] b, int p) {
        b[p] = (byte) (0xE0 | c >> 12);
        b[p + 1] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p + 2] = (byte) (0x80 | c & 0x3F);
        return p + 3;
    }

    private static int special(char c, byte[] b, int p) {
        byte[] entity;
        switch (c) {
            case '&' -> entity = AMP;
            case '<' -> entity = LT;
            case '>' -> entity = GT;
            case '\r' -> entity = CR;
            case '\t', '\n' -> {
                b[p] = (byte) c;
                return p + 1;
            }
            default -> {
                return three('\uFFFD', b, p);
            }
        }
        System.arraycopy(entity, 0, b, p, entity.length);
        return p + entity.length;
    }

    /** Writes a whole number in decimal. */
    public Utf8XmlWriter decimal(long value) {
        room(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw(ascii(Long.toString(value)));
            }
            buf[pos++] = '-';
            value = -value;
        }
        int digits = digits(value);
        int end = pos + digits;
        int p = end;
        while (value >= 100) {
            int two = (int) (value % 100);
            value /= 100;
            buf[--p] = DIGITS_00_99[2 * two + 1];
            buf[--p] = DIGITS_00_99[2 * two];
        }
        if (value >= 10) {
            buf[--p] = DIGITS_00_99[2 * (int) value + 1];
            buf[--p] = DIGITS_00_99[2 * (int) value];
        } else {
            buf[--p] = (byte) ('0' + value);
        }
        pos = end;
        return this;
    }

    /** Writes {@code value} in decimal, left-padded with zeros to {@code width} digits. */
    public Utf8XmlWriter padded(int value, int width) {
        room(width + 10);
        for (int d = digits(value); d < width; d++) {
            buf[pos++] = '0';
        }
        return decimal(value);
    }

    private static int digits(long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    /** Writes {@code true} or {@code false}. */
    public Utf8XmlWriter bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    /** Hands everything written so far to the sink. */
    public void flush() {
        if (sink != null) {
            drain();
            try {
                sink.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The document written so far; only for {@link #inMemory()} writers. */
    public byte[] toByteArray() {
        if (sink != null) {
            throw new IllegalStateException("this writer streams to a sink");
        }
        return Arrays.copyOf(buf, pos);
    }

    /** Makes room for {@code n} more bytes: drains to the sink, or grows the in-memory buffer. */
    private void room(int n) {
        if (buf.length - pos >= n) {
            return;
        }
        if (sink != null && n <= buf.length) {
            drain();
            return;
        }
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    private void drain() {
        if (pos > 0) {
            write(buf, 0, pos);
            pos = 0;
        }
    }

    private void write(byte[] bytes, int off, int len) {
        try {
            sink.write(bytes, off, len);
        } catch (IOException e) {
            // The encoder's callers see one exception type for a client gone away; the front unwraps it.
            throw new UncheckedIOException(e);
        }
    }
}
