package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Concurrent launches and terminations through separate sessions on one backend leave one consistent picture:
 * every instance listed exactly once, terminated ones terminated, live ones on distinct private addresses.
 */
public interface ConcurrencyContract extends ProviderContract {

    /** Threads that launch and terminate at once. */
    default int concurrencyThreads() {
        return 8;
    }

    /** Launches per thread; every second one terminates the instance launched just before it. */
    default int concurrencyLaunchesPerThread() {
        return 10;
    }

    @Test
    default void concurrentLaunchesAndTerminationsLeaveAConsistentListing(ContractSession s) throws Exception {
        int threads = concurrencyThreads();
        int perThread = concurrencyLaunchesPerThread();
        List<String> launched = Collections.synchronizedList(new ArrayList<>());
        List<String> terminated = Collections.synchronizedList(new ArrayList<>());
        List<Cloud> sessions = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            sessions.add(s.open(Account.A));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Cloud mine = sessions.get(t);
                String worker = "w" + t;
                work.add(pool.submit(() -> {
                    start.await();
                    String previous = null;
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        List<Instance> made = s.launch(mine, b -> b.name(s.name(worker + "-" + n)).tag("worker", worker));
                        assertThat(made).hasSize(1);
                        launched.add(made.get(0).id());
                        if (i % 2 == 1) {
                            mine.terminate(List.of(previous));
                            terminated.add(previous);
                        }
                        previous = made.get(0).id();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                try {
                    // A real-time bound only so that a deadlocked provider fails the test instead of hanging the build.
                    f.get(5, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw (Exception) e.getCause();
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(launched).as("ids handed out by concurrent launches").hasSize(threads * perThread)
                .doesNotHaveDuplicates();
        List<String> live = launched.stream().filter(id -> !terminated.contains(id)).toList();
        s.awaitAll(terminated, InstanceCondition.TERMINATED);
        s.awaitAll(live, InstanceCondition.RUNNING);

        List<Instance> listing = s.listRun();
        assertThat(listing).extracting(Instance::id).as("the run's listing").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(launched);
        Map<String, Instance> byId = listing.stream().collect(Collectors.toMap(Instance::id, Function.identity()));
        assertThat(terminated).allSatisfy(id ->
                assertThat(byId.get(id).state()).as("state of terminated %s", id).isEqualTo(InstanceState.TERMINATED));
        assertThat(live).allSatisfy(id ->
                assertThat(byId.get(id).state()).as("state of live %s", id).isEqualTo(InstanceState.RUNNING));
        List<String> liveIps = live.stream().map(id -> byId.get(id).privateIp()).toList();
        assertThat(liveIps).as("private IPs of live instances").doesNotContainNull().doesNotHaveDuplicates();
        Set<String> workers = listing.stream().map(i -> i.tags().get("worker")).collect(Collectors.toSet());
        assertThat(workers).hasSize(threads);
    }
}
