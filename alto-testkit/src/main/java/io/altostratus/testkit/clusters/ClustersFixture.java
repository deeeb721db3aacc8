package io.altostratus.testkit.clusters;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.testkit.ProviderFixture.Account;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What a clusters backend's contract test tells the kit: how to open the service for each of two accounts on one
 * backing state, how time passes, what node type to ask for, and (where nodes are compute instances the provider
 * also lists) how to open compute to look at them.
 *
 * <p>Time works as in {@link io.altostratus.testkit.ProviderFixture}: the kit never sleeps, its waiters read
 * {@link #clock()} and call {@link #advance(Duration)} between polls.
 */
public interface ClustersFixture {

    /** A new clusters service for the account on this fixture's backing state; the kit closes it. */
    Clusters open(Account account);

    /**
     * A compute session of the account on the same backend, to check that pool nodes are instances tagged
     * {@code alto:cluster} and {@code alto:nodepool}; empty when the backend's nodes are not listed there (the node
     * checks are then skipped). The kit closes it.
     */
    default Optional<ComputeProvider> compute(Account account) {
        return Optional.empty();
    }

    /** A node instance type the backend offers, or null for the backend's default. */
    String nodeInstanceType();

    /** The clock the backend and the kit's waiters share. */
    Clock clock();

    /** Lets {@code duration} of backend time pass. */
    void advance(Duration duration);

    /** How long any single wait may take, in the fixture's time. */
    default Duration timeout() {
        return Duration.ofMinutes(30);
    }
}
