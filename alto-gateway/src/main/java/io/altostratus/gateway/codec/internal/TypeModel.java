package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/** The wire type of one member, derived from the SDK's {@link SdkField} metadata. */
public sealed interface TypeModel {

    /** A leaf value. */
    record Scalar(ScalarKind kind) implements TypeModel {
    }

    /** A nested structure; its shape is resolved on first use so that recursive shapes cost nothing up front. */
    record Struct(Class<?> pojoClass) implements TypeModel {
        public ShapeModel shape() {
            return ShapeModel.of(pojoClass);
        }
    }

    /**
     * A list. EC2 Query names elements {@code Name.N}; the XML side wraps them in {@code item} elements unless the
     * list is flattened.
     */
    record ListOf(TypeModel member, boolean flattened, String memberXmlName) implements TypeModel {
    }

    /** A map (none in EC2 today, supported as the SDK's query marshaller writes them: {@code Name.entry.N.key}). */
    record MapOf(String keyName, String valueName, boolean flattened, TypeModel value) implements TypeModel {
    }

    /** A type the codec cannot carry (documents); such members are treated as unknown. */
    record Unsupported(String marshallingType) implements TypeModel {
    }

    static TypeModel of(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        ScalarKind scalar = ScalarKind.of(type);
        if (scalar != null) {
            return new Scalar(scalar);
        }
        if (type == MarshallingType.SDK_POJO) {
            Object builder = field.constructor().get();
            Class<?> pojo = builder.getClass().getEnclosingClass();
            return new Struct(pojo != null ? pojo : builder.getClass());
        }
        if (type == MarshallingType.LIST) {
            ListTrait list = field.getRequiredTrait(ListTrait.class);
            SdkField<?> member = list.memberFieldInfo();
            // EC2 puts every response list member in an <item> element, whatever the model calls the member.
            String memberName = list.memberLocationName() != null ? list.memberLocationName() : "item";
            return new ListOf(of(member), list.isFlattened(), memberName);
        }
        if (type == MarshallingType.MAP) {
            MapTrait map = field.getRequiredTrait(MapTrait.class);
            return new MapOf(map.keyLocationName(), map.valueLocationName(), map.isFlattened(),
                    of(map.valueFieldInfo()));
        }
        return new Unsupported(String.valueOf(type));
    }
}
