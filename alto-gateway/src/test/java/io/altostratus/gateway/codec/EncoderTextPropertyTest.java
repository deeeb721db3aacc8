package io.altostratus.gateway.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.TagDescription;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text a handler puts in a response reaches the SDK intact, or with only XML-forbidden characters replaced. */
class EncoderTextPropertyTest {
    private final FakeEc2Endpoint endpoint = new FakeEc2Endpoint();
    private final Ec2XmlEncoder encoder = new Ec2XmlEncoder();
    private final Ec2Operation describeTags = Ec2OperationRegistry.instance().require("DescribeTags");

    @Property(tries = 200)
    void anyNonEmptyTextRoundTripsThroughTheSdk(@ForAll("texts") String text) {
        DescribeTagsResponse response = DescribeTagsResponse.builder()
                .tags(TagDescription.builder().key("k").value(text).resourceId(text).build())
                .build();
        endpoint.answer(200, encoder.encode(describeTags, response, "req-" + text.length()));
        DescribeTagsResponse parsed = endpoint.client().describeTags(r -> { });

        String expected = xmlSafe(text);
        assertThat(parsed.tags()).hasSize(1);
        assertThat(parsed.tags().get(0).value()).isEqualTo(expected);
        assertThat(parsed.tags().get(0).resourceId()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars("&<>\"'\r\n\t ]]>;#x").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMinLength(1).ofMaxLength(4));
    }

    /** The text with what XML 1.0 cannot carry replaced by U+FFFD, independently of the encoder's own code. */
    private static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                    || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
            out.appendCodePoint(allowed ? cp : 0xFFFD);
        });
        return out.toString();
    }
}
