package io.altostratus.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Our stand-in for Lambda's API on a loopback port: {@code GET /api/v1/instance-types} answers with a status and
 * body the test sets, and every call's {@code Authorization} header is kept. No recorded real answer exists; the
 * fixture ({@code instance-types.json}) is ours, built from the shape Lambda documents.
 */
final class FakeLambdaApi implements AutoCloseable {
    private final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = fixture();
    /** Answers given once each, in order, before the standing one. */
    private final java.util.Queue<String[]> once = new java.util.concurrent.ConcurrentLinkedQueue<>();

    FakeLambdaApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            boolean known = "GET".equals(exchange.getRequestMethod())
                    && LambdaApi.INSTANCE_TYPES.equals(exchange.getRequestURI().getPath());
            String[] next = known ? once.poll() : null;
            int code = !known ? 404 : next != null ? Integer.parseInt(next[0]) : status;
            byte[] bytes = (!known ? error("global/object-does-not-exist", "Not found", null)
                    : next != null ? next[1] : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Scheme, host and port, as an {@code --endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next call alone gets this answer (queued after any such answers already set). */
    void answerOnce(int status, String body) {
        once.add(new String[] {Integer.toString(status), body});
    }

    /** Every call from now on gets this answer. */
    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** Lambda's documented error body. */
    static String error(String code, String message, String suggestion) {
        return "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message + "\""
                + (suggestion == null ? "" : ", \"suggestion\": \"" + suggestion + "\"") + "}}";
    }

    static String fixture() {
        try (InputStream in = FakeLambdaApi.class.getResourceAsStream("instance-types.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
