package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.GroupRef;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.store.Documents.Counter;
import io.altostratus.store.Documents.Disk;
import io.altostratus.store.Documents.Machine;
import io.altostratus.store.Documents.Named;
import io.altostratus.store.Documents.Notebook;
import io.altostratus.store.Documents.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarantees of {@link StateStore}, run against every implementation. */
abstract class StateStoreContractTest {

    protected StateStore store;

    protected abstract StateStore newStore();

    /** Whether the store keeps documents in memory, handing its own records back after the commit. */
    protected boolean mirrorsDocuments() {
        return true;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Machine machine(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", name);
        tags.put("team", "infra");
        return new Machine(name, Size.LARGE, Instant.parse("2026-03-01T10:15:30.123456789Z"),
                OffsetDateTime.of(2026, 3, 2, 8, 0, 0, 0, ZoneOffset.ofHours(2)),
                List.of(new Disk("/dev/sda", 20), new Disk("/dev/sdb", 500)), tags, List.of());
    }

    @Test
    void recordsWithInstantListAndMapFieldsRoundTrip() {
        Machine written = machine("web-1");
        store.write(tx -> {
            tx.put("machine", "acct", "m-1", written);
            return null;
        });

        Optional<Machine> read = committed("machine", "acct", "m-1", Machine.class);

        assertThat(read).contains(written);
        assertThat(read.orElseThrow().tags()).containsExactly(Map.entry("Name", "web-1"), Map.entry("team", "infra"));
    }

    @Test
    void coreModelInstanceRoundTrips() {
        Instance instance = Instance.builder().id("i-0123456789abcdef0").state(InstanceState.RUNNING)
                .name("web").securityGroups(List.of(new GroupRef("sg-1", "default")))
                .networkInterfaceIds(List.of("eni-1")).tags(Map.of("Name", "web")).spot(true)
                .launchTime(Instant.parse("2026-01-02T03:04:05Z")).build();
        store.write(tx -> {
            tx.put("instance", "acct", instance.id(), instance);
            return null;
        });

        assertThat(committed("instance", "acct", instance.id(), Instance.class)).contains(instance);
    }

    @Test
    void missingDocumentsAreEmpty() {
        assertThat(committed("machine", "acct", "nope", Machine.class)).isEmpty();
        assertThat(committedList("machine", "acct", Machine.class)).isEmpty();
    }

    @Test
    void listKeepsTheOrderDocumentsWereFirstInserted() {
        store.write(tx -> {
            tx.put("n", "a", "c", new Named("c"));
            tx.put("n", "a", "a", new Named("a"));
            return null;
        });
        store.write(tx -> {
            tx.put("n", "a", "b", new Named("b"));
            tx.put("n", "a", "c", new Named("c2")); // a replacement keeps its place
            return null;
        });

        assertThat(names()).containsExactly("c2", "a", "b");

        store.write(tx -> {
            tx.delete("n", "a", "c");
            return null;
        });
        store.write(tx -> {
            tx.put("n", "a", "c", new Named("c3")); // re-created after a deletion: a new document, at the end
            return null;
        });

        assertThat(names()).containsExactly("a", "b", "c3");
    }

    @Test
    void clearRemovesTheAcceptedKindsInEveryAccountAndKeepsTheRest() {
        store.write(tx -> {
            tx.put("instance", "111111111111", "i-1", new Named("one"));
            tx.put("instance", "222222222222", "i-2", new Named("two"));
            tx.put("volume", "111111111111", "vol-1", new Named("disk"));
            tx.put("access-key", "_system", "test", new Named("key"));
            return null;
        });
        long before = store.read(StateView::revision);

        int removed = store.clear(kind -> !kind.equals("access-key"));

        assertThat(removed).isEqualTo(3);
        assertThat(committedList("instance", "111111111111", Named.class)).isEmpty();
        assertThat(committedList("instance", "222222222222", Named.class)).isEmpty();
        assertThat(committed("volume", "111111111111", "vol-1", Named.class)).isEmpty();
        assertThat(committed("access-key", "_system", "test", Named.class)).contains(new Named("key"));
        assertThat(store.read(StateView::revision)).as("one transaction").isEqualTo(before + 1);
    }

    @Test
    void clearAsksThePredicateOncePerKindPresent() {
        store.write(tx -> {
            for (int i = 0; i < 5; i++) {
                tx.put("a", "acct-" + i, "id", new Named("a" + i));
                tx.put("b", "acct", "id-" + i, new Named("b" + i));
            }
            return null;
        });
        List<String> asked = new ArrayList<>();

        int removed = store.clear(kind -> {
            asked.add(kind);
            return kind.equals("a");
        });

        assertThat(removed).isEqualTo(5);
        assertThat(asked).containsExactlyInAnyOrder("a", "b");
        assertThat(committedList("b", "acct", Named.class)).hasSize(5);
    }

    @Test
    void aClearedDocumentCanBeWrittenAgainAndListsAfterTheSurvivors() {
        store.write(tx -> {
            tx.put("n", "a", "x", new Named("x"));
            tx.put("n", "a", "y", new Named("y"));
            return null;
        });
        store.clear(kind -> true);
        store.write(tx -> {
            tx.put("n", "a", "y", new Named("y2"));
            tx.put("n", "a", "z", new Named("z"));
            return null;
        });

        assertThat(names()).containsExactly("y2", "z");
    }

    @Test
    void clearingNothingStillCommitsAndReturnsZero() {
        long before = store.read(StateView::revision);

        assertThat(store.clear(kind -> true)).isZero();
        assertThat(store.read(StateView::revision)).isEqualTo(before + 1);
    }

    @Test
    void clearInsideAWriteIsRefusedLikeANestedWrite() {
        assertThatThrownBy(() -> store.write(tx -> store.clear(kind -> true)))
                .isInstanceOf(IllegalStateException.class);
    }

    protected final <T> Optional<T> committed(String kind, String account, String id, Class<T> type) {
        return store.read(v -> v.get(kind, account, id, type));
    }

    protected final <T> List<T> committedList(String kind, String account, Class<T> type) {
        return store.read(v -> v.list(kind, account, type));
    }

    private List<String> names() {
        return committedList("n", "a", Named.class).stream().map(Named::name).toList();
    }

    @Test
    void listIsScopedToKindAndAccount() {
        store.write(tx -> {
            tx.put("n", "a", "1", new Named("a1"));
            tx.put("n", "b", "1", new Named("b1"));
            tx.put("m", "a", "1", new Named("m1"));
            return null;
        });

        assertThat(committedList("n", "a", Named.class)).containsExactly(new Named("a1"));
        assertThat(committedList("n", "b", Named.class)).containsExactly(new Named("b1"));
    }

    @Test
    void aTransactionSeesItsOwnWritesBeforeCommit() {
        store.write(tx -> {
            tx.put("n", "a", "old", new Named("old"));
            tx.put("n", "a", "kept", new Named("kept"));
            return null;
        });

        List<String> seen = store.write(tx -> {
            tx.put("n", "a", "new", new Named("new"));
            tx.delete("n", "a", "old");
            tx.put("n", "a", "kept", new Named("kept2"));
            List<String> inside = new ArrayList<>();
            inside.add(tx.get("n", "a", "new", Named.class).map(Named::name).orElse("-"));
            inside.add(tx.get("n", "a", "old", Named.class).map(Named::name).orElse("-"));
            tx.list("n", "a", Named.class).forEach(n -> inside.add(n.name()));
            // Others do not see the transaction until it commits.
            inside.add(committedList("n", "a", Named.class).toString());
            return inside;
        });

        assertThat(seen).containsExactly("new", "-", "kept2", "new", "[Named[name=old], Named[name=kept]]");
        assertThat(names()).containsExactly("kept2", "new");
    }

    @Test
    void getAllGivesTheDocumentsInTheOrderAskedAndLeavesOutMissingOnes() {
        store.write(tx -> {
            for (int i = 0; i < 1203; i++) { // more ids than a database store asks for in one query
                tx.put("n", "a", String.format("id-%04d", i), new Named("n" + i));
            }
            tx.put("n", "b", "id-0007", new Named("other account"));
            tx.put("m", "a", "id-0007", new Named("other kind"));
            return null;
        });
        List<String> asked = new ArrayList<>();
        for (int i = 1202; i >= 0; i -= 3) {
            asked.add(String.format("id-%04d", i));
            asked.add("gone-" + i);
        }
        asked.add("id-0007");
        asked.add("id-1202"); // asked twice, given twice

        List<String> names = store.read(view -> view.getAll("n", "a", asked, Named.class)).stream()
                .map(Named::name).toList();

        List<String> expected = new ArrayList<>();
        for (int i = 1202; i >= 0; i -= 3) {
            expected.add("n" + i);
        }
        expected.add("n7");
        expected.add("n1202");
        assertThat(names).isEqualTo(expected);
        List<Named> none = store.read(view -> view.getAll("n", "a", List.of(), Named.class));
        assertThat(none).isEmpty();
    }

    @Test
    void getAllAndGetEachInsideAWriteSeeItsOwnChanges() {
        store.write(tx -> {
            tx.put("n", "a", "x", new Named("x"));
            tx.put("n", "a", "y", new Named("y"));
            tx.put("n", "a", "z", new Named("z"));
            return null;
        });

        List<String> seen = store.write(tx -> {
            tx.delete("n", "a", "x");
            tx.put("n", "a", "y", new Named("y2"));
            tx.put("n", "a", "w", new Named("w"));
            List<String> inside = new ArrayList<>();
            tx.getAll("n", "a", List.of("w", "x", "y", "z"), Named.class).forEach(n -> inside.add(n.name()));
            tx.getEach("n", "a", List.of("z", "x", "w").iterator(), Named.class)
                    .forEachRemaining(n -> inside.add(n.name()));
            return inside;
        });

        assertThat(seen).containsExactly("w", "y2", "z", "z", "w");
    }

    @Test
    void getEachReadsAsTheCallerGoesAndSkipsMissingIds() {
        store.write(tx -> {
            for (int i = 0; i < 700; i++) {
                tx.put("n", "a", String.format("id-%04d", i), new Named("n" + i));
            }
            return null;
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            ids.add(String.format("id-%04d", i)); // the last hundred have no document
        }

        List<String> all = store.read(view -> {
            List<String> names = new ArrayList<>();
            view.getEach("n", "a", ids.iterator(), Named.class).forEachRemaining(n -> names.add(n.name()));
            return names;
        });
        List<String> consumed = new ArrayList<>();
        Iterator<String> counting = new Iterator<>() {
            private final Iterator<String> walk = ids.iterator();

            @Override
            public boolean hasNext() {
                return walk.hasNext();
            }

            @Override
            public String next() {
                String id = walk.next();
                consumed.add(id);
                return id;
            }
        };
        String first = store.read(view -> view.getEach("n", "a", counting, Named.class).next().name());

        assertThat(all).hasSize(700).startsWith("n0", "n1").endsWith("n698", "n699");
        assertThat(first).isEqualTo("n0");
        assertThat(consumed).as("ids taken from the walk for the first document").hasSizeLessThan(ids.size() / 10);
    }

    @Test
    void aThrowingWriterLeavesNothingAndItsExceptionPropagatesUnchanged() {
        store.write(tx -> {
            tx.put("n", "a", "x", new Named("x"));
            tx.put("n", "a", "y", new Named("y"));
            return null;
        });
        long before = store.read(StateView::revision);
        IllegalStateException boom = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> store.write(tx -> {
            tx.put("n", "a", "z", new Named("z"));
            tx.put("n", "a", "x", new Named("x-changed"));
            tx.delete("n", "a", "y");
            throw boom;
        }));

        assertThat(thrown).isSameAs(boom);
        assertThat(names()).containsExactly("x", "y");
        assertThat(store.read(StateView::revision)).isEqualTo(before);
        // And the store still works afterwards.
        store.write(tx -> {
            tx.put("n", "a", "z", new Named("z"));
            return null;
        });
        assertThat(names()).containsExactly("x", "y", "z");
    }

    @Test
    void everyCommittedWriteBumpsTheRevisionByOne() {
        long start = store.read(StateView::revision);

        long seenInside = store.write(tx -> {
            tx.put("n", "a", "1", new Named("1"));
            return tx.revision();
        });
        store.write(tx -> null); // a write that changes nothing still commits a revision
        catchThrowable(() -> store.write(tx -> {
            throw new IllegalArgumentException("not committed");
        }));

        assertThat(seenInside).isEqualTo(start);
        assertThat(store.read(StateView::revision)).isEqualTo(start + 2);
    }

    @Test
    void deletingAnAbsentDocumentDoesNothing() {
        store.write(tx -> {
            tx.delete("n", "a", "ghost");
            tx.put("n", "a", "brief", new Named("brief"));
            tx.delete("n", "a", "brief");
            return null;
        });

        assertThat(names()).isEmpty();
    }

    @Test
    void nestedWritesAndWritesInsideReadsAreRefused() {
        assertThatThrownBy(() -> store.write(tx -> store.write(inner -> null)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(v -> store.write(tx -> null)))
                .isInstanceOf(IllegalStateException.class);
        // A read inside a write sees committed state and is allowed.
        store.write(tx -> {
            tx.put("n", "a", "1", new Named("1"));
            assertThat(committed("n", "a", "1", Named.class)).isEmpty();
            return null;
        });
    }

    @Test
    void viewsCannotBeUsedAfterTheirFunctionReturns() {
        StateView view = store.read(v -> v);
        StateTx tx = store.write(t -> t);

        assertThatThrownBy(() -> view.get("n", "a", "1", Named.class)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tx.put("n", "a", "1", new Named("1"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDocumentReadAsTheWrongTypeIsAClearError() {
        store.write(tx -> {
            tx.put("n", "a", "1", new Named("1"));
            return null;
        });

        assertThatThrownBy(() -> committed("n", "a", "1", Integer.class))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(e.providerCode()).isEqualTo("StateDocumentInvalid");
                    assertThat(e.getMessage()).contains("n/a/1");
                });
    }

    @Test
    void aDocumentThatCannotBeEncodedFailsAtPutAndNothingIsKept() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.put("n", "a", "ok", new Named("ok"));
            tx.put("n", "a", "bad", new Object());
            return null;
        })).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.providerCode()).isEqualTo("StateDocumentInvalid"));

        assertThat(names()).isEmpty();
    }

    @Test
    void concurrentIncrementsFromManyThreadsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.write(tx -> {
                            long value = tx.get("counter", "a", "c", Counter.class).map(Counter::value).orElse(0L);
                            tx.put("counter", "a", "c", new Counter(value + 1));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(committed("counter", "a", "c", Counter.class)).contains(new Counter(threads * perThread));
    }

    @Test
    void readersNeverSeeHalfAWrite() throws Exception {
        int writes = 200;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= writes; i++) {
                    long value = i;
                    store.write(tx -> {
                        tx.put("pair", "a", "left", new Counter(value));
                        tx.put("pair", "a", "right", new Counter(value));
                        return null;
                    });
                }
                writing.set(false);
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        List<Long> pair = store.read(v -> List.of(
                                v.get("pair", "a", "left", Counter.class).map(Counter::value).orElse(0L),
                                v.get("pair", "a", "right", Counter.class).map(Counter::value).orElse(0L)));
                        assertThat(pair.get(0)).isEqualTo(pair.get(1));
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(30, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anObjectChangedAfterItWasPutReadsAsItWasAtPut() {
        Notebook notebook = new Notebook();
        notebook.title = "draft";
        notebook.pages.add("one");
        store.write(tx -> {
            tx.put("note", "a", "1", notebook);
            notebook.pages.add("added inside the transaction, after the put");
            return null;
        });
        notebook.title = "changed after the commit";
        notebook.pages.add("added after the commit");

        Notebook read = committed("note", "a", "1", Notebook.class).orElseThrow();

        assertThat(read).isNotSameAs(notebook);
        assertThat(read.title).isEqualTo("draft");
        assertThat(read.pages).containsExactly("one");
    }

    @Test
    void aRecordThisProcessPutIsReadBackWithoutDecodingItsJson() {
        // The cheap path of a write-heavy caller: its own records come back as the very objects it put, both inside
        // the transaction and after the commit; a record's JSON decodes into an equal record (see the round-trip
        // tests), so nothing a reader can observe differs.
        Machine written = machine("web-1");
        Machine inside = store.write(tx -> {
            tx.put("machine", "acct", "m-1", written);
            return tx.get("machine", "acct", "m-1", Machine.class).orElseThrow();
        });

        assertThat(inside).isSameAs(written);
        Machine after = committed("machine", "acct", "m-1", Machine.class).orElseThrow();
        if (mirrorsDocuments()) {
            assertThat(after).isSameAs(written);
        } else {
            assertThat(after).isEqualTo(written);
        }
    }
}
