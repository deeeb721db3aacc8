package io.altostratus.azure.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.altostratus.gateway.arm.prices.RetailPricesFront;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * An ARM endpoint for the refresh tests, in-process on the JDK server: subscription locations (two physical, one
 * logical), resource SKUs per location in pages of {@value #SKU_PAGE} with {@code nextLink} (eastus: the sizes of
 * the recorded {@code vmSizes} list, in zones 1-3, with a zone and a location restriction added; westus: Microsoft's
 * documented resourceSkus example), image versions per series, and our {@link RetailPricesFront} in pages of
 * {@value #PRICE_PAGE} at {@code /api/retail/prices}. Counts the requests of each kind.
 */
final class FakeArm implements AutoCloseable {
    static final Path WIRE = Path.of("/work/shared/data/wire/azure");
    static final Path SKUS_EXAMPLE = WIRE.resolve("resourceSkus_list_docexample.json");
    static final Path VM_SIZES = WIRE.resolve("vmSizes_list_eastus.json.gz");
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000abcd";
    static final int SKU_PAGE = 100;
    static final int PRICE_PAGE = 100;
    /** Listed in every series, newest last by number but not by text. */
    static final List<String> VERSIONS = List.of("0.20240904.1867", "0.20241004.1888", "0.20241004.999");
    static final String NEWEST = "0.20241004.1888";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SKUS = Pattern.compile("/subscriptions/[^/]+/providers/Microsoft\\.Compute/skus");
    private static final Pattern VERSIONS_PATH = Pattern.compile("/subscriptions/[^/]+/providers/Microsoft\\.Compute"
            + "/locations/([^/]+)/publishers/([^/]+)/artifacttypes/vmimage/offers/([^/]+)/skus/([^/]+)/versions");

    private final HttpServer server;
    private final Map<String, List<JsonNode>> skusByLocation = new LinkedHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> pricePages = new ConcurrentHashMap<>();
    /** Requests of a kind still to be refused with 429 before one is answered. */
    final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();

    FakeArm() throws IOException {
        skusByLocation.put("eastus", eastusSkus());
        skusByLocation.put("westus", westusSkus());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/subscriptions/", this::arm);
        var front = RetailPricesFront.builder().pageSize(PRICE_PAGE).build().handler();
        server.createContext(RetailPricesFront.PATH, exchange -> {
            count("prices");
            if (throttled("prices")) {
                refuse(exchange, "{\"Error\":{\"Code\":\"TooManyRequests\",\"Message\":\"Too many requests\"}}");
                return;
            }
            String filter = query(exchange.getRequestURI().getRawQuery()).getOrDefault("$filter", "");
            Matcher m = Pattern.compile("armRegionName eq '([^']+)'").matcher(filter);
            if (m.find()) {
                pricePages.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
            }
            front.handle(exchange);
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int count(String kind) {
        return requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    int requests(String kind) {
        AtomicInteger n = requests.get(kind);
        return n == null ? 0 : n.get();
    }

    int total() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many SKU pages a location's list takes. */
    int skuPages(String location) {
        return Math.max(1, (skusByLocation.get(location).size() + SKU_PAGE - 1) / SKU_PAGE);
    }

    List<JsonNode> skus(String location) {
        return skusByLocation.get(location);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void arm(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            JsonNode body;
            int status = 200;
            Matcher versions = VERSIONS_PATH.matcher(path);
            if (path.equals("/subscriptions/" + SUBSCRIPTION + "/locations")) {
                count("locations");
                body = locations();
            } else if (SKUS.matcher(path).matches()) {
                count("skus");
                if (throttled("skus")) {
                    refuse(exchange, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many"
                            + " requests, retry later\"}}");
                    return;
                }
                Matcher m = Pattern.compile("location eq '([^']+)'").matcher(query.getOrDefault("$filter", ""));
                String location = m.find() ? m.group(1) : "";
                List<JsonNode> all = skusByLocation.getOrDefault(location, List.of());
                int from = Integer.parseInt(query.getOrDefault("page", "0")) * SKU_PAGE;
                ObjectNode page = JSON.createObjectNode();
                ArrayNode value = page.putArray("value");
                all.subList(Math.min(from, all.size()), Math.min(from + SKU_PAGE, all.size())).forEach(value::add);
                if (from + SKU_PAGE < all.size()) {
                    page.put("nextLink", url() + path + "?api-version=" + query.get("api-version") + "&$filter="
                            + encode(query.get("$filter")) + "&page=" + (from / SKU_PAGE + 1));
                }
                body = page;
            } else if (versions.matches()) {
                count("images");
                ArrayNode list = JSON.createArrayNode();
                for (String v : VERSIONS) {
                    list.addObject().put("location", versions.group(1)).put("name", v)
                            .put("id", "/Subscriptions/" + SUBSCRIPTION + "/Providers/Microsoft.Compute/Locations/"
                                    + versions.group(1) + "/Publishers/" + versions.group(2)
                                    + "/ArtifactTypes/VMImage/Offers/" + versions.group(3) + "/Skus/"
                                    + versions.group(4) + "/Versions/" + v);
                }
                body = list;
            } else {
                count("unknown");
                status = 404;
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("code", "NotFound").put("message", "no such path " + path);
                body = error;
            }
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Refuses the next {@code times} requests of a kind with 429. */
    void throttle(String kind, int times) {
        throttle.put(kind, new AtomicInteger(times));
    }

    private boolean throttled(String kind) {
        AtomicInteger left = throttle.get(kind);
        return left != null && left.getAndDecrement() > 0;
    }

    private static void refuse(HttpExchange exchange, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Retry-After", "0");
            exchange.sendResponseHeaders(429, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static JsonNode locations() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode value = root.putArray("value");
        location(value, "eastus", "East US", "Physical");
        location(value, "westus", "West US", "Physical");
        location(value, "europe", "Europe", "Logical");
        return root;
    }

    private static void location(ArrayNode value, String name, String display, String type) {
        ObjectNode l = value.addObject();
        l.put("id", "/subscriptions/" + SUBSCRIPTION + "/locations/" + name);
        l.put("name", name);
        l.put("type", "Region");
        l.put("displayName", display);
        l.put("regionalDisplayName", display);
        l.putObject("metadata").put("regionType", type).put("regionCategory", "Recommended");
    }

    /** Microsoft's documented example: two westus sizes, Standard_A0 in zones 2 and 1, Standard_A1 in 1-3. */
    private static List<JsonNode> westusSkus() throws IOException {
        JsonNode example = JSON.readTree(SKUS_EXAMPLE.toFile());
        List<JsonNode> out = new ArrayList<>();
        example.path("responses").path("200").path("body").path("value").forEach(out::add);
        return out;
    }

    /**
     * The recorded eastus vmSizes as resource SKUs in zones 1-3; Standard_B2s restricted in zone 3, Standard_D2s_v3
     * not available to the subscription; an arm64 size and a disk SKU (not a VM) added.
     */
    private static List<JsonNode> eastusSkus() throws IOException {
        JsonNode recording;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(VM_SIZES))) {
            recording = JSON.readTree(in);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode size : recording.path("response").path("body").path("value")) {
            String name = size.get("name").asText();
            ObjectNode sku = sku(name, size.get("numberOfCores").asInt(), size.get("memoryInMB").asDouble() / 1024,
                    size.get("resourceDiskSizeInMB").asLong(), name.startsWith("Standard_B") ? "standardBSFamily"
                            : "standardFamily", "x64");
            if (name.equals("Standard_B2s")) {
                ObjectNode r = sku.putArray("restrictions").addObject();
                r.put("type", "Zone");
                r.putArray("values").add("eastus");
                ObjectNode info = r.putObject("restrictionInfo");
                info.putArray("locations").add("eastus");
                info.putArray("zones").add("3");
                r.put("reasonCode", "NotAvailableForSubscription");
            }
            if (name.equals("Standard_D2s_v3")) {
                ObjectNode r = sku.putArray("restrictions").addObject();
                r.put("type", "Location");
                r.putArray("values").add("eastus");
                r.putObject("restrictionInfo").putArray("locations").add("eastus");
                r.put("reasonCode", "NotAvailableForSubscription");
            }
            out.add(sku);
        }
        out.add(sku("Standard_D2ps_v5", 2, 8, 0, "standardDPSv5Family", "Arm64"));
        ObjectNode disk = JSON.createObjectNode();
        disk.put("resourceType", "disks").put("name", "Premium_LRS").put("tier", "Premium");
        disk.putArray("locations").add("eastus");
        out.add(disk);
        return out;
    }

    private static ObjectNode sku(String name, int vcpus, double memoryGb, long resourceDiskMb, String family,
                                  String arch) {
        ObjectNode sku = JSON.createObjectNode();
        sku.put("resourceType", "virtualMachines");
        sku.put("name", name);
        sku.put("tier", "Standard");
        sku.put("size", name.substring(name.indexOf('_') + 1));
        sku.put("family", family);
        sku.putArray("locations").add("eastus");
        ObjectNode info = sku.putArray("locationInfo").addObject();
        info.put("location", "eastus");
        info.putArray("zones").add("1").add("2").add("3");
        ArrayNode caps = sku.putArray("capabilities");
        caps.addObject().put("name", "vCPUs").put("value", Integer.toString(vcpus));
        caps.addObject().put("name", "MemoryGB").put("value", trim(memoryGb));
        caps.addObject().put("name", "MaxResourceVolumeMB").put("value", Long.toString(resourceDiskMb));
        caps.addObject().put("name", "CpuArchitectureType").put("value", arch);
        sku.putArray("restrictions");
        return sku;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            String[] kv = part.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }
}
