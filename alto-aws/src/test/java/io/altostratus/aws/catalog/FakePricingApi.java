package io.altostratus.aws.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the AWS Price List Query API on a loopback port: GetProducts over the awsJson1.1 protocol
 * ({@code X-Amz-Target: AWSPriceListService.GetProducts}), answering {@code FormatVersion}, {@code PriceList} (each
 * entry a JSON document as a string) and {@code NextToken}, errors as {@code {"__type": ..., "Message": ...}}, as the
 * API reference documents them. Pages hold {@link #PAGE} products whatever MaxResults asks, so a handful of
 * products takes several pages. Faults per region: the first n requests throttled, or every request refused.
 */
final class FakePricingApi implements AutoCloseable {
    static final int PAGE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, List<String>> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    FakePricingApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds a Linux on-demand product of {@code type} in {@code region} at {@code usd} per hour. */
    FakePricingApi product(String region, String type, String usd) {
        documents.computeIfAbsent(region, k -> new CopyOnWriteArrayList<>()).add(document(region, type, usd));
        return this;
    }

    /** The region's first {@code n} requests answer ThrottlingException. */
    FakePricingApi throttle(String region, int n) {
        throttles.put(region, new AtomicInteger(n));
        return this;
    }

    /** Every request about the region answers this (non-retryable) error. */
    FakePricingApi refuse(String region, String errorType) {
        refusals.put(region, errorType);
        return this;
    }

    int requests(String region) {
        AtomicInteger n = requests.get(region);
        return n == null ? 0 : n.get();
    }

    /** Pages a region's products take. */
    int pages(String region) {
        int n = documents.getOrDefault(region, List.of()).size();
        return Math.max(1, (n + PAGE - 1) / PAGE);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"AWSPriceListService.GetProducts".equals(target)) {
                send(exchange, 400, error("InvalidParameterException", "unexpected target " + target));
                return;
            }
            String region = null;
            for (JsonNode f : body.path("Filters")) {
                if ("regionCode".equals(f.path("Field").asText())) {
                    region = f.path("Value").asText();
                }
            }
            requests.computeIfAbsent(String.valueOf(region), k -> new AtomicInteger()).incrementAndGet();
            AtomicInteger throttle = throttles.get(region);
            if (throttle != null && throttle.getAndDecrement() > 0) {
                send(exchange, 400, error("ThrottlingException", "Rate exceeded"));
                return;
            }
            if (refusals.containsKey(region)) {
                send(exchange, 400, error(refusals.get(region), "refused for " + region));
                return;
            }
            List<String> all = documents.getOrDefault(region, List.of());
            int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
            int to = Math.min(all.size(), from + PAGE);
            ObjectNode out = JSON.createObjectNode();
            out.put("FormatVersion", "aws_v1");
            ArrayNode list = out.putArray("PriceList");
            all.subList(from, to).forEach(list::add);
            if (to < all.size()) {
                out.put("NextToken", Integer.toString(to));
            }
            send(exchange, 200, out);
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", type);
        e.put("Message", message);
        return e;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * One price-list document in the documented layout: {@code product} (sku, productFamily, attributes),
     * {@code serviceCode}, {@code terms} with an {@code OnDemand} offer whose price dimension is per {@code Hrs} and a
     * {@code Reserved} offer (an upfront fee per {@code Quantity}, which must not be taken for the hourly price),
     * {@code version} and {@code publicationDate}.
     */
    static String document(String region, String type, String usd) {
        String sku = Integer.toHexString((region + type).hashCode()).toUpperCase(java.util.Locale.ROOT);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode product = root.putObject("product");
        product.put("productFamily", "Compute Instance");
        product.put("sku", sku);
        ObjectNode a = product.putObject("attributes");
        a.put("servicecode", "AmazonEC2");
        a.put("instanceType", type);
        a.put("regionCode", region);
        a.put("location", "somewhere");
        a.put("operatingSystem", "Linux");
        a.put("preInstalledSw", "NA");
        a.put("tenancy", "Shared");
        a.put("capacitystatus", "Used");
        a.put("licenseModel", "No License required");
        a.put("operation", "RunInstances");
        a.put("marketoption", "OnDemand");
        a.put("usagetype", "BoxUsage:" + type);
        root.put("serviceCode", "AmazonEC2");
        ObjectNode terms = root.putObject("terms");
        ObjectNode onDemand = terms.putObject("OnDemand").putObject(sku + ".JRTCKXETXF");
        onDemand.put("offerTermCode", "JRTCKXETXF");
        onDemand.put("sku", sku);
        onDemand.put("effectiveDate", "2026-11-01T00:00:00Z");
        ObjectNode dim = onDemand.putObject("priceDimensions").putObject(sku + ".JRTCKXETXF.6YS6EN2CT7");
        dim.put("rateCode", sku + ".JRTCKXETXF.6YS6EN2CT7");
        dim.put("description", "$" + usd + " per On Demand Linux " + type + " Instance Hour");
        dim.put("unit", "Hrs");
        dim.put("beginRange", "0");
        dim.put("endRange", "Inf");
        dim.putArray("appliesTo");
        dim.putObject("pricePerUnit").put("USD", usd);
        onDemand.putObject("termAttributes");
        ObjectNode reserved = terms.putObject("Reserved").putObject(sku + ".38NPMPTW36");
        ObjectNode upfront = reserved.putObject("priceDimensions").putObject(sku + ".38NPMPTW36.2TG2D8R56U");
        upfront.put("unit", "Quantity");
        upfront.putObject("pricePerUnit").put("USD", "999");
        reserved.putObject("termAttributes").put("LeaseContractLength", "3yr");
        root.put("version", "20261101000000");
        root.put("publicationDate", "2026-11-01T00:00:00Z");
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The regions the fake was asked about, in request order. */
    List<String> askedRegions() {
        List<String> out = new ArrayList<>();
        for (JsonNode b : bodies) {
            for (JsonNode f : b.path("Filters")) {
                if ("regionCode".equals(f.path("Field").asText())) {
                    out.add(f.path("Value").asText());
                }
            }
        }
        return out;
    }
}
