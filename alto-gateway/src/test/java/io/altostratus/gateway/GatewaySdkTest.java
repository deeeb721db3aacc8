package io.altostratus.gateway;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.http.Call;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.auth.scheme.Ec2AuthSchemeProvider;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.utils.IoUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's front and authentication driven by the real AWS SDK for Java v2 and by raw HTTP. */
class GatewaySdkTest {
    private static final String ACCOUNT = "111122223333";

    private static StateStore store;
    private static Gateway gateway;
    private static AccessKey tenantKey;
    private static final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private static final AtomicInteger resets = new AtomicInteger();
    private static SdkHttpClient http;
    private static WireClient wire;

    @BeforeAll
    static void start() {
        store = StateStores.inMemory();
        gateway = Gateway.builder().port(0).dispatcher(dispatcher).stateStore(store)
                .resetHook(resets::incrementAndGet).healthInfo("backend", "stub").start();
        tenantKey = gateway.accessKeys().create(ACCOUNT);
        http = Apache5HttpClient.create();
        wire = new WireClient(gateway.endpoint());
    }

    @AfterAll
    static void stop() {
        http.close();
        gateway.close();
        store.close();
    }

    @BeforeEach
    void clean() {
        dispatcher.reset();
    }

    private static Ec2Client client(String accessKeyId, String secret) {
        return client(accessKeyId, secret, b -> { });
    }

    private static Ec2Client client(String accessKeyId, String secret, Consumer<Ec2ClientBuilder> customise) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .endpointOverride(gateway.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        customise.accept(builder);
        return builder.build();
    }

