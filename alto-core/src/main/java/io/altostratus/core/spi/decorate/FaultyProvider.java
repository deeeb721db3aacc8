package io.altostratus.core.spi.decorate;

import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ForwardingComputeProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One session under a {@link Faults} plan. Core calls meet the throttle and error draws through the one
 * {@link #call} hook; launches also meet the quota limits and capacity shortages; what a launch makes is remembered
 * and hidden from {@code instance}/{@code instances} while the plan's {@code eventual} runs.
 *
 * <p>Extensions are handed out behind one {@link Proxy} each, so every extension method meets the draws too. Their
 * resources follow EC2's naming, which the proxy reads rather than listing each method: {@code createVolume} answering
 * a {@code Volume} (and {@code allocate}/{@code import} + the type's name) makes a resource, and a method answering a
 * {@code List<Volume>} whose name starts with {@code volume} lists them, leaving the hidden ones out.
 */
final class FaultyProvider extends ForwardingComputeProvider {
    private static final List<String> MAKING_VERBS = List.of("create", "allocate", "import");

    private final Faults faults;

    FaultyProvider(ComputeProvider delegate, Faults faults) {
        super(delegate);
        this.faults = faults;
    }

    @Override
    protected <R> R call(String operation, Supplier<R> call) {
        faults.beforeCall(operation);
        return call.get();
    }

    /** Waiters must tolerate NOT_FOUND for as long as this session hides what it made. */
    @Override
    public Duration consistencyGrace() {
        Duration own = delegate.consistencyGrace();
        Duration eventual = faults.eventual();
        return eventual.compareTo(own) > 0 ? eventual : own;
    }

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return call("launch", () -> {
            faults.checkQuota(spec.instanceType(), delegate.region());
            if (faults.mayBeShort(spec.instanceType())) {
                faults.checkCapacity(spec.instanceType(), zoneOf(spec), delegate.region());
            }
            List<Instance> made = delegate.launch(spec);
            for (Instance instance : made) {
                faults.made(instance.id());
            }
            return made;
        });
    }

    @Override
    public Instance instance(String id) {
        return call("instance", () -> {
            if (faults.hidden(id)) {
                throw faults.notYetVisible(id, "instance");
            }
            return delegate.instance(id);
        });
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return call("instances", () -> {
            requireVisible(query);
            return visible(delegate.instances(query));
        });
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return call("instances", () -> {
            requireVisible(query);
            Page<Instance> found = delegate.instances(query, page);
            List<Instance> shown = visible(found.items());
            return shown.size() == found.items().size() ? found : new Page<>(shown, found.nextCursor());
        });
    }

    /** A query naming a hidden id fails as one naming an unknown id does (the SPI's contract: NOT_FOUND). */
    private void requireVisible(InstanceQuery query) {
        for (String id : query.ids()) {
            if (faults.hidden(id)) {
                throw faults.notYetVisible(id, "instance");
            }
        }
    }

    private List<Instance> visible(List<Instance> all) {
        List<Instance> shown = null;
        for (int i = 0; i < all.size(); i++) {
            if (faults.hidden(all.get(i).id())) {
                if (shown == null) {
                    shown = new ArrayList<>(all.subList(0, i));
                }
            } else if (shown != null) {
                shown.add(all.get(i));
            }
        }
        return shown == null ? all : shown;
    }

    /**
     * The zone a launch lands in when it says so: its zone, else its subnet's (asked of the backend directly, so the
     * lookup itself meets no fault). Null when neither names one: the backend picks a zone with room.
     */
    private String zoneOf(LaunchSpec spec) {
        if (spec.zone() != null || spec.subnetId() == null) {
            return spec.zone();
        }
        return delegate.extension(Networks.class).flatMap(networks -> networks.subnets().stream()
                .filter(s -> s.id().equals(spec.subnetId())).map(Subnet::zone).findFirst()).orElse(null);
    }

    @Override
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        InvocationHandler faulty = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Faults[" + faults.plan() + " over " + extension + "]";
                };
            }
            return call(method.getName(), () -> afterwards(method, invoke(method, extension, args)));
        };
        return Optional.of(type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, faulty)));
    }

    /** What an extension call answers, with what it made remembered and what is hidden left out of lists. */
    private Object afterwards(Method method, Object result) {
        if (result == null) {
            return null;
        }
        String name = method.getName();
        if (result instanceof List<?> list) {
            Class<?> element = elementType(method);
            if (element != null && name.startsWith(decapitalized(element.getSimpleName()))) {
                return withoutHidden(list);
            }
            return result;
        }
        String typeName = method.getReturnType().getSimpleName();
        for (String verb : MAKING_VERBS) {
            if (name.equals(verb + typeName)) {
                faults.made(idOf(result));
            }
        }
        return result;
    }

    private List<?> withoutHidden(List<?> list) {
        List<Object> shown = new ArrayList<>(list.size());
        for (Object item : list) {
            String id = idOf(item);
            if (id == null || !faults.hidden(id)) {
                shown.add(item);
            }
        }
        return shown.size() == list.size() ? list : List.copyOf(shown);
    }

    private static Class<?> elementType(Method method) {
        Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    /** A resource's {@code id()}, for records and classes that have one; null otherwise. */
    private static String idOf(Object resource) {
        try {
            Method id = resource.getClass().getMethod("id");
            return id.getReturnType() == String.class ? (String) id.invoke(resource) : null;
        } catch (ReflectiveOperationException | SecurityException e) {
            return null;
        }
    }

    private static String decapitalized(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            // The caller must see the extension's own exception (an AltoException with its codes), not reflection's.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + " on " + target, e);
        }
    }

    @Override
    public String toString() {
        return "Faults[" + faults.plan() + " over " + delegate + "]";
    }
}
