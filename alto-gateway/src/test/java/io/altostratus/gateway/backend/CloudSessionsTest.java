package io.altostratus.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.local.LocalProviderFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions per (account, region) on the local cloud: opened once, decorated then wrapped, closed on demand. */
class CloudSessionsTest {
    @Test
    void oneSessionPerAccountAndRegionWithItsOwnContextDecoratedThenWrapped() {
        List<String> opened = new ArrayList<>();
        List<String> layers = new ArrayList<>();
        ProviderFactory local = new LocalProviderFactory();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        ProviderFactory counting = new ProviderFactory() {
            @Override
            public String name() {
                return local.name();
            }

            @Override
            public String description() {
                return local.description();
            }

            @Override
            public ComputeProvider open(ProviderContext context) {
                assertThat(context.settings()).isEqualTo(Map.of("k", "v"));
                assertThat(context.clock()).isSameAs(clock);
                opened.add(context.account() + "/" + context.region());
                return local.open(context);
            }
        };
        ProviderContext template = new ProviderContext("eu-west-1", "template", null, null, Map.of("k", "v"), clock);
        try (CloudSessions sessions = new CloudSessions(counting, template,
                provider -> {
                    layers.add("decorated");
                    return new ForwardingComputeProvider(provider) { };
                },
                (provider, account) -> {
                    layers.add("wrapped for " + account);
                    return provider;
                })) {
            Cloud a = sessions.cloud("111111111111", "us-east-1");
            assertThat(sessions.cloud("111111111111", "us-east-1")).isSameAs(a);
            Cloud b = sessions.cloud("111111111111", "us-west-2");
            Cloud c = sessions.cloud("222222222222", "us-east-1");
            assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
            assertThat(opened).containsExactly("111111111111/us-east-1", "111111111111/us-west-2",
                    "222222222222/us-east-1");
            assertThat(layers).containsExactly("decorated", "wrapped for 111111111111", "decorated",
                    "wrapped for 111111111111", "decorated", "wrapped for 222222222222");
            assertThat(sessions.providerName()).isEqualTo("local");

            sessions.closeSessions();
            assertThat(sessions.cloud("111111111111", "us-east-1")).isNotSameAs(a);
            assertThat(opened).hasSize(4);
        }
    }
}
