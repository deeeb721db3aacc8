package io.altostratus.gateway.gce;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls, for what the official client hides (status codes, error documents, auth headers). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json) {
        String reason() {
            return json.at("/error/errors/0/reason").asText();
        }
    }

    private Http() {
    }

    static Answer call(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), WireShapes.parse(response.body()));
    }

    static String instance(String name, String zone, String type) {
        return "{\"name\":\"" + name + "\",\"machineType\":\"zones/" + zone + "/machineTypes/" + type + "\","
                + "\"disks\":[{\"boot\":true,\"initializeParams\":{\"sourceImage\":"
                + "\"projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64\"}}]}";
    }
}
