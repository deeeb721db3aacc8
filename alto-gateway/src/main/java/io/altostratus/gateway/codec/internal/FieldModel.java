package io.altostratus.gateway.codec.internal;

import software.amazon.awssdk.core.SdkField;

/**
 * One member of a shape.
 *
 * @param index     its position in the shape's field list
 * @param sdkField  the SDK's own field (getter and setter)
 * @param memberName the model member name, e.g. {@code TagSpecifications}
 * @param queryName the EC2 Query name, e.g. {@code TagSpecification}
 * @param xmlName   the XML element name in responses, e.g. {@code tagSpecificationSet}
 * @param type      its wire type
 * @param required  whether the EC2 model requires it in a request
 * @param openTag   {@code <xmlName>} as UTF-8, so encoding a member copies bytes instead of encoding its name again
 * @param closeTag  {@code </xmlName>} as UTF-8
 */
public record FieldModel(int index, SdkField<?> sdkField, String memberName, String queryName, String xmlName, TypeModel type,
                         boolean required, byte[] openTag, byte[] closeTag) {

    public FieldModel(int index, SdkField<?> sdkField, String memberName, String queryName, String xmlName,
                      TypeModel type, boolean required) {
        this(index, sdkField, memberName, queryName, xmlName, type, required,
                xmlName == null ? null : Utf8XmlWriter.ascii("<" + xmlName + ">"),
                xmlName == null ? null : Utf8XmlWriter.ascii("</" + xmlName + ">"));
    }

    /** The field's value on a built object or a builder; null when unset. */
    public Object get(Object pojo) {
        return sdkField.getValueOrDefault(pojo);
    }

    /** Sets the field on a builder. */
    public void set(Object builder, Object value) {
        sdkField.set(builder, value);
    }
}
