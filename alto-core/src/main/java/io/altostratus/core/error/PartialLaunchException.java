package io.altostratus.core.error;

import io.altostratus.core.model.Instance;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A launch of N instances where fewer than N were made. It carries the instances that were made, so the caller
 * can keep or clean them up, and the failure that stopped the rest (as its cause and code).
 */
public class PartialLaunchException extends AltoException {
    private final List<Instance> launched;
    private final int requested;

    public PartialLaunchException(int requested, List<Instance> launched, AltoException failure) {
        super(failure.code(), failure.providerCode(),
                "launched " + launched.size() + " of " + requested + " instances: " + failure.getMessage(), failure);
        this.launched = List.copyOf(launched);
        this.requested = requested;
    }

    /** The instances that were made before the failure; they exist and are billed. */
    public List<Instance> launched() {
        return launched;
    }

    public int requested() {
        return requested;
    }

    /**
     * The same failure with the launched instances seen through {@code view} (a decorator that renames types or ids
     * must show the instances that exist under the names its caller knows); the stack trace stays the original's.
     */
    public PartialLaunchException withLaunched(UnaryOperator<List<Instance>> view) {
        if (!(getCause() instanceof AltoException failure)) {
            return this;
        }
        PartialLaunchException out = new PartialLaunchException(requested, view.apply(launched), failure);
        out.setStackTrace(getStackTrace());
        return out;
    }
}
