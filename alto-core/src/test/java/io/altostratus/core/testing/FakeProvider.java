package io.altostratus.core.testing;

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
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A core-only provider for the core's own tests: it answers its identity, has no places, types or images, and fails
 * every other call with {@link UnsupportedOperationException}, so a test overrides exactly the calls it expects and
 * any other call it did not expect fails loudly.
 */
public class FakeProvider implements ComputeProvider {
    @Override public String name() { return "fake"; }
    @Override public String region() { return "r1"; }
    @Override public Optional<Scope> scope() { return Optional.empty(); }
    @Override public Set<Capability> traits() { return Set.of(); }
    @Override public Duration consistencyGrace() { return Duration.ZERO; }
    @Override public List<Region> regions() { return List.of(); }
    @Override public List<Zone> zones() { return List.of(); }
    @Override public List<InstanceType> instanceTypes() { return List.of(); }
    @Override public Map<String, Set<String>> instanceTypeOfferingsByZone() { return Map.of(); }
    @Override public List<Image> images(ImageQuery query) { return List.of(); }
    @Override public Image resolveImage(ImageRef ref) { throw unexpected("resolveImage"); }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        throw unexpected("createImage");
    }

    @Override public void deleteImage(String imageId, boolean deleteSnapshots) { throw unexpected("deleteImage"); }
    @Override public List<Instance> launch(LaunchSpec spec) { throw unexpected("launch"); }
    @Override public Instance instance(String id) { throw unexpected("instance"); }
    @Override public List<Instance> instances(InstanceQuery query) { throw unexpected("instances"); }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances(query), page, Instance::id);
    }

    @Override public List<StateChange> start(Collection<String> ids) { throw unexpected("start"); }
    @Override public List<StateChange> stop(Collection<String> ids, boolean force) { throw unexpected("stop"); }
    @Override public void reboot(Collection<String> ids) { throw unexpected("reboot"); }
    @Override public List<StateChange> terminate(Collection<String> ids) { throw unexpected("terminate"); }
    @Override public void tag(String resourceId, Map<String, String> tags) { throw unexpected("tag"); }
    @Override public void untag(String resourceId, Collection<String> keys) { throw unexpected("untag"); }
    @Override public void close() { }

    private static UnsupportedOperationException unexpected(String call) {
        return new UnsupportedOperationException("the test did not expect " + call);
    }
}
