package io.altostratus.qemu.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QmpTest {
    private static final String OK = "{\"return\": {}}";

    @TempDir
    Path dir;

    @Test
    void negotiatesCapabilitiesThenRunsACommandSkippingEventsBeforeItsAnswer() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpServer server = FakeQmpServer.answering(socket, Map.of(
                "qmp_capabilities", List.of(OK),
                "query-status", List.of("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": "
                        + "\"RTC_CHANGE\", \"data\": {\"offset\": 0}}",
                        "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}")));
             Qmp qmp = Qmp.connect(socket, Duration.ofSeconds(5))) {
            JsonNode status = qmp.execute("query-status", Map.of());
            assertThat(status.path("status").asText()).isEqualTo("running");
            assertThat(server.received).hasSize(2);
            assertThat(server.received.get(0)).isEqualTo("{\"execute\":\"qmp_capabilities\"}");
            assertThat(server.received.get(1)).isEqualTo("{\"execute\":\"query-status\"}");
        }
    }

    @Test
    void sendsArgumentsAsQmpExpectsThem() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpServer server = FakeQmpServer.answering(socket, Map.of("qmp_capabilities", List.of(OK),
                "blockdev-snapshot-internal-sync", List.of(OK)));
             Qmp qmp = Qmp.connect(socket, Duration.ofSeconds(5))) {
            qmp.execute("blockdev-snapshot-internal-sync", new java.util.TreeMap<>(Map.of("device", "root",
                    "name", "qsnap-1")));
            assertThat(server.received.get(1)).isEqualTo("{\"execute\":\"blockdev-snapshot-internal-sync\","
                    + "\"arguments\":{\"device\":\"root\",\"name\":\"qsnap-1\"}}");
        }
    }

    @Test
    void anErrorAnswerBecomesAProviderErrorNamingQemusClassAndDescription() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpServer ignored = FakeQmpServer.answering(socket, Map.of("qmp_capabilities", List.of(OK)));
             Qmp qmp = Qmp.connect(socket, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> qmp.execute("no-such-command", Map.of()))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                        assertThat(e.providerCode()).isEqualTo("QmpCommandNotFound");
                        assertThat(e.getMessage()).contains("no-such-command").contains("The command is unknown");
                    });
        }
    }

    @Test
    void nothingListeningIsQmpUnavailable() {
        assertThatThrownBy(() -> Qmp.connect(dir.resolve("absent.sock"), Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("QmpUnavailable"));
    }

    @Test
    void aPeerThatNeverAnswersIsCutOffAtTheTimeout() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpServer ignored = new FakeQmpServer(socket, request -> request.contains("qmp_capabilities")
                ? List.of(OK) : List.of())) {
            try (Qmp qmp = Qmp.connect(socket, Duration.ofMillis(500))) {
                assertThatThrownBy(() -> qmp.execute("query-status", Map.of()))
                        .isInstanceOfSatisfying(AltoException.class,
                                e -> assertThat(e.providerCode()).isEqualTo("QmpClosed"));
            }
        }
    }

    @Test
    void somethingThatIsNotQmpIsAProtocolError() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(() -> {
                try (var client = server.accept()) {
                    client.write(java.nio.ByteBuffer.wrap("{\"hello\": 1}\n".getBytes()));
                    Thread.sleep(2000);
                } catch (Exception ignored) {
                    // test over
                }
            });
            assertThatThrownBy(() -> Qmp.connect(socket, Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.providerCode()).isEqualTo("QmpProtocol"));
        }
    }
}
