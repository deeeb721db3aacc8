package io.altostratus.gateway.gke.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * The wire form: protobuf's canonical JSON mapping of container/v1's messages, which is what GKE's REST surface
 * speaks (lowerCamel names, 64-bit integers as strings, unset fields left out).
 */
public final class GkeJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private GkeJson() {
    }

    public static byte[] print(Message message) {
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /** Reads a request body into a builder, ignoring fields the API does not know as Google's front end does. */
    public static <B extends Message.Builder> B parse(byte[] body, B builder) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return builder;
        }
        try {
            PARSER.merge(text, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw GkeException.invalid("Invalid JSON payload received. " + e.getMessage());
        }
    }

    /** Google's error document: {@code {"error":{"code":404,"message":...,"status":"NOT_FOUND","errors":[...]}}}. */
    public static byte[] error(GkeException e) {
        String message = quote(e.getMessage() == null ? e.canonical() : e.getMessage());
        String body = "{\"error\":{\"code\":" + e.status() + ",\"message\":" + message + ",\"status\":"
                + quote(e.canonical()) + ",\"errors\":[{\"message\":" + message
                + ",\"domain\":\"global\",\"reason\":" + quote(e.reason()) + "}]}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
