package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.Buildable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The codec's view of one SDK model class: its fields by EC2 Query name, their wire types, and which of them the
 * EC2 model requires. Built once per class on first use and shared by all threads.
 */
public final class ShapeModel {
    private static final ConcurrentMap<Class<?>, ShapeModel> CACHE = new ConcurrentHashMap<>();

    private final Class<?> pojoClass;
    private final MethodHandle builderFactory;
    private final List<FieldModel> fields;
    private final Map<String, FieldModel> byQueryName;
    private final List<FieldModel> requiredFields;

    private ShapeModel(Class<?> pojoClass) {
        this.pojoClass = pojoClass;
        try {
            this.builderFactory = MethodHandles.publicLookup()
                    .findStatic(pojoClass, "builder", MethodType.methodType(pojoClass.getMethod("builder")
                            .getReturnType()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(pojoClass + " is not an SDK model class", e);
        }
        SdkPojo prototype = newBuilder();
        Set<String> required = RequiredMembers.of(pojoClass.getSimpleName());
        List<FieldModel> built = new java.util.ArrayList<>();
        Map<String, FieldModel> index = new HashMap<>();
        for (SdkField<?> field : prototype.sdkFields()) {
            FieldModel model = new FieldModel(built.size(), field, field.memberName(), field.locationName(),
                    field.unmarshallLocationName(), TypeModel.of(field), required.contains(field.memberName()));
            built.add(model);
            index.put(model.queryName(), model);
        }
        this.fields = List.copyOf(built);
        this.byQueryName = Map.copyOf(index);
        this.requiredFields = fields.stream().filter(FieldModel::required).toList();
    }

    /** The model of an SDK model class (a request, response or nested structure). */
    public static ShapeModel of(Class<?> pojoClass) {
        ShapeModel known = CACHE.get(pojoClass);
        return known != null ? known : CACHE.computeIfAbsent(pojoClass, ShapeModel::new);
    }

    public Class<?> pojoClass() {
        return pojoClass;
    }

    /** The fields in the SDK's declaration order. */
    public List<FieldModel> fields() {
        return fields;
    }

    /** The field with this EC2 Query name (exact case), or null. */
    public FieldModel field(String queryName) {
        return byQueryName.get(queryName);
    }

    /** The fields the EC2 model marks as required in requests. */
    public List<FieldModel> requiredFields() {
        return requiredFields;
    }

    /** A fresh builder; builders are SDK pojos too, so fields can be set on them through {@link SdkField}. */
    public SdkPojo newBuilder() {
        try {
            return (SdkPojo) builderFactory.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a builder of " + pojoClass, e);
        }
    }

    /** Builds an object from a builder made by {@link #newBuilder()}. */
    public static Object build(SdkPojo builder) {
        return ((Buildable) builder).build();
    }
}
