package io.altostratus.local.internal;

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

/**
 * The store index over stored instances that lets a filtered listing read only the instances that can match. It
 * files the stored fields that do not change with the clock (tags, tag keys, subnet, VPC, zone); the state does
 * (pending reads as running once its time has come), so states are checked on the candidates, never indexed.
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
        List<String> keys = new ArrayList<>(3 + 2 * doc.tags().size());
        for (Map.Entry<String, String> tag : doc.tags().entrySet()) {
            keys.add(tagKey(tag.getKey()));
            keys.add(tag(tag.getKey(), tag.getValue()));
        }
        if (doc.zone() != null) {
            keys.add("zone" + SEP + doc.zone());
        }
        if (doc.vpcId() != null) {
            keys.add("vpc" + SEP + doc.vpcId());
        }
        if (doc.subnetId() != null) {
            keys.add("subnet" + SEP + doc.subnetId());
        }
        return keys;
    }

    static String tag(String key, String value) {
        return "tag" + SEP + key + SEP + value;
    }

    static String tagKey(String key) {
        return "tag-key" + SEP + key;
    }

    /**
     * The ids of the instances that can match {@code query}, from the criterion that narrows most; empty when no
     * criterion can be answered from the index (wildcard values only, states only, or no criterion at all), and
     * the caller must read every instance. The candidates still have to be checked against the whole query.
     * Candidates come in listing order.
     */
    public static Optional<List<String>> candidates(StateView view, String scope, InstanceQuery query) {
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
        if (query.zone() != null) {
            alternatives.add(List.of("zone" + SEP + query.zone()));
        }
        if (query.networkId() != null) {
            alternatives.add(List.of("vpc" + SEP + query.networkId()));
        }
        if (query.subnetId() != null) {
            alternatives.add(List.of("subnet" + SEP + query.subnetId()));
        }
        List<String> best = null;
        for (List<String> keys : alternatives) {
            List<String> ids = lookup(view, scope, keys);
            if (best == null || ids.size() < best.size()) {
                best = ids;
            }
            if (best.isEmpty()) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<String> lookup(StateView view, String scope, List<String> keys) {
        return keys.size() == 1 ? view.lookup(Docs.INSTANCE, scope, NAME, keys.get(0))
                : view.lookupAny(Docs.INSTANCE, scope, NAME, keys);
    }

    /** Whether a filter value is a pattern rather than an exact value (an escape counts: it needs the matcher). */
    private static boolean wild(String value) {
        return Glob.hasWildcard(value) || value.indexOf('\\') >= 0;
    }
}
