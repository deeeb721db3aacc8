package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Outcome;
import io.altostratus.core.wait.Waiter;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One contract test's view of a provider: a {@link Cloud} for account A (more sessions on demand), a unique run id
 * that tags everything the test makes, waiters on the fixture's clock, error assertions, and a best-effort clean-up
 * of everything made through it. The kit hands one to each test method; {@link #close()} runs after the test.
 */
public final class ContractSession implements AutoCloseable {
    /** The tag key every instance the kit launches carries; its value is the run id. */
    public static final String RUN_TAG = "alto-contract-run";

    private final ProviderFixture fixture;
    private final String runId;
    private final Cloud cloud;
    private final List<Cloud> opened = new CopyOnWriteArrayList<>();
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private final Set<String> keyPairs = ConcurrentHashMap.newKeySet();
    private final Set<String> networks = ConcurrentHashMap.newKeySet();
    private final Set<String> securityGroups = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Set<String> snapshots = ConcurrentHashMap.newKeySet();
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    private final Set<String> interfaces = ConcurrentHashMap.newKeySet();
    private final Set<String> internetGateways = ConcurrentHashMap.newKeySet();
    private final Set<String> routeTables = ConcurrentHashMap.newKeySet();
    private final Set<String> addresses = ConcurrentHashMap.newKeySet();
    private boolean closed;

    public ContractSession(ProviderFixture fixture) {
        this.fixture = Objects.requireNonNull(fixture, "fixture");
        this.runId = "ct" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.cloud = open(Account.A);
    }

    public ProviderFixture fixture() {
        return fixture;
    }

    /** Unique per test: lowercase letters and digits, usable in names on every provider. */
    public String runId() {
        return runId;
    }

    /** {@code <runId>-<suffix>}: a name no other test uses. */
    public String name(String suffix) {
        return runId + "-" + suffix;
    }

    /** The session of account A. */
    public Cloud cloud() {
        return cloud;
    }

    /** Opens another session (closed with this one) whose waiters use the fixture's clock. */
    public Cloud open(Account account) {
        Cloud c = new Cloud(fixture.open(account), Waiter.builder().clock(fixture.clock()).sleeper(fixture::advance));
        opened.add(c);
        return c;
    }

    public boolean supports(Capability capability) {
        return cloud.supports(capability);
    }

    /**
     * The provider's extension of that type; when it offers none, the test is skipped (a JUnit assumption), so
     * extension contracts run exactly where the extension is offered.
     */
    public <T extends Extension> T offered(Class<T> type) {
        Optional<T> extension = cloud.extension(type);
        assumeTrue(extension.isPresent(), () -> "the provider does not offer " + type.getSimpleName());
        return extension.get();
    }

    /** Skips the test unless the provider has the capability (an extension it offers or a trait it lists). */
    public void assumeSupports(Capability capability) {
        assumeTrue(supports(capability), () -> "the provider does not offer " + capability
                + (capability.isTrait() ? " (a trait it would list in traits())" : ""));
    }

    // ---- ids ----------------------------------------------------------------------------------------------------

    /** The fixture's well-formed id of that kind that names nothing; skips the test when the fixture has none. */
    public String missingId(ResourceKind kind) {
        String id = fixture.missingId(kind);
        assumeTrue(id != null, () -> "the fixture gives no missing id of kind " + kind);
        return id;
    }

    /** The fixture's malformed id of that kind; skips the test when every string is well-formed for the provider. */
    public String malformedId(ResourceKind kind) {
        String id = fixture.malformedId(kind);
        assumeTrue(id != null, () -> "the fixture gives no malformed id of kind " + kind);
        return id;
    }

    /**
     * Checks the shape of an id the provider just handed out: EC2's long form as EC2 mints it today (the prefix and 17
     * hex digits) when the provider lists the {@link Capability#EC2_IDS} trait (that is its promise), else only that
     * there is an id.
     */
    public void assertIdShape(Ec2IdKind kind, String id) {
        assertThat(id).as("%s id", kind).isNotBlank();
        if (supports(Capability.EC2_IDS)) {
            assertThat(id).as("an EC2 %s id (the provider lists EC2_IDS)", kind)
                    .matches(Pattern.quote(kind.prefix()) + "-[0-9a-f]{17}");
        }
    }

    // ---- launching ----------------------------------------------------------------------------------------------

    /** A launch spec for the fixture's image and type, tagged with the run id. */
    public LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image(fixture.image()).instanceType(fixture.instanceType()).tag(RUN_TAG, runId);
    }

    /** Launches through account A's session and remembers the instances for clean-up. */
    public List<Instance> launch(UnaryOperator<LaunchSpec.Builder> customizer) {
        return launch(cloud, customizer);
    }

    /** Launches through the given session and remembers the instances for clean-up. */
    public List<Instance> launch(Cloud on, UnaryOperator<LaunchSpec.Builder> customizer) {
        try {
            List<Instance> made = on.launch(customizer.apply(spec()).build());
            made.forEach(i -> instances.add(i.id()));
            return made;
        } catch (PartialLaunchException e) {
            e.launched().forEach(i -> instances.add(i.id()));
            throw e;
        }
    }

    /** Launches one instance named {@code name(suffix)}. */
    public Instance launchOne(String suffix) {
        List<Instance> made = launch(b -> b.name(name(suffix)));
        assertThat(made).as("instances returned by a launch of count 1").hasSize(1);
        return made.get(0);
    }

    /** Launches one instance and waits until it runs. */
    public Instance launchRunning(String suffix) {
        return awaitState(launchOne(suffix).id(), InstanceCondition.RUNNING);
    }

    /** {@link Cloud#waitFor} on account A with the fixture's timeout. */
    public Instance awaitState(String id, InstanceCondition condition) {
        return cloud.waitFor(id, condition, fixture.timeout());
    }

    /** {@link Cloud#waitForAll} on account A with the fixture's timeout. */
    public List<Instance> awaitAll(Collection<String> ids, InstanceCondition condition) {
        return cloud.waitForAll(ids, condition, fixture.timeout());
    }

    // ---- listing ------------------------------------------------------------------------------------------------

    /** A query builder already restricted to this run's instances. */
    public InstanceQuery.Builder query() {
        return InstanceQuery.builder().tag(TagFilter.equals(RUN_TAG, runId));
    }

    /** The ids account A lists for this run's query with the customizer's extra criteria, in listing order. */
    public List<String> listIds(UnaryOperator<InstanceQuery.Builder> customizer) {
        return cloud.instances(customizer.apply(query()).build()).stream().map(Instance::id).toList();
    }

    /** Every instance of this run account A lists. */
    public List<Instance> listRun() {
        return cloud.instances(query().build());
    }

    public static List<String> ids(Collection<Instance> list) {
        return list.stream().map(Instance::id).toList();
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    /** A waiter on the fixture's clock that advances it between polls. */
    public Waiter waiter() {
        return Waiter.builder().clock(fixture.clock()).sleeper(fixture::advance).timeout(fixture.timeout()).build();
    }

    /** Polls until {@code done} accepts a value; fails with {@code TIMEOUT} after the fixture's timeout. */
    public <T> T await(String what, Supplier<T> poll, Predicate<T> done) {
        return waiter().until(what, poll, v -> done.test(v) ? Outcome.SUCCESS : Outcome.RETRY, String::valueOf);
    }

    /**
     * Retries an assertion while fixture time passes until it holds, for providers whose listings catch up
     * eventually; a consistent provider passes on the first try. When time runs out the last failure is thrown.
     */
    public void eventually(String what, Runnable assertion) {
        eventually(waiter(), what, assertion);
    }

    static void eventually(Waiter waiter, String what, Runnable assertion) {
        AssertionError[] last = new AssertionError[1];
        try {
            waiter.until(what, () -> {
                try {
                    assertion.run();
                    return Boolean.TRUE;
                } catch (AssertionError e) {
                    last[0] = e;
                    return Boolean.FALSE;
                }
            }, ok -> ok ? Outcome.SUCCESS : Outcome.RETRY, ok -> last[0] == null ? "ok" : last[0].getMessage());
        } catch (AltoException e) {
            if (e.code() == ErrorCode.TIMEOUT && last[0] != null) {
                throw last[0];
            }
            throw e;
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------------

    /**
     * Asserts the call fails with an {@link AltoException} of {@code code}, and, when the fixture speaks EC2's
     * codes and {@code ec2Code} is given, with that provider code.
     */
    public AltoException expectError(ErrorCode code, String ec2Code, ThrowingCallable call) {
        return expectError(EnumSet.of(code), ec2Code == null ? Set.of() : Set.of(ec2Code), call);
    }

    /** As {@link #expectError(ErrorCode, String, ThrowingCallable)} with alternatives for both codes. */
    public AltoException expectError(Set<ErrorCode> codes, Set<String> ec2Codes, ThrowingCallable call) {
        return expectError(fixture.ec2ErrorCodes(), codes, ec2Codes, call);
    }

    static AltoException expectError(boolean checkEc2Codes, Set<ErrorCode> codes, Set<String> ec2Codes,
                                     ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an AltoException with code %s", codes).isInstanceOf(AltoException.class);
        AltoException e = (AltoException) thrown;
        assertThat(e.code()).as("error code of: %s", e.getMessage()).isIn(codes);
        if (checkEc2Codes && !ec2Codes.isEmpty()) {
            assertThat(e.providerCode()).as("EC2 error code of: %s", e.getMessage()).isIn(ec2Codes);
        }
        return e;
    }

    // ---- clean-up -----------------------------------------------------------------------------------------------

    public void trackInstance(String id) { instances.add(id); }
    public void trackKeyPair(String name) { keyPairs.add(name); }
    public void trackNetwork(String id) { networks.add(id); }
    public void trackSecurityGroup(String id) { securityGroups.add(id); }
    public void trackVolume(String id) { volumes.add(id); }
    public void trackSnapshot(String id) { snapshots.add(id); }
    public void trackImage(String id) { images.add(id); }
    public void trackInterface(String id) { interfaces.add(id); }
    public void trackInternetGateway(String id) { internetGateways.add(id); }
    public void trackRouteTable(String id) { routeTables.add(id); }
    public void trackAddress(String allocationId) { addresses.add(allocationId); }

    /**
     * Deletes what the test made, in dependency order, ignoring what is already gone. Clean-up failures are
     * reported on stderr, not thrown: they are not what the test is about and must not hide its real failure.
     * Resources of an extension are only tracked by tests that ran because the provider offers it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        Optional<NetworkInterfaces> nics = cloud.extension(NetworkInterfaces.class);
        Optional<Volumes> vols = cloud.extension(Volumes.class);
        nics.ifPresent(n -> interfaces.forEach(id -> ignoringErrors(() -> n.detachNetworkInterface(id, true))));
        vols.ifPresent(v -> volumes.forEach(id -> ignoringErrors(() -> v.detachVolume(id, true))));
        for (String id : images) {
            quietly(problems, "delete image " + id, () -> cloud.deleteImage(id, true), false);
        }
        Set<String> live = new LinkedHashSet<>(instances);
        if (!live.isEmpty()) {
            quietly(problems, "terminate " + live, () -> {
                List<String> existing = new ArrayList<>();
                for (String id : live) {
                    try {
                        if (cloud.instance(id).state() != InstanceState.TERMINATED) {
                            existing.add(id);
                        }
                    } catch (AltoException e) {
                        if (e.code() != ErrorCode.NOT_FOUND) {
                            throw e;
                        }
                    }
                }
                if (!existing.isEmpty()) {
                    cloud.terminate(existing);
                    cloud.waitForAll(existing, InstanceCondition.TERMINATED, fixture.timeout());
                }
            }, false);
        }
        nics.ifPresent(n -> interfaces.forEach(id ->
                quietly(problems, "delete " + id, () -> n.deleteNetworkInterface(id), true)));
        vols.ifPresent(v -> volumes.forEach(id -> quietly(problems, "delete " + id, () -> v.deleteVolume(id), true)));
        cloud.extension(Snapshots.class).ifPresent(x -> snapshots.forEach(id ->
                quietly(problems, "delete " + id, () -> x.deleteSnapshot(id), true)));
        Optional<Ec2Networking> ec2 = cloud.extension(Ec2Networking.class);
        cloud.extension(ElasticAddresses.class).ifPresent(eips -> {
            for (String id : addresses) {
                // Terminating an instance already ended its association; one with an interface may remain.
                ignoringErrors(() -> eips.addresses().stream().filter(a -> a.allocationId().equals(id)
                        && a.associationId() != null).forEach(a -> eips.disassociateAddress(a.associationId())));
                quietly(problems, "release " + id, () -> eips.releaseAddress(id), true);
            }
        });
        ec2.ifPresent(x -> {
            for (String id : routeTables) {
                ignoringErrors(() -> x.routeTables().stream().filter(t -> t.id().equals(id))
                        .flatMap(t -> t.associations().stream()).filter(a -> !a.main())
                        .forEach(a -> x.disassociateRouteTable(a.id())));
                quietly(problems, "delete " + id, () -> x.deleteRouteTable(id), true);
            }
        });
        cloud.extension(SecurityGroups.class).ifPresent(x -> securityGroups.forEach(id ->
                quietly(problems, "delete " + id, () -> x.deleteSecurityGroup(id), true)));
        cloud.extension(Networks.class).ifPresent(x -> networks.forEach(id ->
                quietly(problems, "delete " + id, () -> x.deleteNetwork(id, true), true)));
        ec2.ifPresent(x -> {
            for (String id : internetGateways) {
                ignoringErrors(() -> x.internetGateways().stream().filter(g -> g.id().equals(id))
                        .flatMap(g -> g.attachments().stream())
                        .forEach(a -> x.detachInternetGateway(id, a.networkId())));
                quietly(problems, "delete " + id, () -> x.deleteInternetGateway(id), true);
            }
        });
        cloud.extension(KeyPairs.class).ifPresent(x -> keyPairs.forEach(name ->
                quietly(problems, "delete key " + name, () -> x.deleteKeyPair(name), false)));
        for (Cloud c : opened) {
            quietly(problems, "close session", c::close, false);
        }
        if (!problems.isEmpty()) {
            System.err.println("contract clean-up of run " + runId + " left: " + String.join("; ", problems));
        }
    }

    private static final Set<ErrorCode> WORTH_RETRYING = EnumSet.of(ErrorCode.INVALID_STATE,
            ErrorCode.DEPENDENCY_VIOLATION, ErrorCode.THROTTLED);

    // Detaching and deleting may have to wait for an attachment or a termination to settle; retry those on the
    // fixture's clock instead of giving up at once.
    private void quietly(List<String> problems, String what, Runnable action, boolean retry) {
        try {
            if (!retry) {
                runIgnoringGone(action);
                return;
            }
            waiter().until(what, () -> {
                try {
                    runIgnoringGone(action);
                    return Boolean.TRUE;
                } catch (AltoException e) {
                    if (WORTH_RETRYING.contains(e.code())) {
                        return Boolean.FALSE;
                    }
                    throw e;
                }
            }, ok -> ok ? Outcome.SUCCESS : Outcome.RETRY, ok -> ok ? "done" : "still blocked");
        } catch (RuntimeException | AssertionError e) {
            problems.add(what + ": " + e.getMessage());
        }
    }

    private static void runIgnoringGone(Runnable action) {
        try {
            action.run();
        } catch (AltoException e) {
            // Already gone: nothing left to undo.
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
    }

    // Detaching what may never have been attached: whatever the provider says, the delete that follows decides.
    private static void ignoringErrors(Runnable action) {
        try {
            action.run();
        } catch (AltoException ignored) {
            // see above
        }
    }

    /** The run tag as a map, for resources made directly through {@link #cloud()}. */
    public Map<String, String> runTags() {
        return Map.of(RUN_TAG, runId);
    }
}
