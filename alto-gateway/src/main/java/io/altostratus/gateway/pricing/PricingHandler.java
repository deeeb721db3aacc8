package io.altostratus.gateway.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.altostratus.gateway.auth.AuthError;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Authenticator;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;
import io.altostratus.gateway.metrics.RequestLabels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP for the Price List front: reads the JSON 1.1 request, authenticates it (SigV4 scoped to {@code pricing}),
 * runs the operation named by {@code X-Amz-Target} and answers JSON, or the protocol's error document.
 */
final class PricingHandler implements HttpHandler {
    static final String TARGET_PREFIX = "AWSPriceListService.";
    static final String FORMAT_VERSION = "aws_v1";
    /** GetProducts' and the others' largest page, per the API reference. */
    static final int MAX_RESULTS = 100;
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(PricingHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PriceListProducts products;
    private final Authenticator authenticator;

    PricingHandler(PriceListProducts products, Authenticator authenticator) {
        this.products = products;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            RequestLabels.requestId(requestId);
            int status = 200;
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(answer(exchange));
            } catch (PricingError e) {
                status = e.status();
                body = error(e.type(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "price list request " + requestId + " failed", e);
                status = 500;
                body = error("InternalErrorException", "An internal error occurred.");
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private JsonNode answer(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Caller caller;
        try {
            caller = authenticator.authenticate(new IncomingRequest("POST", exchange.getRequestURI().getRawPath(),
                    headers, Map.of(), Map.of(), body));
        } catch (AuthException e) {
            throw new PricingError(authType(e.error()), e.error() == AuthError.AUTH_FAILURE ? 403 : 400,
                    e.getMessage());
        }
        RequestLabels.account(caller.account());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target.substring(TARGET_PREFIX.length());
        RequestLabels.action(operation);
        JsonNode request = parse(body);
        return switch (operation) {
            case "GetProducts" -> getProducts(request);
            case "DescribeServices" -> describeServices(request);
            case "GetAttributeValues" -> getAttributeValues(request);
            default -> throw new PricingError(PricingError.UNKNOWN_OPERATION, "Operation " + operation
                    + " is not served here: GetProducts, DescribeServices and GetAttributeValues are.");
        };
    }

    private JsonNode getProducts(JsonNode request) {
        String service = text(request, "ServiceCode");
        if (service == null) {
            throw new PricingError(PricingError.INVALID_PARAMETER, "ServiceCode is required.");
        }
        requireService(service);
        String format = text(request, "FormatVersion");
        if (format != null && !format.equals(FORMAT_VERSION)) {
            throw new PricingError(PricingError.INVALID_PARAMETER, "FormatVersion " + format
                    + " is not supported: use " + FORMAT_VERSION + ".");
        }
        List<Map.Entry<String, String>> filters = filters(request.path("Filters"));
        int max = maxResults(request);
        String fingerprint = "GetProducts|" + service + "|" + filters;
        int from = offset(text(request, "NextToken"), fingerprint);

        List<PriceListProduct> candidates = candidates(filters);
        ObjectNode out = JSON.createObjectNode();
        out.put("FormatVersion", FORMAT_VERSION);
        ArrayNode list = out.putArray("PriceList");
        int matched = 0;
        boolean more = false;
        for (PriceListProduct p : candidates) {
            if (!matches(p, filters)) {
                continue;
            }
            if (matched++ < from) {
                continue;
            }
            if (list.size() == max) {
                more = true;
                break;
            }
            list.add(p.document());
        }
        if (more) {
            out.put("NextToken", token(from + list.size(), fingerprint));
        }
        return out;
    }

    /** A regionCode filter narrows the scan to one region; otherwise every region is scanned. */
    private List<PriceListProduct> candidates(List<Map.Entry<String, String>> filters) {
        for (Map.Entry<String, String> f : filters) {
            if (f.getKey().equals("regionCode")) {
                return products.of(f.getValue());
            }
        }
        List<PriceListProduct> all = new ArrayList<>();
        for (String region : products.regions()) {
            all.addAll(products.of(region));
        }
        return all;
    }

    private static boolean matches(PriceListProduct p, List<Map.Entry<String, String>> filters) {
        for (Map.Entry<String, String> f : filters) {
            if (!f.getValue().equals(p.attributes().get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The TERM_MATCH (or EQUALS) filters as attribute name and value; field names are matched in any case. */
    private static List<Map.Entry<String, String>> filters(JsonNode filters) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (filters.isMissingNode() || filters.isNull()) {
            return out;
        }
        if (!filters.isArray()) {
            throw new PricingError(PricingError.INVALID_PARAMETER, "Filters must be a list.");
        }
        for (JsonNode f : filters) {
            String type = text(f, "Type");
            String field = text(f, "Field");
            String value = text(f, "Value");
            if (type == null || field == null || value == null) {
                throw new PricingError(PricingError.INVALID_PARAMETER,
                        "Each filter needs Type, Field and Value.");
            }
            if (!type.equals("TERM_MATCH") && !type.equals("EQUALS")) {
                throw new PricingError(PricingError.INVALID_PARAMETER, "Filter type " + type
                        + " is not supported here: use TERM_MATCH.");
            }
            String attribute = field;
            for (String known : PriceListProducts.ATTRIBUTE_NAMES) {
                if (known.equalsIgnoreCase(field)) {
                    attribute = known;
                }
            }
            out.add(Map.entry(attribute, value));
        }
        return out;
    }

    private JsonNode describeServices(JsonNode request) {
        String service = text(request, "ServiceCode");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode services = out.putArray("Services");
        if (service == null || service.equals(PriceListProducts.SERVICE_CODE)) {
            ObjectNode s = services.addObject();
            s.put("ServiceCode", PriceListProducts.SERVICE_CODE);
            PriceListProducts.ATTRIBUTE_NAMES.forEach(s.putArray("AttributeNames")::add);
        }
        out.put("FormatVersion", FORMAT_VERSION);
        return out;
    }

    private JsonNode getAttributeValues(JsonNode request) {
        String service = text(request, "ServiceCode");
        String attribute = text(request, "AttributeName");
        if (service == null || attribute == null) {
            throw new PricingError(PricingError.INVALID_PARAMETER, "ServiceCode and AttributeName are required.");
        }
        requireService(service);
        if (!PriceListProducts.ATTRIBUTE_NAMES.contains(attribute)) {
            throw new PricingError(PricingError.NOT_FOUND, "Attribute " + attribute + " does not exist for "
                    + service + ".");
        }
        int max = maxResults(request);
        String fingerprint = "GetAttributeValues|" + service + "|" + attribute;
        int from = offset(text(request, "NextToken"), fingerprint);
        List<String> values = products.values(attribute);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("AttributeValues");
        int to = Math.min(values.size(), from + max);
        for (String v : values.subList(Math.min(from, to), to)) {
            list.addObject().put("Value", v);
        }
        if (to < values.size()) {
            out.put("NextToken", token(to, fingerprint));
        }
        return out;
    }

    private static void requireService(String service) {
        if (!service.equals(PriceListProducts.SERVICE_CODE)) {
            throw new PricingError(PricingError.NOT_FOUND, "Service " + service
                    + " was not found: this endpoint prices " + PriceListProducts.SERVICE_CODE + " only.");
        }
    }

    private static int maxResults(JsonNode request) {
        JsonNode max = request.get("MaxResults");
        if (max == null || max.isNull()) {
            return MAX_RESULTS;
        }
        if (!max.canConvertToInt() || max.asInt() < 1 || max.asInt() > MAX_RESULTS) {
            throw new PricingError(PricingError.INVALID_PARAMETER, "MaxResults must be between 1 and "
                    + MAX_RESULTS + ", got " + max + ".");
        }
        return max.asInt();
    }

    /**
     * A page token: the offset and a hash of the query it belongs to, so a token is refused with another query
     * rather than silently paging the wrong list.
     */
    private static String token(int offset, String fingerprint) {
        String raw = offset + ":" + Integer.toHexString(fingerprint.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, String fingerprint) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(Integer.toHexString(fingerprint.hashCode()))) {
                int offset = Integer.parseInt(raw.substring(0, colon));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below (NumberFormatException is one too)
        }
        throw new PricingError(PricingError.INVALID_NEXT_TOKEN, "The pagination token is invalid.");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new PricingError(PricingError.SERIALIZATION, "The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new PricingError(PricingError.SERIALIZATION, "The request body is not JSON.");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new PricingError(PricingError.INVALID_PARAMETER, 413, "The request body is larger than "
                        + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    /** The JSON protocol's names of authentication failures. */
    private static String authType(AuthError error) {
        return switch (error) {
            case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
            case AUTH_FAILURE -> "UnrecognizedClientException";
            case SIGNATURE_DOES_NOT_MATCH, REQUEST_EXPIRED -> "InvalidSignatureException";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
        };
    }

    private static byte[] error(String type, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", type);
        e.put("message", message);
        try {
            return JSON.writeValueAsBytes(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
