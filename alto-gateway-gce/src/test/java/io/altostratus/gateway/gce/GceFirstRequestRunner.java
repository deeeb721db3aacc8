package io.altostratus.gateway.gce;

import io.altostratus.gateway.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Prints how long the front's first requests take on a fresh JVM, with or without
 * {@link GceFront#warmInBackground()} having run: {@code java ... GceFirstRequestRunner cold|warm}. Run each mode in
 * its own JVM (the costs are one-time). Not a test: figures, not assertions.
 *
 * <p>Requests go through the JDK's HTTP client, not Google's: Google's client would load the same message classes
 * in this JVM and hide the cost being measured. The HTTP client is itself warmed on a non-GCE path first.
 */
public final class GceFirstRequestRunner {
    private GceFirstRequestRunner() {
    }

    public static void main(String[] args) throws Exception {
        boolean warm = args.length > 0 && args[0].equals("warm");
        long started = System.nanoTime();
        try (GceEndpoint endpoint = new GceEndpoint(AuthMode.PERMISSIVE)) {
            System.out.printf("mode=%s endpoint up in %d ms%n", warm ? "warm" : "cold", ms(started));
            HttpClient http = HttpClient.newHttpClient();
            send(http, "GET", endpoint.endpoint() + "/healthz", null);
            // The backend's first session is not the front's cost; open it through a non-protobuf path (an
            // error answer) so both modes start from the same backend state.
            send(http, "GET", endpoint.base() + "/zones/us-central1-a/instances/nobody", null);
            if (warm) {
                long w = System.nanoTime();
                endpoint.front.warmInBackground().join();
                System.out.printf("warm-up thread took %d ms%n", ms(w));
            }
            time(http, "first  GET instances.list", "GET", endpoint.base() + "/zones/us-central1-a/instances", null);
            time(http, "second GET instances.list", "GET", endpoint.base() + "/zones/us-central1-a/instances", null);
            time(http, "first  POST instances.insert", "POST", endpoint.base() + "/zones/us-central1-a/instances",
                    Http.instance("runner-1", "us-central1-a", "e2-small"));
            time(http, "second POST instances.insert", "POST", endpoint.base() + "/zones/us-central1-a/instances",
                    Http.instance("runner-2", "us-central1-a", "e2-small"));
            time(http, "first  GET images.list", "GET", endpoint.endpoint()
                    + "/compute/v1/projects/ubuntu-os-cloud/global/images", null);
        }
    }

    private static void time(HttpClient http, String what, String method, String url, String body) throws Exception {
        long t = System.nanoTime();
        int status = send(http, method, url, body);
        System.out.printf("%-30s %5d ms (HTTP %d)%n", what, ms(t), status);
    }

    private static int send(HttpClient http, String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
