package io.altostratus.gateway.pve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A PVE front over the local cloud with the shipped AWS catalog (region us-east-1: nodes us-east-1a...), two
 * templates over {@code ubuntu:24.04} (9000 with the guest agent, 9001 without), and a JDK client speaking PVE's
 * form-encoded requests.
 */
final class PveEndpoint implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int AGENT_TEMPLATE = 9000;
    static final int NO_AGENT_TEMPLATE = 9001;

    record Answer(int status, JsonNode body) {
        JsonNode data() {
            return body.get("data");
        }
    }

    final PveFront front;
    final Gateway gateway;
    final String node;
    private final HttpClient http = HttpClient.newHttpClient();
    String authorization;

    PveEndpoint(AuthMode mode, Duration bootDelay) {
        front = PveFront.builder(LocalProviderFactory.withCatalog(Catalogs.aws()))
                .context(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "30"), null))
                .template(PveTemplate.of(AGENT_TEMPLATE, "ubuntu-2404-tpl", "ubuntu:24.04", true))
                .template(PveTemplate.of(NO_AGENT_TEMPLATE, "ubuntu-2404-noagent", "ubuntu:24.04", false))
                .agentBootDelay(bootDelay)
                .authMode(mode).build();
        gateway = front.mountOn(Gateway.builder().port(0).authMode(AuthMode.PERMISSIVE).dispatcher(call -> {
            throw new IllegalStateException("no EC2 calls here");
        })).start();
        node = firstNode(mode);
    }

    private String firstNode(AuthMode mode) {
        if (mode == AuthMode.STRICT) {
            String token = "root@pam!setup=first-node";
            front.tokens().register("default", token);
            authorization = "PVEAPIToken=" + token;
        }
        String first = get("/nodes").data().get(0).get("node").asText();
        authorization = null;
        return first;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Map<String, String> form) {
        return send("POST", path, form);
    }

    Answer put(String path, Map<String, String> form) {
        return send("PUT", path, form);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, Map<String, String> form) {
        String body = form == null ? "" : form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/api2/json" + path)).method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String vm(int vmid) {
        return "/nodes/" + node + "/qemu/" + vmid;
    }

    /** Polls a task until it stops (tasks run in the background); answers its final status. */
    JsonNode awaitTask(String upid) {
        String path = "/nodes/" + upid.split(":")[1] + "/tasks/" + enc(upid) + "/status";
        for (int i = 0; i < 2000; i++) {
            JsonNode status = get(path).data();
            if (status.get("status").asText().equals("stopped")) {
                return status;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task never stopped: " + upid);
    }

    /** Runs a mutating call and waits for its task to end OK. */
    JsonNode ok(Answer answer) {
        if (answer.status() != 200) {
            throw new AssertionError("call failed: " + answer);
        }
        JsonNode status = awaitTask(answer.data().asText());
        if (!status.get("exitstatus").asText().equals("OK")) {
            throw new AssertionError("task failed: " + status);
        }
        return status;
    }

    int cloneTemplate(int template, int newid, String name) {
        ok(post(vm(template) + "/clone", Map.of("newid", Integer.toString(newid), "name", name, "full", "1")));
        return newid;
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
    }
}
