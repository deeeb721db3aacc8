package io.altostratus.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.Ownership;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.ManualClock;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What an aws session offers beyond the core, and whom the catalog refresh service calls as. Nothing here reaches
 * an endpoint: offering an extension and choosing credentials make no calls.
 */
class AwsProviderSurfaceTest {
    @TempDir
    Path keys;

    private ComputeProvider open(String endpoint, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("access_key_id", "AKIDFAKE", "secret_access_key", "secret",
                "ssm", "false", "key_dir", keys.toString(), "owner", "ci"));
        settings.putAll(extra);
        ManualClock clock = new ManualClock();
        return new AwsProviderFactory(clock, null).open(new ProviderContext("us-east-1", "123456789012", endpoint,
                null, settings, clock));
    }

    @Test
    void everyExtensionEc2HasIsOfferedWithTheTraitsOfAnEc2ShapedProvider() {
        try (ComputeProvider aws = open("http://127.0.0.1:9", Map.of())) {
            EnumSet<Capability> expected = EnumSet.of(Capability.CLIENT_TOKEN, Capability.FORCE_STOP,
                    Capability.EC2_IDS);
            for (Capability c : Capability.values()) {
                // EC2 has no whole-machine snapshot a machine reverts to: that is a hypervisor's (Proxmox, vSphere).
                if (!c.isTrait() && c != Capability.INSTANCE_SNAPSHOTS) {
                    expected.add(c);
                }
            }
            assertThat(Capability.of(aws)).isEqualTo(expected);
            for (Class<? extends Extension> type : List.of(Volumes.class, Snapshots.class, KeyPairs.class,
                    Networks.class, SecurityGroups.class, NetworkInterfaces.class, ConsoleOutput.class,
                    Ec2Networking.class, ElasticAddresses.class, SpotRequests.class, Ec2MetadataOptions.class,
                    Ec2InstanceAttributes.class, Ownership.class)) {
                assertThat(aws.extension(type)).as(type.getSimpleName()).get().isInstanceOf(type);
            }
        }
    }

    @Test
    void guestAccessIsATraitOfRealEc2OnlyUnlessTheSettingsSayOtherwise() {
        try (ComputeProvider real = open(null, Map.of());
             ComputeProvider emulated = open("http://127.0.0.1:9", Map.of());
             ComputeProvider declared = open("http://127.0.0.1:9", Map.of("guest_access", "true"))) {
            assertThat(real.traits()).contains(Capability.GUEST_ACCESS);
            assertThat(emulated.traits()).doesNotContain(Capability.GUEST_ACCESS);
            assertThat(declared.traits()).contains(Capability.GUEST_ACCESS);
        }
    }

    @Test
    void ownershipIsTheSessionItselfAndNamesTheConfiguredOwner() {
        try (ComputeProvider aws = open("http://127.0.0.1:9", Map.of())) {
            Ownership ownership = aws.extension(Ownership.class).orElseThrow();
            assertThat(ownership).isSameAs(aws);
            assertThat(ownership.owner()).isEqualTo("ci");
        }
    }

    // ---- whom a catalog refresh calls as ------------------------------------------------------------------------

    private static AwsSettings settings(Map<String, String> values) {
        return AwsSettings.from(new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, values, null));
    }

    private static AwsCredentials refreshKeys(Map<String, String> settings, boolean endpoint,
                                              Map<String, String> environment) {
        return AwsProviderFactory.refreshCredentials(settings(settings), endpoint, environment).resolveCredentials();
    }

    @Test
    void theRefreshCallsAsTheSettingsKeysFirst() {
        AwsCredentials used = refreshKeys(Map.of("access_key_id", "AKIDSETTINGS", "secret_access_key", "s1"), true,
                Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "s2"));
        assertThat(used.accessKeyId()).isEqualTo("AKIDSETTINGS");
        assertThat(used.secretAccessKey()).isEqualTo("s1");
    }

    @Test
    void thenAsTheEnvironmentsKeysWithTheirSessionToken() {
        AwsCredentials used = refreshKeys(Map.of(), true, Map.of("AWS_ACCESS_KEY_ID", "AKIDENV",
                "AWS_SECRET_ACCESS_KEY", "s2", "AWS_SESSION_TOKEN", "tok"));
        assertThat(used.accessKeyId()).isEqualTo("AKIDENV");
        assertThat(used).isInstanceOfSatisfying(AwsSessionCredentials.class,
                s -> assertThat(s.sessionToken()).isEqualTo("tok"));
    }

    @Test
    void thenAgainstAnEndpointAsTheEmulatorsDefaultKeys() {
        AwsCredentials used = refreshKeys(Map.of(), true, Map.of("AWS_ACCESS_KEY_ID", "AKIDENV"));
        assertThat(used.accessKeyId()).isEqualTo("test");
        assertThat(used.secretAccessKey()).isEqualTo("test");
    }

    @Test
    void elseThroughTheSdksDefaultChain() {
        assertThat(AwsProviderFactory.refreshCredentials(settings(Map.of()), false, Map.of()))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }
}
