package io.altostratus.vsphere;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vim25 endpoint that answers each SOAP method with canned answers (recorded responses, or ones a test writes
 * where no recording exists), in order; the last answer of a method repeats. Records the methods called and the
 * SOAPAction headers, so tests can check what the client sent.
 */
final class FakeVim implements AutoCloseable {
    private static final Pattern METHOD = Pattern.compile("<soapenv:Body><(\\w+)");

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedDeque<Answer>> answers = new ConcurrentHashMap<>();
    final List<String> methods = Collections.synchronizedList(new ArrayList<>());
    final List<String> actions = Collections.synchronizedList(new ArrayList<>());
    /** The request bodies, in order, beside {@link #methods}. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    FakeVim() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sdk", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = METHOD.matcher(request);
            String method = m.find() ? m.group(1) : "?";
            methods.add(method);
            requests.add(request);
            actions.add(exchange.getRequestHeaders().getFirst("SOAPAction"));
            ConcurrentLinkedDeque<Answer> queue = answers.get(method);
            Answer a = queue == null ? new Answer(500, fault("MethodNotFound", "no answer for " + method))
                    : queue.size() > 1 ? queue.poll() : queue.peek();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.getResponseHeaders().add("Set-Cookie", "vmware_soap_session=\"fake\"; Path=/; HttpOnly");
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sdk";
    }

    FakeVim answer(String method, int status, String body) {
        answers.computeIfAbsent(method, k -> new ConcurrentLinkedDeque<>()).add(new Answer(status, body));
        return this;
    }

    /** A body inside a SOAP envelope, as servers send it. */
    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
                + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    static String fault(String type, String message) {
        return envelope("<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>" + message
                + "</faultstring><detail><" + type + "Fault xmlns=\"urn:vim25\" xsi:type=\"" + type + "\"/>"
                + "</detail></soapenv:Fault>");
    }

    /** The body of the last request of that method, or null. */
    String lastRequest(String method) {
        synchronized (methods) {
            for (int i = methods.size() - 1; i >= 0; i--) {
                if (methods.get(i).equals(method)) {
                    return requests.get(i);
                }
            }
        }
        return null;
    }

    long count(String method) {
        return methods.stream().filter(method::equals).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
