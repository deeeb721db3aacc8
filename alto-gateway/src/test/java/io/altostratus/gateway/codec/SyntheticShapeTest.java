package io.altostratus.gateway.codec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.protocols.query.internal.marshall.QueryProtocolMarshaller;
import software.amazon.awssdk.protocols.query.internal.unmarshall.QueryProtocolUnmarshaller;
import software.amazon.awssdk.protocols.query.unmarshall.XmlDomParser;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Maps and lists of lists, which no EC2 shape has today, against the SDK's own query marshaller and unmarshaller. */
class SyntheticShapeTest {
    private static SyntheticShape sample() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "a&b");
        labels.put("tier", "web");
        return SyntheticShape.builder()
                .labels(labels)
                .flat(Map.of("only", "one"))
                .matrix(List.of(List.of("r1c1", "r1c2"), List.of("r2c1")))
                .build();
    }

    @Test
    void whatTheSdkQueryMarshallerWritesDecodesBack() {
        SdkHttpFullRequest marshalled = QueryProtocolMarshaller.builder()
                .endpoint(URI.create("https://ec2.invalid"))
                .operationInfo(OperationInfo.builder().operationIdentifier("Synthetic").apiVersion("2016-11-15")
                        .httpMethod(SdkHttpMethod.POST).requestUri("/").build())
                .isEc2(true)
                .build()
                .marshall(sample());
        Map<String, List<String>> parameters = new HashMap<>(marshalled.rawQueryParameters());
        assertThat(parameters).containsKeys("Label.entry.1.key", "Label.entry.2.value", "Flat.1.Name", "Flat.1.Val",
                "Row.1.1", "Row.1.2", "Row.2.1");

        Object decoded = new Ec2QueryDecoder().decodeShape(SyntheticShape.class, parameters);
        assertThat(((SyntheticShape) decoded).equalsBySdkFields(sample())).isTrue();
    }

    @Test
    void whatTheEncoderWritesTheSdkXmlUnmarshallerReadsBack() {
        StringBuilder xml = new StringBuilder("<Root>");
        new Ec2XmlEncoder().encodeMembers(sample(), xml);
        xml.append("</Root>");
        assertThat(xml.toString()).contains(
                "<labelSet><entry><key>team</key><value>a&amp;b</value></entry>",
                "<flat><Name>only</Name><Val>one</Val></flat>",
                "<rowSet><item><item>r1c1</item><item>r1c2</item></item><item><item>r2c1</item></item></rowSet>");

        SyntheticShape parsed = QueryProtocolUnmarshaller.builder().hasResultWrapper(false).build().unmarshall(
                SyntheticShape.builder(),
                XmlDomParser.parse(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8))),
                null);
        assertThat(parsed.equalsBySdkFields(sample())).isTrue();
    }

    @Test
    void mapEntriesWithoutAKeyOrValueAreMissingParameters() {
        Ec2QueryDecoder decoder = new Ec2QueryDecoder();
        Ec2CodecException noKey = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2CodecException.class,
                () -> decoder.decodeShape(SyntheticShape.class, Map.of("Label.entry.1.value", List.of("v"))));
        assertThat(noKey.getMessage()).isEqualTo("The request must contain the parameter Label.entry.1.key");
        Ec2CodecException wrongPart = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2CodecException.class,
                () -> decoder.decodeShape(SyntheticShape.class, Map.of("Label.1.key", List.of("k"))));
        assertThat(wrongPart.error()).isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
    }
}
