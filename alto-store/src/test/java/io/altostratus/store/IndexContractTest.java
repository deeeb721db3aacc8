package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.store.Documents.Machine;
import io.altostratus.store.Documents.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes ({@link StateStore#index}, {@link StateView#lookup}) against every implementation: lookups agree
 * with a scan of {@code list} after any mix of puts, replacements, deletions and rolled-back writes.
 */
abstract class IndexContractTest {

    static final String KIND = "machine";
    static final String BY_TAG = "tag";

    protected StateStore store;

    protected abstract StateStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        registerTagIndex(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Files machines under {@code key=value} for each tag. */
    static void registerTagIndex(StateStore on) {
        on.index(KIND, BY_TAG, Machine.class, m -> m.tags().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static Machine tagged(String name, Map<String, String> tags) {
        return new Machine(name, Documents.Size.SMALL, null, null, List.of(), tags, List.of());
    }

    static void put(StateStore on, String account, String id, Map<String, String> tags) {
        on.write(tx -> {
            tx.put(KIND, account, id, tagged(id, tags));
            return null;
        });
    }

    private List<String> find(String kind, String index, String key) {
        return store.read(v -> v.lookup(kind, "a", index, key));
    }

    static List<String> lookup(StateStore on, String account, String key) {
        return on.read(v -> v.lookup(KIND, account, BY_TAG, key));
    }

    /** What the index must answer: a scan, in list order. */
    static List<String> scan(StateStore on, String account, String key) {
        int eq = key.indexOf('=');
        String k = key.substring(0, eq);
        String value = key.substring(eq + 1);
        return on.read(v -> v.list(KIND, account, Machine.class).stream()
                .filter(m -> value.equals(m.tags().get(k))).map(Machine::name).toList());
    }

    @Test
    void lookupFindsExactlyTheDocumentsFiledUnderAKeyInListOrder() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "db"));
        put(store, "a", "m-3", Map.of("team", "web", "env", "prod"));
        put(store, "b", "m-4", Map.of("team", "web"));

        assertThat(lookup(store, "a", "team=web")).containsExactly("m-1", "m-3");
        assertThat(lookup(store, "a", "env=prod")).containsExactly("m-3");
        assertThat(lookup(store, "b", "team=web")).containsExactly("m-4");
        assertThat(lookup(store, "a", "team=none")).isEmpty();
        assertThat(lookup(store, "nobody", "team=web")).isEmpty();
    }

    @Test
    void lookupAnyGivesEachDocumentFiledUnderAnyKeyOnceInListOrder() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "db", "env", "prod"));
        put(store, "a", "m-3", Map.of("team", "web", "env", "prod"));
        put(store, "a", "m-4", Map.of("team", "cache"));

        assertThat(store.<List<String>>read(v -> v.lookupAny(KIND, "a", BY_TAG, List.of("env=prod", "team=web", "team=none"))))
                .containsExactly("m-1", "m-2", "m-3");
        List<String> inside = store.write(tx -> {
            tx.put(KIND, "a", "m-5", tagged("m-5", Map.of("team", "db")));
            tx.put(KIND, "a", "m-4", tagged("m-4", Map.of("team", "db")));
            tx.delete(KIND, "a", "m-1");
            return tx.lookupAny(KIND, "a", BY_TAG, List.of("team=db", "team=web"));
        });
        assertThat(inside).containsExactly("m-2", "m-3", "m-4", "m-5");
        assertThat(store.<List<String>>read(v -> v.lookupAny(KIND, "a", BY_TAG, List.of("team=db", "team=web"))))
                .isEqualTo(inside);
    }

    @Test
    void replacingADocumentRefilesItAndDeletingItUnfilesIt() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "web"));

        put(store, "a", "m-1", Map.of("team", "db"));
        assertThat(lookup(store, "a", "team=web")).containsExactly("m-2");
        assertThat(lookup(store, "a", "team=db")).containsExactly("m-1");

        store.write(tx -> {
            tx.delete(KIND, "a", "m-2");
            return null;
        });
        assertThat(lookup(store, "a", "team=web")).isEmpty();

        // A document written again after its deletion lists last, and the index agrees.
        put(store, "a", "m-2", Map.of("team", "db"));
        assertThat(lookup(store, "a", "team=db")).containsExactly("m-1", "m-2").isEqualTo(scan(store, "a", "team=db"));
    }

    @Test
    void aRolledBackWriteLeavesTheIndexAsItWas() {
        put(store, "a", "m-1", Map.of("team", "web"));

        assertThatThrownBy(() -> store.write(tx -> {
            tx.put(KIND, "a", "m-2", tagged("m-2", Map.of("team", "web")));
            tx.put(KIND, "a", "m-1", tagged("m-1", Map.of("team", "db")));
            assertThat(tx.lookup(KIND, "a", BY_TAG, "team=web")).containsExactly("m-2");
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(lookup(store, "a", "team=web")).containsExactly("m-1");
        assertThat(lookup(store, "a", "team=db")).isEmpty();
    }

    @Test
    void aTransactionsLookupsSeeItsOwnPutsAndDeletes() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "db"));
        put(store, "a", "m-3", Map.of("team", "web"));

        List<String> inside = store.write(tx -> {
            tx.put(KIND, "a", "m-4", tagged("m-4", Map.of("team", "web")));   // new
            tx.put(KIND, "a", "m-2", tagged("m-2", Map.of("team", "web")));   // re-filed into the key
            tx.delete(KIND, "a", "m-1");                                       // gone
            tx.put(KIND, "b", "m-5", tagged("m-5", Map.of("team", "web")));   // another account
            return tx.lookup(KIND, "a", BY_TAG, "team=web");
        });

        // Committed documents keep their place (m-2 before m-3), new ones follow: the order list gives.
        assertThat(inside).containsExactly("m-2", "m-3", "m-4");
        assertThat(lookup(store, "a", "team=web")).isEqualTo(inside);
    }

    @Test
    void anIndexRegisteredLaterFilesWhatIsAlreadyThereAndANameIsRegisteredOnce() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("size", "big"));

        store.index(KIND, "has-team", Machine.class, m -> m.tags().containsKey("team") ? Set.of("yes") : Set.of());
        // Same name again, different function: the first definition stays.
        store.index(KIND, "has-team", Machine.class, m -> Set.of("yes"));

        assertThat(find(KIND, "has-team", "yes")).containsExactly("m-1");
        put(store, "a", "m-3", Map.of("team", "db"));
        assertThat(find(KIND, "has-team", "yes")).containsExactly("m-1", "m-3");
    }

    @Test
    void documentsThatDoNotDecodeAsTheIndexTypeAreFiledNowhereAndStillStored() {
        store.index("named", "first-letter", Named.class, n -> List.of(n.name().substring(0, 1)));
        store.write(tx -> {
            tx.put("named", "a", "1", new Named("apple"));
            tx.put("named", "a", "2", Map.of("unexpected", List.of(1, 2)));
            tx.put("named", "a", "3", new Named("")); // the key function throws on this one
            return null;
        });

        assertThat(find("named", "first-letter", "a")).containsExactly("1");
        assertThat(store.<java.util.Optional<Named>>read(v -> v.get("named", "a", "3", Named.class))).contains(new Named(""));
    }

    @Test
    void anUnknownIndexIsAClearErrorAndIndexingInsideAReadIsRefused() {
        assertThatThrownBy(() -> store.read(v -> v.lookup(KIND, "a", "nope", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> store.read(v -> v.lookup("other-kind", "a", BY_TAG, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(v -> {
            store.index(KIND, "late", Machine.class, m -> List.of());
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClearEmptiesTheIndex() {
        put(store, "a", "m-1", Map.of("team", "web"));
        store.clear(KIND::equals);
        assertThat(lookup(store, "a", "team=web")).isEmpty();
    }

    @Test
    void randomChangesKeepEveryLookupEqualToAScan() {
        Random random = new Random(7);
        String[] teams = {"web", "db", "cache"};
        for (int round = 0; round < 60; round++) {
            boolean rollBack = random.nextInt(5) == 0;
            try {
                store.write(tx -> {
                    for (int op = 0; op < 1 + random.nextInt(4); op++) {
                        String account = random.nextBoolean() ? "a" : "b";
                        String id = "m-" + random.nextInt(12);
                        if (random.nextInt(3) == 0) {
                            tx.delete(KIND, account, id);
                        } else {
                            Map<String, String> tags = new LinkedHashMap<>();
                            tags.put("team", teams[random.nextInt(teams.length)]);
                            if (random.nextBoolean()) {
                                tags.put("env", random.nextBoolean() ? "prod" : "test");
                            }
                            tx.put(KIND, account, id, tagged(id, tags));
                        }
                    }
                    if (rollBack) {
                        throw new IllegalStateException("roll back");
                    }
                    return null;
                });
            } catch (IllegalStateException expected) {
                assertThat(rollBack).isTrue();
            }
            for (String account : List.of("a", "b")) {
                for (String key : List.of("team=web", "team=db", "team=cache", "env=prod", "env=test")) {
                    assertThat(lookup(store, account, key)).as("round %d %s %s", round, account, key)
                            .isEqualTo(scan(store, account, key));
                }
            }
        }
    }

    @Test
    void pagesWalkDocumentsAndIndexKeysInIdOrderFromACursor() {
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        store.write(tx -> {
            for (int i = 0; i < 200; i++) {
                String id = "m-" + Integer.toHexString(random.nextInt(1 << 20));
                ids.add(id);
                tx.put(KIND, "a", id, tagged(id, Map.of("team", i % 3 == 0 ? "web" : "db", "n", "" + (i % 7))));
            }
            return null;
        });
        List<String> sorted = ids.stream().distinct().sorted().toList();
        List<String> web = store.read(v -> v.list(KIND, "a", Machine.class).stream()
                .filter(m -> "web".equals(m.tags().get("team"))).map(Machine::name).sorted().toList());
        List<String> webOrSix = store.read(v -> v.list(KIND, "a", Machine.class).stream()
                .filter(m -> "web".equals(m.tags().get("team")) || "6".equals(m.tags().get("n")))
                .map(Machine::name).sorted().toList());

        assertThat(walkAll(null, 17)).isEqualTo(sorted);
        assertThat(walkIndex(List.of("team=web"), 13)).isEqualTo(web);
        assertThat(walkIndex(List.of("team=web", "n=6"), 9)).isEqualTo(webOrSix);
        assertThat((int) store.read(v -> v.count(KIND, "a"))).isEqualTo(sorted.size());
        assertThat((int) store.read(v -> v.lookupSize(KIND, "a", BY_TAG, List.of("team=web")))).isEqualTo(web.size());
        assertThat((int) store.read(v -> v.lookupSize(KIND, "a", BY_TAG, List.of("team=web", "n=6"))))
                .isGreaterThanOrEqualTo(webOrSix.size());
        // Inside a transaction the walk includes its own puts and leaves out its own deletes.
        List<String> inTx = store.write(tx -> {
            tx.delete(KIND, "a", sorted.get(0));
            tx.put(KIND, "a", "m-zzz", tagged("m-zzz", Map.of("team", "web")));
            List<String> seen = new ArrayList<>();
            tx.scan(KIND, "a", Machine.class, null).forEachRemaining(m -> seen.add(m.name()));
            assertThat(tx.count(KIND, "a")).isEqualTo(sorted.size());
            List<String> webSeen = new ArrayList<>();
            tx.lookupFrom(KIND, "a", BY_TAG, List.of("team=web"), null).forEachRemaining(webSeen::add);
            assertThat(webSeen).endsWith("m-zzz").doesNotContain(sorted.get(0));
            return seen;
        });
        List<String> expected = new ArrayList<>(sorted.subList(1, sorted.size()));
        expected.add("m-zzz");
        assertThat(inTx).isEqualTo(expected);
        assertThat(walkAll(null, 50)).isEqualTo(expected);
    }

    /** Every id, read a page of {@code size} at a time, each page from the last id of the one before. */
    private List<String> walkAll(String from, int size) {
        List<String> out = new ArrayList<>();
        String cursor = from;
        while (true) {
            String after = cursor;
            List<String> page = store.read(v -> {
                List<String> got = new ArrayList<>();
                var it = v.scan(KIND, "a", Machine.class, after);
                while (it.hasNext() && got.size() < size) {
                    got.add(it.next().name());
                }
                return got;
            });
            out.addAll(page);
            if (page.size() < size) {
                return out;
            }
            cursor = page.get(page.size() - 1);
        }
    }

    private List<String> walkIndex(List<String> keys, int size) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        while (true) {
            String after = cursor;
            List<String> page = store.read(v -> {
                List<String> got = new ArrayList<>();
                var it = v.lookupFrom(KIND, "a", BY_TAG, keys, after);
                while (it.hasNext() && got.size() < size) {
                    got.add(it.next());
                }
                return got;
            });
            out.addAll(page);
            if (page.size() < size) {
                return out;
            }
            cursor = page.get(page.size() - 1);
        }
    }

    /** Every key's lookup against a scan, for a store that may have been changed by someone else. */
    static Map<String, List<String>> everyLookup(StateStore on, String account, List<String> keys) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String key : keys) {
            out.put(key, new ArrayList<>(lookup(on, account, key)));
        }
        return out;
    }

    static Map<String, List<String>> everyScan(StateStore on, String account, List<String> keys) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String key : keys) {
            out.put(key, new ArrayList<>(scan(on, account, key)));
        }
        return out;
    }
}
