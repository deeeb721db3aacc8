package io.altostratus.gateway.http;

/**
 * Turns one authenticated EC2 request into the XML body of its successful answer. This is where the codec and the
 * action handlers plug into the HTTP front.
 *
 * <p>Called on a virtual thread per request, concurrently: implementations must be thread-safe and may block.
 */
@FunctionalInterface
public interface ActionDispatcher {

    /**
     * @return the complete UTF-8 XML document answered with HTTP 200 (e.g. {@code <DescribeRegionsResponse ...>})
     * @throws Ec2WireException for an EC2 error ({@link io.altostratus.core.error.AltoException} is accepted too and
     *         converted with {@link Ec2WireException#from}); anything else becomes a logged {@code InternalError}
     */
    byte[] dispatch(Call call);

    /**
     * The same answer as {@link #dispatch}, as a body the front writes straight to the response. The action runs
     * here, and every EC2 error must be thrown here, before any byte is written; {@link ResponseBody#writeTo} only
     * encodes, and a failure there is a fault (the client's connection is cut, since a status already sent cannot be
     * taken back). The front calls this method, not {@link #dispatch}; the default wraps {@link #dispatch}'s bytes, and
     * dispatchers whose answers can be large override it to stream.
     */
    default ResponseBody respond(Call call) {
        byte[] answer = dispatch(call);
        if (answer == null) {
            throw new IllegalStateException("the dispatcher answered " + call.action() + " with no body");
        }
        return ResponseBody.of(answer);
    }
}
