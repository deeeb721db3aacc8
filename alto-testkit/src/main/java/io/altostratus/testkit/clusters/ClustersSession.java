package io.altostratus.testkit.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.clusters.Cluster;
import io.altostratus.core.clusters.ClusterCondition;
import io.altostratus.core.clusters.ClusterRules;
import io.altostratus.core.clusters.ClusterSpec;
import io.altostratus.core.clusters.ClusterState;
import io.altostratus.core.clusters.ClusterUpdate;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import io.altostratus.core.clusters.NodePool;
import io.altostratus.core.clusters.NodePoolSpec;
import io.altostratus.core.clusters.NodePoolState;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.wait.Waiter;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One clusters contract test's view of a backend: the service of account A (more on demand), a run id that names
 * what the test makes, waiters on the fixture's clock, error assertions, and a best-effort clean-up (pools, then
 * clusters) of every cluster made through it. The kit hands one to each test method and closes it afterwards.
 */
public final class ClustersSession implements AutoCloseable {
    private final ClustersFixture fixture;
    private final String runId;
    private final Clusters clusters;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final Set<String> made = Collections.synchronizedSet(new LinkedHashSet<>());
    private boolean closed;

    public ClustersSession(ClustersFixture fixture) {
        this.fixture = Objects.requireNonNull(fixture, "fixture");
        this.runId = "ck" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.clusters = open(Account.A);
    }

    public ClustersFixture fixture() {
        return fixture;
    }

    /** The service of account A. */
    public Clusters clusters() {
        return clusters;
    }

    /** Another service (closed with this session). */
    public Clusters open(Account account) {
        Clusters c = fixture.open(account);
        opened.add(c);
        return c;
    }

    /** A compute session of the account on the same backend, or a skipped test when the fixture has none. */
    public ComputeProvider compute(Account account) {
        Optional<ComputeProvider> compute = fixture.compute(account);
        assumeTrue(compute.isPresent(), "the fixture gives no compute session to look at nodes with");
        opened.add(compute.get());
        return compute.get();
    }

    /** {@code <runId>-<suffix>}: a cluster name no other test uses. */
    public String name(String suffix) {
        return runId + "-" + suffix;
    }

    /** A spec named {@code name(suffix)}. */
    public ClusterSpec.Builder spec(String suffix) {
        return ClusterSpec.builder(name(suffix));
    }

    /** A pool spec of the fixture's node type. */
    public NodePoolSpec pool(String name, int desired, int min, int max) {
        return new NodePoolSpec(name, fixture.nodeInstanceType(), desired, min, max, null, null, null, null);
    }

    /** Creates through account A and remembers the cluster for clean-up. */
    public Cluster create(ClusterSpec spec) {
        made.add(spec.name());
        return clusters.create(spec);
    }

    /** Creates and waits until active. */
    public Cluster createActive(ClusterSpec spec) {
        create(spec);
        return awaitCluster(spec.name(), ClusterCondition.ACTIVE);
    }

    public Waiter waiter() {
        return Waiter.builder().clock(fixture.clock()).sleeper(fixture::advance).timeout(fixture.timeout()).build();
    }

    public Cluster awaitCluster(String name, ClusterCondition condition) {
        return clusters.waitFor(name, condition, waiter());
    }

    public NodePool awaitPool(String cluster, String pool, ClusterCondition condition) {
        return clusters.waitForNodePool(cluster, pool, condition, waiter());
    }

    public ClusterUpdate awaitUpdate(String cluster, String updateId) {
        return clusters.waitForUpdate(cluster, updateId, waiter());
    }

    // ---- versions -------------------------------------------------------------------------------------------------

    /**
     * The oldest offered version whose next {@code steps} minor versions are offered too, so a test can upgrade that
     * many times; the test is skipped when the backend offers no such run.
     */
    public String versionWithNext(int steps) {
        List<String> offered = clusters.versions().stream().map(KubernetesVersion::version).toList();
        for (String v : offered) {
            boolean all = true;
            for (int i = 1; i <= steps && all; i++) {
                all = offered.contains(next(v, i));
            }
            if (all) {
                return v;
            }
        }
        assumeTrue(false, "the backend offers no " + (steps + 1) + " consecutive minor versions");
        return null;
    }

    /** {@code version} moved {@code steps} minor versions on. */
    public static String next(String version, int steps) {
        return ClusterRules.major(version) + "." + (ClusterRules.minor(version) + steps);
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    /** Asserts the call fails with an {@link AltoException} of {@code code} and returns it. */
    public AltoException expectError(ErrorCode code, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an AltoException with code %s", code).isInstanceOf(AltoException.class);
        AltoException e = (AltoException) thrown;
        assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).as("the error says what is wrong").isNotBlank();
        return e;
    }

    // ---- clean-up -------------------------------------------------------------------------------------------------

    /** Deletes the pools and then the clusters the test made, ignoring what is gone; problems go to stderr. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        List<String> names;
        synchronized (made) {
            names = List.copyOf(made);
        }
        for (String name : names) {
            try {
                Optional<Cluster> cluster = clusters.get(name);
                if (cluster.isEmpty()) {
                    continue;
                }
                if (cluster.get().state() != ClusterState.DELETING) {
                    // Some clouds refuse to delete what is still changing: let it settle first.
                    List<String> refused = new ArrayList<>();
                    for (NodePool p : clusters.nodePools(name)) {
                        if (p.state() == NodePoolState.CREATING || p.state() == NodePoolState.UPDATING) {
                            awaitPool(name, p.name(), ClusterCondition.ACTIVE);
                        }
                        if (p.state() != NodePoolState.DELETING) {
                            try {
                                clusters.deleteNodePool(name, p.name());
                            } catch (AltoException e) {
                                // AKS keeps a cluster's last System pool until its other pools are gone.
                                if (e.code() != ErrorCode.INVALID_STATE) {
                                    throw e;
                                }
                                refused.add(p.name());
                            }
                        }
                    }
                    for (NodePool p : clusters.nodePools(name)) {
                        if (!refused.contains(p.name())) {
                            awaitPool(name, p.name(), ClusterCondition.DELETED);
                        }
                    }
                    for (String pool : refused) {
                        clusters.deleteNodePool(name, pool);
                        awaitPool(name, pool, ClusterCondition.DELETED);
                    }
                    if (clusters.require(name).state().isTransitional()) {
                        awaitCluster(name, ClusterCondition.ACTIVE);
                    }
                    clusters.delete(name);
                }
                awaitCluster(name, ClusterCondition.DELETED);
            } catch (RuntimeException e) {
                problems.add("clean-up of cluster " + name + ": " + e);
            }
        }
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                problems.add("close: " + e);
            }
        }
        problems.forEach(p -> System.err.println("[clusters contract] " + p));
    }
}
