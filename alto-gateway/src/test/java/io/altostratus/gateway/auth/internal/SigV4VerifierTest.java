package io.altostratus.gateway.auth.internal;

import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthError;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
import io.altostratus.core.wait.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier against signatures published by AWS: the IAM ListUsers example of the SigV4 documentation and cases of
 * the SigV4 test suite, all signed with the documentation's example key at 2015-08-30T12:36:00Z.
 */
class SigV4VerifierTest {
    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final AccessKey EXAMPLE_KEY = new AccessKey(KEY_ID, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "123456789012", Instant.EPOCH);
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

    private final ManualClock clock = new ManualClock(SIGNED_AT.plusSeconds(30));

    private SigV4Verifier verifier(String service) {
        return new SigV4Verifier(service, clock, Duration.ofMinutes(15),
                id -> id.equals(KEY_ID) ? Optional.of(EXAMPLE_KEY) : Optional.empty());
    }

    private static IncomingRequest get(Map<String, List<String>> query, Map<String, String> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name, List.of(value)));
        return new IncomingRequest("GET", "/", lower, query, Map.of(), new byte[0]);
    }

    private static IncomingRequest iamListUsers() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Action", List.of("ListUsers"));
        query.put("Version", List.of("2010-05-08"));
        return get(query, Map.of(
                "content-type", "application/x-www-form-urlencoded; charset=utf-8",
                "host", "iam.amazonaws.com",
                "x-amz-date", "20150830T123600Z"));
    }

    private static String iamAuthorization(String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=" + signature;
    }

    @Test
    void acceptsTheDocumentedIamListUsersExample() {
        Caller caller = verifier("iam").verifyHeader(iamListUsers(),
                iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"));

        assertThat(caller).isEqualTo(new Caller("123456789012", KEY_ID, "us-east-1"));
    }

    @Test
    void acceptsTheTestSuiteGetVanillaCase() {
        IncomingRequest request = get(Map.of(), Map.of("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z"));
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

        assertThat(verifier("service").verifyHeader(request, authorization).region()).isEqualTo("us-east-1");
    }

    @Test
    void acceptsTheTestSuiteCaseWithUnsortedQueryParameters() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Param2", List.of("value2"));
        query.put("Param1", List.of("value1"));
        IncomingRequest request = get(query, Map.of("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z"));
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";

        assertThat(verifier("service").verifyHeader(request, authorization).account()).isEqualTo("123456789012");
    }

    @Test
    void oneChangedSignatureDigitIsSignatureDoesNotMatch() {
        assertThatThrownBy(() -> verifier("iam").verifyHeader(iamListUsers(),
                iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d8")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void aChangedParameterIsSignatureDoesNotMatch() {
        IncomingRequest original = iamListUsers();
        Map<String, List<String>> query = new LinkedHashMap<>(original.queryParams());
        query.put("Action", List.of("DeleteUser"));
        IncomingRequest changed = new IncomingRequest("GET", "/", original.headers(), query, Map.of(), new byte[0]);

        assertThatThrownBy(() -> verifier("iam").verifyHeader(changed,
                iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void moreThanFifteenMinutesEitherWayIsRequestExpired() {
        String authorization = iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        clock.advance(Duration.ofMinutes(14));
        assertThat(verifier("iam").verifyHeader(iamListUsers(), authorization)).isNotNull();

        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> verifier("iam").verifyHeader(iamListUsers(), authorization))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.REQUEST_EXPIRED));

        ManualClock early = new ManualClock(SIGNED_AT.minus(Duration.ofMinutes(16)));
        SigV4Verifier fromThePast = new SigV4Verifier("iam", early, Duration.ofMinutes(15),
                id -> Optional.of(EXAMPLE_KEY));
        assertThatThrownBy(() -> fromThePast.verifyHeader(iamListUsers(), authorization))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.REQUEST_EXPIRED));
    }

    @Test
    void aCredentialForAnotherServiceIsRefused() {
        assertThatThrownBy(() -> verifier("ec2").verifyHeader(iamListUsers(),
                iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.getMessage()).contains("'ec2'");
                });
    }

    @Test
    void unknownKeyIsAuthFailure() {
        String authorization = iamAuthorization("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
                .replace("AKIDEXAMPLE", "AKIDOTHER");
        assertThatThrownBy(() -> verifier("iam").verifyHeader(iamListUsers(), authorization))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.AUTH_FAILURE));
    }

    @Test
    void malformedHeadersAreIncompleteSignature() {
        for (String header : List.of(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, Signature=abc",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam, SignedHeaders=host, Signature=abc",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=x-amz-date, Signature=abc",
                "AWS AKIDEXAMPLE:c2lnbmF0dXJl")) {
            assertThatThrownBy(() -> verifier("iam").verifyHeader(iamListUsers(), header)).as(header)
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.INCOMPLETE_SIGNATURE));
        }
    }

    @Test
    void canonicalUriEncodesTheWirePathOnceMore() {
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/a%20b/./c/../d")).isEqualTo("/a%2520b/d");
        assertThat(SigV4Verifier.canonicalUri("/x/")).isEqualTo("/x/");
    }
}
