package io.altostratus.gateway.action;

import io.altostratus.core.Cloud;
import io.altostratus.gateway.http.Call;
import java.util.Objects;

/**
 * What a handler knows about the call it serves: who asks, where, and the provider session to ask.
 *
 * @param call  the authenticated call (request id, account, region, raw parameters)
 * @param cloud the backend session for the call's account and region
 */
public record ActionContext(Call call, Cloud cloud) {
    public ActionContext {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(cloud, "cloud");
    }

    public String account() {
        return call.account();
    }

    public String region() {
        return call.region();
    }

    public String requestId() {
        return call.requestId();
    }
}
