package io.altostratus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * EC2 Query calls signed with SigV4 and sent with {@code java.net.http}, whose answers are read as bytes and never
 * parsed: what a call costs the server (and the wire), apart from the SDK client's own work of parsing megabytes of
 * XML into objects. Not thread-safe.
 */
final class RawEc2Client implements AutoCloseable {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "ec2";

    /** What came back: status, size, and for the untimed check only, the body itself. */
    record Answer(int status, long bytes, byte[] body) {
        /** How often {@code marker} occurs in the body (kept bodies only). */
        int count(String marker) {
            byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
            int n = 0;
            outer:
            for (int i = 0; i + m.length <= body.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    if (body[i + j] != m[j]) {
                        continue outer;
                    }
                }
                n++;
                i += m.length - 1;
            }
            return n;
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String host;
    private final String accessKey;
    private final String secretKey;
    private final byte[] discard = new byte[64 * 1024];

    RawEc2Client(URI endpoint, String accessKey, String secretKey) {
        // HTTP/1.1 as the SDK speaks it; a keep-alive connection reused across calls.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.endpoint = endpoint;
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Sends {@code form} (e.g. {@code Action=DescribeInstances&Version=2016-11-15}) and reads the whole answer.
     *
     * @param keep whether to keep the body (for checking it) or only count its bytes (for timing)
     */
    Answer call(String form, boolean keep) throws IOException, InterruptedException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Date", amzDate)
                .header("Authorization", authorization(body, amzDate))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (keep) {
                byte[] all = in.readAllBytes();
                return new Answer(response.statusCode(), all.length, all);
            }
            long total = 0;
            int n;
            while ((n = in.read(discard)) >= 0) {
                total += n;
            }
            return new Answer(response.statusCode(), total, null);
        }
    }

    private String authorization(byte[] body, String amzDate) {
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + REGION + "/" + SERVICE + "/aws4_request";
        String signedHeaders = "content-type;host;x-amz-date";
        String canonical = "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + host + "\n"
                + "x-amz-date:" + amzDate + "\n\n"
                + signedHeaders + "\n"
                + hex(sha256(body));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, REGION);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        http.close();
    }
}
