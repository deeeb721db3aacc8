package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.protocol.MarshallingType;

/** The leaf types of the SDK's EC2 model, as the codec reads and writes them. */
public enum ScalarKind {
    STRING, INTEGER, LONG, SHORT, FLOAT, DOUBLE, BIG_DECIMAL, BOOLEAN, INSTANT, BYTES;

    /** The kind of a leaf marshalling type, or null when the type is a structure, list, map or document. */
    static ScalarKind of(MarshallingType<?> type) {
        if (type == MarshallingType.STRING) {
            return STRING;
        } else if (type == MarshallingType.INTEGER) {
            return INTEGER;
        } else if (type == MarshallingType.LONG) {
            return LONG;
        } else if (type == MarshallingType.SHORT) {
            return SHORT;
        } else if (type == MarshallingType.FLOAT) {
            return FLOAT;
        } else if (type == MarshallingType.DOUBLE) {
            return DOUBLE;
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return BIG_DECIMAL;
        } else if (type == MarshallingType.BOOLEAN) {
            return BOOLEAN;
        } else if (type == MarshallingType.INSTANT) {
            return INSTANT;
        } else if (type == MarshallingType.SDK_BYTES) {
            return BYTES;
        }
        return null;
    }
}
