package io.altostratus.gateway.http.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.decorate.InjectedFault;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Authenticator;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.gateway.http.Call;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.ResponseBody;
import io.altostratus.gateway.http.StsCallerIdentity;
import io.altostratus.gateway.http.WireError;
import io.altostratus.gateway.metrics.RequestLabels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The whole HTTP front in one place: routes the gateway's own endpoints, reads and bounds the body, parses
 * parameters, authenticates, hands the call to the dispatcher, and maps every failure to EC2's XML error document.
 */
public final class Ec2HttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("io.altostratus.gateway.http");
    private static final byte[] EMPTY = new byte[0];
    private static final Map<String, List<String>> NO_PARAMS = Map.of();

    /** What the handler needs from the gateway. {@code resetHook} may be null (reset endpoints then answer 404). */
    public record Settings(ActionDispatcher dispatcher, Authenticator authenticator, Runnable resetHook,
                           Supplier<Map<String, Object>> health, long maxBodyBytes, int maxParameters) {
        public Settings {
            Objects.requireNonNull(dispatcher, "dispatcher");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(health, "health");
        }
    }

    /** Bodies up to this size are sent with a Content-Length; larger ones of unknown length are sent chunked. */
    static final int BUFFERED_BODY_BYTES = 64 * 1024;

    private record Response(int status, String contentType, ResponseBody body, boolean closeConnection) {
        Response(int status, String contentType, byte[] body, boolean closeConnection) {
            this(status, contentType, ResponseBody.of(body), closeConnection);
        }

        static Response xml(int status, byte[] body) {
            return new Response(status, Responses.XML, body, false);
        }

        static Response xml(int status, ResponseBody body) {
            return new Response(status, Responses.XML, body, false);
        }
    }

    /** A streamed body failed after the status line was sent: the connection must be cut, not ended cleanly. */
    private static final class Abandoned extends IOException {
        private static final long serialVersionUID = 1L;

        Abandoned(Throwable cause) {
            super("response abandoned mid-body", cause);
        }
    }

    /** A body too large to accept; {@code drained} says whether the rest was read so the connection can be reused. */
    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean drained;

        BodyTooLarge(boolean drained) {
            super(null, null, false, false);
            this.drained = drained;
        }
    }

    private final Settings settings;

    public Ec2HttpHandler(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        RequestLabels.requestId(requestId);
        try {
            Response response;
            try {
                response = route(exchange, requestId);
            } catch (BodyTooLarge e) {
                response = new Response(413, Responses.XML, Responses.errorXml(
                        WireError.REQUEST_ENTITY_TOO_LARGE.code(), "The request body is larger than the "
                                + settings.maxBodyBytes() + " bytes this gateway accepts.", requestId), !e.drained);
            } catch (Ec2WireException e) {
                response = Response.xml(e.httpStatus(), Responses.errorXml(e.code(), e.getMessage(), requestId));
            } catch (Throwable e) {
                // Our own bug or a backend fault: the client still gets EC2's XML, the log gets the details.
                LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed unexpectedly", e);
                Ec2WireException internal = Ec2WireException.internal(e);
                response = Response.xml(internal.httpStatus(),
                        Responses.errorXml(internal.code(), internal.getMessage(), requestId));
            }
            send(exchange, response, requestId);
        } catch (Abandoned e) {
            // Closing the exchange would end a chunked body cleanly and make the cut document look complete; leaving
            // it open and failing the handler makes the JDK server drop the connection instead.
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + ": the answer failed while being sent",
                    e.getCause());
            throw new IllegalStateException(e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "request " + requestId + ": client went away: " + e);
        }
        exchange.close();
    }

    private Response route(HttpExchange exchange, String requestId) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path == null || path.isEmpty() || path.equals("/")) {
            if (!method.equals("GET") && !method.equals("POST")) {
                throw methodNotAllowed(method, "/", "GET or POST");
            }
            return ec2(exchange, method, path == null ? "" : path, requestId);
        }
        switch (path) {
            case "/_alto/health" -> {
                RequestLabels.api("alto");
                RequestLabels.action("health");
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw methodNotAllowed(method, path, "GET");
                }
                return new Response(200, Responses.JSON, Responses.json(settings.health().get()), false);
            }
            case "/_alto/reset", "/moto-api/reset" -> {
                RequestLabels.api("alto");
                RequestLabels.action("reset");
                if (!method.equals("POST")) {
                    throw methodNotAllowed(method, path, "POST");
                }
                if (settings.resetHook() == null) {
                    throw Ec2WireException.of(WireError.NOT_FOUND, "Reset is not enabled on this gateway.");
                }
                readBody(exchange);
                settings.resetHook().run();
                LOG.log(System.Logger.Level.INFO, "request " + requestId + ": state reset through " + path);
                return new Response(200, Responses.JSON, Responses.json(Map.of("status", "ok")), false);
            }
            default -> throw Ec2WireException.of(WireError.NOT_FOUND,
                    "Nothing is served at this path: send EC2 Query requests to /.");
        }
    }

    private Response ec2(HttpExchange exchange, String method, String rawPath, String requestId) throws IOException {
        byte[] body = readBody(exchange);
        Headers rawHeaders = exchange.getRequestHeaders();
        Map<String, List<String>> headers = new HashMap<>(rawHeaders.size() * 2);
        rawHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));

        QueryStrings.Budget budget = new QueryStrings.Budget(settings.maxParameters());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> query = rawQuery == null || rawQuery.isEmpty()
                ? NO_PARAMS : QueryStrings.parse(rawQuery.getBytes(StandardCharsets.UTF_8), budget);
        Map<String, List<String>> form = NO_PARAMS;
        if (method.equals("POST") && body.length > 0) {
            List<String> contentType = headers.get("content-type");
            if (contentType != null && !isForm(contentType.get(0))) {
                throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Content-Type " + contentType.get(0)
                        + " is not supported: EC2 Query requests are application/x-www-form-urlencoded.");
            }
            form = QueryStrings.parse(body, budget);
        }

        if (StsCallerIdentity.ACTION.equals(first(form.getOrDefault("Action", query.get("Action"))))) {
            // STS's clients read STS's error document, not EC2's.
            try {
                return answer(exchange, method, rawPath, requestId, body, headers, query, form);
            } catch (Ec2WireException e) {
                return Response.xml(e.httpStatus(), StsCallerIdentity.errorXml(e.code(), e.getMessage(), requestId));
            }
        }
        return answer(exchange, method, rawPath, requestId, body, headers, query, form);
    }

    private Response answer(HttpExchange exchange, String method, String rawPath, String requestId, byte[] body,
                            Map<String, List<String>> headers, Map<String, List<String>> query,
                            Map<String, List<String>> form) {
        Caller caller;
        try {
            caller = settings.authenticator().authenticate(
                    new IncomingRequest(method, rawPath, headers, query, form, body));
        } catch (AuthException e) {
            throw Ec2WireException.of(e.error().code(), e.getMessage());
        }
        RequestLabels.account(caller.account());

        Map<String, List<String>> params = operationParameters(query, form);
        String action = first(params.get("Action"));
        if (action == null || action.isEmpty()) {
            throw Ec2WireException.of(WireError.MISSING_ACTION, "The request must contain the parameter Action");
        }
        RequestLabels.action(action);
        Call call = new Call(requestId, caller.account(), caller.accessKeyId(), caller.region(), action,
                first(params.get("Version")), params);
        ResponseBody answer;
        try {
            answer = settings.dispatcher().respond(call);
        } catch (AltoException e) {
            Ec2WireException wire = Ec2WireException.from(e);
            // A fault the user asked to inject is the gateway working as meant, not something to look into.
            if (wire.httpStatus() == 500 && !(e instanceof InjectedFault)) {
                LOG.log(System.Logger.Level.ERROR, "request " + requestId + " (" + action + ") failed", e);
            }
            throw wire;
        } catch (Ec2WireException e) {
            // Throttling (503) is the backend working as meant; a 500 is a fault someone must look at.
            if (e.httpStatus() == 500) {
                LOG.log(System.Logger.Level.ERROR, "request " + requestId + " (" + action + ") failed", e);
            }
            throw e;
        }
        if (answer == null) {
            throw new IllegalStateException("the dispatcher answered " + action + " with no body");
        }
        return Response.xml(200, answer);
    }

    /** The query then the form parameters, without the signature's own. */
    private static Map<String, List<String>> operationParameters(Map<String, List<String>> query,
                                                                 Map<String, List<String>> form) {
        Map<String, List<String>> params = new LinkedHashMap<>(Math.max(16, (query.size() + form.size()) * 2));
        for (Map<String, List<String>> source : List.of(query, form)) {
            source.forEach((name, values) -> {
                if (!Authenticator.SIGNATURE_PARAMETERS.contains(name)) {
                    List<String> merged = params.get(name);
                    if (merged == null) {
                        params.put(name, values);
                    } else {
                        List<String> both = new ArrayList<>(merged);
                        both.addAll(values);
                        params.put(name, both);
                    }
                }
            });
        }
        return params;
    }

    private static boolean isForm(String contentType) {
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    /** Reads the body, refusing more than the limit; what is over the limit is read and dropped up to a cap. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        long max = settings.maxBodyBytes();
        InputStream in = exchange.getRequestBody();
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader != null) {
            long length;
            try {
                length = Long.parseLong(lengthHeader.strip());
            } catch (NumberFormatException e) {
                throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, "Content-Length is not a number.");
            }
            if (length == 0) {
                return EMPTY;
            }
            if (length > max) {
                throw new BodyTooLarge(drain(in, max));
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("body ended after " + body.length + " of " + length + " bytes");
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > max) {
                throw new BodyTooLarge(drain(in, max));
            }
            out.write(buffer, 0, n);
        }
        return out.size() == 0 ? EMPTY : out.toByteArray();
    }

    /**
     * Reads and drops the rest of an oversized body, so the client that is still sending it can read our 413 and
     * keep its connection; beyond {@code max} plus 64 MiB it is cheaper to close the connection.
     */
    private static boolean drain(InputStream in, long max) throws IOException {
        long cap = max + 64L * 1024 * 1024;
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > cap) {
                return false;
            }
        }
        return true;
    }

    private static Ec2WireException methodNotAllowed(String method, String path, String allowed) {
        return Ec2WireException.of(WireError.METHOD_NOT_ALLOWED,
                "The method " + method + " is not allowed on " + path + ": use " + allowed + ".");
    }

    private void send(HttpExchange exchange, Response response, String requestId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("x-amzn-RequestId", requestId);
        if (response.closeConnection()) {
            headers.set("Connection", "close");
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        ResponseBody body = response.body();
        long length = body.length();
        if (length >= 0) {
            exchange.sendResponseHeaders(response.status(), head || length == 0 ? -1 : length);
            if (!head && length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.writeTo(out);
                }
            }
            return;
        }
        // HEAD is only served by the health endpoint, whose body has a known length.
        StreamedBody out = new StreamedBody(exchange, response.status());
        try {
            body.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            if (out.committed()) {
                throw new Abandoned(e);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            // Nothing sent yet: the client gets EC2's XML for an internal error, as for any other fault.
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed while encoding its answer", e);
            Ec2WireException internal = Ec2WireException.internal(e);
            send(exchange, Response.xml(internal.httpStatus(),
                    Responses.errorXml(internal.code(), internal.getMessage(), requestId)), requestId);
            return;
        }
        out.finish();
    }

    /**
     * The response stream of a body of unknown length: holds the first {@link #BUFFERED_BODY_BYTES} so that a small
     * answer goes out with a Content-Length in one write, and once the body outgrows that, sends the status line
     * with chunked transfer encoding and passes everything on as it comes.
     */
    private static final class StreamedBody extends OutputStream {
        private final HttpExchange exchange;
        private final int status;
        private byte[] held = new byte[1024];
        private int count;
        private OutputStream wire;

        StreamedBody(HttpExchange exchange, int status) {
            this.exchange = exchange;
            this.status = status;
        }

        boolean committed() {
            return wire != null;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (wire != null) {
                wire.write(b, off, len);
                return;
            }
            if (count + len <= BUFFERED_BODY_BYTES) {
                if (count + len > held.length) {
                    held = java.util.Arrays.copyOf(held, Math.min(BUFFERED_BODY_BYTES,
                            Math.max(held.length * 2, count + len)));
                }
                System.arraycopy(b, off, held, count, len);
                count += len;
                return;
            }
            exchange.sendResponseHeaders(status, 0);
            wire = exchange.getResponseBody();
            wire.write(held, 0, count);
            held = null;
            wire.write(b, off, len);
        }

        /** Sends what is held with its length, or ends the chunked body. */
        void finish() throws IOException {
            if (wire == null) {
                exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
                wire = exchange.getResponseBody();
                if (count > 0) {
                    wire.write(held, 0, count);
                }
            }
            wire.close();
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
