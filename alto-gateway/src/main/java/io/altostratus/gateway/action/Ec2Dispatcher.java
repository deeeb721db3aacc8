package io.altostratus.gateway.action;

import io.altostratus.gateway.backend.Backend;
import io.altostratus.gateway.codec.DecodedRequest;
import io.altostratus.gateway.codec.Ec2QueryDecoder;
import io.altostratus.gateway.codec.Ec2XmlEncoder;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.gateway.http.Call;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.ResponseBody;
import io.altostratus.gateway.http.StsCallerIdentity;
import io.altostratus.gateway.http.WireError;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

/**
 * The one path of every EC2 call: decode the parameters into the typed request (the codec validates them against the
 * model), find the handler, run it against the backend session of the caller's account and region, encode the typed
 * response. An action the model knows but no handler serves answers {@code UnsupportedOperation} naming it.
 */
public final class Ec2Dispatcher implements ActionDispatcher {
    private final Backend backend;
    private final ActionRegistry registry;
    private final Ec2QueryDecoder decoder = new Ec2QueryDecoder();
    private final Ec2XmlEncoder encoder = new Ec2XmlEncoder();

    public Ec2Dispatcher(Backend backend, ActionRegistry registry) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Streams the answer: a DescribeInstances of megabytes goes to the socket as it is encoded, never built whole. */
    @Override
    public ResponseBody respond(Call call) {
        if (StsCallerIdentity.matches(call)) {
            return ResponseBody.of(StsCallerIdentity.answer(call));
        }
        DecodedRequest decoded = decoder.decode(call.params());
        Ec2Response response = handle(call, decoded.request());
        return out -> encoder.encode(decoded.operation(), response, call.requestId(), out);
    }

    @Override
    public byte[] dispatch(Call call) {
        if (StsCallerIdentity.matches(call)) {
            return StsCallerIdentity.answer(call);
        }
        DecodedRequest decoded = decoder.decode(call.params());
        Ec2Response response = handle(call, decoded.request());
        return encoder.encodeToUtf8(decoded.operation(), response, call.requestId());
    }

    private <Q extends Ec2Request> Ec2Response handle(Call call, Q request) {
        @SuppressWarnings("unchecked")
        Class<Q> type = (Class<Q>) request.getClass();
        ActionHandler<Q, ? extends Ec2Response> handler = registry.find(type).orElseThrow(() -> Ec2WireException.of(
                WireError.UNSUPPORTED_OPERATION, "The action " + call.action() + " is not supported by this gateway yet."));
        ActionContext context = new ActionContext(call, backend.cloud(call.account(), call.region()));
        try {
            return handler.handle(context, request);
        } catch (IllegalArgumentException e) {
            // Spec records validate in their constructors; their messages are written for users.
            throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, e.getMessage());
        }
    }
}
