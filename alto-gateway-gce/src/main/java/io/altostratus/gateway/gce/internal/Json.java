package io.altostratus.gateway.gce.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of the API's messages: protobuf's canonical JSON mapping, which is what Compute Engine's REST
 * surface speaks (lowerCamel json names, 64-bit integers as strings, 32-bit ones as numbers, unset fields left out).
 */
public final class Json {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private Json() {
    }

    public static byte[] print(Message message) {
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    public static String printString(Message message) {
        return new String(print(message), StandardCharsets.UTF_8);
    }

    /**
     * Reads a request body into a builder; fields the API does not know are ignored, as Google's front end does.
     * An empty body leaves the builder as it is.
     */
    public static <B extends Message.Builder> B parse(byte[] body, B builder) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return builder;
        }
        try {
            PARSER.merge(text, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw GceException.badRequest("Invalid JSON payload received. " + e.getMessage());
        }
    }

    /** Google's error document: {@code {"error":{"code":404,"message":...,"errors":[{...}]}}}. */
    public static byte[] error(GceException e) {
        String message = quote(e.getMessage() == null ? e.reason() : e.getMessage());
        String body = "{\"error\":{\"code\":" + e.status() + ",\"message\":" + message
                + ",\"errors\":[{\"message\":" + message + ",\"domain\":\"global\",\"reason\":" + quote(e.reason())
                + "}]}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
