package io.altostratus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.gateway.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Another front mounted beside the EC2 handler gets its prefix and nothing else. */
class GatewayMountTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mountedPrefixGoesToItsHandlerAndTheRestStillReachesEc2() throws Exception {
        RecordingDispatcher ec2 = new RecordingDispatcher();
        List<String> mountedPaths = new CopyOnWriteArrayList<>();
        HttpHandler front = exchange -> {
            mountedPaths.add(exchange.getRequestURI().getPath());
            byte[] body = "{\"front\":\"other\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
        try (Gateway gateway = Gateway.builder().port(0).dispatcher(ec2).authMode(AuthMode.PERMISSIVE)
                .mount("/compute/", front).start()) {
            URI base = gateway.endpoint();
            HttpResponse<String> mounted = http.send(HttpRequest.newBuilder(base.resolve("/compute/v1/projects/p/zones"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mounted.statusCode()).isEqualTo(200);
            assertThat(mounted.body()).isEqualTo("{\"front\":\"other\"}");
            assertThat(mountedPaths).containsExactly("/compute/v1/projects/p/zones");

            HttpResponse<String> ec2Answer = http.send(HttpRequest.newBuilder(base)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeRegions&Version=2016-11-15")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ec2Answer.statusCode()).isEqualTo(200);
            assertThat(ec2Answer.body()).contains("DescribeRegionsResponse");
            assertThat(ec2.calls).hasSize(1);
            assertThat(mountedPaths).hasSize(1);
        }
    }

    @Test
    void refusesTheRootAndRelativeOrRepeatedPrefixes() {
        HttpHandler front = exchange -> exchange.close();
        Gateway.Builder builder = Gateway.builder();
        assertThatThrownBy(() -> builder.mount("/", front)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.mount("compute/", front)).isInstanceOf(IllegalArgumentException.class);
        builder.mount("/compute/", front);
        assertThatThrownBy(() -> builder.mount("/compute/", front)).isInstanceOf(IllegalArgumentException.class);
    }
}
