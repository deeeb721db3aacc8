package io.altostratus.gateway.identity;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The durable two-way mapping between a backend's own ids ({@code vm-3f2a...}) and the EC2-shaped ids the gateway
 * shows for them ({@code i-0a1b...}), for one account of one provider in one region.
 *
 * <p>Each pair is one document in the gateway's {@link StateStore} (kind {@value #KIND}, under the account, id
 * {@code provider/region/ec2Id}), found the other way by a secondary index keyed
 * {@code provider/region/kind/nativeId}. So a state directory keeps the ids across restarts and every process on it
 * agrees: a new pair is minted inside a write transaction that first looks for one made meanwhile by anyone else.
 * Pairs never change once made, so each session also keeps those it has seen in memory and asks the store only for
 * ids it has not met yet (a whole response at a time). Instances also carry the reservation they were launched in
 * and their position in it, which a backend without EC2 details cannot say.
 */
public final class Ec2IdMapping {
    /** The store kind of mapping documents. */
    public static final String KIND = "gateway-ec2-id";
    private static final String BY_NATIVE = "native";

    /**
     * One pair as stored.
     *
     * @param scope         {@code provider/region}
     * @param kind          what the ids name (stored by its enum name)
     * @param reservationId for instances, the reservation of the launch that made it; else null
     * @param launchIndex   for instances, the position in that launch
     */
    public record Entry(String scope, Ec2IdKind kind, String nativeId, String ec2Id, String reservationId,
                        int launchIndex) {
        public Entry {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(nativeId, "nativeId");
            Objects.requireNonNull(ec2Id, "ec2Id");
        }
    }

    /** A backend id together with the kind of resource it names. */
    public record Ref(Ec2IdKind kind, String nativeId) {
        public Ref {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(nativeId, "nativeId");
        }
    }

    private final StateStore store;
    private final String account;
    private final String scope;
    private final ConcurrentMap<Ref, Entry> byNative = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Entry> byEc2 = new ConcurrentHashMap<>();

    public Ec2IdMapping(StateStore store, String account, String provider, String region) {
        this.store = Objects.requireNonNull(store, "store");
        this.account = Objects.requireNonNull(account, "account");
        this.scope = Objects.requireNonNull(provider, "provider") + "/" + Objects.requireNonNull(region, "region");
        // Every session registers it; the store keeps the first registration of the name.
        store.index(KIND, BY_NATIVE, Entry.class, e -> List.of(nativeKey(e.scope(), e.kind(), e.nativeId())));
    }

    private static String nativeKey(String scope, Ec2IdKind kind, String nativeId) {
        return scope + "/" + kind.name() + "/" + nativeId;
    }

    private String documentId(String ec2Id) {
        return scope + "/" + ec2Id;
    }

    /**
     * The pairs for these backend ids, minting EC2 ids for those that have none (an instance minted here is its own
     * one-instance reservation: it was made outside a launch through this gateway).
     */
    public Map<Ref, Entry> toEc2(Collection<Ref> refs) {
        return resolve(refs, null);
    }

    /** The pair for one backend id, minted when there is none. */
    public Entry toEc2(Ec2IdKind kind, String nativeId) {
        Ref ref = new Ref(kind, nativeId);
        return toEc2(List.of(ref)).get(ref);
    }

    /**
     * The pairs for the instances of one launch, in launch order: those without one (all of them, unless a client
     * token brought back an earlier launch) share one new reservation and are numbered by their position.
     */
    public List<Entry> launched(List<String> nativeInstanceIds) {
        List<Ref> refs = new ArrayList<>(nativeInstanceIds.size());
        for (String id : nativeInstanceIds) {
            refs.add(new Ref(Ec2IdKind.INSTANCE, id));
        }
        Map<Ref, Entry> entries = resolve(refs, Ec2IdKind.RESERVATION.mint());
        List<Entry> out = new ArrayList<>(refs.size());
        for (Ref ref : refs) {
            out.add(entries.get(ref));
        }
        return out;
    }

    /** The backend id behind an EC2 id of that kind, or empty when this gateway never handed that id out. */
    public Optional<String> toNative(Ec2IdKind kind, String ec2Id) {
        Entry known = byEc2.get(ec2Id);
        if (known == null) {
            known = store.read(v -> v.get(KIND, account, documentId(ec2Id), Entry.class)).orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            remember(known);
        }
        return known.kind() == kind ? Optional.of(known.nativeId()) : Optional.empty();
    }

    /** The backend id behind an EC2 id, or EC2's NotFound for the kind. */
    public String requireNative(Ec2IdKind kind, String ec2Id) {
        return toNative(kind, ec2Id).orElseThrow(() -> kind.notFound(ec2Id));
    }

    private Map<Ref, Entry> resolve(Collection<Ref> refs, String reservationForNewInstances) {
        Map<Ref, Entry> out = new LinkedHashMap<>();
        Set<Ref> missing = new LinkedHashSet<>();
        for (Ref ref : refs) {
            Entry known = byNative.get(ref);
            if (known != null) {
                out.put(ref, known);
            } else {
                missing.add(ref);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        Map<Ref, Entry> stored = store.read(v -> find(v, missing));
        if (stored.size() < missing.size()) {
            stored = store.write(tx -> {
                Map<Ref, Entry> found = find(tx, missing);
                int index = 0;
                for (Ref ref : missing) {
                    if (found.containsKey(ref)) {
                        continue;
                    }
                    String ec2Id;
                    do {
                        ec2Id = ref.kind().mint();
                    } while (tx.get(KIND, account, documentId(ec2Id), Entry.class).isPresent());
                    boolean instance = ref.kind() == Ec2IdKind.INSTANCE;
                    String reservation = !instance ? null
                            : reservationForNewInstances != null ? reservationForNewInstances
                            : Ec2IdKind.RESERVATION.mint();
                    int launchIndex = instance && reservationForNewInstances != null ? index++ : 0;
                    Entry entry = new Entry(scope, ref.kind(), ref.nativeId(), ec2Id, reservation, launchIndex);
                    tx.put(KIND, account, documentId(ec2Id), entry);
                    found.put(ref, entry);
                }
                return found;
            });
        }
        for (Map.Entry<Ref, Entry> e : stored.entrySet()) {
            remember(e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private Map<Ref, Entry> find(StateView view, Collection<Ref> refs) {
        Map<Ref, Entry> found = new LinkedHashMap<>();
        for (Ref ref : refs) {
            List<String> ids = view.lookup(KIND, account, BY_NATIVE, nativeKey(scope, ref.kind(), ref.nativeId()));
            if (!ids.isEmpty()) {
                view.get(KIND, account, ids.get(0), Entry.class).ifPresent(e -> found.put(ref, e));
            }
        }
        return found;
    }

    private void remember(Entry entry) {
        byNative.put(new Ref(entry.kind(), entry.nativeId()), entry);
        byEc2.put(entry.ec2Id(), entry);
    }
}
