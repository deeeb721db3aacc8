package io.altostratus.gateway.metrics;

/**
 * What a front tells the gateway about a request it answered, for the request meters and the access log: the
 * request id it sent back, the account it authenticated and the operation it ran. A front sets what it knows while
 * it handles the request, on the thread that runs its handler; what it leaves unset is reported as {@code -}
 * (account), the HTTP method (action), or a request id the gateway makes up.
 *
 * <p>The labels live with the thread that runs the gateway's filter and the front's handler, not on the exchange: the
 * JDK server's exchange attributes are its context's, shared by every request on that path.
 */
public final class RequestLabels {
    private static final ThreadLocal<RequestLabels> CURRENT = new ThreadLocal<>();

    String requestId;
    String account;
    String action;
    String api;

    RequestLabels() {
    }

    /** The id the answer carries (EC2's {@code x-amzn-RequestId}, ARM's {@code x-ms-request-id}, ...). */
    public static void requestId(String requestId) {
        RequestLabels labels = CURRENT.get();
        if (labels != null) {
            labels.requestId = requestId;
        }
    }

    /** The account the caller authenticated as. */
    public static void account(String account) {
        RequestLabels labels = CURRENT.get();
        if (labels != null) {
            labels.account = account;
        }
    }

    /** The operation, in the API's own name ({@code RunInstances}, {@code compute.instances.insert}). */
    public static void action(String action) {
        RequestLabels labels = CURRENT.get();
        if (labels != null) {
            labels.action = action;
        }
    }

    /** The API, when one handler serves several (otherwise the one it was mounted as). */
    public static void api(String api) {
        RequestLabels labels = CURRENT.get();
        if (labels != null) {
            labels.api = api;
        }
    }

    /** Runs the rest of the filter chain with {@code labels} for it to fill (also when it throws). */
    static void collecting(RequestLabels labels, IoRunnable chain) throws java.io.IOException {
        RequestLabels outer = CURRENT.get();
        CURRENT.set(labels);
        try {
            chain.run();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The filter chain's next step. */
    @FunctionalInterface
    interface IoRunnable {
        void run() throws java.io.IOException;
    }
}
