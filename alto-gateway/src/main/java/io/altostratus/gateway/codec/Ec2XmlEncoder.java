package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.Scalars;
import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.TypeModel;
import io.altostratus.gateway.codec.internal.XmlText;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes typed SDK responses as the XML EC2 answers with, driven by the SDK's unmarshalling metadata: the root
 * {@code <XxxResponse xmlns="...">}, a {@code requestId}, members under their EC2 element names (lowerCamel such as
 * {@code reservationSet}), list elements as {@code item}, booleans lowercase, timestamps ISO-8601 UTC with
 * milliseconds, blobs base64. Null members are omitted. A list that was explicitly set, even empty, is written (an
 * empty list as an empty element, as EC2 writes {@code <groupSet/>}); a list never set is omitted, so the SDK's
 * {@code hasXxx()} answers the same on both sides. Stateless and thread-safe; a single pass into a
 * {@link StringBuilder}, no DOM.
 */
public final class Ec2XmlEncoder {
    /** The namespace of EC2 API version 2016-11-15. */
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** Encodes an operation's response. */
    public String encode(Ec2Operation operation, Ec2Response response, String requestId) {
        StringBuilder out = new StringBuilder(1024);
        encode(operation, response, requestId, out);
        return out.toString();
    }

    /** Encodes an operation's response as UTF-8 bytes, ready for an HTTP body. */
    public byte[] encodeToUtf8(Ec2Operation operation, Ec2Response response, String requestId) {
        return encode(operation, response, requestId).getBytes(StandardCharsets.UTF_8);
    }

    /** Appends an operation's response document to {@code out}. */
    public void encode(Ec2Operation operation, Ec2Response response, String requestId, StringBuilder out) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(response, "response");
        if (!operation.responseClass().isInstance(response)) {
            throw new IllegalArgumentException(response.getClass().getSimpleName() + " is not the response of "
                    + operation.action());
        }
        String root = operation.responseElement();
        out.append(PROLOG).append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        out.append("<requestId>");
        XmlText.append(out, Objects.requireNonNull(requestId, "requestId"));
        out.append("</requestId>");
        writeMembers(ShapeModel.of(operation.responseClass()), response, out);
        out.append("</").append(root).append('>');
    }

    /** EC2's error document. */
    public String encodeError(String code, String message, String requestId) {
        StringBuilder out = new StringBuilder(256);
        out.append(PROLOG).append("<Response><Errors><Error><Code>");
        XmlText.append(out, Objects.requireNonNull(code, "code"));
        out.append("</Code><Message>");
        XmlText.append(out, message == null ? "" : message);
        out.append("</Message></Error></Errors><RequestID>");
        XmlText.append(out, Objects.requireNonNull(requestId, "requestId"));
        out.append("</RequestID></Response>");
        return out.toString();
    }

    /** EC2's error document for a codec error. */
    public String encodeError(Ec2CodecException error, String requestId) {
        return encodeError(error.providerCode(), error.getMessage(), requestId);
    }

    /** Appends the members of any SDK model object, without a root element; shape-level tests use it. */
    void encodeMembers(Object pojo, StringBuilder out) {
        writeMembers(ShapeModel.of(pojo.getClass()), pojo, out);
    }

    private static void writeMembers(ShapeModel shape, Object pojo, StringBuilder out) {
        for (FieldModel field : shape.fields()) {
            Object value = field.get(pojo);
            if (value != null) {
                writeValue(field.type(), field.xmlName(), value, out);
            }
        }
    }

    private static void writeValue(TypeModel type, String element, Object value, StringBuilder out) {
        switch (type) {
            case TypeModel.Scalar scalar -> {
                open(out, element);
                if (value instanceof String text) {
                    XmlText.append(out, text);
                } else {
                    Scalars.format(scalar.kind(), value, out);
                }
                close(out, element);
            }
            case TypeModel.Struct struct -> {
                open(out, element);
                writeMembers(struct.shape(), value, out);
                close(out, element);
            }
            case TypeModel.ListOf list -> writeList(list, element, (List<?>) value, out);
            case TypeModel.MapOf map -> writeMap(map, element, (Map<?, ?>) value, out);
            case TypeModel.Unsupported unsupported -> {
                // Nothing in the EC2 model has such a member; writing nothing keeps the document valid.
            }
        }
    }

    private static void writeList(TypeModel.ListOf list, String element, List<?> items, StringBuilder out) {
        if (items instanceof SdkAutoConstructList) {
            return;
        }
        if (list.flattened()) {
            for (Object item : items) {
                if (item != null) {
                    writeValue(list.member(), element, item, out);
                }
            }
            return;
        }
        if (items.isEmpty()) {
            out.append('<').append(element).append("/>");
            return;
        }
        open(out, element);
        for (Object item : items) {
            if (item != null) {
                writeValue(list.member(), "item", item, out);
            }
        }
        close(out, element);
    }

    private static void writeMap(TypeModel.MapOf map, String element, Map<?, ?> entries, StringBuilder out) {
        if (entries instanceof SdkAutoConstructMap) {
            return;
        }
        if (!map.flattened()) {
            open(out, element);
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                continue;
            }
            open(out, map.flattened() ? element : "entry");
            open(out, map.keyName());
            XmlText.append(out, entry.getKey().toString());
            close(out, map.keyName());
            writeValue(map.value(), map.valueName(), entry.getValue(), out);
            close(out, map.flattened() ? element : "entry");
        }
        if (!map.flattened()) {
            close(out, element);
        }
    }

    private static void open(StringBuilder out, String element) {
        out.append('<').append(element).append('>');
    }

    private static void close(StringBuilder out, String element) {
        out.append("</").append(element).append('>');
    }
}
