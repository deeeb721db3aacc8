package io.altostratus.aws.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * EKS tokens checked against the SigV4 presigning rules, recomputed here from the rules themselves (canonical
 * request, string to sign, the HMAC key chain) with known keys and a fixed clock: a URL the SDK signed differently
 * from what STS will check fails the comparison.
 */
class EksTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:30:15Z");
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    /** SHA-256 of the empty body: the payload hash of a GET, which is what STS computes. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static EksTokens tokens(StaticCredentialsProvider credentials, String region) {
        return new EksTokens(credentials, region, EksTokens.stsEndpoint(region), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StaticCredentialsProvider basic() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET));
    }

    @Test
    void tokenIsThePrefixAndTheUnpaddedBase64UrlOfAPresignedGetCallerIdentityUrl() {
        io.altostratus.core.clusters.KubeToken token = tokens(basic(), "eu-west-1").token("my-cluster");

        assertThat(token.token()).startsWith("k8s-aws-v1.");
        String encoded = token.token().substring("k8s-aws-v1.".length());
        assertThat(encoded).doesNotContain("=", "+", "/");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));

        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20261207T063015Z")
                .containsEntry("X-Amz-Credential", KEY + "/20261207/eu-west-1/sts/aws4_request")
                .containsKey("X-Amz-Signature");
        assertThat(q.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
        assertThat(token.expiration()).isEqualTo(Instant.parse("2026-12-07T06:45:15Z"));
    }

    @Test
    void signatureIsTheOneSigV4GivesForTheCanonicalRequest() throws Exception {
        URI url = URI.create(tokens(basic(), "eu-west-1").presignedUrl("my-cluster"));
        Map<String, String> q = query(url);

        String expected = signature(url, q, Map.of("host", url.getHost(), "x-k8s-aws-id", "my-cluster"), SECRET,
                "eu-west-1");

        assertThat(q.get("X-Amz-Signature")).isEqualTo(expected);
        // The same recomputation for another cluster's header gives another signature: the header is bound in.
        assertThat(signature(url, q, Map.of("host", url.getHost(), "x-k8s-aws-id", "other"), SECRET, "eu-west-1"))
                .isNotEqualTo(expected);
    }

    @Test
    void sessionCredentialsSignTheirTokenIntoTheUrl() throws Exception {
        StaticCredentialsProvider session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(KEY, SECRET, "FwoGZXIvYXdzEXAMPLE/token+with=chars"));
        URI url = URI.create(tokens(session, "us-east-2").presignedUrl("c1"));
        Map<String, String> q = query(url);

        assertThat(q).containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE/token+with=chars");
        assertThat(q.get("X-Amz-Signature")).isEqualTo(
                signature(url, q, Map.of("host", url.getHost(), "x-k8s-aws-id", "c1"), SECRET, "us-east-2"));
    }

    @Test
    void execCredentialIsClientGoV1beta1Json() throws Exception {
        io.altostratus.core.clusters.KubeToken token = tokens(basic(), "eu-west-1").token("my-cluster");

        JsonNode json = new ObjectMapper().readTree(token.execCredentialJson());

        assertThat(json.get("kind").asText()).isEqualTo("ExecCredential");
        assertThat(json.get("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(json.get("status").get("token").asText()).isEqualTo(token.token());
        // RFC 3339, as client-go parses it.
        assertThat(OffsetDateTime.parse(json.get("status").get("expirationTimestamp").asText()).toInstant())
                .isEqualTo(NOW.plusSeconds(15 * 60));
    }

    @Test
    void chinaRegionsUseTheirOwnDomain() {
        assertThat(EksTokens.stsEndpoint("cn-north-1").getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
        assertThat(EksTokens.stsEndpoint("ap-south-1").getHost()).isEqualTo("sts.ap-south-1.amazonaws.com");
    }

    // ---- SigV4, from the rules -----------------------------------------------------------------------------------

    /** The query as decoded names and values. */
    private static Map<String, String> query(URI url) {
        Map<String, String> q = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String signature(URI url, Map<String, String> query, Map<String, String> headers, String secret,
                                    String region) throws Exception {
        String date = query.get("X-Amz-Date");
        String canonicalQuery = query.entrySet().stream().filter(e -> !e.getKey().equals("X-Amz-Signature"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .sorted().collect(Collectors.joining("&"));
        TreeMap<String, String> sortedHeaders = new TreeMap<>(headers);
        String canonicalHeaders = sortedHeaders.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().strip() + "\n").collect(Collectors.joining());
        String signedHeaders = String.join(";", sortedHeaders.keySet());
        assertThat(query.get("X-Amz-SignedHeaders")).isEqualTo(signedHeaders);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String canonicalRequest = "GET\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + EMPTY_SHA256;
        String scope = date.substring(0, 8) + "/" + region + "/sts/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, "sts");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** SigV4's URI encoding: every byte but the unreserved characters as %XX, upper-case hex. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
