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

/**
 * A provider that hands every call to another one: the base of decorators (latency, type mapping, id mapping),
 * which override what they change. Extensions come from the delegate through {@link #decorate}, so a decorator
 * that changes extension calls too overrides that one method.
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

    @Override public String name() { return delegate.name(); }
    @Override public String region() { return delegate.region(); }
    @Override public Optional<Scope> scope() { return delegate.scope(); }
    @Override public Set<Capability> traits() { return delegate.traits(); }
    @Override public Duration consistencyGrace() { return delegate.consistencyGrace(); }
    @Override public List<Region> regions() { return delegate.regions(); }
    @Override public List<Zone> zones() { return delegate.zones(); }
    @Override public List<InstanceType> instanceTypes() { return delegate.instanceTypes(); }
    @Override public Map<String, Set<String>> instanceTypeOfferingsByZone() { return delegate.instanceTypeOfferingsByZone(); }
    @Override public List<Image> images(ImageQuery query) { return delegate.images(query); }
    @Override public Image resolveImage(ImageRef ref) { return delegate.resolveImage(ref); }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return delegate.createImage(instanceId, name, description, tags);
    }

    @Override public void deleteImage(String imageId, boolean deleteSnapshots) { delegate.deleteImage(imageId, deleteSnapshots); }
    @Override public List<Instance> launch(LaunchSpec spec) { return delegate.launch(spec); }
    @Override public Instance instance(String id) { return delegate.instance(id); }
    @Override public List<Instance> instances(InstanceQuery query) { return delegate.instances(query); }
    @Override public Page<Instance> instances(InstanceQuery query, PageRequest page) { return delegate.instances(query, page); }
    @Override public List<StateChange> start(Collection<String> ids) { return delegate.start(ids); }
    @Override public List<StateChange> stop(Collection<String> ids, boolean force) { return delegate.stop(ids, force); }
    @Override public void reboot(Collection<String> ids) { delegate.reboot(ids); }
    @Override public List<StateChange> terminate(Collection<String> ids) { return delegate.terminate(ids); }
    @Override public void tag(String resourceId, Map<String, String> tags) { delegate.tag(resourceId, tags); }
    @Override public void untag(String resourceId, Collection<String> keys) { delegate.untag(resourceId, keys); }
    @Override public void close() { delegate.close(); }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
