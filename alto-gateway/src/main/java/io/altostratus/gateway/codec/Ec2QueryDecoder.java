package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.FieldModel;
import io.altostratus.gateway.codec.internal.Scalars;
import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.TypeModel;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.Ec2Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns EC2 Query parameters ({@code Action=RunInstances&ImageId=ami-1&TagSpecification.1.Tag.1.Key=Name...}) into
 * the typed SDK request, driven by the SDK's own field metadata: member query names, list and map traits, and the
 * EC2 model's required members.
 *
 * <p>Naming follows the SDK's EC2 marshaller: a member is addressed by its query name, a list element by
 * {@code Name.N} (1-based; gaps allowed, order by index), a structure member by {@code Parent.Member}. Anything the
 * input shape does not have is an {@code UnknownParameter}, as on EC2. The decoder never throws anything but
 * {@link Ec2CodecException} for client input. Thread-safe and stateless.
 */
public final class Ec2QueryDecoder {
    /** The largest list index accepted; real EC2 lists are far shorter (1,000 instance ids is a big request). */
    public static final int MAX_LIST_INDEX = 10_000;
    /** Longer parameter names cannot be model paths (the deepest EC2 path is about 150 characters). */
    static final int MAX_NAME_LENGTH = 512;
    private static final int MAX_SEGMENTS = 48;

