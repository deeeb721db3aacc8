package io.altostratus.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One Proxmox VE API endpoint ({@code https://host:8006}) spoken to as {@code /api2/json}: form-encoded parameters,
 * answers wrapped in {@code {"data": ...}}, the API token in {@code Authorization: PVEAPIToken=...}. No retries here:
 * callers go through the retrier. A failure is a {@link PveException} carrying what Proxmox said.
 */
public final class PveClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param endpoint the cluster's API URL, with or without {@code /api2/json}
     * @param token    {@code USER@REALM!TOKENID=SECRET}
     */
    public PveClient(String endpoint, String token, SSLContext tls, Duration requestTimeout) {
        String e = Objects.requireNonNull(endpoint, "endpoint").strip();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        if (!e.endsWith("/api2/json")) {
            e = e + "/api2/json";
        }
        this.base = URI.create(e + "/");
        this.authorization = "PVEAPIToken=" + Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(15))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null, requestTimeout);
    }

    /** A GET that may take at most {@code timeout} (the guest agent's calls hang while no agent answers). */
    public JsonNode get(String path, Duration timeout) {
        return send("GET", path, null, timeout);
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode post(String path, Map<String, String> form) {
        return send("POST", path, form, requestTimeout);
    }

    /**
     * A multipart upload ({@code POST .../storage/{storage}/upload}): the fields, then the file as {@code filename}.
     */
    public JsonNode upload(String path, Map<String, String> fields, String filename, byte[] content) {
        return upload(path, fields, filename, HttpRequest.BodyPublishers.ofByteArray(content), requestTimeout);
    }

    /**
     * A multipart upload of a file, streamed from disk (cloud images run to gigabytes), that may take up to
     * {@code timeout}.
     */
    public JsonNode upload(String path, Map<String, String> fields, String filename, java.nio.file.Path file,
                           Duration timeout) {
        try {
            return upload(path, fields, filename, HttpRequest.BodyPublishers.ofFile(file), timeout);
        } catch (java.io.FileNotFoundException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode upload(String path, Map<String, String> fields, String filename,
                            HttpRequest.BodyPublisher content, Duration timeout) {
        String boundary = "alto-" + java.util.UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v)
                .append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"")
                .append(filename).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)), content,
                HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body), "POST", path, timeout);
    }

    public JsonNode put(String path, Map<String, String> form) {
        return send("PUT", path, form, requestTimeout);
    }

    public JsonNode delete(String path, Map<String, String> query) {
        return send("DELETE", path + queryString(query), null, requestTimeout);
    }

    /** One path segment, encoded (UPIDs hold colons; names may hold anything). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Map<String, String> form, Duration timeout) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(relative));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(formBody(form)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request, method, path, timeout);
    }

    private JsonNode send(HttpRequest.Builder request, String method, String path, Duration timeout) {
        request.timeout(timeout).header("Authorization", authorization).header("Accept", "application/json");
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PveException(PveException.NO_ANSWER, method + " " + path + ": no answer from " + base
                    + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveException(PveException.NO_ANSWER, method + " " + path + ": interrupted", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new PveException(response.statusCode(), errorText(response.statusCode(), body));
        }
        JsonNode data = body.get("data");
        return data == null ? NullNode.getInstance() : data;
    }

    /**
     * What a failed answer says. Proxmox puts its message in the status line's reason phrase, which the JDK client
     * does not expose, and (since PVE 6) also in the body's {@code message}; parameter errors come as {@code errors}
     * (parameter -> reason).
     */
    static String errorText(int status, JsonNode body) {
        StringBuilder out = new StringBuilder();
        JsonNode message = body.get("message");
        if (message != null && message.isTextual() && !message.asText().isBlank()) {
            out.append(message.asText().strip());
        }
        JsonNode errors = body.get("errors");
        if (errors != null && errors.isObject() && !errors.isEmpty()) {
            StringBuilder e = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                e.append(e.isEmpty() ? "" : "; ").append(entry.getKey()).append(": ")
                        .append(entry.getValue().asText().strip());
            }
            out.append(out.isEmpty() ? e.toString() : " (" + e + ")");
        }
        return out.isEmpty() ? "HTTP " + status : out.toString();
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", text.strip());
        }
    }

    static String formBody(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : new LinkedHashMap<>(form).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String queryString(Map<String, String> query) {
        String q = formBody(query);
        return q.isEmpty() ? "" : "?" + q;
    }
}
