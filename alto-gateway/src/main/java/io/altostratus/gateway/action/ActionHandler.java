package io.altostratus.gateway.action;

import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

/**
 * Behaviour for one EC2 action, in typed objects only: the codec decoded the request and will encode the response.
 * Throw {@link io.altostratus.core.error.AltoException} (with EC2's code as the provider code) or
 * {@link io.altostratus.gateway.http.Ec2WireException} for errors; both become EC2 error documents.
 */
@FunctionalInterface
public interface ActionHandler<Q extends Ec2Request, R extends Ec2Response> {
    R handle(ActionContext context, Q request);
}
