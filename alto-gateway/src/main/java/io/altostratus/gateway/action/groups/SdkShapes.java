package io.altostratus.gateway.action.groups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Copies one SDK shape into another by member name. EC2 models the same launch parameters several times over
 * (RequestLaunchTemplateData, ResponseLaunchTemplateData, RunInstancesRequest, each with its own nested types whose
 * members are named alike), so a launch template's data is carried between them member by member instead of by
 * hand-written mappings that would miss the next member EC2 adds. Members with no counterpart of the same name and
 * kind are left out.
 */
final class SdkShapes {
    private SdkShapes() {
    }

    /** Sets on {@code target} (a builder) every member of {@code source} that is set and has a counterpart. */
    static <B extends SdkPojo> B copyInto(SdkPojo source, B target) {
        Map<String, SdkField<?>> sourceFields = new HashMap<>();
        for (SdkField<?> f : source.sdkFields()) {
            sourceFields.put(f.memberName(), f);
        }
        for (SdkField<?> targetField : target.sdkFields()) {
            SdkField<?> sourceField = sourceFields.get(targetField.memberName());
            if (sourceField == null) {
                continue;
            }
            Object value = convert(sourceField.getValueOrDefault(source), sourceField, targetField);
            if (value != null) {
                targetField.set(target, value);
            }
        }
        return target;
    }

    private static Object convert(Object value, SdkField<?> from, SdkField<?> to) {
        if (value == null || value instanceof SdkAutoConstructList<?>) {
            return null;
        }
        MarshallingType<?> type = to.marshallingType();
        if (type != from.marshallingType()) {
            return null;
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = to.constructor().get();
            copyInto((SdkPojo) value, builder);
            return ((Buildable) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> fromMember = from.getRequiredTrait(ListTrait.class).memberFieldInfo();
            SdkField<?> toMember = to.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) value) {
                Object converted = convert(element, fromMember, toMember);
                if (converted != null) {
                    out.add(converted);
                }
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            return null;
        }
        return value;
    }
}
