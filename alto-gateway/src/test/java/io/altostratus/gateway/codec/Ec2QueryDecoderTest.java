package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.ScalarKind;
import io.altostratus.gateway.codec.internal.Scalars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ec2QueryDecoderTest {
    private final Ec2QueryDecoder decoder = new Ec2QueryDecoder();

    private static Map<String, List<String>> query(String encoded) {
        return Ec2QueryParameters.parse(encoded);
    }

    private DecodedRequest decode(String encoded) {
        return decoder.decode(query(encoded));
    }

    private static Ec2CodecException failure(Runnable call) {
        try {
            call.run();
        } catch (Ec2CodecException e) {
            return e;
        }
        throw new AssertionError("expected an Ec2CodecException");
    }

    @Test
    void runInstancesWithTagSpecificationsAndFiltersDecodesToTheTypedRequest() {
        DecodedRequest decoded = decode("Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MinCount=1&MaxCount=1"
                + "&InstanceType=t3.micro&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name"
                + "&TagSpecification.1.Tag.1.Value=web&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2"
                + "&Monitoring.Enabled=true&UserData=IyEvYmluL3No");

        assertThat(decoded.operation().action()).isEqualTo("RunInstances");
        assertThat(decoded.version()).isEqualTo("2016-11-15");
        assertThat(decoded.request()).isEqualTo(RunInstancesRequest.builder()
                .imageId("ami-1").minCount(1).maxCount(1).instanceType(InstanceType.T3_MICRO)
                .tagSpecifications(TagSpecification.builder().resourceType("instance")
                        .tags(Tag.builder().key("Name").value("web").build()).build())
                .securityGroupIds("sg-1", "sg-2")
                .monitoring(m -> m.enabled(true))
                .userData("IyEvYmluL3No")
                .build());
    }

    @Test
    void describeInstancesFiltersDecode() {
        DecodedRequest decoded = decode("Action=DescribeInstances&Filter.1.Name=tag:Name&Filter.1.Value.1=web"
                + "&Filter.1.Value.2=db&Filter.2.Name=instance-state-name&Filter.2.Value.1=running&MaxResults=5");
        assertThat(decoded.request()).isEqualTo(DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:Name").values("web", "db").build(),
                        Filter.builder().name("instance-state-name").values("running").build())
                .maxResults(5)
                .build());
    }

    @Test
    void sparseListIndexesKeepTheirOrderNotTheParameterOrder() {
        DescribeInstancesRequest request = (DescribeInstancesRequest) decode(
                "Action=DescribeInstances&InstanceId.10=i-c&InstanceId.2=i-b&InstanceId.1=i-a").request();
        assertThat(request.instanceIds()).containsExactly("i-a", "i-b", "i-c");
    }

    @Test
    void enumValuesTheSdkDoesNotKnowAreKeptRaw() {
        RunInstancesRequest request = (RunInstancesRequest) decode(
                "Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=1&InstanceType=x99.future").request();
        assertThat(request.instanceTypeAsString()).isEqualTo("x99.future");
        assertThat(request.instanceType()).isEqualTo(InstanceType.UNKNOWN_TO_SDK_VERSION);
    }

    @Test
    void timestampsAndBlobsDecode() {
        DescribeSpotPriceHistoryRequest prices = (DescribeSpotPriceHistoryRequest) decode(
                "Action=DescribeSpotPriceHistory&StartTime=2024-05-01T12:00:00.250Z&EndTime=2024-05-02T01:00:00%2B02:00")
                .request();
        assertThat(prices.startTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.250Z"));
        assertThat(prices.endTime()).isEqualTo(Instant.parse("2024-05-01T23:00:00Z"));

        ImportKeyPairRequest key = (ImportKeyPairRequest) decode(
                "Action=ImportKeyPair&KeyName=k&PublicKeyMaterial=c3NoLWVkMjU1MTkgQUFBQQ%3D%3D").request();
        assertThat(key.publicKeyMaterial().asString(StandardCharsets.UTF_8)).isEqualTo("ssh-ed25519 AAAA");
    }

    @Test
    void anActionWhoseSdkClassSpellsAnAcronymDifferentlyResolvesByItsWireName() {
        DecodedRequest decoded = decode("Action=EnableVolumeIO&VolumeId=vol-1");
        assertThat(decoded.operation().action()).isEqualTo("EnableVolumeIO");
        assertThat(decoded.request()).isEqualTo(EnableVolumeIoRequest.builder().volumeId("vol-1").build());
        assertThat(failure(() -> decode("Action=EnableVolumeIo&VolumeId=vol-1")).error())
                .isEqualTo(Ec2ProtocolError.INVALID_ACTION);
    }

    @Test
    void signatureAndPresigningParametersAreNotOperationParameters() {
        DecodedRequest decoded = decode("Action=DescribeRegions&Version=2016-11-15&AWSAccessKeyId=test"
                + "&SignatureVersion=2&SignatureMethod=HmacSHA256&Timestamp=2024-01-01T00:00:00Z&Signature=abc"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x&X-Amz-Date=20240101T000000Z"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=def&X-Amz-Expires=60");
        assertThat(decoded.operation().action()).isEqualTo("DescribeRegions");
    }

    @Test
    void anEmptyValueOnAListNameIsAnExplicitlyEmptyList() {
        DescribeInstancesRequest request = (DescribeInstancesRequest) decode("Action=DescribeInstances&InstanceId=")
                .request();
        assertThat(request.hasInstanceIds()).isTrue();
        assertThat(request.instanceIds()).isEmpty();
    }

    @Test
    void aRepeatedParameterTakesItsFirstValue() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("Action", List.of("DescribeInstances"));
        parameters.put("MaxResults", List.of("7", "9"));
        assertThat(((DescribeInstancesRequest) decoder.decode(parameters).request()).maxResults()).isEqualTo(7);
    }

    @Test
    void missingAndInvalidActions() {
        Ec2CodecException missing = failure(() -> decode("Version=2016-11-15"));
        assertThat(missing.error()).isEqualTo(Ec2ProtocolError.MISSING_ACTION);
        assertThat(missing.providerCode()).isEqualTo("MissingAction");

        Ec2CodecException unknown = failure(() -> decode("Action=LaunchRocket"));
        assertThat(unknown.providerCode()).isEqualTo("InvalidAction");
        assertThat(unknown.getMessage()).isEqualTo("The action LaunchRocket is not valid for this web service.");

        // EC2 action names are case-sensitive; model shapes that are not operations are not actions either.
        for (String notAnAction : List.of("runInstances", "RUNINSTANCES", "Ec2", "SpotInstance", "Filter", "Run-Instances")) {
            assertThat(failure(() -> decode("Action=" + notAnAction)).error())
                    .as(notAnAction).isEqualTo(Ec2ProtocolError.INVALID_ACTION);
        }
    }

    @Test
    void unknownParametersAreRefusedAtTheTopAndWhenNested() {
        Ec2CodecException top = failure(() -> decode("Action=DescribeInstances&Colour=blue"));
        assertThat(top.providerCode()).isEqualTo("UnknownParameter");
        assertThat(top.getMessage()).isEqualTo("The parameter Colour is not recognized");

        assertThat(failure(() -> decode("Action=DescribeInstances&Filter.1.Colour=blue")).getMessage())
                .isEqualTo("The parameter Filter.1.Colour is not recognized");
        // The SDK member name is not the wire name: the wire says InstanceId.N, not InstanceIds.N.
        assertThat(failure(() -> decode("Action=DescribeInstances&InstanceIds.1=i-1")).error())
                .isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        // A value where a structure is expected, and a path that continues past a value.
        assertThat(failure(() -> decode("Action=DescribeInstances&Filter.1=x")).error())
                .isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        assertThat(failure(() -> decode("Action=DescribeInstances&MaxResults.1=5")).error())
                .isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
    }

    @Test
    void requiredParametersAreNamedAsOnTheWire() {
        Ec2CodecException top = failure(() -> decode("Action=RunInstances&ImageId=ami-1&MaxCount=1"));
        assertThat(top.providerCode()).isEqualTo("MissingParameter");
        assertThat(top.getMessage()).isEqualTo("The request must contain the parameter MinCount");

        // Required lists are named by their query name (InstanceId), not the SDK member (InstanceIds).
        assertThat(failure(() -> decode("Action=TerminateInstances")).getMessage())
                .isEqualTo("The request must contain the parameter InstanceId");

        // Required members of nested structures carry their path.
        assertThat(failure(() -> decode("Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=1"
                + "&ElasticGpuSpecification.1.Foo=x")).error()).isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        assertThat(failure(() -> decode("Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=1"
                + "&ElasticInferenceAccelerator.2.Count=1")).getMessage())
                .isEqualTo("The request must contain the parameter ElasticInferenceAccelerator.2.Type");
    }

    @Test
    void createTagsNeedsBothResourcesAndTags() {
        assertThat(failure(() -> decode("Action=CreateTags&ResourceId.1=i-1")).getMessage())
                .isEqualTo("The request must contain the parameter Tag");
        CreateTagsRequest ok = (CreateTagsRequest) decode("Action=CreateTags&ResourceId.1=i-1&Tag.1.Key=k")
                .request();
        assertThat(ok.tags()).containsExactly(Tag.builder().key("k").build());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MaxResults=ten            | Value (ten) for parameter MaxResults is invalid. Expected an integer.",
            "MaxResults=99999999999    | Value (99999999999) for parameter MaxResults is invalid. Expected an integer.",
            "MaxResults=1.5            | Value (1.5) for parameter MaxResults is invalid. Expected an integer.",
            "MaxResults=%D9%A3         | Value (\u0663) for parameter MaxResults is invalid. Expected an integer.",
            "DryRun=yes                | Value (yes) for parameter DryRun is invalid. Expected true or false.",
            "InstanceId.0=i-1          | Invalid list index (0) in parameter InstanceId.0. Indexes run from 1 to 10000.",
            "InstanceId.x=i-1          | Invalid list index (x) in parameter InstanceId.x. Indexes run from 1 to 10000.",
            "InstanceId.01=i-1         | Invalid list index (01) in parameter InstanceId.01. Indexes run from 1 to 10000.",
            "InstanceId.10001=i-1      | Invalid list index (10001) in parameter InstanceId.10001. Indexes run from 1 to 10000.",
            "InstanceId.-1=i-1         | Invalid list index (-1) in parameter InstanceId.-1. Indexes run from 1 to 10000.",
            "InstanceId.=i-1           | Invalid list index () in parameter InstanceId.. Indexes run from 1 to 10000.",
    })
    void badValuesAreInvalidParameterValue(String parameter, String message) {
        Ec2CodecException e = failure(() -> decode("Action=DescribeInstances&" + parameter));
        assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void badTimestampsBlobsAndNumbers() throws Exception {
        for (String stamp : List.of("yesterday", "2024-13-01T00:00:00Z", "1714564800", "2024-05-01T25:00:00Z", "")) {
            assertThat(failure(() -> decode("Action=DescribeSpotPriceHistory&StartTime=" + stamp)).error())
                    .as(stamp).isEqualTo(Ec2ProtocolError.INVALID_PARAMETER_VALUE);
        }
        assertThat(failure(() -> decode("Action=ImportKeyPair&KeyName=k&PublicKeyMaterial=%%%")).error())
                .isEqualTo(Ec2ProtocolError.INVALID_PARAMETER_VALUE);
        assertThat(failure(() -> decode("Action=ImportKeyPair&KeyName=k&PublicKeyMaterial=abc*")).error())
                .isEqualTo(Ec2ProtocolError.INVALID_PARAMETER_VALUE);
        // No EC2 input has a top-level double, so the number rules are checked on the parser itself: it refuses
        // what Java would otherwise accept (NaN, Infinity, hex and suffixed literals, overflow).
        for (String number : List.of("NaN", "Infinity", "0x1p3", "1.5d", "1e999", "", "-", "1e", ".", "\u0663")) {
            assertThatThrownBy(() -> Scalars.parse(ScalarKind.DOUBLE, number)).as(number)
                    .isInstanceOf(Scalars.BadValue.class);
        }
        for (String number : List.of("1", "-2.5", "+.5", "3.", "6.02e23", "1E-7")) {
            assertThat(Scalars.parse(ScalarKind.DOUBLE, number)).as(number).isEqualTo(Double.parseDouble(number));
        }
    }

    @Test
    void deepAndLongNamesAreUnknownParameters() {
        String deep = "Filter.1" + ".Name".repeat(200);
        assertThat(failure(() -> decode("Action=DescribeInstances&" + deep + "=x")).error())
                .isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        String dots = "Filter" + ".1".repeat(40);
        assertThat(failure(() -> decode("Action=DescribeInstances&" + dots + "=x")).error())
                .isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        Ec2CodecException longName = failure(() -> decode("Action=DescribeInstances&" + "A".repeat(100_000) + "=x"));
        assertThat(longName.error()).isEqualTo(Ec2ProtocolError.UNKNOWN_PARAMETER);
        assertThat(longName.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void messagesStayOnOneLineWhateverTheClientSent() {
        Ec2CodecException e = failure(() -> decode("Action=DescribeInstances&MaxResults=1%0A2%0D3"));
        assertThat(e.getMessage()).doesNotContain("\n", "\r").contains("1?2?3");
    }

    @Test
    void malformedPercentEncodingIsInvalidParameterValue() {
        assertThat(failure(() -> Ec2QueryParameters.parse("Action=DescribeInstances&MaxResults=%G1")).error())
                .isEqualTo(Ec2ProtocolError.INVALID_PARAMETER_VALUE);
    }

    @Test
    void queryParametersKeepOrderRepeatsAndPlusAsSpace() {
        Map<String, List<String>> parsed = Ec2QueryParameters.parse("b=1&a=x+y&b=2&flag&&c=%26");
        assertThat(parsed.keySet()).containsExactly("b", "a", "flag", "c");
        assertThat(parsed.get("b")).containsExactly("1", "2");
        assertThat(parsed.get("a")).containsExactly("x y");
        assertThat(parsed.get("flag")).containsExactly("");
        assertThat(parsed.get("c")).containsExactly("&");
    }

    @Test
    void everyCodecErrorIsAnAltoInvalidParameterWithTheEc2Code() {
        Ec2CodecException e = failure(() -> decode("Action=Nope"));
        assertThat(e).isInstanceOf(io.altostratus.core.error.AltoException.class);
        assertThat(e.code()).isEqualTo(io.altostratus.core.error.ErrorCode.INVALID_PARAMETER);
        assertThat(e.error().httpStatus()).isEqualTo(400);
        assertThatThrownBy(() -> decode("Action=Nope")).hasMessageContaining("Nope");
    }
}
