package io.altostratus.testkit;

import io.altostratus.core.spi.ComputeProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What a provider's contract test tells the kit: how to open sessions, what to launch, how time passes, and what
 * this provider's ids look like.
 *
 * <p>{@link #open(Account)} must return a fresh session on the <em>same</em> backing state every time it is
 * called during one test: two sessions of account A see each other's resources, sessions of A and B share the
 * backend but not each other's resources. The kit closes every session it opens.
 *
 * <p>Time: the kit never sleeps. Its waiters read {@link #clock()} and call {@link #advance(Duration)} between
 * polls, so a fixture on a {@link io.altostratus.core.wait.ManualClock} moves that clock (and the provider, which
 * reads the same clock, sees the time pass), while a fixture on a real-time backend pauses for real there.
 *
 * <p>Ids: the kit never writes an id of its own. Where it needs one that names nothing or one that is malformed, it
 * asks {@link #missingId} or {@link #malformedId}. The defaults suit EC2-shaped providers; a provider with ids of
 * its own overrides them for {@link ResourceKind#INSTANCE} and {@link ResourceKind#IMAGE} and for the kinds of the
 * extensions it offers. Returning null skips the checks that need such an id.
 */
public interface ProviderFixture {

    /** The two tenants the kit uses; the fixture maps them to its own account names or credentials. */
    enum Account { A, B }

    /** Opens a new session for the account on this fixture's backing state. */
    ComputeProvider open(Account account);

    /** An image id or alias that launches with {@link #instanceType()}, e.g. {@code ubuntu:24.04}. */
    String image();

    /** An instance type that runs {@link #image()}, e.g. {@code t3.micro}. */
    String instanceType();

    /** The clock the provider and the kit's waiters share. */
    Clock clock();

    /** Lets {@code duration} of provider time pass (moves a manual clock, or waits on a real backend). */
    void advance(Duration duration);

    /** How long any single wait may take, in the fixture's time. */
    default Duration timeout() {
        return Duration.ofMinutes(10);
    }

    /**
     * Image aliases ({@code distro:release[/arch]}) this provider resolves; the kit checks each resolves to an image
     * of that distro, release and architecture. Defaults to {@link #image()} when that is an alias.
     */
    default List<String> imageAliases() {
        return image().indexOf(':') >= 0 ? List.of(image()) : List.of();
    }

    /**
     * A well-formed id of that kind that names nothing, so calls with it fail with {@code NOT_FOUND}; null when the
     * fixture cannot give one (the checks that need it are skipped). The default has EC2's shape
     * ({@code i-0fedcba9876543210}).
     */
    default String missingId(ResourceKind kind) {
        return kind.ec2MissingId();
    }

    /**
     * An id of that kind the provider must reject as malformed ({@code INVALID_PARAMETER}); null when every string is
     * a well-formed id for it. The default is malformed for every known backend.
     */
    default String malformedId(ResourceKind kind) {
        return "not an id!";
    }

    /** An instance type name the provider does not offer. */
    default String unknownInstanceType() {
        return "zz9.plural";
    }

    /**
     * Whether errors carry EC2's own error codes as {@code providerCode} (the local cloud, and AWS or the gateway
     * through the SDK); when true the kit checks them too.
     */
    default boolean ec2ErrorCodes() {
        return false;
    }
}
