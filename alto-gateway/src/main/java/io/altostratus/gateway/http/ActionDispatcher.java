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
}
