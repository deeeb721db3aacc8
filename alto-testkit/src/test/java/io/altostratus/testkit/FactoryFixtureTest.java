package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.testkit.ProviderFixture.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactoryFixtureTest {
    /** Records the contexts it is asked to open; the sessions themselves are not needed here. */
    private static final class RecordingFactory implements ProviderFactory {
        final List<ProviderContext> opened = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "records contexts";
        }

        @Override
        public ComputeProvider open(ProviderContext context) {
            opened.add(context);
            return null;
        }
    }

    @Test
    void sessionsShareStateDirSettingsAndClockButNotTheAccount() {
        RecordingFactory factory = new RecordingFactory();
        FactoryFixture fixture = FactoryFixture.builder(factory).region("r1").stateDir(Path.of("/tmp/state"))
                .setting("transition_ms", "0").image("ubuntu:24.04").instanceType("t3.micro").build();

        fixture.open(Account.A);
        fixture.open(Account.B);
        fixture.open(Account.A);

        assertThat(factory.opened).hasSize(3);
        assertThat(factory.opened).extracting(ProviderContext::account)
                .containsExactly("111111111111", "222222222222", "111111111111");
        assertThat(factory.opened).allSatisfy(c -> {
            assertThat(c.region()).isEqualTo("r1");
            assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/state"));
            assertThat(c.setting("transition_ms", null)).isEqualTo("0");
            assertThat(c.clock()).isSameAs(fixture.clock());
        });
    }

    @Test
    void advanceMovesTheClockSessionsRead() {
        RecordingFactory factory = new RecordingFactory();
        FactoryFixture fixture = FactoryFixture.builder(factory).image("i").instanceType("t").build();
        var before = fixture.context(Account.A).clock().instant();

        fixture.advance(Duration.ofSeconds(90));

        assertThat(fixture.context(Account.B).clock().instant()).isEqualTo(before.plusSeconds(90));
    }

    @Test
    void imageAliasesDefaultToTheImageWhenItIsAnAlias() {
        RecordingFactory factory = new RecordingFactory();
        assertThat(FactoryFixture.builder(factory).image("ubuntu:24.04").instanceType("t").build().imageAliases())
                .containsExactly("ubuntu:24.04");
        assertThat(FactoryFixture.builder(factory).image("ami-0123456789abcdef0").instanceType("t").build()
                .imageAliases()).isEmpty();
        assertThat(FactoryFixture.builder(factory).image("ami-0123456789abcdef0").instanceType("t")
                .imageAliases(List.of("debian:12/arm64")).build().imageAliases()).containsExactly("debian:12/arm64");
    }

    @Test
    void idHooksDefaultToEc2ShapesAndTakeTheProvidersOwn() {
        RecordingFactory factory = new RecordingFactory();
        FactoryFixture ec2Shaped = FactoryFixture.builder(factory).image("i").instanceType("t").build();
        FactoryFixture own = FactoryFixture.builder(factory).image("i").instanceType("t")
                .missingId(ResourceKind.INSTANCE, "vm-00000000-0000-4000-8000-000000000000")
                .malformedId(ResourceKind.INSTANCE, "vm-not-a-uuid")
                .missingId(ResourceKind.VOLUME, null)
                .malformedId(ResourceKind.IMAGE, null)
                .build();

        assertThat(ec2Shaped.missingId(ResourceKind.INSTANCE)).isEqualTo("i-0fedcba9876543210");
        assertThat(ec2Shaped.missingId(ResourceKind.ELASTIC_ADDRESS)).isEqualTo("eipalloc-0fedcba9876543210");
        for (ResourceKind kind : ResourceKind.values()) {
            assertThat(kind.ec2().isWellFormed(ec2Shaped.missingId(kind))).as("%s", kind).isTrue();
            assertThat(ec2Shaped.malformedId(kind)).as("%s", kind).isEqualTo("not an id!");
        }
        assertThat(own.missingId(ResourceKind.INSTANCE)).isEqualTo("vm-00000000-0000-4000-8000-000000000000");
        assertThat(own.malformedId(ResourceKind.INSTANCE)).isEqualTo("vm-not-a-uuid");
        assertThat(own.missingId(ResourceKind.VOLUME)).as("none to give").isNull();
        assertThat(own.malformedId(ResourceKind.IMAGE)).as("none to give").isNull();
        assertThat(own.missingId(ResourceKind.IMAGE)).as("not overridden").isEqualTo("ami-0fedcba9876543210");
    }

    @Test
    void unknownTypeAndTimeoutHaveDefaultsAndMayBeGiven() {
        RecordingFactory factory = new RecordingFactory();
        FactoryFixture plain = FactoryFixture.builder(factory).image("i").instanceType("t").build();
        FactoryFixture given = FactoryFixture.builder(factory).image("i").instanceType("t")
                .unknownInstanceType("huge").timeout(Duration.ofMinutes(2)).build();

        assertThat(plain.unknownInstanceType()).isEqualTo("zz9.plural");
        assertThat(plain.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(given.unknownInstanceType()).isEqualTo("huge");
        assertThat(given.timeout()).isEqualTo(Duration.ofMinutes(2));
    }
}
