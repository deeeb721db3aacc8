package io.altostratus.gateway.codec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fidelity with the real AWS SDK for Java v2, for every operation of the model, both ways: what the SDK's own EC2
 * marshaller sends, the decoder turns back into an equal request; what the encoder writes, the SDK's own
 * unmarshaller reads back into an equal response.
 */
class SdkRoundTripTest {
    /**
     * Operations whose timestamps the SDK itself truncates to whole seconds before sending (its EC2
     * TimestampFormatInterceptor, because EC2 refuses milliseconds there); their requests are filled with
     * whole-second timestamps so that what the SDK sends still carries everything that was set.
     */
    private static final Set<String> SDK_TRUNCATES_TIMESTAMPS = Set.of("DescribeSpotFleetRequestHistory",
            "RequestSpotFleet");

    private final Ec2OperationRegistry registry = Ec2OperationRegistry.instance();
    private final Ec2QueryDecoder decoder = new Ec2QueryDecoder();
    private final Ec2XmlEncoder encoder = new Ec2XmlEncoder();
    private final FakeEc2Endpoint endpoint = new FakeEc2Endpoint();

    @Test
    void everyOperationRequestMarshalledByTheSdkDecodesToAnEqualRequest() {
        List<String> failures = new ArrayList<>();
        List<Ec2Operation> operations = registry.all();
        for (Ec2Operation operation : operations) {
            Ec2Request original = (Ec2Request) new ModelFiller(operation.action().hashCode(),
                    SDK_TRUNCATES_TIMESTAMPS.contains(operation.action())).fill(operation.requestClass());
            endpoint.answer(200, encoder.encode(operation, operation.newResponseBuilder().build(), "req-1"));
            try {
                endpoint.call(original);
                Map<String, List<String>> sent = Ec2QueryParameters.parse(endpoint.lastRequestBody());
                DecodedRequest decoded = decoder.decode(sent);
                if (!decoded.operation().action().equals(sent.get("Action").get(0))) {
                    failures.add(operation.action() + ": decoded as " + decoded.operation().action());
                } else if (!decoded.request().equalsBySdkFields(original)) {
                    failures.add(operation.action() + ": differs in " + differingFields(original, decoded.request()));
                }
            } catch (RuntimeException e) {
                failures.add(operation.action() + ": " + e);
            }
        }
        report("request", operations.size(), failures);
        assertThat(operations).hasSizeGreaterThan(700);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyOperationResponseEncodedIsParsedByTheSdkIntoAnEqualResponse() {
        List<String> failures = new ArrayList<>();
        List<Ec2Operation> operations = registry.all();
        for (Ec2Operation operation : operations) {
            Ec2Response original = (Ec2Response) new ModelFiller(~operation.action().hashCode()).fill(
                    operation.responseClass());
            try {
                endpoint.answer(200, encoder.encode(operation, original, "req-" + operation.action()));
                // A filled request: some operations need members (CopySnapshot's PresignedUrl) to be sent at all.
                Ec2Response parsed = endpoint.call((Ec2Request) new ModelFiller(operation.action().hashCode())
                        .fill(operation.requestClass()));
                if (!parsed.equalsBySdkFields(original)) {
                    failures.add(operation.action() + ": differs in " + differingFields(original, parsed));
                } else if (!("req-" + operation.action()).equals(parsed.responseMetadata().requestId())) {
                    failures.add(operation.action() + ": request id " + parsed.responseMetadata().requestId());
                }
            } catch (RuntimeException e) {
                failures.add(operation.action() + ": " + e);
            }
        }
        report("response", operations.size(), failures);
        assertThat(failures).isEmpty();
    }

    private static List<String> differingFields(SdkPojo expected, SdkPojo actual) {
        List<String> names = new ArrayList<>();
        expected.sdkFields().forEach(field -> {
            Object want = field.getValueOrDefault(expected);
            Object got = field.getValueOrDefault(actual);
            if (want == null ? got != null : !want.equals(got)) {
                names.add(field.memberName() + " (expected " + abbreviate(want) + ", got " + abbreviate(got) + ")");
            }
        });
        return names;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void report(String side, int total, List<String> failures) {
        System.out.printf("[codec fidelity] %s round trip: %d of %d operations pass%n", side,
                total - failures.size(), total);
        failures.stream().limit(40).forEach(f -> System.out.println("  FAIL " + f));
    }
}
