package io.altostratus.vsphere.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One vim25 endpoint ({@code https://host/sdk}) over the JDK HTTP client: writes each call's envelope with StAX,
 * keeps the {@code vmware_soap_session} cookie, turns SOAP faults into {@link VimException}s named after the vim25
 * fault, and logs in again once when the server says the session is gone ({@code NotAuthenticated}), then repeats
 * the call. Counts the SOAP calls it makes, which is how tests and the benchmark show that a listing is one round.
 */
public final class VimClient {
    private static final String SOAPENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String VIM = "urn:vim25";
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    private final URI sdk;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong calls = new AtomicLong();
    private final java.util.Map<String, AtomicLong> callsByMethod = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String cookie;
    private volatile String apiVersion = "6.5";
    private volatile Runnable relogin;

    public VimClient(URI sdk, SSLContext tls, Duration timeout) {
        this.sdk = sdk;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(20))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI sdk() {
        return sdk;
    }

    /** SOAP calls made so far (each HTTP POST to /sdk, re-logins and retries included). */
    public long calls() {
        return calls.get();
    }

    /** SOAP calls of one method made so far, so a test can tell a listing's rounds from its per-object reads. */
    public long calls(String method) {
        AtomicLong n = callsByMethod.get(method);
        return n == null ? 0 : n.get();
    }

    /** The API version later calls ask for (from {@code about.apiVersion}), so answers use the host's types. */
    public void apiVersion(String version) {
        if (version != null && !version.isBlank()) {
            this.apiVersion = version;
        }
    }

    /** What to run when the server forgets the session: a login that sets a new cookie. */
    public void relogin(Runnable login) {
        this.relogin = login;
    }

    /** Logs in again (a property the server could not read for a session it forgot); false without a login. */
    public boolean reauthenticate() {
        Runnable login = relogin;
        if (login == null) {
            return false;
        }
        cookie = null;
        login.run();
        return true;
    }

    public void forgetSession() {
        cookie = null;
    }

    public boolean hasSession() {
        return cookie != null;
    }

    /**
     * Calls {@code method} on {@code self} with the arguments {@code args} writes, and returns the method's response
     * element ({@code <MethodResponse>}); its {@code returnval} children are the result.
     *
     * @throws VimException a fault (named as vSphere names it), an HTTP failure or no answer
     */
    public XmlNode call(String method, MoRef self, Consumer<SoapBody> args) {
        try {
            return once(method, self, args);
        } catch (VimException e) {
            Runnable login = relogin;
            if (!"NotAuthenticated".equals(e.fault()) || login == null || method.equals("Login")) {
                throw e;
            }
            cookie = null;
            login.run();
            return once(method, self, args);
        }
    }

    private XmlNode once(String method, MoRef self, Consumer<SoapBody> args) {
        byte[] envelope = envelope(method, self, args);
        HttpRequest.Builder request = HttpRequest.newBuilder(sdk).timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "urn:vim25/" + apiVersion)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        String session = cookie;
        if (session != null) {
            request.header("Cookie", session);
        }
        calls.incrementAndGet();
        callsByMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.ConnectException e) {
            throw new VimException(0, "Unreachable", method + ": cannot connect to " + sdk + ": " + e.getMessage(),
                    e);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new VimException(0, "UntrustedCertificate", method + ": " + sdk + " presented a certificate "
                    + "this client does not trust (" + e.getMessage() + "); pin it with fingerprint in [vsphere] "
                    + "(its SHA-256) or set insecure = true", e);
        } catch (IOException e) {
            // Sent, perhaps done: only a call that never reached the server is safe to repeat.
            throw new VimException(0, "ConnectionLost", method + ": the connection to " + sdk + " broke: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VimException(0, "Interrupted", method + ": interrupted", e);
        }
        response.headers().allValues("Set-Cookie").forEach(this::takeCookie);
        XmlNode root;
        try (InputStream body = response.body()) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200 && response.statusCode() != 500 || !type.contains("xml")) {
                String text = new String(body.readNBytes(2048), StandardCharsets.UTF_8).strip();
                throw new VimException(response.statusCode(), "Http" + response.statusCode(), method + ": HTTP "
                        + response.statusCode() + (text.isEmpty() ? "" : ": " + text), null);
            }
            root = XmlNode.parse(body);
        } catch (IOException e) {
            throw new VimException(0, "Unreachable", method + ": the answer broke off: " + e.getMessage(), e);
        }
        XmlNode bodyNode = root.child("Body");
        if (bodyNode == null || bodyNode.children().isEmpty()) {
            throw new VimException(response.statusCode(), "InvalidResponse", method + ": no SOAP body", null);
        }
        XmlNode answer = bodyNode.children().get(0);
        if (answer.name().equals("Fault")) {
            throw fault(method, response.statusCode(), answer);
        }
        return answer;
    }

    /** A SOAP fault as a {@link VimException} named after the vim25 fault type in its detail. */
    static VimException fault(String method, int status, XmlNode fault) {
        String message = fault.textAt("", "faultstring");
        XmlNode detail = fault.child("detail");
        String name = "ServerFault";
        if (detail != null && !detail.children().isEmpty()) {
            XmlNode first = detail.children().get(0);
            name = first.xsiType() != null ? first.xsiType()
                    : first.name().endsWith("Fault") ? first.name().substring(0, first.name().length() - 5)
                    : first.name();
        }
        return new VimException(status, name, method + ": " + name + (message.isBlank() ? "" : ": " + message), null);
    }

    private void takeCookie(String header) {
        String first = header.split(";", 2)[0].strip();
        if (first.startsWith("vmware_soap_session=")) {
            cookie = first;
        }
    }

    private static byte[] envelope(String method, MoRef self, Consumer<SoapBody> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("soapenv", "Envelope", SOAPENV);
            w.writeNamespace("soapenv", SOAPENV);
            w.writeNamespace("xsd", "http://www.w3.org/2001/XMLSchema");
            w.writeNamespace("xsi", SoapBody.XSI);
            w.writeStartElement("soapenv", "Body", SOAPENV);
            w.writeStartElement(method);
            w.writeDefaultNamespace(VIM);
            SoapBody body = new SoapBody(w);
            body.ref("_this", self);
            args.accept(body);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the " + method + " request", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Puts a file into a datastore over the host's {@code /folder} HTTP interface with this session's cookie:
     * {@code PUT https://host/folder/PATH?dcPath=DC&dsName=DS}.
     */
    public void upload(Path file, String datastorePath, String datacenter, String datastore) {
        URI target = sdk.resolve("/folder/" + encodePath(datastorePath) + "?dcPath=" + query(datacenter)
                + "&dsName=" + query(datastore));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/octet-stream");
        String session = cookie;
        if (session != null) {
            request.header("Cookie", session);
        }
        try {
            request.PUT(HttpRequest.BodyPublishers.ofFile(file));
            calls.incrementAndGet();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new VimException(response.statusCode(), response.statusCode() == 401 ? "NotAuthenticated"
                        : "Http" + response.statusCode(), "upload of " + datastorePath + " to [" + datastore
                        + "]: HTTP " + response.statusCode() + " " + response.body().strip(), null);
            }
        } catch (IOException e) {
            throw new VimException(0, "Unreachable", "upload of " + datastorePath + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VimException(0, "Interrupted", "upload interrupted", e);
        }
    }

    /**
     * Sends a stream-optimized VMDK to an NFC lease's device URL, the way vSphere's import takes disks: POST with
     * the {@code application/x-vnd.vmware-streamVmdk} type and this session's cookie. A URL whose host is
     * {@code *} (the server does not know its own name) is sent to this endpoint's host.
     */
    public void uploadToLease(String deviceUrl, Path file) {
        URI url = URI.create(deviceUrl.replace("://*/", "://" + sdk.getRawAuthority() + "/"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofHours(2))
                .header("Content-Type", "application/x-vnd.vmware-streamVmdk");
        String session = cookie;
        if (session != null) {
            request.header("Cookie", session);
        }
        try {
            request.POST(HttpRequest.BodyPublishers.ofFile(file));
            calls.incrementAndGet();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new VimException(response.statusCode(), "Http" + response.statusCode(), "disk upload to "
                        + url + ": HTTP " + response.statusCode() + " " + response.body().strip(), null);
            }
        } catch (IOException e) {
            throw new VimException(0, "ConnectionLost", "disk upload to " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VimException(0, "Interrupted", "upload interrupted", e);
        }
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
