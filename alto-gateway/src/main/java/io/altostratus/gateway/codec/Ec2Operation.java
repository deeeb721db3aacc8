package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.ShapeModel;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.util.Objects;

/**
 * One EC2 operation as the SDK v2 model classes describe it: its wire action name and its typed input and output.
 *
 * @param action        the {@code Action} parameter, e.g. {@code RunInstances}
 * @param requestClass  the SDK input class, e.g. {@code RunInstancesRequest}
 * @param responseClass the SDK output class, e.g. {@code RunInstancesResponse}
 */
public record Ec2Operation(String action,
                           Class<? extends Ec2Request> requestClass,
                           Class<? extends Ec2Response> responseClass) {

    public Ec2Operation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestClass, "requestClass");
        Objects.requireNonNull(responseClass, "responseClass");
    }

    /** The root element of this operation's XML answer, e.g. {@code RunInstancesResponse}. */
    public String responseElement() {
        return action + "Response";
    }

    /** A fresh, empty builder of the request class. */
    public Ec2Request.Builder newRequestBuilder() {
        return (Ec2Request.Builder) ShapeModel.of(requestClass).newBuilder();
    }

    /** A fresh, empty builder of the response class. */
    public Ec2Response.Builder newResponseBuilder() {
        return (Ec2Response.Builder) ShapeModel.of(responseClass).newBuilder();
    }
}
