package io.altostratus.gateway.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

/**
 * Which handler serves which request type. Built at start, read concurrently afterwards.
 *
 * <p>Groups given to {@link #later} are registered on the first request no registered handler serves (or when
 * {@link #requestTypes} is asked), not at start: a group's registration loads its request classes and makes a class
 * for each of its handlers, and a server's start-up cache loads every class the server loaded while it was trained,
 * so the groups most servers never use would otherwise cost every server their memory (registering the 45 less common
 * groups later took the server's mapped start-up cache from 64 to 52 MiB).
 */
public final class ActionRegistry {
    private final Map<Class<?>, ActionHandler<?, ?>> handlers = new ConcurrentHashMap<>();
    private volatile Supplier<List<ActionGroup>> later;

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

    /** Groups to register on first need rather than now (see the class comment); one call per registry. */
    public ActionRegistry later(Supplier<List<ActionGroup>> groups) {
        if (later != null) {
            throw new IllegalStateException("later groups are already set");
        }
        later = groups;
        return this;
    }

    @SuppressWarnings("unchecked")
    public <Q extends Ec2Request> Optional<ActionHandler<Q, ? extends Ec2Response>> find(Class<Q> requestType) {
        ActionHandler<?, ?> handler = handlers.get(requestType);
        if (handler == null && later != null) {
            registerLater();
            handler = handlers.get(requestType);
        }
        return Optional.ofNullable((ActionHandler<Q, ? extends Ec2Response>) handler);
    }

    /** The request types with behaviour, for the health endpoint and tests. */
    public Set<Class<?>> requestTypes() {
        registerLater();
        return Set.copyOf(handlers.keySet());
    }

    private synchronized void registerLater() {
        Supplier<List<ActionGroup>> groups = later;
        if (groups != null) {
            groups.get().forEach(this::add);
            later = null;
        }
    }
}
