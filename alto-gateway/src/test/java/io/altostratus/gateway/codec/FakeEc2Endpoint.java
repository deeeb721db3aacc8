package io.altostratus.gateway.codec;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A real SDK v2 {@link Ec2Client} wired to an in-memory HTTP client: it records what the SDK sends and answers with
 * whatever status and body the test sets, so the SDK's own marshaller and unmarshaller run without a network.
 */
final class FakeEc2Endpoint implements SdkHttpClient {
    private volatile int status = 200;
    private volatile String body = "";
    private volatile String lastRequestBody;

    private final Ec2Client client = Ec2Client.builder()
            .httpClient(this)
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:8773"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    private final Map<Class<?>, Method> methodsByRequestClass = new HashMap<>();

    FakeEc2Endpoint() {
        for (Method method : Ec2Client.class.getMethods()) {
            if (method.getParameterCount() == 1 && Ec2Request.class.isAssignableFrom(method.getParameterTypes()[0])
                    && Ec2Response.class.isAssignableFrom(method.getReturnType())) {
                methodsByRequestClass.put(method.getParameterTypes()[0], method);
            }
        }
    }

    Ec2Client client() {
        return client;
    }

    /** The next answers are this status and body. */
    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** The form body of the last request the SDK sent. */
    String lastRequestBody() {
        return lastRequestBody;
    }

    /** Calls the client method of this request's operation, unwrapping the SDK's exception. */
    Ec2Response call(Ec2Request request) {
        Method method = methodsByRequestClass.get(request.getClass());
        if (method == null) {
            throw new IllegalArgumentException("no client method takes " + request.getClass());
        }
        try {
            return (Ec2Response) method.invoke(client, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        lastRequestBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } else {
                    lastRequestBody = request.httpRequest().encodedQueryParameters().orElse("");
                }
                byte[] payload = body.getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "text/xml;charset=UTF-8")
                                .putHeader("Content-Length", Integer.toString(payload.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(payload)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }

    static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
