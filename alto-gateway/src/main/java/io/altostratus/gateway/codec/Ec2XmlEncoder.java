package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.Scalars;
import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.TypeModel;
import io.altostratus.gateway.codec.internal.Utf8XmlWriter;
import io.altostratus.gateway.codec.internal.XmlText;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * {@code hasXxx()} answers the same on both sides. Stateless and thread-safe; a single pass that writes UTF-8 bytes
 * (element tags pre-encoded once per field), no DOM and no intermediate text: {@link #encode(Ec2Operation,
 * Ec2Response, String, OutputStream)} streams a document of any size through a small buffer.
 */
public final class Ec2XmlEncoder {
    /** The namespace of EC2 API version 2016-11-15. */
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    /** The buffer a streaming encode fills before it hands bytes on. */
    public static final int STREAM_BUFFER_BYTES = 32 * 1024;
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final byte[] PROLOG_BYTES = Utf8XmlWriter.ascii(PROLOG);
    private static final byte[] ROOT_NAMESPACE = Utf8XmlWriter.ascii(" xmlns=\"" + NAMESPACE + "\"><requestId>");
    private static final byte[] END_REQUEST_ID = Utf8XmlWriter.ascii("</requestId>");
    private static final byte[] ITEM_OPEN = Utf8XmlWriter.ascii("<item>");
    private static final byte[] ITEM_CLOSE = Utf8XmlWriter.ascii("</item>");
    private static final byte[] ENTRY_OPEN = Utf8XmlWriter.ascii("<entry>");
    private static final byte[] ENTRY_CLOSE = Utf8XmlWriter.ascii("</entry>");

    /** Encodes an operation's response as text (tests and tools; the server streams bytes). */
    public String encode(Ec2Operation operation, Ec2Response response, String requestId) {
        return new String(encodeToUtf8(operation, response, requestId), StandardCharsets.UTF_8);
    }

    /** Encodes an operation's response as UTF-8 bytes, ready for an HTTP body. */
    public byte[] encodeToUtf8(Ec2Operation operation, Ec2Response response, String requestId) {
        Utf8XmlWriter out = Utf8XmlWriter.inMemory();
        write(operation, response, requestId, out);
        return out.toByteArray();
    }

    /**
     * Writes an operation's response document as UTF-8 to {@code sink}, in pieces of at most
     * {@link #STREAM_BUFFER_BYTES}, and flushes it; the sink is not closed.
     *
     * @throws IOException when the sink fails (typically: the client went away)
     */
    public void encode(Ec2Operation operation, Ec2Response response, String requestId, OutputStream sink)
            throws IOException {
        Utf8XmlWriter out = Utf8XmlWriter.to(sink, STREAM_BUFFER_BYTES);
        try {
            write(operation, response, requestId, out);
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Appends an operation's response document to {@code out}. */
    public void encode(Ec2Operation operation, Ec2Response response, String requestId, StringBuilder out) {
        out.append(encode(operation, response, requestId));
    }

    private static void write(Ec2Operation operation, Ec2Response response, String requestId, Utf8XmlWriter out) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(requestId, "requestId");
        if (!operation.responseClass().isInstance(response)) {
            throw new IllegalArgumentException(response.getClass().getSimpleName() + " is not the response of "
                    + operation.action());
        }
        String root = operation.responseElement();
        out.raw(PROLOG_BYTES).ascii('<').name(root).raw(ROOT_NAMESPACE);
        out.text(requestId).raw(END_REQUEST_ID);
        writeMembers(ShapeModel.of(operation.responseClass()), response, out);
        out.ascii('<').ascii('/').name(root).ascii('>');
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
        Utf8XmlWriter writer = Utf8XmlWriter.inMemory();
        writeMembers(ShapeModel.of(pojo.getClass()), pojo, writer);
        out.append(new String(writer.toByteArray(), StandardCharsets.UTF_8));
    }

    private static void writeMembers(ShapeModel shape, Object pojo, Utf8XmlWriter out) {
        List<FieldModel> fields = shape.fields();
        for (int i = 0, n = fields.size(); i < n; i++) {
            FieldModel field = fields.get(i);
            Object value = field.get(pojo);
            if (value != null) {
                writeValue(field.type(), field.openTag(), field.closeTag(), value, out);
            }
        }
    }

    private static void writeValue(TypeModel type, byte[] open, byte[] close, Object value, Utf8XmlWriter out) {
        switch (type) {
            case TypeModel.Scalar scalar -> {
                out.raw(open);
                if (value instanceof String text) {
                    out.text(text);
                } else {
                    Scalars.format(scalar.kind(), value, out);
                }
                out.raw(close);
            }
            case TypeModel.Struct struct -> {
                out.raw(open);
                writeMembers(struct.shape(), value, out);
                out.raw(close);
            }
            case TypeModel.ListOf list -> writeList(list, open, close, (List<?>) value, out);
            case TypeModel.MapOf map -> writeMap(map, open, close, (Map<?, ?>) value, out);
            case TypeModel.Unsupported unsupported -> {
                // Nothing in the EC2 model has such a member; writing nothing keeps the document valid.
            }
        }
    }

    private static void writeList(TypeModel.ListOf list, byte[] open, byte[] close, List<?> items, Utf8XmlWriter out) {
        if (items instanceof SdkAutoConstructList) {
            return;
        }
        TypeModel member = list.member();
        if (list.flattened()) {
            for (Object item : items) {
                if (item != null) {
                    writeValue(member, open, close, item, out);
                }
            }
            return;
        }
        if (items.isEmpty()) {
            // <name/>: the open tag with its '>' replaced.
            out.raw(open, 0, open.length - 1).ascii('/').ascii('>');
            return;
        }
        out.raw(open);
        for (Object item : items) {
            if (item != null) {
                writeValue(member, ITEM_OPEN, ITEM_CLOSE, item, out);
            }
        }
        out.raw(close);
    }

    private static void writeMap(TypeModel.MapOf map, byte[] open, byte[] close, Map<?, ?> entries,
                                 Utf8XmlWriter out) {
        if (entries instanceof SdkAutoConstructMap) {
            return;
        }
        if (!map.flattened()) {
            out.raw(open);
        }
        byte[] keyOpen = Utf8XmlWriter.ascii("<" + map.keyName() + ">");
        byte[] keyClose = Utf8XmlWriter.ascii("</" + map.keyName() + ">");
        byte[] valueOpen = Utf8XmlWriter.ascii("<" + map.valueName() + ">");
        byte[] valueClose = Utf8XmlWriter.ascii("</" + map.valueName() + ">");
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                continue;
            }
            out.raw(map.flattened() ? open : ENTRY_OPEN);
            out.raw(keyOpen).text(entry.getKey().toString()).raw(keyClose);
            writeValue(map.value(), valueOpen, valueClose, entry.getValue(), out);
            out.raw(map.flattened() ? close : ENTRY_CLOSE);
        }
        if (!map.flattened()) {
            out.raw(close);
        }
    }
}
