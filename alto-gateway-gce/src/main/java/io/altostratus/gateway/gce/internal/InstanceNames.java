package io.altostratus.gateway.gce.internal;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Tags;
import io.altostratus.store.StateStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Instance names are Compute Engine's identity (project, zone, name); backend ids are the backend's. The mapping
 * lives in the gateway's {@link StateStore}, so it survives restarts and is shared by every process on the state
 * directory, and it is the one place that says which names are taken. The backend also gets the name as its
 * {@code Name} tag, so other fronts (the CLI, the EC2 gateway) show the same name; but the tag is not the identity,
 * because those fronts may change it. Backend instances this front did not make are adopted on first sight under
 * their {@code Name} tag when that is a valid, free GCE name, else under a name derived from the backend id.
 *
 * <p>The record also keeps what the request said that the core model has no place for (metadata items, the boot
 * disk's size and type, the description), so {@code instances.get} shows it back.
 */
public final class InstanceNames {
    public static final String KIND = "gce-instance";
    private static final String BY_BACKEND = "backend";
    /** Compute Engine's rule for resource names (RFC 1035 labels). */
    public static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    /**
     * @param backendId null while the name is reserved by an insert in flight
     */
    public record Entry(String zone, String name, String backendId, Instant created, String description,
                        Map<String, String> metadata, Long bootDiskSizeGb, String bootDiskType, boolean spot,
                        String sourceImage) {
        public Entry {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        Entry bound(String id) {
            return new Entry(zone, name, id, created, description, metadata, bootDiskSizeGb, bootDiskType, spot,
                    sourceImage);
        }

        Entry withMetadata(Map<String, String> items) {
            return new Entry(zone, name, backendId, created, description, items, bootDiskSizeGb, bootDiskType, spot,
                    sourceImage);
        }
    }

    private final StateStore store;

    public InstanceNames(StateStore store) {
        this.store = store;
        store.index(KIND, BY_BACKEND, Entry.class,
                e -> e.backendId() == null ? List.of() : List.of(e.backendId()));
    }

    private static String key(String zone, String name) {
        return zone + "/" + name;
    }

    public Optional<Entry> byName(String project, String zone, String name) {
        return store.read(view -> view.get(KIND, project, key(zone, name), Entry.class));
    }

    public Optional<Entry> byBackendId(String project, String backendId) {
        return store.read(view -> view.lookup(KIND, project, BY_BACKEND, backendId).stream()
                .map(id -> view.get(KIND, project, id, Entry.class)).flatMap(Optional::stream).findFirst());
    }

    /** Takes a name for an insert; {@code alreadyExists} when someone holds it. */
    public void reserve(String project, Entry entry) {
        store.write(tx -> {
            String id = key(entry.zone(), entry.name());
            if (tx.get(KIND, project, id, Entry.class).isPresent()) {
                throw GceException.alreadyExists("projects/" + project + "/zones/" + entry.zone() + "/instances/"
                        + entry.name());
            }
            tx.put(KIND, project, id, entry);
            return null;
        });
    }

    public void bind(String project, Entry entry, String backendId) {
        store.write(tx -> {
            tx.put(KIND, project, key(entry.zone(), entry.name()), entry.bound(backendId));
            return null;
        });
    }

    public void forget(String project, String zone, String name) {
        store.write(tx -> {
            tx.delete(KIND, project, key(zone, name));
            return null;
        });
    }

    public void replace(String project, Entry entry) {
        store.write(tx -> {
            tx.put(KIND, project, key(entry.zone(), entry.name()), entry);
            return null;
        });
    }

    /**
     * instances.setMetadata's write: replaces the metadata items if the caller's fingerprint is the current one,
     * checked in the same transaction so two writers quoting one fingerprint cannot both win.
     *
     * @return the entry as written
     */
    public Entry replaceMetadata(String project, String zone, String name, String fingerprint,
                                 Map<String, String> items) {
        return store.write(tx -> {
            Entry current = tx.get(KIND, project, key(zone, name), Entry.class)
                    .orElseThrow(() -> GceException.notFound("projects/" + project + "/zones/" + zone
                            + "/instances/" + name));
            if (!MetadataItems.fingerprint(current.metadata()).equals(fingerprint)) {
                throw MetadataItems.staleFingerprint();
            }
            Entry updated = current.withMetadata(items);
            tx.put(KIND, project, key(zone, name), updated);
            return updated;
        });
    }

    /** Every entry of a zone. */
    public List<Entry> inZone(String project, String zone) {
        return store.read(view -> view.list(KIND, project, Entry.class)).stream()
                .filter(e -> e.zone().equals(zone)).toList();
    }

    /**
     * The entry of a backend instance, adopting it under a name when it has none yet (an instance made by another
     * front). Adoption is one write transaction, so two readers adopting at once agree on the name.
     */
    public Entry of(String project, Instance instance) {
        Optional<Entry> known = byBackendId(project, instance.id());
        if (known.isPresent()) {
            return known.get();
        }
        String zone = instance.zone();
        return store.write(tx -> {
            for (String id : tx.lookup(KIND, project, BY_BACKEND, instance.id())) {
                Optional<Entry> raced = tx.get(KIND, project, id, Entry.class);
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            String wanted = instance.tags().get(Tags.NAME);
            String name = wanted != null && NAME.matcher(wanted).matches()
                    && tx.get(KIND, project, key(zone, wanted), Entry.class).isEmpty() ? wanted : fromId(instance.id());
            if (tx.get(KIND, project, key(zone, name), Entry.class).isPresent()) {
                name = fromId(instance.id() + "-" + Long.toHexString(Ids.stable(instance.id())));
            }
            Instant created = instance.launchTime() == null ? Instant.EPOCH : instance.launchTime();
            Entry entry = new Entry(zone, name, instance.id(), created, null, new LinkedHashMap<>(), null, null,
                    instance.spot(), null);
            tx.put(KIND, project, key(zone, name), entry);
            return entry;
        });
    }

    /** A valid GCE name made of a backend id: lowercase, other characters as dashes, led by a letter. */
    static String fromId(String backendId) {
        String cleaned = backendId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "vm-" + cleaned;
        }
        if (cleaned.length() > 63) {
            cleaned = cleaned.substring(0, 63);
        }
        while (cleaned.endsWith("-")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned;
    }
}
