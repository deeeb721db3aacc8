package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.TypeModel;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills every field of an SDK model object, recursively, with deterministic pseudo-random values: lists of two
 * (one below a nesting depth, so that deep shapes stay small), strings with XML and URL metacharacters, unicode and
 * whitespace, numbers across their range, millisecond timestamps, random bytes.
 */
final class ModelFiller {
    private static final String[] AWKWARD = {
            "a&b", "<tag>", "x>y", "quote\"s", "apos'", "tab\there", "line\nbreak", "cr\rlf", "  padded  ",
            "percent%20+plus=eq&amp;", "üñíçødé", "日本語", "emoji😀", "slash/\\back", "semi;colon,comma", "[a]{b}"
    };
    private static final int MAX_DEPTH = 16;

    private final Random random;
    private final boolean wholeSeconds;

    ModelFiller(long seed) {
        this(seed, false);
    }

    /** With {@code wholeSeconds}, timestamps carry no milliseconds. */
    ModelFiller(long seed, boolean wholeSeconds) {
        this.random = new Random(seed);
        this.wholeSeconds = wholeSeconds;
    }

    /** A built object of this model class with every field set. */
    Object fill(Class<?> pojoClass) {
        return fillShape(ShapeModel.of(pojoClass), 0);
    }

    private Object fillShape(ShapeModel shape, int depth) {
        SdkPojo builder = shape.newBuilder();
        if (depth <= MAX_DEPTH) {
            for (FieldModel field : shape.fields()) {
                Object value = value(field.type(), depth);
                if (value != null) {
                    field.set(builder, value);
                }
            }
        }
        return ShapeModel.build(builder);
    }

    private Object value(TypeModel type, int depth) {
        return switch (type) {
            case TypeModel.Scalar scalar -> scalar(scalar);
            case TypeModel.Struct struct -> fillShape(struct.shape(), depth + 1);
            case TypeModel.ListOf list -> {
                int size = depth < 4 ? 2 : 1;
                List<Object> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(value(list.member(), depth + 1));
                }
                yield items;
            }
            case TypeModel.MapOf map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                entries.put("k1-" + random.nextInt(1000), value(map.value(), depth + 1));
                entries.put("k2-" + random.nextInt(1000), value(map.value(), depth + 1));
                yield entries;
            }
            case TypeModel.Unsupported unsupported -> null;
        };
    }

    private Object scalar(TypeModel.Scalar scalar) {
        return switch (scalar.kind()) {
            case STRING -> string();
            case INTEGER -> random.nextBoolean() ? random.nextInt() : random.nextInt(100);
            case LONG -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100_000);
            case SHORT -> (short) random.nextInt(Short.MAX_VALUE);
            case FLOAT -> random.nextBoolean() ? random.nextFloat() * 1000f : random.nextFloat() * 1e12f;
            case DOUBLE -> switch (random.nextInt(3)) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> random.nextDouble() * 1e20;
                default -> random.nextDouble() * 1e-9;
            };
            case BIG_DECIMAL -> new BigDecimal(random.nextInt(1_000_000)).movePointLeft(3);
            case BOOLEAN -> random.nextBoolean();
            case INSTANT -> {
                Instant instant = Instant.ofEpochMilli(946_684_800_000L + (long) (random.nextDouble() * 1e12));
                yield wholeSeconds ? instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : instant;
            }
            case BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(40)];
                random.nextBytes(bytes);
                yield SdkBytes.fromByteArray(bytes);
            }
        };
    }

    private String string() {
        StringBuilder out = new StringBuilder("v").append(Integer.toHexString(random.nextInt()));
        if (random.nextInt(3) == 0) {
            out.append(AWKWARD[random.nextInt(AWKWARD.length)]);
        }
        return out.toString();
    }
}
