package io.altostratus.core.query;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which instances to list. Every non-empty criterion must match (AND); the values inside one criterion are
 * alternatives (OR). An empty query lists every instance the account can see in the region, terminated ones
 * included while the provider still shows them.
 *
 * @param ids        instance ids
 * @param names      {@code Name} tag values (wildcards allowed)
 * @param states     lifecycle states
 * @param tags       tag filters
 * @param zone       availability zone, or null
 * @param networkId  VPC, or null
 * @param subnetId   subnet, or null
 * @param types      instance type names (exact)
 * @param imageIds   the images instances were launched from
 * @param keyNames   key pair names
 * @param privateIps primary private addresses
 * @param publicIps  public addresses
 */
public record InstanceQuery(Set<String> ids, List<String> names, Set<InstanceState> states, List<TagFilter> tags,
                            String zone, String networkId, String subnetId, Set<String> types, Set<String> imageIds,
                            Set<String> keyNames, Set<String> privateIps, Set<String> publicIps) {

    public InstanceQuery {
        ids = ids == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(ids));
        names = names == null ? List.of() : List.copyOf(names);
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        tags = tags == null ? List.of() : List.copyOf(tags);
        types = copy(types);
        imageIds = copy(imageIds);
        keyNames = copy(keyNames);
        privateIps = copy(privateIps);
        publicIps = copy(publicIps);
    }

    /** The first seven criteria only, the others empty. */
    public InstanceQuery(Set<String> ids, List<String> names, Set<InstanceState> states, List<TagFilter> tags,
                         String zone, String networkId, String subnetId) {
        this(ids, names, states, tags, zone, networkId, subnetId, null, null, null, null, null);
    }

    private static Set<String> copy(java.util.Collection<String> values) {
        return values == null || values.isEmpty() ? Set.of() : Set.copyOf(values);
    }

    /** This query with other instance types (a decorator translating type names). */
    public InstanceQuery withTypes(Set<String> newTypes) {
        return new InstanceQuery(ids, names, states, tags, zone, networkId, subnetId, newTypes, imageIds, keyNames,
                privateIps, publicIps);
    }

    /** This query with other ids, VPC, subnet and images (a decorator translating ids). */
    public InstanceQuery withIds(Set<String> newIds, String newNetworkId, String newSubnetId, Set<String> newImageIds) {
        return new InstanceQuery(newIds, names, states, tags, zone, newNetworkId, newSubnetId, types, newImageIds,
                keyNames, privateIps, publicIps);
    }

    public static InstanceQuery all() {
        return new InstanceQuery(null, null, null, null, null, null, null);
    }

    public static InstanceQuery ids(java.util.Collection<String> ids) {
        return new InstanceQuery(Set.copyOf(ids), null, null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean matches(Instance instance) {
        if (!ids.isEmpty() && !ids.contains(instance.id())) {
            return false;
        }
        if (!states.isEmpty() && !states.contains(instance.state())) {
            return false;
        }
        if (!names.isEmpty() && names.stream().noneMatch(n -> Glob.matches(n, instance.name()))) {
            return false;
        }
        if (zone != null && !zone.equals(instance.zone())) {
            return false;
        }
        if (networkId != null && !networkId.equals(instance.vpcId())) {
            return false;
        }
        if (subnetId != null && !subnetId.equals(instance.subnetId())) {
            return false;
        }
        for (TagFilter filter : tags) {
            if (!filter.matches(instance.tags())) {
                return false;
            }
        }
        return in(types, instance.instanceType()) && in(imageIds, instance.imageId())
                && in(keyNames, instance.keyName()) && in(privateIps, instance.privateIp())
                && in(publicIps, instance.publicIp());
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }

    /** Mutable builder. */
    public static final class Builder {
        private final Set<String> ids = new LinkedHashSet<>();
        private final List<String> names = new ArrayList<>();
        private final Set<InstanceState> states = EnumSet.noneOf(InstanceState.class);
        private final List<TagFilter> tags = new ArrayList<>();
        private String zone;
        private String networkId;
        private String subnetId;
        private final Set<String> types = new LinkedHashSet<>();
        private final Set<String> imageIds = new LinkedHashSet<>();
        private final Set<String> keyNames = new LinkedHashSet<>();
        private final Set<String> privateIps = new LinkedHashSet<>();
        private final Set<String> publicIps = new LinkedHashSet<>();

        public Builder id(String v) { ids.add(v); return this; }
        public Builder ids(java.util.Collection<String> v) { ids.addAll(v); return this; }
        public Builder name(String v) { names.add(v); return this; }
        public Builder state(InstanceState v) { states.add(v); return this; }
        public Builder states(java.util.Collection<InstanceState> v) { states.addAll(v); return this; }
        public Builder tag(TagFilter v) { tags.add(v); return this; }
        public Builder tag(String key, String value) { tags.add(TagFilter.equals(key, value)); return this; }
        public Builder zone(String v) { zone = v; return this; }
        public Builder networkId(String v) { networkId = v; return this; }
        public Builder subnetId(String v) { subnetId = v; return this; }
        public Builder types(java.util.Collection<String> v) { types.addAll(v); return this; }
        public Builder imageIds(java.util.Collection<String> v) { imageIds.addAll(v); return this; }
        public Builder keyNames(java.util.Collection<String> v) { keyNames.addAll(v); return this; }
        public Builder privateIps(java.util.Collection<String> v) { privateIps.addAll(v); return this; }
        public Builder publicIps(java.util.Collection<String> v) { publicIps.addAll(v); return this; }

        public InstanceQuery build() {
            return new InstanceQuery(ids, names, states, tags, zone, networkId, subnetId, types, imageIds, keyNames,
                    privateIps, publicIps);
        }
    }
}
