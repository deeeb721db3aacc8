package io.altostratus.gateway.auth.internal;

import io.altostratus.core.wait.ManualClock;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthError;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
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
 * Signature Version 2 against the worked example of AWS's documentation (Elastic MapReduce DescribeJobFlows, signed
 * with HmacSHA256 at 2011-10-03T15:19:30 by the example key; note the documentation's secret has '/' where the SigV4
 * example key has '+').
 */
class SigV2VerifierTest {
    private static final AccessKey DOC_KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "210987654321", Instant.EPOCH);
    private static final String DOC_SIGNATURE = "i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=";

    private final ManualClock clock = new ManualClock(Instant.parse("2011-10-03T15:20:00Z"));
    private final SigV2Verifier verifier = new SigV2Verifier(clock, Duration.ofMinutes(15),
            id -> id.equals(DOC_KEY.accessKeyId()) ? Optional.of(DOC_KEY) : Optional.empty(), "eu-west-1");

    private static IncomingRequest documentedRequest(String signature) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("Action", List.of("DescribeJobFlows"));
        query.put("Version", List.of("2009-03-31"));
        query.put("AWSAccessKeyId", List.of("AKIAIOSFODNN7EXAMPLE"));
        query.put("SignatureVersion", List.of("2"));
        query.put("SignatureMethod", List.of("HmacSHA256"));
        query.put("Timestamp", List.of("2011-10-03T15:19:30"));
        query.put("Signature", List.of(signature));
        return new IncomingRequest("GET", "", Map.of("host", List.of("elasticmapreduce.amazonaws.com")), query,
                Map.of(), new byte[0]);
    }

    @Test
    void theDocumentedStringToSign() {
        assertThat(SigV2Verifier.stringToSign(documentedRequest(DOC_SIGNATURE))).isEqualTo(
                "GET\nelasticmapreduce.amazonaws.com\n/\nAWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Action=DescribeJobFlows"
                        + "&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30"
                        + "&Version=2009-03-31");
    }

    @Test
    void acceptsTheDocumentedSignature() {
        Caller caller = verifier.verify(documentedRequest(DOC_SIGNATURE));
        assertThat(caller).isEqualTo(new Caller("210987654321", "AKIAIOSFODNN7EXAMPLE", "eu-west-1"));
    }

    @Test
    void rejectsAnAlteredSignature() {
        assertThatThrownBy(() -> verifier.verify(documentedRequest(DOC_SIGNATURE.replace('i', 'j'))))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void rejectsTheDocumentedRequestTwentyMinutesLater() {
        clock.advance(Duration.ofMinutes(20));
        assertThatThrownBy(() -> verifier.verify(documentedRequest(DOC_SIGNATURE)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.REQUEST_EXPIRED));
    }

    @Test
    void expiresInsteadOfTimestampIsHonoured() {
        Map<String, List<String>> query = new LinkedHashMap<>(documentedRequest("x").queryParams());
        query.remove("Timestamp");
        query.put("Expires", List.of("2011-10-03T15:25:00Z"));
        query.remove("Signature");
        IncomingRequest unsigned = new IncomingRequest("GET", "/",
                Map.of("host", List.of("elasticmapreduce.amazonaws.com")), query, Map.of(), new byte[0]);
        query.put("Signature", List.of(SigV2Verifier.sign("HmacSHA256", DOC_KEY.secretAccessKey(),
                SigV2Verifier.stringToSign(unsigned))));

        assertThat(verifier.verify(unsigned).account()).isEqualTo("210987654321");
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> verifier.verify(unsigned))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.error()).isEqualTo(AuthError.REQUEST_EXPIRED));
    }

    @Test
    void unsupportedVersionsAndMethodsAreIncompleteSignature() {
        for (String[] change : List.of(new String[] {"SignatureVersion", "1"},
                new String[] {"SignatureMethod", "HmacMD5"})) {
            Map<String, List<String>> query = new LinkedHashMap<>(documentedRequest(DOC_SIGNATURE).queryParams());
            query.put(change[0], List.of(change[1]));
            IncomingRequest request = new IncomingRequest("GET", "/",
                    Map.of("host", List.of("elasticmapreduce.amazonaws.com")), query, Map.of(), new byte[0]);
            assertThatThrownBy(() -> verifier.verify(request)).as(change[0])
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.INCOMPLETE_SIGNATURE));
        }
    }
}
