package io.altostratus.local.internal;

import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.Glob;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store index over stored instances that lets a filtered listing, or one page of it, read only the instances
 * that can match. It files the stored fields people filter on: tags and tag keys, zone, VPC, subnet, type, image,
 * key name, private and public address, and the stored state. A stored state is not always the state read (pending
 * reads as running once its time has come), so a state criterion asks for the stored states that can read as the
 * wanted ones, and the candidates are checked against the whole query.
 */
public final class InstanceIndex {
    /** The index's name on {@link Docs#INSTANCE} documents. */
    public static final String NAME = "fields";

    // A NUL cannot occur in a tag key or value EC2 accepts, so the parts of a key never run together.
    private static final char SEP = '\u0000';

    private InstanceIndex() {
    }

    /** Registers the index on a store; cheap when a session on the same store already did. */
    public static void register(StateStore store) {
        store.index(Docs.INSTANCE, NAME, InstanceDoc.class, InstanceIndex::keys);
    }

    static Collection<String> keys(InstanceDoc doc) {
        List<String> keys = new ArrayList<>(9 + 2 * doc.tags().size());
        for (Map.Entry<String, String> tag : doc.tags().entrySet()) {
            keys.add(tagKey(tag.getKey()));
            keys.add(tag(tag.getKey(), tag.getValue()));
        }
        add(keys, "zone", doc.zone());
        add(keys, "vpc", doc.vpcId());
        add(keys, "subnet", doc.subnetId());
        add(keys, "type", doc.instanceType());
        add(keys, "image", doc.imageId());
        add(keys, "key", doc.keyName());
        add(keys, "private-ip", doc.privateIp());
        add(keys, "public-ip", doc.publicIp());
        add(keys, "state", doc.state() == null ? null : doc.state().name());
        return keys;
    }

    private static void add(List<String> keys, String field, String value) {
        if (value != null) {
            keys.add(field + SEP + value);
        }
    }

    static String tag(String key, String value) {
        return "tag" + SEP + key + SEP + value;
    }

    static String tagKey(String key) {
        return "tag-key" + SEP + key;
    }

    /**
     * The index keys of the criterion of {@code query} that narrows most (the fewest instances filed under its keys),
     * or empty when no criterion can be answered from the index (wildcard values only, or no criterion at all) and
     * the caller must walk every instance. Any instance that matches the query is filed under one of the keys.
     */
    public static Optional<List<String>> narrowest(StateView view, String scope, InstanceQuery query) {
        return Optional.ofNullable(best(view, scope, query)).map(Criterion::keys);
    }

    /** Up to this many candidates are read one by one whatever the fleet's size (no count is needed to decide). */
    private static final int ONE_BY_ONE = 1_000;

    /** A criterion's index keys and how many instances are filed under them. */
    private record Criterion(List<String> keys, int size) {
    }

    private static Criterion best(StateView view, String scope, InstanceQuery query) {
        Criterion best = null;
        for (List<String> keys : criteria(query)) {
            int size = view.lookupSize(Docs.INSTANCE, scope, NAME, keys);
            if (best == null || size < best.size()) {
                best = new Criterion(keys, size);
            }
            if (size == 0) {
                break;
            }
        }
        return best;
    }

    /**
     * The ids of the instances that can match {@code query}, from the criterion that narrows most, in listing order;
     * empty when the index cannot narrow the query (see {@link #narrowest}), or narrows it so little that reading
     * every instance in one pass costs less than reading the candidates one by one (a state filter when most
     * instances are running: on a store that reads its file, a hundred thousand single reads against one scan).
     */
    public static Optional<List<String>> candidates(StateView view, String scope, InstanceQuery query) {
        Criterion best = best(view, scope, query);
        if (best == null
                || best.size() > ONE_BY_ONE && 2L * best.size() > view.count(Docs.INSTANCE, scope)) {
            return Optional.empty();
        }
        List<String> keys = best.keys();
        return Optional.of(keys.size() == 1
                ? view.lookup(Docs.INSTANCE, scope, NAME, keys.get(0))
                : view.lookupAny(Docs.INSTANCE, scope, NAME, keys));
    }

    /** Each criterion of the query the index can answer, as the keys any matching instance is filed under. */
    private static List<List<String>> criteria(InstanceQuery query) {
        List<List<String>> alternatives = new ArrayList<>();
        for (TagFilter filter : query.tags()) {
            if (filter.values().isEmpty()) {
                alternatives.add(List.of(tagKey(filter.key())));
            } else if (filter.values().stream().noneMatch(InstanceIndex::wild)) {
                alternatives.add(filter.values().stream().map(v -> tag(filter.key(), v)).toList());
            }
        }
        if (!query.names().isEmpty() && query.names().stream().noneMatch(InstanceIndex::wild)) {
            alternatives.add(query.names().stream().map(n -> tag(Tags.NAME, n)).toList());
        }
        single(alternatives, "zone", query.zone());
        single(alternatives, "vpc", query.networkId());
        single(alternatives, "subnet", query.subnetId());
        each(alternatives, "type", query.types());
        each(alternatives, "image", query.imageIds());
        each(alternatives, "key", query.keyNames());
        each(alternatives, "private-ip", query.privateIps());
        each(alternatives, "public-ip", query.publicIps());
        if (!query.states().isEmpty()) {
            Set<String> stored = new TreeSet<>();
            for (InstanceState state : InstanceState.values()) {
                if (query.states().contains(state) || query.states().contains(Transitions.settled(state))) {
                    stored.add("state" + SEP + state.name());
                }
            }
            alternatives.add(List.copyOf(stored));
        }
        return alternatives;
    }

    private static void single(List<List<String>> alternatives, String field, String value) {
        if (value != null) {
            alternatives.add(List.of(field + SEP + value));
        }
    }

    private static void each(List<List<String>> alternatives, String field, Set<String> values) {
        if (!values.isEmpty()) {
            alternatives.add(values.stream().map(v -> field + SEP + v).toList());
        }
    }

    /** Whether a filter value is a pattern rather than an exact value (an escape counts: it needs the matcher). */
    private static boolean wild(String value) {
        return Glob.hasWildcard(value) || value.indexOf('\\') >= 0;
    }
}
