package io.altostratus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.FaultKind;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws provider's own retries and capacity fallback against a gateway that injects faults ({@code alto serve
 * --faults}): every injected throttle or server error is one retry the provider's listener hears of, a launch that
 * meets a shortage lands in another zone when fallback is on, and a read of a just-made instance waits out the
 * eventual window. Gateway and provider share one manual clock, so the provider's backoff advances the time the
 * gateway's faults are judged by and nothing sleeps.
 */
class AwsProviderUnderFaultsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
    /** "operation:code" per retry the provider made. */
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    @TempDir
    Path keys;

    private StateStore store;
    private Faults faults;
    private Backend backend;
    private Gateway gateway;

    @BeforeEach
    void start() {
        store = StateStores.inMemory();
        faults = Faults.create(FaultPlan.NONE, 20261207L, clock);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()),
                new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of("transition_ms", "0"),
                        null),
                faults.decorator());
        gateway = Gateway.builder().port(0).stateStore(store).faults(faults)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        backend.close();
        store.close();
    }

    private ComputeProvider provider(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("access_key_id", "test", "secret_access_key", "test",
                "ssm", "false", "key_dir", keys.toString(), "max_attempts", "6", "retry_base_ms", "200",
                "retry_max_ms", "2000"));
        settings.putAll(extra);
        AwsProviderFactory factory = new AwsProviderFactory(clock, (operation, code, attempt, delay) -> {
            retried.add(operation + ":" + code);
            delays.add(delay);
        });
        return factory.open(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT,
                gateway.endpoint().toString(), null, settings, clock));
    }

    private static LaunchSpec launch(String zone) {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").zone(zone).build();
    }

    private long retriedWith(String code) {
        return retried.stream().filter(r -> r.endsWith(":" + code)).count();
    }

    @Test
    void everyInjectedThrottleIsOneRetryOfTheProvider() {
        try (ComputeProvider aws = provider(Map.of())) {
            aws.launch(launch("us-east-1b"));
            faults.replace(FaultPlan.parse("throttle=25%"));
            Instant before = clock.instant();

            for (int i = 0; i < 30; i++) {
                assertThat(aws.instances(InstanceQuery.all())).hasSize(1);
            }

            long injected = faults.injected().get(FaultKind.THROTTLE);
            assertThat(injected).as("a quarter of at least 30 backend calls, with this seed").isGreaterThan(4);
            assertThat(retriedWith("RequestLimitExceeded")).isEqualTo(injected);
            assertThat(retried).allMatch(r -> r.equals("DescribeInstances:RequestLimitExceeded"));
            assertThat(Duration.between(before, clock.instant())).as("the backoff was taken, on the manual clock")
                    .isEqualTo(delays.stream().reduce(Duration.ZERO, Duration::plus)).isPositive();
        }
    }

    @Test
    void everyInjectedServerErrorIsOneRetryOfTheProvider() {
        try (ComputeProvider aws = provider(Map.of())) {
            faults.replace(FaultPlan.parse("error=25%"));

            for (int i = 0; i < 30; i++) {
                assertThat(aws.instances(InstanceQuery.all())).isEmpty();
            }

            long injected = faults.injected().get(FaultKind.ERROR);
            assertThat(injected).isGreaterThan(4);
            assertThat(retriedWith("InternalError") + retriedWith("Unavailable")).isEqualTo(injected);
            assertThat(retriedWith("InternalError")).isPositive();
            assertThat(retriedWith("Unavailable")).isPositive();
        }
    }

    @Test
    void aShortZoneIsLeftForAnotherWhenFallbackIsOn() {
        try (ComputeProvider aws = provider(Map.of("capacity_fallback", "true"))) {
            faults.replace(FaultPlan.parse("capacity=t3.micro@us-east-1a"));

            Instance made = aws.launch(launch("us-east-1a")).get(0);

            assertThat(made.zone()).isNotEqualTo("us-east-1a").startsWith("us-east-1");
            assertThat(made.instanceType()).isEqualTo("t3.micro");
            assertThat(faults.injected().get(FaultKind.CAPACITY)).as("one refusal, then another zone").isEqualTo(1);
            assertThat(retriedWith("InsufficientInstanceCapacity")).as("a shortage is not retried in place").isZero();
        }
    }

    @Test
    void withoutFallbackAShortZoneIsTheCallersError() {
        try (ComputeProvider aws = provider(Map.of())) {
            faults.replace(FaultPlan.parse("capacity=t3.micro@us-east-1a"));

            AltoException refused = catchThrowableOfType(AltoException.class, () -> aws.launch(launch("us-east-1a")));

            assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
            assertThat(refused.providerCode()).isEqualTo("InsufficientInstanceCapacity");
            assertThat(faults.injected().get(FaultKind.CAPACITY)).isEqualTo(1);
            assertThat(aws.instances(InstanceQuery.all())).as("nothing was made").isEmpty();
        }
    }

    @Test
    void aRegionOverQuotaIsTheCallersErrorEvenWithFallbackOn() {
        try (ComputeProvider aws = provider(Map.of("capacity_fallback", "true"))) {
            faults.replace(FaultPlan.parse("quota=us-east-1"));

            AltoException refused = catchThrowableOfType(AltoException.class, () -> aws.launch(launch("us-east-1a")));

            assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(refused.providerCode()).isEqualTo("InstanceLimitExceeded");
            assertThat(faults.injected().get(FaultKind.QUOTA)).as("another zone of the region has the same limit")
                    .isEqualTo(1);
            assertThat(retriedWith("InstanceLimitExceeded")).as("a used-up limit is not retried").isZero();
            assertThat(aws.instances(InstanceQuery.all())).as("nothing was made").isEmpty();
        }
    }

    @Test
    void aReadOfAJustMadeInstanceWaitsOutTheEventualWindow() {
        try (ComputeProvider aws = provider(Map.of())) {
            faults.replace(FaultPlan.parse("eventual=5s"));
            Instance made = aws.launch(launch("us-east-1a")).get(0);
            Instant launched = clock.instant();

            List<Instance> read = aws.instances(InstanceQuery.ids(List.of(made.id())));

            assertThat(read).extracting(Instance::id).containsExactly(made.id());
            assertThat(retriedWith("InvalidInstanceID.NotFound")).as("not found while hidden, retried").isPositive();
            assertThat(Duration.between(launched, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(faults.injected().get(FaultKind.EVENTUAL)).isEqualTo(retriedWith("InvalidInstanceID.NotFound"));
        }
    }
}
