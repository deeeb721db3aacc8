package io.altostratus.gateway.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A malformed %-escape in a request's path or query is the caller's error: a 400, never a 500. The JDK's HTTP server
 * refuses such a URI before the front sees it (with its own HTML 400), so the front never
 * has to.
 */
class ArmMalformedUriTest {
    private static String send(int port, String target) throws IOException {
        // Over a plain socket: Java's URI would refuse to build these requests at all.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void badEscapesInThePathOrTheQueryAnswer400() throws IOException {
        try (ArmEndpoint arm = new ArmEndpoint(AuthMode.PERMISSIVE)) {
            String inQuery = send(arm.gateway.port(), "/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                    + "/resourcegroups?api-version=2024-03-01&$filter=%zz");
            assertThat(inQuery).startsWith("HTTP/1.1 400");
            String inPath = send(arm.gateway.port(), "/subscriptions/" + ArmEndpoint.SUBSCRIPTION
                    + "/resourcegroups/bad%g1?api-version=2024-03-01");
            assertThat(inPath).startsWith("HTTP/1.1 400");
        }
    }
}