    private static Consumer<Throwable> ec2Error(int status, String code) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(Ec2Exception.class);
            Ec2Exception e = (Ec2Exception) thrown;
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.requestId()).matches("[0-9a-f-]{36}");
        };
    }

    @Test
    void firstStartRegistersTheDefaultTestKey() {
        assertThat(gateway.defaultKeyCreated()).hasValueSatisfying(key -> {
            assertThat(key.accessKeyId()).isEqualTo("test");
            assertThat(key.secretAccessKey()).isEqualTo("test");
            assertThat(key.account()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
        });
        try (Gateway second = Gateway.builder().port(0).dispatcher(dispatcher).stateStore(store).start()) {
            assertThat(second.defaultKeyCreated()).isEmpty();
        }
    }

    @Test
    void signedSdkCallReachesTheDispatcherWithAccountRegionAndParameters() {
        try (Ec2Client ec2 = client(tenantKey.accessKeyId(), tenantKey.secretAccessKey())) {
            DescribeRegionsResponse response = ec2.describeRegions(r -> r.regionNames("us-east-1", "eu-west-1"));

            assertThat(response.regions()).singleElement()
                    .satisfies(region -> assertThat(region.regionName()).isEqualTo("us-east-1"));
            Call call = dispatcher.lastCall();
            assertThat(call.account()).isEqualTo(ACCOUNT);
            assertThat(call.accessKeyId()).isEqualTo(tenantKey.accessKeyId());
            assertThat(call.region()).isEqualTo("us-west-2");
            assertThat(call.action()).isEqualTo("DescribeRegions");
            assertThat(call.version()).isEqualTo("2016-11-15");
            assertThat(call.params()).containsEntry("RegionName.1", List.of("us-east-1"))
                    .containsEntry("RegionName.2", List.of("eu-west-1"))
                    .containsKeys("Action", "Version");
            assertThat(response.responseMetadata().requestId()).isEqualTo(call.requestId());
        }
    }

    @Test
    void theDefaultKeyActsAsTheDefaultAccount() {
        try (Ec2Client ec2 = client("test", "test")) {
            ec2.describeRegions();
        }
        assertThat(dispatcher.lastCall().account()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (Ec2Client ec2 = client(tenantKey.accessKeyId(), "not-the-secret")) {
            assertThatThrownBy(ec2::describeRegions).satisfies(ec2Error(403, "SignatureDoesNotMatch"));
        }
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void unknownKeyIsAuthFailure() {
        try (Ec2Client ec2 = client("AKIAUNKNOWNUNKNOWN00", "whatever")) {
            assertThatThrownBy(ec2::describeRegions).satisfies(ec2Error(401, "AuthFailure"))
                    .hasMessageContaining("AWS was not able to validate the provided access credentials");
        }
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void deletedKeyStopsWorking() {
        AccessKey key = gateway.accessKeys().create(ACCOUNT);
        try (Ec2Client ec2 = client(key.accessKeyId(), key.secretAccessKey())) {
            ec2.describeRegions();
            assertThat(gateway.accessKeys().delete(key.accessKeyId())).isTrue();
            assertThatThrownBy(ec2::describeRegions).satisfies(ec2Error(401, "AuthFailure"));
        }
    }

    @Test
    void keyRecreatedWithANewSecretAcceptsOnlyTheNewSecret() {
        gateway.accessKeys().create(ACCOUNT, "AKIAROTATEDROTATED00", "old-secret");
        try (Ec2Client old = client("AKIAROTATEDROTATED00", "old-secret");
             Ec2Client fresh = client("AKIAROTATEDROTATED00", "new-secret")) {
            old.describeRegions();
            gateway.accessKeys().delete("AKIAROTATEDROTATED00");
            gateway.accessKeys().create(ACCOUNT, "AKIAROTATEDROTATED00", "new-secret");

            assertThatThrownBy(old::describeRegions).satisfies(ec2Error(403, "SignatureDoesNotMatch"));
            fresh.describeRegions();
        }
    }

    @Test
    void bodyChangedAfterSigningIsRejected() {
        SdkHttpClient tampering = new TamperingHttpClient(http);
        try (Ec2Client ec2 = client(tenantKey.accessKeyId(), tenantKey.secretAccessKey(), b -> b.httpClient(tampering))) {
            assertThatThrownBy(() -> ec2.describeRegions(r -> r.regionNames("us-east-1")))
                    .satisfies(ec2Error(403, "SignatureDoesNotMatch"));
        }
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void signatureTwentyMinutesOldIsRequestExpired() {
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        Ec2AuthSchemeProvider signWithOldClock = params -> List.of(AuthSchemeOption.builder()
                .schemeId(AwsV4AuthScheme.SCHEME_ID)
                .putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putSignerProperty(AwsV4HttpSigner.REGION_NAME, params.region().id())
                .putSignerProperty(HttpSigner.SIGNING_CLOCK, late)
                .build());
        try (Ec2Client ec2 = client(tenantKey.accessKeyId(), tenantKey.secretAccessKey(),
                b -> b.authSchemeProvider(signWithOldClock))) {
            assertThatThrownBy(ec2::describeRegions).satisfies(ec2Error(400, "RequestExpired"));
        }
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void signatureTenMinutesOffIsWithinTheAllowedSkew() {
        Clock early = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        WireClient.Answer answer = wire.postSignedThenSend("Action=DescribeRegions&Version=2016-11-15",
                "Action=DescribeRegions&Version=2016-11-15".getBytes(StandardCharsets.UTF_8),
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "eu-west-1", early);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(dispatcher.lastCall().region()).isEqualTo("eu-west-1");
    }

    @Test
    void rawBodyTamperedAfterSigningIsSignatureDoesNotMatch() {
        String signed = "Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-1";
        String sent = "Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-2";
        WireClient.Answer answer = wire.postSignedThenSend(signed, sent.getBytes(StandardCharsets.UTF_8),
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "us-west-2", Clock.systemUTC());
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(answer.xmlRequestId()).isEqualTo(answer.header("x-amzn-RequestId"));
    }

    @Test
    void presignedUrlIsAcceptedAndItsRegionUsed() {
        URI url = wire.presign("Action=DescribeRegions&Version=2016-11-15&RegionName.1=ap-south-1",
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "ap-south-1", Duration.ofMinutes(5),
                Clock.systemUTC());
        assertThat(url.getRawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");

        WireClient.Answer answer = wire.send(HttpRequest.newBuilder(url).GET().build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("<regionName>us-east-1</regionName>");
        Call call = dispatcher.lastCall();
        assertThat(call.region()).isEqualTo("ap-south-1");
        assertThat(call.account()).isEqualTo(ACCOUNT);
        assertThat(call.params()).containsOnlyKeys("Action", "Version", "RegionName.1");
    }

    @Test
    void presignedUrlPastItsExpiryIsRequestExpired() {
        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        URI url = wire.presign("Action=DescribeRegions&Version=2016-11-15", tenantKey.accessKeyId(),
                tenantKey.secretAccessKey(), "us-west-2", Duration.ofMinutes(5), tenMinutesAgo);

        WireClient.Answer answer = wire.send(HttpRequest.newBuilder(url).GET().build());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("RequestExpired");
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void presignedUrlWithAChangedParameterIsSignatureDoesNotMatch() {
        URI url = wire.presign("Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-1",
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "us-west-2", Duration.ofMinutes(5),
                Clock.systemUTC());
        URI changed = URI.create(url.toString().replace("RegionName.1=us-east-1", "RegionName.1=us-east-2"));

        WireClient.Answer answer = wire.send(HttpRequest.newBuilder(changed).GET().build());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void signatureVersion2WithHmacSha256InAFormBody() {
        Map<String, String> params = v2Params(tenantKey.accessKeyId(), "HmacSHA256",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String host = "127.0.0.1:" + gateway.port();
        params.put("Signature", v2Signature("POST", host, params, tenantKey.secretAccessKey(), "HmacSHA256"));

        WireClient.Answer answer = wire.post("/", WireClient.FORM, formEncode(params).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Call call = dispatcher.lastCall();
        assertThat(call.account()).isEqualTo(ACCOUNT);
        assertThat(call.region()).isEqualTo(Gateway.DEFAULT_REGION);
        assertThat(call.params()).containsOnlyKeys("Action", "Version", "RegionName.1");
        assertThat(call.param("RegionName.1")).isEqualTo("a b/c*~");
    }

    @Test
    void signatureVersion2WithHmacSha1InAQueryString() {
        Map<String, String> params = v2Params("test", "HmacSHA1",
                Instant.now().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString());
        String host = "127.0.0.1:" + gateway.port();
        params.put("Signature", v2Signature("GET", host, params, "test", "HmacSHA1"));

        WireClient.Answer answer = wire.get("/?" + formEncode(params));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(dispatcher.lastCall().account()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
    }

    @Test
    void signatureVersion2WithTheWrongSecretOrAnOldTimestampIsRejected() {
        String host = "127.0.0.1:" + gateway.port();
        Map<String, String> wrongSecret = v2Params(tenantKey.accessKeyId(), "HmacSHA256", Instant.now().toString());
        wrongSecret.put("Signature", v2Signature("POST", host, wrongSecret, "wrong", "HmacSHA256"));
        WireClient.Answer answer = wire.post("/", WireClient.FORM, formEncode(wrongSecret).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("SignatureDoesNotMatch");

        Map<String, String> old = v2Params(tenantKey.accessKeyId(), "HmacSHA256",
                Instant.now().minus(Duration.ofMinutes(20)).toString());
        old.put("Signature", v2Signature("POST", host, old, tenantKey.secretAccessKey(), "HmacSHA256"));
        answer = wire.post("/", WireClient.FORM, formEncode(old).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("RequestExpired");
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() {
        WireClient.Answer answer = wire.post("/", WireClient.FORM,
                "Action=DescribeRegions&Version=2016-11-15".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("MissingAuthenticationToken");
        assertThat(answer.header("Content-Type")).isEqualTo("text/xml;charset=UTF-8");
    }

    @Test
    void signedRequestWithoutActionIsMissingAction() {
        WireClient.Answer answer = wire.postSigned("Version=2016-11-15", tenantKey.accessKeyId(),
                tenantKey.secretAccessKey(), "us-west-2");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("MissingAction");
        assertThat(dispatcher.calls).isEmpty();
    }

    @Test
    void badPercentEncodingIsMalformedQueryString() {
        for (String body : List.of("Action=DescribeRegions&RegionName.1=%ZZ", "Action=Describe%2",
                "Action=DescribeRegions&RegionName.1=%C3%28", "=value&Action=DescribeRegions")) {
            WireClient.Answer answer = wire.post("/", WireClient.FORM, body.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.errorCode()).as(body).isEqualTo("MalformedQueryString");
        }
        WireClient.Answer inQuery = wire.get("/?Action=DescribeRegions&X=%C3%28");
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.errorCode()).isEqualTo("MalformedQueryString");
    }

    @Test
    void nonFormContentTypeIsRejected() {
        WireClient.Answer answer = wire.post("/", "application/json", "{\"Action\":\"DescribeRegions\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void bodyOverTenMebibytesIs413() {
        byte[] body = new byte[(int) Gateway.DEFAULT_MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) 'a');
        WireClient.Answer answer = wire.post("/", WireClient.FORM, body);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("RequestEntityTooLarge");
    }

    @Test
    void tooManyParametersIsRejected() {
        StringBuilder body = new StringBuilder("Action=DescribeRegions");
        for (int i = 1; i <= Gateway.DEFAULT_MAX_PARAMETERS; i++) {
            body.append("&RegionName.").append(i).append("=r");
        }
        WireClient.Answer answer = wire.post("/", WireClient.FORM, body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("InvalidQueryParameter");
    }

    @Test
    void unknownPathAndWrongMethodAreXmlErrors() {
        WireClient.Answer unknown = wire.get("/no/such/thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NotFound");
        assertThat(unknown.header("Content-Type")).isEqualTo("text/xml;charset=UTF-8");

        WireClient.Answer put = wire.method("PUT", "/");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.errorCode()).isEqualTo("MethodNotAllowed");

        WireClient.Answer getReset = wire.get("/_alto/reset");
        assertThat(getReset.status()).isEqualTo(405);
        assertThat(getReset.errorCode()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void healthAnswersJson() {
        WireClient.Answer answer = wire.get("/_alto/health");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.body()).startsWith("{\"status\":\"ok\"").contains("\"auth\":\"strict\"",
                "\"backend\":\"stub\"");
        // Numbers are JSON numbers, so a script can compare them without parsing strings.
        assertThat(answer.body()).containsPattern("\"uptimeSeconds\":[0-9]+[,}]");
    }

    @Test
    void bothResetEndpointsRunTheHookWithoutAuthentication() {
        int before = resets.get();
        assertThat(wire.post("/_alto/reset", null, new byte[0]).status()).isEqualTo(200);
        WireClient.Answer moto = wire.post("/moto-api/reset", null, new byte[0]);
        assertThat(moto.status()).isEqualTo(200);
        assertThat(moto.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(resets.get()).isEqualTo(before + 2);
    }

    @Test
    void withoutAResetHookResetIsNotFound() {
        try (Gateway noReset = Gateway.builder().port(0).dispatcher(dispatcher).start()) {
            WireClient.Answer answer = new WireClient(noReset.endpoint()).post("/_alto/reset", null, new byte[0]);
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("NotFound");
        }
    }

    @Test
    void dispatcherErrorsKeepTheirEc2CodeAndStatus() {
        try (Ec2Client ec2 = client(tenantKey.accessKeyId(), tenantKey.secretAccessKey())) {
            dispatcher.behaviour = call -> {
                throw AltoException.notFound("InvalidInstanceID.NotFound",
                        "The instance ID 'i-0123456789abcdef0' does not exist");
            };
            assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                    .satisfies(ec2Error(400, "InvalidInstanceID.NotFound"))
                    .hasMessageContaining("i-0123456789abcdef0");

            dispatcher.behaviour = call -> {
                throw Ec2WireException.of("RequestLimitExceeded", "Request limit exceeded.");
            };
            assertThatThrownBy(ec2::describeRegions).satisfies(ec2Error(503, "RequestLimitExceeded"));
        }
    }

    @Test
    void unexpectedDispatcherExceptionIsAnXmlInternalErrorWithTheRequestId() {
        dispatcher.behaviour = call -> {
            throw new IllegalStateException("bug with a <secret> detail");
        };
        WireClient.Answer answer = wire.postSigned("Action=DescribeRegions&Version=2016-11-15",
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "us-west-2");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo("InternalError");
        assertThat(answer.body()).doesNotContain("secret");
        assertThat(answer.xmlRequestId()).isEqualTo(dispatcher.lastCall().requestId())
                .isEqualTo(answer.header("x-amzn-RequestId"));
    }

    @Test
    void errorMessagesAreEscaped() {
        dispatcher.behaviour = call -> {
            throw AltoException.invalid("InvalidParameterValue", "Value (<&>\"'\u0001) is invalid");
        };
        WireClient.Answer answer = wire.postSigned("Action=DescribeRegions&Version=2016-11-15",
                tenantKey.accessKeyId(), tenantKey.secretAccessKey(), "us-west-2");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).isEqualTo("Value (<&>\"'\uFFFD) is invalid");
    }

    @Test
    void permissiveModeAcceptsAnyKeyAndSignature() {
        RecordingDispatcher permissiveDispatcher = new RecordingDispatcher();
        try (Gateway permissive = Gateway.builder().port(0).dispatcher(permissiveDispatcher)
                .authMode(io.altostratus.gateway.auth.AuthMode.PERMISSIVE).start();
             Ec2Client random = Ec2Client.builder().endpointOverride(permissive.endpoint()).region(Region.EU_WEST_3)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("AKIARANDOMRANDOM0000", "random-secret")))
                     .httpClient(http).build();
             Ec2Client tenant = Ec2Client.builder().endpointOverride(permissive.endpoint()).region(Region.US_EAST_2)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("444455556666", "anything")))
                     .httpClient(http).build()) {
            random.describeRegions();
            Call call = permissiveDispatcher.lastCall();
            assertThat(call.account()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
            assertThat(call.accessKeyId()).isEqualTo("AKIARANDOMRANDOM0000");
            assertThat(call.region()).isEqualTo("eu-west-3");

            tenant.describeRegions();
            assertThat(permissiveDispatcher.lastCall().account()).isEqualTo("444455556666");

            WireClient.Answer unsigned = new WireClient(permissive.endpoint()).post("/", WireClient.FORM,
                    "Action=DescribeRegions&Version=2016-11-15".getBytes(StandardCharsets.UTF_8));
            assertThat(unsigned.status()).isEqualTo(200);
            assertThat(permissiveDispatcher.lastCall().accessKeyId()).isEmpty();
        }
    }

    @Test
    void permissiveModeIsRefusedOffLoopback() {
        assertThatThrownBy(() -> Gateway.builder().port(0).bindAddress("0.0.0.0").dispatcher(dispatcher)
                .authMode(io.altostratus.gateway.auth.AuthMode.PERMISSIVE).start())
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("InvalidBindAddress"));
    }

    @Test
    void busyPortIsAGatewayBindFailure() {
        assertThatThrownBy(() -> Gateway.builder().port(gateway.port()).dispatcher(dispatcher).start())
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("GatewayBindFailed"));
    }

    // --- Signature Version 2, computed here from AWS's published description, independently of the gateway ---

    private static Map<String, String> v2Params(String accessKeyId, String method, String timestamp) {
        Map<String, String> params = new TreeMap<>();
        params.put("Action", "DescribeRegions");
        params.put("Version", "2016-11-15");
        params.put("RegionName.1", "a b/c*~");
        params.put("AWSAccessKeyId", accessKeyId);
        params.put("SignatureMethod", method);
        params.put("SignatureVersion", "2");
        params.put("Timestamp", timestamp);
        return params;
    }

    /** HMAC over {@code METHOD\nhost\n/\nsorted-RFC3986-query}, base64. */
    static String v2Signature(String method, String host, Map<String, String> params, String secret, String mac) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("Signature")) {
                query.append(query.isEmpty() ? "" : "&").append(awsEncode(name)).append('=').append(awsEncode(value));
            }
        });
        String stringToSign = method + "\n" + host.toLowerCase(java.util.Locale.ROOT) + "\n/\n" + query;
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), mac));
            return Base64.getEncoder().encodeToString(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic recipe: URLEncoder, then fix the three places where it differs from RFC 3986. */
    static String awsEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String formEncode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(awsEncode(name)).append('=')
                .append(awsEncode(value)));
        return out.toString();
    }

    /** Sends what the SDK signed with the last byte of the body changed, as a man in the middle would. */
    private static final class TamperingHttpClient implements SdkHttpClient {
        private final SdkHttpClient delegate;

        TamperingHttpClient(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            byte[] body = request.contentStreamProvider().map(TamperingHttpClient::read).orElseThrow();
            body[body.length - 1] = (byte) (body[body.length - 1] == '1' ? '2' : '1');
            return delegate.prepareRequest(HttpExecuteRequest.builder().request(request.httpRequest())
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build());
        }

        private static byte[] read(ContentStreamProvider provider) {
            try (InputStream in = provider.newStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                IoUtils.copy(in, out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String clientName() {
            return "tampering";
        }

        @Override
        public void close() {
        }
    }
}
