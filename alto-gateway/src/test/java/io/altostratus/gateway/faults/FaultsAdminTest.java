package io.altostratus.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.core.spi.decorate.FaultPlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** {@code /_alto/faults}: a running gateway's plan shown, replaced and cleared over HTTP, as a test suite would. */
class FaultsAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ObservedGateway served;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        served = new ObservedGateway(99);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        served.close();
    }

    @BeforeEach
    void noFaults() {
        served.faults.replace(FaultPlan.NONE, 99);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        URI uri = served.gateway.endpoint().resolve(pathAndQuery);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(uri).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPostedSpecIsInForceAtOnceAndShownByGet() throws Exception {
        HttpResponse<String> posted = send("POST", "/_alto/faults",
                "throttle=100%, capacity=t3.micro@us-east-1a");

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode state = JSON.readTree(posted.body());
        assertThat(state.get("faults").asText()).isEqualTo("throttle=100%,capacity=t3.micro@us-east-1a");
        assertThat(state.get("seed").asLong()).isEqualTo(99);
        assertThat(state.get("throttleRate").asDouble()).isEqualTo(1.0);
        Ec2Exception throttled = catchThrowableOfType(Ec2Exception.class, () -> served.ec2.describeRegions());
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");

        JsonNode shown = JSON.readTree(send("GET", "/_alto/faults", null).body());
        assertThat(shown.get("faults").asText()).isEqualTo("throttle=100%,capacity=t3.micro@us-east-1a");
        assertThat(shown.get("injected.throttle").asLong()).isEqualTo(ObservedGateway.MAX_ATTEMPTS);
    }

    @Test
    void aPostedQuotaIsShownAndRefusesLaunchesInItsRegion() throws Exception {
        HttpResponse<String> posted = send("POST", "/_alto/faults", "quota=us-east-1,quota=m5.large@eu-west-1");

        assertThat(posted.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(posted.body());
        assertThat(state.get("faults").asText()).isEqualTo("quota=us-east-1,quota=m5.large@eu-west-1");
        assertThat(state.get("quota").asText()).isEqualTo("us-east-1,m5.large@eu-west-1");
        String image = served.ec2.describeImages(r -> r.owners("099720109477")).images().get(0).imageId();
        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class, () -> served.ec2.runInstances(r -> r
                .imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InstanceLimitExceeded");
        assertThat(JSON.readTree(send("GET", "/_alto/faults", null).body()).get("injected.quota").asLong())
                .isEqualTo(1);
    }

    @Test
    void deleteClearsThePlan() throws Exception {
        send("POST", "/_alto/faults", "error=100%");

        HttpResponse<String> deleted = send("DELETE", "/_alto/faults", null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("faults").asText()).isEqualTo("none");
        assertThat(served.ec2.describeRegions().regions()).isNotEmpty();
    }

    @Test
    void aSeedInTheQueryReseeds() throws Exception {
        HttpResponse<String> posted = send("POST", "/_alto/faults?seed=-42", "throttle=5%");

        assertThat(JSON.readTree(posted.body()).get("seed").asLong()).isEqualTo(-42);
        assertThat(served.faults.seed()).isEqualTo(-42);
    }

    @Test
    void aBadSpecIsEc2sInvalidParameterValueNamingTheBadEntry() throws Exception {
        send("POST", "/_alto/faults", "eventual=2s");

        HttpResponse<String> bad = send("POST", "/_alto/faults", "throttle=5%,latency=1s");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>InvalidParameterValue</Code>")
                .contains("unknown fault &apos;latency&apos;")
                .contains("<RequestID>");
        assertThat(served.faults.plan()).as("a refused spec leaves the plan as it was")
                .hasToString("eventual=2s");
    }

    @Test
    void badSeedsMethodsAndPathsAreRefusedInEc2sErrorDocument() throws Exception {
        HttpResponse<String> seed = send("POST", "/_alto/faults?seed=abc", "throttle=5%");
        HttpResponse<String> unknown = send("POST", "/_alto/faults?sead=1", "throttle=5%");
        HttpResponse<String> put = send("PUT", "/_alto/faults", "throttle=5%");
        HttpResponse<String> path = send("GET", "/_alto/faultsx", null);

        assertThat(seed.statusCode()).isEqualTo(400);
        assertThat(seed.body()).contains("<Code>InvalidParameterValue</Code>").contains("&apos;abc&apos;");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("&apos;sead&apos;");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).contains("<Code>MethodNotAllowed</Code>");
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(served.faults.plan()).isEqualTo(FaultPlan.NONE);
    }
}
