package io.altostratus.gateway;

import org.w3c.dom.Document;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Raw HTTP against the gateway for what the SDK will not send: hand-made bodies, broken encodings, presigned URLs,
 * requests signed with the SDK's own SigV4 signer and then sent as they are.
 */
final class WireClient {
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;

    WireClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** An answer: status, headers, body text. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The EC2 error code, after checking the body is EC2's well-formed XML error document. */
        String errorCode() {
            return xml().getElementsByTagName("Code").item(0).getTextContent();
        }

        String errorMessage() {
            return xml().getElementsByTagName("Message").item(0).getTextContent();
        }

        String xmlRequestId() {
            return xml().getElementsByTagName("RequestID").item(0).getTextContent();
        }

        Document xml() {
            try {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                if (!doc.getDocumentElement().getTagName().equals("Response")
                        || doc.getElementsByTagName("Errors").getLength() != 1) {
                    throw new AssertionError("not an EC2 error document: " + body);
                }
                return doc;
            } catch (Exception e) {
                throw new AssertionError("not well-formed XML: " + body, e);
            }
        }
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned POST of a raw body. */
    Answer post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).GET().build());
    }

    Answer method(String method, String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A form POST signed in the Authorization header by the SDK's signer, then sent with {@code body} instead. */
    Answer postSignedThenSend(String signedBody, byte[] sentBody, String accessKeyId, String secret, String region,
                              Clock signingClock) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", FORM)
                .contentStreamProvider(ContentStreamProvider.fromUtf8String(signedBody))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKeyId, secret))
                .request(unsigned)
                .payload(unsigned.contentStreamProvider().orElseThrow())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody));
        copyHeaders(signed.request(), request);
        return send(request.build());
    }

    /** A form POST signed in the Authorization header by the SDK's signer and sent as signed. */
    Answer postSigned(String body, String accessKeyId, String secret, String region) {
        return postSignedThenSend(body, body.getBytes(StandardCharsets.UTF_8), accessKeyId, secret, region,
                Clock.systemUTC());
    }

    /** A GET presigned in its query string by the SDK's signer. */
    URI presign(String query, String accessKeyId, String secret, String region, Duration lifetime,
                Clock signingClock) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(endpoint + "?" + query))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKeyId, secret))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, lifetime)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
        return signed.request().getUri();
    }

    private static void copyHeaders(SdkHttpRequest signed, HttpRequest.Builder request) {
        signed.forEachHeader((name, values) -> {
            // java.net.http sets Host and Content-Length itself, to the same values the signer saw.
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
    }
}
