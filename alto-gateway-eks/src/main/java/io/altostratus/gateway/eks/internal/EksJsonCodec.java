package io.altostratus.gateway.eks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * EKS's rest-json protocol for any operation, driven by the SDK's field metadata: a request is decoded into the SDK's
 * request object from its path labels, query string and JSON body, each field found where its {@code MarshallingInfo}
 * says ({@code PATH}, {@code QUERY_PARAM}, {@code PAYLOAD}) under its location name; a response object's payload
 * fields are written as JSON, timestamps as epoch seconds as the protocol sends them.
 */
public final class EksJsonCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EksJsonCodec() {
    }

    /** A request that does not fit its shape; the message names the parameter. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes a request.
     *
     * @param labels the path labels by location name
     * @param query  the query string's parameters, each name's values in the order sent
     * @param body   the JSON body, empty for none
     * @throws BadRequest for malformed JSON, a value of the wrong type, or a missing required member
     */
    public static SdkPojo decode(EksOperation op, Map<String, String> labels, Map<String, List<String>> query,
                                 byte[] body) {
        JsonNode payload;
        try {
            payload = body.length == 0 ? NODES.objectNode() : JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("the request body could not be read: " + e.getMessage());
        }
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            payload = NODES.objectNode();
        }
        if (!payload.isObject()) {
            throw new BadRequest("the request body must be a JSON object");
        }
        SdkPojo builder = newBuilder(op.requestClass());
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = switch (field.location()) {
                case PATH -> {
                    String text = labels.get(field.locationName());
                    yield text == null ? null : fromText(field, text);
                }
                case QUERY_PARAM -> {
                    List<String> values = query.get(field.locationName());
                    if (values == null || values.isEmpty()) {
                        yield null;
                    }
                    if (field.marshallingType() == MarshallingType.LIST) {
                        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                        List<Object> out = new ArrayList<>();
                        for (String v : values) {
                            out.add(fromText(member, v));
                        }
                        yield out;
                    }
                    yield fromText(field, values.get(0));
                }
                case PAYLOAD -> {
                    JsonNode node = payload.get(field.locationName());
                    yield node == null || node.isNull() ? null : fromJson(field, node, field.locationName());
                }
                default -> null;
            };
            if (value != null) {
                set(field, builder, value);
            } else if (field.containsTrait(RequiredTrait.class)) {
                throw new BadRequest("missing required parameter " + field.locationName());
            }
        }
        return build(builder);
    }

    /**
     * Reads a JSON document into any shape of the model (a response, say) by the same field metadata, payload fields
     * only.
     *
     * @throws BadRequest when the JSON does not fit the shape
     */
    public static SdkPojo decodeShape(Class<?> shape, byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadRequest("not valid JSON: " + e.getMessage());
        }
        require(node != null && node.isObject(), "the document", "an object");
        SdkPojo builder = newBuilder(shape);
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode child = field.location() == MarshallLocation.PAYLOAD ? node.get(field.locationName()) : null;
            if (child != null && !child.isNull()) {
                set(field, builder, fromJson(field, child, field.locationName()));
            }
        }
        return build(builder);
    }

    /** The JSON of a response object's payload fields. */
    public static ObjectNode encode(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode node = toJson(field, field.getValueOrDefault(pojo));
            if (node != null) {
                out.set(field.locationName(), node);
            }
        }
        return out;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- decoding ---------------------------------------------------------------------------------------------

    private static Object fromText(SdkField<?> field, String text) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return text;
            } else if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(text);
            } else if (type == MarshallingType.LONG) {
                return Long.valueOf(text);
            } else if (type == MarshallingType.BOOLEAN) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new NumberFormatException(text);
                }
                return Boolean.valueOf(text);
            } else if (type == MarshallingType.DOUBLE) {
                return Double.valueOf(text);
            } else if (type == MarshallingType.INSTANT) {
                return instant(text);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadRequest("invalid value for parameter " + field.locationName() + ": " + text);
        }
        throw new BadRequest("parameter " + field.locationName() + " cannot be given in the path or query");
    }

    private static Object fromJson(SdkField<?> field, JsonNode node, String where) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            require(node.isTextual(), where, "a string");
            return node.textValue();
        } else if (type == MarshallingType.INTEGER) {
            require(node.isIntegralNumber() && node.canConvertToInt(), where, "an integer");
            return node.intValue();
        } else if (type == MarshallingType.LONG) {
            require(node.isIntegralNumber() && node.canConvertToLong(), where, "an integer");
            return node.longValue();
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            require(node.isNumber(), where, "a number");
            return type == MarshallingType.DOUBLE ? (Object) node.doubleValue() : (Object) node.floatValue();
        } else if (type == MarshallingType.BOOLEAN) {
            require(node.isBoolean(), where, "true or false");
            return node.booleanValue();
        } else if (type == MarshallingType.INSTANT) {
            if (node.isNumber()) {
                return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
            }
            require(node.isTextual(), where, "a timestamp");
            try {
                return instant(node.textValue());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new BadRequest(where + " must be a timestamp");
            }
        } else if (type == MarshallingType.SDK_BYTES) {
            require(node.isTextual(), where, "base64 text");
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.textValue()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(where + " must be base64 text");
            }
        } else if (type == MarshallingType.LIST) {
            require(node.isArray(), where, "a list");
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (JsonNode item : node) {
                out.add(item.isNull() ? null : fromJson(member, item, where + "[" + i++ + "]"));
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            require(node.isObject(), where, "an object");
            SdkField<?> value = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isNull() ? null
                        : fromJson(value, e.getValue(), where + "." + e.getKey()));
            }
            return out;
        } else if (type == MarshallingType.SDK_POJO) {
            require(node.isObject(), where, "an object");
            SdkPojo builder = field.constructor().get();
            for (SdkField<?> member : builder.sdkFields()) {
                JsonNode child = node.get(member.locationName());
                if (child != null && !child.isNull()) {
                    set(member, builder, fromJson(member, child, where + "." + member.locationName()));
                }
            }
            return build(builder);
        }
        // Documents and other types no EKS input this front serves uses.
        throw new BadRequest(where + " is not supported by this endpoint");
    }

    private static Instant instant(String text) {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0)) {
            return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // ISO-8601 with an offset, as the AWS CLI prints timestamps.
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }

    private static void require(boolean ok, String where, String what) {
        if (!ok) {
            throw new BadRequest(where + " must be " + what);
        }
    }

    // ---- encoding ---------------------------------------------------------------------------------------------

    private static JsonNode toJson(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.INSTANT) {
            // rest-json's timestamps are epoch seconds, with the milliseconds as a fraction.
            return NODES.numberNode(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode out = NODES.arrayNode();
            for (Object item : (List<?>) value) {
                JsonNode n = toJson(member, item);
                out.add(n == null ? NODES.nullNode() : n);
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                JsonNode n = toJson(member, e.getValue());
                out.set(String.valueOf(e.getKey()), n == null ? NODES.nullNode() : n);
            }
            return out;
        } else if (type == MarshallingType.SDK_POJO) {
            return encode((SdkPojo) value);
        } else if (type == MarshallingType.SDK_BYTES) {
            return NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        return NODES.textNode(value.toString());
    }

    // ---- builders ---------------------------------------------------------------------------------------------

    static SdkPojo newBuilder(Class<?> shape) {
        try {
            return (SdkPojo) shape.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no builder on " + shape.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void set(SdkField<?> field, SdkPojo builder, Object value) {
        ((SdkField) field).set(builder, value);
    }

    private static SdkPojo build(SdkPojo builder) {
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }
}
