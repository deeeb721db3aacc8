package io.altostratus.core.spi;

import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A provider that hands every call to another one: the base of decorators (latency, type mapping, id mapping),
 * which override what they change. Backend calls pass through {@link #call}, so a decorator that treats them all
 * alike overrides that one method; extensions come from the delegate through {@link #decorate}.
 */
public abstract class ForwardingComputeProvider implements ComputeProvider {
    protected final ComputeProvider delegate;

    protected ForwardingComputeProvider(ComputeProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The provider underneath. */
    public ComputeProvider delegate() {
        return delegate;
    }

    /**
     * What callers get for an extension the delegate offers; the extension itself by default. Decorators return a
     * wrapper, or empty to hide an extension they cannot honour.
     */
    protected <T extends Extension> Optional<T> decorate(Class<T> type, T extension) {
        return Optional.of(extension);
    }

    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        return delegate.extension(type).flatMap(e -> decorate(type, e));
    }

    /**
     * Runs one call to the backend. Every core call that asks the backend something (all but the session's identity,
     * extension lookup and {@code close}) goes through here, so a decorator that treats all calls alike (a delay, a
     * fault, a count) overrides this one method instead of every call.
     *
     * @param operation the SPI method's name, for messages
     */
    protected <R> R call(String operation, Supplier<R> call) {
        return call.get();
    }

    private void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override public String name() { return delegate.name(); }
    @Override public String region() { return delegate.region(); }
    @Override public Optional<Scope> scope() { return delegate.scope(); }
    @Override public Set<Capability> traits() { return delegate.traits(); }
    @Override public Duration consistencyGrace() { return delegate.consistencyGrace(); }
    @Override public List<Region> regions() { return call("regions", delegate::regions); }
    @Override public List<Zone> zones() { return call("zones", delegate::zones); }
    @Override public List<InstanceType> instanceTypes() { return call("instanceTypes", delegate::instanceTypes); }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return call("instanceTypeOfferingsByZone", delegate::instanceTypeOfferingsByZone);
    }

    @Override public List<Image> images(ImageQuery query) { return call("images", () -> delegate.images(query)); }
    @Override public Image resolveImage(ImageRef ref) { return call("resolveImage", () -> delegate.resolveImage(ref)); }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return call("createImage", () -> delegate.createImage(instanceId, name, description, tags));
    }

    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        run("deleteImage", () -> delegate.deleteImage(imageId, deleteSnapshots));
    }

    @Override public List<Instance> launch(LaunchSpec spec) { return call("launch", () -> delegate.launch(spec)); }
    @Override public Instance instance(String id) { return call("instance", () -> delegate.instance(id)); }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return call("instances", () -> delegate.instances(query));
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return call("instances", () -> delegate.instances(query, page));
    }

    @Override public List<StateChange> start(Collection<String> ids) { return call("start", () -> delegate.start(ids)); }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return call("stop", () -> delegate.stop(ids, force));
    }

    @Override public void reboot(Collection<String> ids) { run("reboot", () -> delegate.reboot(ids)); }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return call("terminate", () -> delegate.terminate(ids));
    }

    @Override public void tag(String resourceId, Map<String, String> tags) { run("tag", () -> delegate.tag(resourceId, tags)); }
    @Override public void untag(String resourceId, Collection<String> keys) { run("untag", () -> delegate.untag(resourceId, keys)); }
    @Override public void close() { delegate.close(); }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
