package io.altostratus.gateway.gce.internal;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;

/**
 * Pays the front's one-time costs before the first request does: loading the compute API's descriptors (one large
 * generated file, about two seconds cold), protobuf's JSON printer and parser tables for each type the front
 * answers or reads, and the front's own classes on the request path. It prints and parses a sample of every such
 * message, filled field by field from its descriptor; it calls no backend and keeps nothing.
 */
public final class Warmup {
    /** How deep samples nest: deep enough to reach every message type a response holds, shallow enough to be quick. */
    private static final int DEPTH = 2;

    /** Every message the front prints or parses (responses, request bodies); nested types are reached from them. */
    private static final List<Message> TYPES = List.of(
            com.google.cloud.compute.v1.Project.getDefaultInstance(),
            com.google.cloud.compute.v1.Zone.getDefaultInstance(),
            com.google.cloud.compute.v1.ZoneList.getDefaultInstance(),
            com.google.cloud.compute.v1.Region.getDefaultInstance(),
            com.google.cloud.compute.v1.RegionList.getDefaultInstance(),
            com.google.cloud.compute.v1.MachineType.getDefaultInstance(),
            com.google.cloud.compute.v1.MachineTypeList.getDefaultInstance(),
            com.google.cloud.compute.v1.MachineTypeAggregatedList.getDefaultInstance(),
            com.google.cloud.compute.v1.Instance.getDefaultInstance(),
            com.google.cloud.compute.v1.InstanceList.getDefaultInstance(),
            com.google.cloud.compute.v1.InstanceAggregatedList.getDefaultInstance(),
            com.google.cloud.compute.v1.InstancesSetLabelsRequest.getDefaultInstance(),
            com.google.cloud.compute.v1.Metadata.getDefaultInstance(),
            com.google.cloud.compute.v1.AttachedDisk.getDefaultInstance(),
            com.google.cloud.compute.v1.Operation.getDefaultInstance(),
            com.google.cloud.compute.v1.OperationList.getDefaultInstance(),
            com.google.cloud.compute.v1.Image.getDefaultInstance(),
            com.google.cloud.compute.v1.ImageList.getDefaultInstance(),
            com.google.cloud.compute.v1.ImageFamilyView.getDefaultInstance(),
            com.google.cloud.compute.v1.GlobalSetLabelsRequest.getDefaultInstance(),
            com.google.cloud.compute.v1.Disk.getDefaultInstance(),
            com.google.cloud.compute.v1.DiskList.getDefaultInstance(),
            com.google.cloud.compute.v1.DiskAggregatedList.getDefaultInstance(),
            com.google.cloud.compute.v1.Snapshot.getDefaultInstance(),
            com.google.cloud.compute.v1.SnapshotList.getDefaultInstance(),
            com.google.cloud.compute.v1.Network.getDefaultInstance(),
            com.google.cloud.compute.v1.NetworkList.getDefaultInstance(),
            com.google.cloud.compute.v1.Subnetwork.getDefaultInstance(),
            com.google.cloud.compute.v1.Firewall.getDefaultInstance(),
            com.google.cloud.compute.v1.FirewallList.getDefaultInstance(),
            com.google.cloud.compute.v1.SubnetworkList.getDefaultInstance(),
            com.google.cloud.compute.v1.SubnetworkAggregatedList.getDefaultInstance(),
            com.google.protobuf.Empty.getDefaultInstance());

    private Warmup() {
    }

    /** The message types warmed, for tests. */
    public static List<Message> types() {
        return TYPES;
    }

    /** Prints and parses a sample of every type; returns how many bytes of JSON went through, so nothing is idle. */
    public static long run() {
        long bytes = 0;
        for (Message type : TYPES) {
            Message sample = sample(type.newBuilderForType(), DEPTH).build();
            byte[] printed = Json.print(sample);
            Message parsed = Json.parse(printed, type.newBuilderForType()).build();
            bytes += printed.length + parsed.getSerializedSize();
            Filter.parse("name = warm-up").matches(parsed);
        }
        bytes += Json.error(GceException.notFound("projects/warm-up")).length;
        return bytes;
    }

    /** A builder with every field set once, nested messages down to {@code depth}. */
    static Message.Builder sample(Message.Builder builder, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (depth == 0) {
                    continue;
                }
                Message.Builder nested = sample(builder.newBuilderForField(field), depth - 1);
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, nested.build());
                } else {
                    builder.setField(field, nested.build());
                }
                continue;
            }
            Object value = value(field);
            if (field.isRepeated()) {
                builder.addRepeatedField(field, value);
            } else {
                builder.setField(field, value);
            }
        }
        return builder;
    }

    private static Object value(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case INT -> 1;
            case LONG -> 1L;
            case FLOAT -> 1f;
            case DOUBLE -> 1d;
            case BOOLEAN -> true;
            case STRING -> "warm-up";
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFromUtf8("warm-up");
            case ENUM -> {
                EnumDescriptor type = field.getEnumType();
                yield type.getValues().get(type.getValues().size() > 1 ? 1 : 0);
            }
            case MESSAGE -> throw new IllegalArgumentException(field.getFullName());
        };
    }
}
