package io.altostratus.gateway.codec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.TagDescription;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Ec2XmlEncoderTest {
    private final Ec2OperationRegistry registry = Ec2OperationRegistry.instance();
    private final Ec2XmlEncoder encoder = new Ec2XmlEncoder();
    private final FakeEc2Endpoint endpoint = new FakeEc2Endpoint();

    private static DescribeInstancesResponse oneInstance() {
        return DescribeInstancesResponse.builder()
                .reservations(Reservation.builder()
                        .reservationId("r-1").ownerId("123456789012")
                        .groups(List.of())
                        .instances(Instance.builder()
                                .instanceId("i-0abc").imageId("ami-1").instanceType("t3.micro")
                                .state(s -> s.code(16).name(InstanceStateName.RUNNING))
                                .launchTime(Instant.parse("2024-05-01T12:00:00Z"))
                                .ebsOptimized(false)
                                .tags(t -> t.key("Name").value("web & <db>"))
                                .build())
                        .build())
                .build();
    }

    @Test
    void describeInstancesIsWrittenWithEc2ElementNamesItemsAndNamespace() {
        Ec2Operation op = registry.require("DescribeInstances");
        String xml = encoder.encode(op, oneInstance(), "req-42");

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>req-42</requestId><reservationSet><item><reservationId>r-1</reservationId>");
        assertThat(xml).contains("<ownerId>123456789012</ownerId>", "<groupSet/>",
                "<instancesSet><item>", "<instanceId>i-0abc</instanceId>",
                "<instanceState><code>16</code><name>running</name></instanceState>",
                "<launchTime>2024-05-01T12:00:00.000Z</launchTime>", "<ebsOptimized>false</ebsOptimized>",
                "<tagSet><item><key>Name</key><value>web &amp; &lt;db&gt;</value></item></tagSet>");
        assertThat(xml).endsWith("</DescribeInstancesResponse>");
        // Never-set members are not written at all.
        assertThat(xml).doesNotContain("nextToken", "blockDeviceMapping", "null");
    }

    @Test
    void anExplicitlyEmptyListSurvivesAsPresentAndAnUnsetListAsAbsent() {
        Ec2Operation op = registry.require("DescribeInstances");
        endpoint.answer(200, encoder.encode(op, oneInstance(), "req-1"));
        DescribeInstancesResponse parsed = endpoint.client().describeInstances(DescribeInstancesRequest.builder().build());

        Reservation reservation = parsed.reservations().get(0);
        assertThat(reservation.hasGroups()).isTrue();
        assertThat(reservation.groups()).isEmpty();
        assertThat(reservation.instances().get(0).hasBlockDeviceMappings()).isFalse();
        assertThat(parsed.equalsBySdkFields(oneInstance())).isTrue();
        assertThat(parsed.responseMetadata().requestId()).isEqualTo("req-1");
    }

    @Test
    void textThatXmlCannotCarryLiterallyIsEscapedOrReplaced() {
        Ec2Operation op = registry.require("DescribeTags");
        String awkward = "cr\r\nlf tab\t amp& lt< gt> ]]> quote\" apos' emoji😀 日本";
        DescribeTagsResponse response = DescribeTagsResponse.builder()
                .tags(TagDescription.builder().key("k").value(awkward).build(),
                        TagDescription.builder().key("control").value("a\u0000b\u0007c\uFFFEd\uD800e").build())
                .build();
        endpoint.answer(200, encoder.encode(op, response, "req-1"));
        DescribeTagsResponse parsed = endpoint.client().describeTags(r -> { });

        assertThat(parsed.tags().get(0).value()).isEqualTo(awkward);
        // Characters XML 1.0 forbids become U+FFFD instead of breaking the document.
        assertThat(parsed.tags().get(1).value()).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    }

    @Test
    void errorsAreReadByTheSdkAsEc2ExceptionsWithCodeMessageAndRequestId() {
        endpoint.answer(400, encoder.encodeError("InvalidInstanceID.NotFound",
                "The instance ID 'i-1' does not exist", "req-err-1"));
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class,
                () -> endpoint.client().describeInstances(r -> r.instanceIds("i-1")));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-1' does not exist");
        assertThat(e.requestId()).isEqualTo("req-err-1");
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void codecErrorsAreWrittenWithTheirEc2CodeAndEscapedMessage() {
        Ec2CodecException error = catchThrowableOfType(Ec2CodecException.class,
                () -> new Ec2QueryDecoder().decode(Ec2QueryParameters.parse("Action=DescribeInstances&a%3Cb=1")));
        String xml = encoder.encodeError(error, "req-7");
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                + "<Code>UnknownParameter</Code><Message>The parameter a&lt;b is not recognized</Message></Error>"
                + "</Errors><RequestID>req-7</RequestID></Response>");

        endpoint.answer(400, xml);
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, () -> endpoint.client().describeRegions());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownParameter");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The parameter a<b is not recognized");
    }

    @Test
    void numbersAreWrittenAsPlainDecimals() {
        Ec2Operation types = registry.require("DescribeInstanceTypes");
        var response = software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse.builder()
                .instanceTypes(t -> t.processorInfo(p -> p.sustainedClockSpeedInGhz(1.0E10)))
                .build();
        String xml = encoder.encode(types, response, "r");
        assertThat(xml).contains("<sustainedClockSpeedInGhz>10000000000</sustainedClockSpeedInGhz>");
        endpoint.answer(200, xml);
        assertThat(endpoint.client().describeInstanceTypes(r -> { }).equalsBySdkFields(response)).isTrue();
    }

    @Test
    void noResponseMemberInventsAValueWhenUnset() {
        // The encoder reads members through SdkField.getValueOrDefault, which would invent an idempotency token for
        // a member with a DefaultValueTrait; no shape reachable from a response may have one.
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        java.util.Deque<io.altostratus.gateway.codec.internal.TypeModel> pending = new java.util.ArrayDeque<>();
        registry.all().forEach(op -> pending.add(new io.altostratus.gateway.codec.internal.TypeModel.Struct(
                op.responseClass())));
        List<String> inventing = new java.util.ArrayList<>();
        while (!pending.isEmpty()) {
            switch (pending.poll()) {
                case io.altostratus.gateway.codec.internal.TypeModel.Struct struct -> {
                    if (seen.add(struct.pojoClass())) {
                        for (var field : struct.shape().fields()) {
                            if (field.sdkField().containsTrait(
                                    software.amazon.awssdk.core.traits.DefaultValueTrait.class)) {
                                inventing.add(struct.pojoClass().getSimpleName() + "." + field.memberName());
                            }
                            pending.add(field.type());
                        }
                    }
                }
                case io.altostratus.gateway.codec.internal.TypeModel.ListOf list -> pending.add(list.member());
                case io.altostratus.gateway.codec.internal.TypeModel.MapOf map -> pending.add(map.value());
                default -> {
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(1000);
        assertThat(inventing).isEmpty();
    }

    @Test
    void aResponseOfAnotherOperationIsRefused() {
        Ec2Operation op = registry.require("DescribeRegions");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> encoder.encode(op, oneInstance(), "r"))).hasMessageContaining("DescribeRegions");
    }
}
