package io.altostratus.gateway.action;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

/** Which handler serves which request type. Built once at start, read concurrently afterwards. */
public final class ActionRegistry {
    private final Map<Class<?>, ActionHandler<?, ?>> handlers = new ConcurrentHashMap<>();

    /** Registers the handler for one request type; registering a type twice is a wiring bug and fails. */
    public <Q extends Ec2Request, R extends Ec2Response> ActionRegistry on(Class<Q> requestType,
                                                                          ActionHandler<Q, R> handler) {
        if (handlers.putIfAbsent(requestType, handler) != null) {
            throw new IllegalStateException("two handlers for " + requestType.getSimpleName());
        }
        return this;
    }

    public ActionRegistry add(ActionGroup group) {
        group.register(this);
        return this;
    }

    @SuppressWarnings("unchecked")
    public <Q extends Ec2Request> Optional<ActionHandler<Q, ? extends Ec2Response>> find(Class<Q> requestType) {
        return Optional.ofNullable((ActionHandler<Q, ? extends Ec2Response>) handlers.get(requestType));
    }

    /** The request types with behaviour, for the health endpoint and tests. */
    public Set<Class<?>> requestTypes() {
        return Set.copyOf(handlers.keySet());
    }
}
