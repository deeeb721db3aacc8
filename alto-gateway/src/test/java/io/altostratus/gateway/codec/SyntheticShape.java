package io.altostratus.gateway.codec;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model class shaped like the SDK's generated ones, with the member kinds the EC2 model does not use today (a
 * map, a flattened map, a list of lists), so that the codec's handling of them can be checked against the SDK's
 * own query marshaller and XML unmarshaller.
 */
public final class SyntheticShape implements SdkPojo {
    private static SdkField<String> string(String name) {
        return SdkField.<String>builder(MarshallingType.STRING)
                .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name)
                        .unmarshallLocationName(name).build())
                .build();
    }

    static final SdkField<Map<String, String>> LABELS = SdkField.<Map<String, String>>builder(MarshallingType.MAP)
            .memberName("Labels")
            .getter(o -> ((SyntheticShape) o).labels)
            .setter((b, v) -> ((Builder) b).labels = v)
            .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName("Label")
                            .unmarshallLocationName("labelSet").build(),
                    MapTrait.builder().keyLocationName("key").valueLocationName("value")
                            .valueFieldInfo(string("value")).build())
            .build();

    static final SdkField<Map<String, String>> FLAT = SdkField.<Map<String, String>>builder(MarshallingType.MAP)
            .memberName("Flat")
            .getter(o -> ((SyntheticShape) o).flat)
            .setter((b, v) -> ((Builder) b).flat = v)
            .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName("Flat")
                            .unmarshallLocationName("flat").build(),
                    MapTrait.builder().keyLocationName("Name").valueLocationName("Val").isFlattened(true)
                            .valueFieldInfo(string("Val")).build())
            .build();

    static final SdkField<List<List<String>>> MATRIX = SdkField.<List<List<String>>>builder(MarshallingType.LIST)
            .memberName("Matrix")
            .getter(o -> ((SyntheticShape) o).matrix)
            .setter((b, v) -> ((Builder) b).matrix = v)
            .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName("Row")
                            .unmarshallLocationName("rowSet").build(),
                    ListTrait.builder().memberLocationName("item")
                            .memberFieldInfo(SdkField.<List<String>>builder(MarshallingType.LIST)
                                    .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD)
                                                    .locationName("item").unmarshallLocationName("item").build(),
                                            ListTrait.builder().memberLocationName("item")
                                                    .memberFieldInfo(string("item")).build())
                                    .build())
                            .build())
            .build();

    private static final List<SdkField<?>> FIELDS = List.of(LABELS, FLAT, MATRIX);

    private final Map<String, String> labels;
    private final Map<String, String> flat;
    private final List<List<String>> matrix;

    private SyntheticShape(Builder builder) {
        this.labels = builder.labels;
        this.flat = builder.flat;
        this.matrix = builder.matrix;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<SdkField<?>> sdkFields() {
        return FIELDS;
    }

    @Override
    public boolean equalsBySdkFields(Object other) {
        return other instanceof SyntheticShape that && Objects.equals(labels, that.labels)
                && Objects.equals(flat, that.flat) && Objects.equals(matrix, that.matrix);
    }

    /** The builder, itself an SDK pojo as the generated builders are. */
    public static final class Builder implements SdkPojo, Buildable {
        private Map<String, String> labels;
        private Map<String, String> flat;
        private List<List<String>> matrix;

        Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        Builder flat(Map<String, String> value) {
            this.flat = value;
            return this;
        }

        Builder matrix(List<List<String>> value) {
            this.matrix = value;
            return this;
        }

        @Override
        public SyntheticShape build() {
            return new SyntheticShape(this);
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }
}
