package io.altostratus.qemu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One QMP conversation with a QEMU process over its unix socket: the greeting, {@code qmp_capabilities}, then
 * commands, each answered by one {@code return} or {@code error} line. Asynchronous events QEMU writes in between are
 * skipped. A conversation that takes longer than its timeout is cut by closing the socket, since blocking socket
 * channels have no read timeout of their own.
 */
public final class Qmp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qmp-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final ScheduledFuture<?> watchdog;

    private Qmp(Path socket, SocketChannel channel, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        this.watchdog = WATCHDOG.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Connects, reads the greeting and leaves capability negotiation, so commands may follow.
     *
     * @throws AltoException PROVIDER_ERROR (QmpUnavailable) when nothing answers on the socket
     */
    public static Qmp connect(Path socket, Duration timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "QmpUnavailable", "QEMU's monitor at " + socket
                    + " does not answer: " + e.getMessage(), e);
        }
        Qmp qmp = new Qmp(socket, channel, timeout);
        try {
            JsonNode greeting = qmp.readLine();
            if (!greeting.has("QMP")) {
                throw qmp.protocolError("expected the QMP greeting, got " + greeting);
            }
            qmp.execute("qmp_capabilities", Map.of());
            return qmp;
        } catch (RuntimeException e) {
            qmp.close();
            throw e;
        }
    }

    /** Runs one command with its arguments (none when empty) and returns its {@code return} value. */
    public JsonNode execute(String command, Map<String, ?> arguments) {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (!arguments.isEmpty()) {
            request.set("arguments", JSON.valueToTree(arguments));
        }
        try {
            out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw lost(command, e);
        }
        while (true) {
            JsonNode answer = readLine();
            if (answer.has("return")) {
                return answer.get("return");
            }
            if (answer.has("error")) {
                JsonNode error = answer.get("error");
                throw new AltoException(ErrorCode.PROVIDER_ERROR, "Qmp" + error.path("class").asText("Error"),
                        "QEMU refused " + command + ": " + error.path("desc").asText(error.toString()));
            }
            // an event ({"event": ...}) between the command and its answer: not ours to act on
        }
    }

    private JsonNode readLine() {
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            throw lost("a read", e);
        }
        if (line == null) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "QmpClosed", "QEMU closed its monitor at " + socket);
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw protocolError("not JSON: " + line);
        }
    }

    private AltoException lost(String what, IOException e) {
        return new AltoException(ErrorCode.PROVIDER_ERROR, "QmpClosed", "QEMU's monitor at " + socket
                + " went away during " + what + " (or did not answer in time): " + e.getMessage(), e);
    }

    private AltoException protocolError(String detail) {
        return new AltoException(ErrorCode.PROVIDER_ERROR, "QmpProtocol", "QEMU's monitor at " + socket + ": "
                + detail);
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        closeQuietly();
    }
}
