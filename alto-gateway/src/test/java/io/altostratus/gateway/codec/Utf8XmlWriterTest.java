package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.Utf8XmlWriter;
import io.altostratus.gateway.codec.internal.XmlText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte writer agrees with the text escaper ({@link XmlText}) plus UTF-8 for any text, whether it keeps the
 * document or streams it through a buffer that fills many times, and writes numbers as {@code Long.toString} does.
 */
class Utf8XmlWriterTest {

    private static byte[] expected(String text) {
        StringBuilder escaped = new StringBuilder();
        XmlText.append(escaped, text);
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void anyTextIsEscapedAsXmlTextThenUtf8(@ForAll @StringLength(max = 3000) String text) {
        Utf8XmlWriter memory = Utf8XmlWriter.inMemory();
        memory.text(text);
        assertThat(memory.toByteArray()).isEqualTo(expected(text));

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Utf8XmlWriter streaming = Utf8XmlWriter.to(sink, Utf8XmlWriter.MIN_BUFFER);
        streaming.text(text).text(text);
        streaming.flush();
        byte[] once = expected(text);
        byte[] twice = new byte[once.length * 2];
        System.arraycopy(once, 0, twice, 0, once.length);
        System.arraycopy(once, 0, twice, once.length, once.length);
        assertThat(sink.toByteArray()).isEqualTo(twice);
    }

    @Test
    void aSurrogatePairAcrossTheInternalSliceStaysWhole() {
        // 1,023 ASCII characters put the pair's high half last in the writer's first 1,024-character slice.
        String text = "a".repeat(1023) + "\uD834\uDD1E" + "<&>\r" + "\uD834" + "z" + "\uDD1E" + "\u0001\uFFFE";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Utf8XmlWriter writer = Utf8XmlWriter.to(sink, Utf8XmlWriter.MIN_BUFFER);
        writer.text(text);
        writer.flush();
        assertThat(sink.toByteArray()).isEqualTo(expected(text));
        assertThat(new String(sink.toByteArray(), StandardCharsets.UTF_8))
                .endsWith("\uD834\uDD1E&lt;&amp;&gt;&#13;\uFFFDz\uFFFD\uFFFD\uFFFD");
    }

    @Property(tries = 300)
    void wholeNumbersAreDecimal(@ForAll long value) {
        Utf8XmlWriter writer = Utf8XmlWriter.inMemory();
        writer.decimal(value);
        assertThat(new String(writer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
    }

    @Property(tries = 100)
    void paddedNumbersHaveTheirWidth(@ForAll @LongRange(min = 0, max = 99_999) long value,
                                     @ForAll @IntRange(min = 1, max = 6) int width) {
        Utf8XmlWriter writer = Utf8XmlWriter.inMemory();
        writer.padded((int) value, width);
        String expected = String.format("%0" + width + "d", value);
        assertThat(new String(writer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void rawBytesLargerThanTheBufferPassStraightThrough() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Utf8XmlWriter writer = Utf8XmlWriter.to(sink, Utf8XmlWriter.MIN_BUFFER);
        byte[] big = "x".repeat(Utf8XmlWriter.MIN_BUFFER * 3).getBytes(StandardCharsets.US_ASCII);
        writer.ascii('<').raw(big).ascii('>');
        writer.flush();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("<" + "x".repeat(big.length) + ">");
    }
}