    /** Protocol parameters that travel beside the operation's own (signature V2 and presigned V4). */
    private static final Set<String> ENVELOPE = Set.of("Action", "Version", "AWSAccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "Timestamp", "Expires", "SecurityToken");

    private final Ec2OperationRegistry registry;

    /** A decoder over the SDK's full operation registry. */
    public Ec2QueryDecoder() {
        this(Ec2OperationRegistry.instance());
    }

    public Ec2QueryDecoder(Ec2OperationRegistry registry) {
        this.registry = registry;
    }

    /** Decodes a whole request: finds the operation named by {@code Action} and decodes its input. */
    public DecodedRequest decode(Map<String, List<String>> parameters) {
        String action = first(parameters.get("Action"));
        if (action == null || action.isEmpty()) {
            throw Ec2CodecException.missingAction();
        }
        Ec2Operation operation = registry.require(action);
        return new DecodedRequest(operation, decode(operation, parameters), first(parameters.get("Version")));
    }

    /** Decodes the input of a known operation; envelope parameters (Action, Version, signature) are skipped. */
    public Ec2Request decode(Ec2Operation operation, Map<String, List<String>> parameters) {
        return (Ec2Request) decodeShape(operation.requestClass(), parameters);
    }

    /** Decodes parameters into any SDK model class; the operation entry points and shape-level tests use it. */
    Object decodeShape(Class<?> pojoClass, Map<String, List<String>> parameters) {
        ShapeModel shape = ShapeModel.of(pojoClass);
        StructNode root = new StructNode(shape);
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name == null) {
                throw Ec2CodecException.unknownParameter("");
            }
            if (isEnvelope(name)) {
                continue;
            }
            String value = first(parameter.getValue());
            insert(root, name, value == null ? "" : value);
        }
        return build(shape, root, null);
    }

    private static boolean isEnvelope(String name) {
        return ENVELOPE.contains(name) || name.regionMatches(true, 0, "X-Amz-", 0, 6);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // ---- parsing names into a tree shaped by the model ----

    /** A structure being assembled: one slot per field of its shape. */
    private static final class StructNode {
        final ShapeModel shape;
        final Object[] slots;

        StructNode(ShapeModel shape) {
            this.shape = shape;
            this.slots = new Object[shape.fields().size()];
        }
    }

    /** A list being assembled, by the client's 1-based index. */
    private static final class ListNode {
        final TreeMap<Integer, Object> items = new TreeMap<>();
    }

    /** A map being assembled: entry index to {key, value}. */
    private static final class MapNode {
        final TreeMap<Integer, Object[]> entries = new TreeMap<>();
    }

    private static void insert(StructNode root, String name, String value) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw Ec2CodecException.unknownParameter(name);
        }
        String[] segments = split(name);
        if (segments == null) {
            throw Ec2CodecException.unknownParameter(name);
        }
        putStruct(root, segments, 0, name, value);
    }

    private static String[] split(String name) {
        int count = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.' && ++count > MAX_SEGMENTS) {
                return null;
            }
        }
        String[] segments = new String[count];
        int start = 0;
        int n = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                segments[n++] = name.substring(start, i);
                start = i + 1;
            }
        }
        return segments;
    }

    private static void putStruct(StructNode node, String[] segments, int i, String name, String value) {
        FieldModel field = node.shape.field(segments[i]);
        if (field == null) {
            throw Ec2CodecException.unknownParameter(name);
        }
        node.slots[field.index()] = put(field.type(), node.slots[field.index()], segments, i + 1, name, value);
    }

    /** Places the value below {@code existing} (the node at segments[0..i)) and returns the possibly new node. */
    private static Object put(TypeModel type, Object existing, String[] segments, int i, String name, String value) {
        boolean last = i == segments.length;
        switch (type) {
            case TypeModel.Scalar scalar -> {
                if (!last) {
                    throw Ec2CodecException.unknownParameter(name);
                }
                try {
                    return Scalars.parse(scalar.kind(), value);
                } catch (Scalars.BadValue e) {
                    throw Ec2CodecException.invalidValue(name, value, e.getMessage());
                }
            }
            case TypeModel.Struct struct -> {
                if (last) {
                    throw Ec2CodecException.unknownParameter(name);
                }
                StructNode node = existing instanceof StructNode s ? s : new StructNode(struct.shape());
                putStruct(node, segments, i, name, value);
                return node;
            }
            case TypeModel.ListOf list -> {
                ListNode node = existing instanceof ListNode l ? l : new ListNode();
                if (last) {
                    // "Name=" with an empty value is how query clients spell an explicitly empty list.
                    if (!value.isEmpty()) {
                        throw Ec2CodecException.unknownParameter(name);
                    }
                    return node;
                }
                int index = index(segments[i], name);
                node.items.put(index, put(list.member(), node.items.get(index), segments, i + 1, name, value));
                return node;
            }
            case TypeModel.MapOf map -> {
                if (last) {
                    throw Ec2CodecException.unknownParameter(name);
                }
                MapNode node = existing instanceof MapNode m ? m : new MapNode();
                int at = i;
                if (!map.flattened()) {
                    if (!"entry".equals(segments[at]) || at + 1 == segments.length) {
                        throw Ec2CodecException.unknownParameter(name);
                    }
                    at++;
                }
                int index = index(segments[at], name);
                Object[] entry = node.entries.computeIfAbsent(index, k -> new Object[2]);
                if (at + 1 == segments.length) {
                    throw Ec2CodecException.unknownParameter(name);
                }
                String part = segments[at + 1];
                if (part.equals(map.keyName()) && at + 2 == segments.length) {
                    entry[0] = value;
                } else if (part.equals(map.valueName())) {
                    entry[1] = put(map.value(), entry[1], segments, at + 2, name, value);
                } else {
                    throw Ec2CodecException.unknownParameter(name);
                }
                return node;
            }
            case TypeModel.Unsupported unsupported -> throw Ec2CodecException.unknownParameter(name);
        }
    }

    /** A list index: 1 to {@value #MAX_LIST_INDEX}, plain digits, no leading zero (so "1" and "01" never collide). */
    private static int index(String segment, String name) {
        int length = segment.length();
        boolean valid = length > 0 && length <= 5 && segment.charAt(0) != '0';
        for (int k = 0; valid && k < length; k++) {
            char c = segment.charAt(k);
            valid = c >= '0' && c <= '9';
        }
        int index = valid ? Integer.parseInt(segment) : -1;
        if (index < 1 || index > MAX_LIST_INDEX) {
            throw new Ec2CodecException(Ec2ProtocolError.INVALID_PARAMETER_VALUE,
                    "Invalid list index (" + Messages.quoteable(segment) + ") in parameter "
                            + Messages.quoteable(name) + ". Indexes run from 1 to " + MAX_LIST_INDEX + ".");
        }
        return index;
    }

    // ---- building typed objects from the tree ----

    /** The path of a node, spelled only when an error needs it. */
    private record Path(Path parent, String segment) {
        String render(String child) {
            StringBuilder out = new StringBuilder();
            append(this, out);
            if (out.length() > 0) {
                out.append('.');
            }
            return out.append(child).toString();
        }

        private static void append(Path path, StringBuilder out) {
            if (path == null) {
                return;
            }
            append(path.parent, out);
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(path.segment);
        }
    }

    private static Object build(ShapeModel shape, StructNode node, Path path) {
        SdkPojo builder = shape.newBuilder();
        for (FieldModel field : shape.fields()) {
            Object slot = node.slots[field.index()];
            if (slot != null) {
                field.set(builder, materialize(field.type(), slot, new Path(path, field.queryName())));
            }
        }
        for (FieldModel field : shape.requiredFields()) {
            Object slot = node.slots[field.index()];
            boolean absent = slot == null
                    || slot instanceof ListNode list && list.items.isEmpty()
                    || slot instanceof MapNode map && map.entries.isEmpty();
            if (absent) {
                throw Ec2CodecException.missingParameter(path == null ? field.queryName() : path.render(field.queryName()));
            }
        }
        return ShapeModel.build(builder);
    }

    private static Object materialize(TypeModel type, Object node, Path path) {
        return switch (type) {
            case TypeModel.Scalar scalar -> node;
            case TypeModel.Struct struct -> build(struct.shape(), (StructNode) node, path);
            case TypeModel.ListOf list -> {
                ListNode listNode = (ListNode) node;
                List<Object> items = new ArrayList<>(listNode.items.size());
                for (Map.Entry<Integer, Object> item : listNode.items.entrySet()) {
                    items.add(materialize(list.member(), item.getValue(), new Path(path, item.getKey().toString())));
                }
                yield items;
            }
            case TypeModel.MapOf map -> {
                MapNode mapNode = (MapNode) node;
                Map<String, Object> entries = new LinkedHashMap<>();
                for (Map.Entry<Integer, Object[]> entry : mapNode.entries.entrySet()) {
                    Path entryPath = map.flattened() ? new Path(path, entry.getKey().toString())
                            : new Path(new Path(path, "entry"), entry.getKey().toString());
                    Object[] pair = entry.getValue();
                    if (pair[0] == null) {
                        throw Ec2CodecException.missingParameter(entryPath.render(map.keyName()));
                    }
                    if (pair[1] == null) {
                        throw Ec2CodecException.missingParameter(entryPath.render(map.valueName()));
                    }
                    entries.put((String) pair[0], materialize(map.value(), pair[1], new Path(entryPath, map.valueName())));
                }
                yield entries;
            }
            case TypeModel.Unsupported unsupported -> throw new IllegalStateException("unreachable: " + unsupported);
        };
    }
}
